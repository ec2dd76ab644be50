package search

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// compiled is a bleve query plus whether it may be dropped from a
// conjunction (a word that English analysis removes as a stop word).
type compiled struct {
	q          query.Query
	ignorable  bool
	isNegation bool // q is the negated child; the caller wraps it
}

// analyzerOf returns the analyzer used for a text field.
func analyzerOf(field string) string {
	switch field {
	case fieldTextEn:
		return analyzerEn
	case fieldTextUni:
		return analyzerUni
	case fieldTextSEA:
		return analyzerSEA
	case "title":
		return analyzerTitle
	case "author_lc":
		return analyzerUni
	}
	return analyzerKeyLC
}

// compiler turns parsed queries into bleve queries for one search.
type compiler struct {
	ix         *Index
	fields     []string    // text fields searched by free-text terms
	expansions []expansion // prefix and fuzzy queries made, checked before the search runs
}

// expand records a prefix (fuzziness 0) or fuzzy query of term in field for n.
func (ix *compiler) expand(n *termNode, field, term string, fuzziness int) {
	ix.expansions = append(ix.expansions, expansion{word: n.String(), pos: n.pos, field: field, term: term, fuzziness: fuzziness})
}

// analyze runs the named analyzer over s.
func (ix *compiler) analyze(analyzer, s string) analysis.TokenStream {
	return ix.ix.analyze(analyzer, s)
}

// compile turns a parsed query into a bleve query and lists the prefix and
// fuzzy queries in it (see checkExpansions).
func (ix *Index) compile(q *Query) (query.Query, []expansion, error) {
	if q == nil || q.root == nil {
		return query.NewMatchAllQuery(), nil, nil
	}
	cc := &compiler{ix: ix, fields: ix.searchFields()}
	c, err := cc.compileNode(q.root)
	if err != nil {
		return nil, nil, err
	}
	if c.isNegation {
		return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{c.q}), cc.expansions, nil
	}
	return c.q, cc.expansions, nil
}

func (ix *compiler) compileNode(n node) (compiled, error) {
	switch n := n.(type) {
	case *termNode:
		if n.field == "" {
			return ix.compileText(n)
		}
		return ix.compileField(n)
	case *rangeNode:
		var lo, hi *float64
		if n.min != nil {
			v := float64(*n.min)
			lo = &v
		}
		if n.max != nil {
			v := float64(*n.max)
			hi = &v
		}
		minIncl, maxIncl := n.minIncl, n.maxIncl
		rq := query.NewNumericRangeInclusiveQuery(lo, hi, &minIncl, &maxIncl)
		rq.SetField(n.field)
		return compiled{q: rq}, nil
	case *notNode:
		c, err := ix.compileNode(n.child)
		if err != nil {
			return compiled{}, err
		}
		if c.isNegation { // NOT NOT x == x
			return compiled{q: c.q}, nil
		}
		return compiled{q: c.q, isNegation: true}, nil
	case *orNode:
		var qs []query.Query
		ignorable := true
		for _, ch := range distinct(n.children) {
			c, err := ix.compileNode(ch)
			if err != nil {
				return compiled{}, err
			}
			ignorable = ignorable && c.ignorable
			if c.isNegation {
				c.q = query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{c.q})
			}
			qs = append(qs, c.q)
		}
		return compiled{q: query.NewDisjunctionQuery(qs), ignorable: ignorable}, nil
	case *andNode:
		var must, mustNot, dropped []query.Query
		for _, ch := range distinct(n.children) {
			c, err := ix.compileNode(ch)
			if err != nil {
				return compiled{}, err
			}
			switch {
			case c.isNegation:
				mustNot = append(mustNot, c.q)
			case c.ignorable:
				dropped = append(dropped, c.q)
			default:
				must = append(must, c.q)
			}
		}
		allIgnorable := len(must) == 0 && len(dropped) > 0
		if allIgnorable {
			must = dropped
		}
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		var q query.Query
		if len(mustNot) == 0 {
			q = query.NewConjunctionQuery(must)
		} else {
			q = query.NewBooleanQuery(must, nil, mustNot)
		}
		return compiled{q: q, ignorable: allIgnorable}, nil
	}
	return compiled{}, fmt.Errorf("search: unknown query node %T", n)
}

// distinct drops the children that repeat an earlier one (x AND x is x, x
// OR x is x): a repeated term would be searched again, and 800 copies of
// one wildcard cost 800 times its work.
func distinct(children []node) []node {
	seen := make(map[string]bool, len(children))
	out := children[:0:0]
	for _, ch := range children {
		if k := ch.String(); !seen[k] {
			seen[k] = true
			out = append(out, ch)
		}
	}
	return out
}

