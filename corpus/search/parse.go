package search

import (
	"fmt"
	"strings"
	"unicode"
)

// QueryError reports a malformed (or too broad) query and where it is wrong.
type QueryError struct {
	Pos int    // 1-based column (in characters) of the problem
	Msg string // what is wrong, e.g. "unclosed quote"
	Err error  // a sentinel such as ErrQueryTooBroad, or nil
}

// Error returns the message with its column, e.g. "unclosed quote at column 12".
func (e *QueryError) Error() string {
	return fmt.Sprintf("%s at column %d", e.Msg, e.Pos)
}

// Unwrap returns the sentinel, if any.
func (e *QueryError) Unwrap() error { return e.Err }

func qerr(pos int, format string, args ...interface{}) *QueryError {
	return &QueryError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Fields accepted before a colon in a query, e.g. country:Thailand.
var queryFields = map[string]bool{
	"country": true, "sector": true, "code": true, "method": true, "rigor": true,
	"study": true, "title": true, "author": true, "lang": true, "script": true,
	"year": true, "page": true,
}

const knownFieldList = "country, sector, code, method, rigor, year, page, study, title, author, lang, script"

type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tPhrase
	tField // field name; the value token follows immediately
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tMinus
)

type token struct {
	kind tokKind
	text string
	pos  int // 1-based column
}

// lex splits a query into tokens.
func lex(q string) ([]token, error) {
	rs := []rune(q)
	var toks []token
	i := 0
	for i < len(rs) {
		r := rs[i]
		col := i + 1
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			toks = append(toks, token{tLParen, "(", col})
			i++
		case r == ')':
			toks = append(toks, token{tRParen, ")", col})
			i++
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			if j == len(rs) {
				return nil, qerr(col, "unclosed quote")
			}
			toks = append(toks, token{tPhrase, string(rs[i+1 : j]), col})
			i = j + 1
			if i < len(rs) && (rs[i] == '~' || rs[i] == '*') {
				return nil, qerr(i+1, "%q cannot follow a quoted phrase", rs[i])
			}
		case r == '-' || r == '+':
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || rs[i+1] == ')' {
				return nil, qerr(col, "%q must be followed by a word", r)
			}
			if r == '-' {
				toks = append(toks, token{tMinus, "-", col})
			}
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '(' && rs[j] != ')' && rs[j] != '"' {
				if rs[j] == ':' && j > i && isIdent(rs[i:j]) {
					break
				}
				j++
			}
			word := string(rs[i:j])
			if j < len(rs) && rs[j] == ':' {
				name := strings.ToLower(word)
				if !queryFields[name] {
					return nil, qerr(col, "unknown field %q (use one of %s)", word, knownFieldList)
				}
				if j+1 == len(rs) || unicode.IsSpace(rs[j+1]) || rs[j+1] == ')' || rs[j+1] == '(' {
					return nil, qerr(j+2, "missing value after %q", word+":")
				}
				toks = append(toks, token{tField, name, col})
				i = j + 1
				continue
			}
			kind := tWord
			switch word {
			case "AND", "&&":
				kind = tAnd
			case "OR", "||":
				kind = tOr
			case "NOT":
				kind = tNot
			}
			toks = append(toks, token{kind, word, col})
			i = j
		}
	}
	toks = append(toks, token{tEOF, "", len(rs) + 1})
	return toks, nil
}

// isIdent reports whether rs is a field-name-like word of ASCII letters.
func isIdent(rs []rune) bool {
	for _, r := range rs {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return len(rs) > 0
}

// Query is a parsed query, ready to be run by Index.Search.
type Query struct {
	root node // nil for the empty query, which matches everything
}

// String returns a normalised, fully parenthesised form of the query.
func (q *Query) String() string {
	if q == nil || q.root == nil {
		return "*"
	}
	return q.root.String()
}

// ParseQuery parses the query language:
//
//	labour trafficking         both words (implicit AND)
//	"debt bondage"             exact phrase
//	a AND b, a OR b, NOT a, -a, (a OR b) c
//	recruit*                   prefix
//	bondage~1, bondage~2       fuzzy (edit distance)
//	country:Thailand sector:construction code:"debt bondage" method:qualitative
//	rigor:high study:<guid> title:word author:name lang:th script:Thai
//	year:2015 year:>=2015 year:<2010 year:2010..2015 page:3
//
// AND binds tighter than OR; operators are upper case (lower-case "and" is
// a word). An empty query matches every chunk. A malformed query returns a
// *QueryError giving the column of the problem.
func ParseQuery(q string) (*Query, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tEOF {
		return &Query{}, nil
	}
	root, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, qerr(t.pos, "unexpected )")
		}
		return nil, qerr(t.pos, "unexpected %q", t.text)
	}
	return &Query{root: root}, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