// analyze runs the named analyzer over s.
func (ix *Index) analyze(analyzer, s string) analysis.TokenStream {
	a := ix.mapping.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	return a.Analyze([]byte(s))
}

// hasSEA reports whether s contains characters of an unspaced script.
func hasSEA(s string) bool {
	for _, r := range s {
		if seaScript(r) {
			return true
		}
	}
	return false
}

// textQuery builds the query for one word or phrase in one analyzed field;
// nil if the analyzer drops every token.
func (ix *compiler) textQuery(field string, n *termNode) query.Query {
	analyzer := analyzerOf(field)
	toks := ix.analyze(analyzer, n.value)
	bigrams := field == fieldTextSEA && hasSEA(n.value)
	lower := strings.ToLower(n.value)
	if (n.prefix || n.fuzzy > 0) && !n.phrase && !bigrams && len(toks) <= 1 {
		stem := lower
		if len(toks) == 1 {
			stem = string(toks[0].Term)
		}
		if n.fuzzy > 0 {
			fq := query.NewFuzzyQuery(stem)
			fq.SetField(field)
			fq.SetFuzziness(n.fuzzy)
			ix.expand(n, field, stem, n.fuzzy)
			return fq
		}
		p := query.NewPrefixQuery(lower)
		p.SetField(field)
		ix.expand(n, field, lower, 0)
		if stem == lower {
			return p
		}
		ps := query.NewPrefixQuery(stem) // "happy*" also finds the stem "happi"
		ps.SetField(field)
		ix.expand(n, field, stem, 0)
		return query.NewDisjunctionQuery([]query.Query{p, ps})
	}
	if len(toks) == 0 {
		return nil
	}
	if len(toks) == 1 {
		tq := query.NewTermQuery(string(toks[0].Term))
		tq.SetField(field)
		return tq
	}
	// several tokens: a phrase, a hyphenated word, or bigrams of a Thai word
	return newPhraseQuery(toks, field, n.value, analyzer)
}

// compileText builds a free-text term over every text field.
func (ix *compiler) compileText(n *termNode) (compiled, error) {
	if n.fuzzy > 0 && len(ix.analyze(analyzerUni, n.value)) > 1 {
		return compiled{}, qerr(n.pos, "fuzzy ~ applies to one word, and %q is several", n.value)
	}
	var qs []query.Query
	enDropped := false
	for _, f := range ix.fields {
		q := ix.textQuery(f, n)
		if q == nil {
			if f == fieldTextEn {
				enDropped = true
			}
			continue
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return compiled{q: query.NewMatchNoneQuery(), ignorable: true}, nil
	}
	if len(qs) == 1 {
		return compiled{q: qs[0], ignorable: enDropped}, nil
	}
	return compiled{q: query.NewDisjunctionQuery(qs), ignorable: enDropped}, nil
}

// compileField builds a field:value condition.
func (ix *compiler) compileField(n *termNode) (compiled, error) {
	switch n.field {
	case "title", "author":
		field := "title"
		if n.field == "author" {
			field = "author_lc"
		}
		if n.fuzzy > 0 && len(ix.analyze(analyzerUni, n.value)) > 1 {
			return compiled{}, qerr(n.pos, "fuzzy ~ applies to one word, and %q is several", n.value)
		}
		q := ix.textQuery(field, n)
		if q == nil {
			return compiled{q: query.NewMatchNoneQuery()}, nil
		}
		return compiled{q: q}, nil
	}
	field, value := n.field+"_lc", strings.ToLower(n.value)
	switch n.field {
	case "study", "lang":
		field = n.field
	case "script":
		field = "script"
		if value != "" {
			value = string(unicode.ToUpper([]rune(value)[0])) + string([]rune(value)[1:])
		}
	}
	var q query.Query
	switch {
	case n.prefix:
		p := query.NewPrefixQuery(value)
		p.SetField(field)
		ix.expand(n, field, value, 0)
		q = p
	case n.fuzzy > 0:
		f := query.NewFuzzyQuery(value)
		f.SetField(field)
		f.SetFuzziness(n.fuzzy)
		ix.expand(n, field, value, n.fuzzy)
		q = f
	default:
		t := query.NewTermQuery(value)
		t.SetField(field)
		q = t
	}
	return compiled{q: q}, nil
}