// startsUnary reports whether t can begin an operand.
func startsUnary(t token) bool {
	switch t.kind {
	case tWord, tPhrase, tField, tLParen, tNot, tMinus:
		return true
	}
	return false
}

func (p *parser) parseOr() (node, error) {
	left, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	children := []node{left}
	for p.peek().kind == tOr {
		op := p.next()
		if !startsUnary(p.peek()) {
			return nil, qerr(op.pos, "OR needs a term after it")
		}
		right, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		children = append(children, right)
	}
	if len(children) == 1 {
		return left, nil
	}
	return &orNode{children}, nil
}

func (p *parser) parseAnd() (node, error) {
	first, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	children := []node{first}
	for {
		t := p.peek()
		if t.kind == tAnd {
			p.next()
			if !startsUnary(p.peek()) {
				return nil, qerr(t.pos, "AND needs a term after it")
			}
		} else if !startsUnary(t) {
			break
		}
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
	if len(children) == 1 {
		return first, nil
	}
	return &andNode{children}, nil
}

func (p *parser) parseUnary() (node, error) {
	t := p.peek()
	switch t.kind {
	case tNot, tMinus:
		p.next()
		if !startsUnary(p.peek()) || p.peek().kind == tNot && t.kind == tMinus {
			return nil, qerr(t.pos, "%s needs a term after it", t.text)
		}
		child, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return &notNode{child}, nil
	case tAnd, tOr:
		return nil, qerr(t.pos, "%s needs a term before it", t.text)
	case tRParen:
		return nil, qerr(t.pos, "unexpected )")
	case tEOF:
		return nil, qerr(t.pos, "query ends too early")
	}
	return p.parsePrimary()
}

func (p *parser) parsePrimary() (node, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		if p.peek().kind == tRParen {
			return nil, qerr(t.pos, "empty parentheses")
		}
		inner, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tRParen {
			return nil, qerr(t.pos, "unclosed parenthesis")
		}
		p.next()
		return inner, nil
	case tPhrase:
		if strings.TrimSpace(t.text) == "" {
			return nil, qerr(t.pos, "empty phrase")
		}
		return &termNode{value: t.text, phrase: true, pos: t.pos}, nil
	case tWord:
		return wordNode("", t)
	case tField:
		v := p.next()
		switch v.kind {
		case tPhrase:
			if t.text == "year" || t.text == "page" {
				return nil, qerr(v.pos, "%s: needs a number, not a phrase", t.text)
			}
			if strings.TrimSpace(v.text) == "" {
				return nil, qerr(v.pos, "empty phrase")
			}
			return &termNode{field: t.text, value: v.text, phrase: true, pos: t.pos}, nil
		case tWord, tAnd, tOr, tNot:
			if t.text == "year" || t.text == "page" {
				return parseRange(t.text, v)
			}
			return wordNode(t.text, v)
		}
		return nil, qerr(v.pos, "missing value after %q", t.text+":")
	}
	return nil, qerr(t.pos, "unexpected %q", t.text)
}

// wordNode parses a bare word with an optional * (prefix) or ~N (fuzzy) suffix.
func wordNode(field string, t token) (node, error) {
	w := t.text
	n := &termNode{field: field, pos: t.pos}
	if k := strings.IndexRune(w, '~'); k >= 0 {
		suffix := w[k+1:]
		switch suffix {
		case "", "1":
			n.fuzzy = 1
		case "2":
			n.fuzzy = 2
		default:
			return nil, qerr(t.pos+len([]rune(w[:k])), "fuzziness must be ~1 or ~2, not ~%s", suffix)
		}
		w = w[:k]
	}
	if k := strings.IndexRune(w, '*'); k >= 0 {
		if k != len(w)-1 {
			return nil, qerr(t.pos+len([]rune(w[:k])), "* is only allowed at the end of a word")
		}
		if n.fuzzy > 0 {
			return nil, qerr(t.pos, "a word cannot be both a prefix (*) and fuzzy (~)")
		}
		n.prefix = true
		w = w[:k]
	}
	if w == "" {
		return nil, qerr(t.pos, "%q is not a search term", t.text)
	}
	n.value = w
	return n, nil
}
