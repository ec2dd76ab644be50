package search

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// mappingVersion changes whenever the mapping or the analyzers change in a
// way that needs a rebuild; Open recreates indexes with another version.
const mappingVersion = "wb-search-5" // 5: studies indexed without their running heads, page and line numbers

// studyCodeSep joins a study GUID and a code name in the study_code field.
const studyCodeSep = "|"

// Analyzer and tokenizer names registered by this package.
const (
	seaTokenizerName = "wb_sea_bigram" // words + bigrams of unspaced scripts
	analyzerEn       = "wb_en"         // words + possessive + lower case + English stop words + Porter
	analyzerSEA      = "wb_sea"        // seaTokenizer + lower case
	analyzerUni      = "wb_uni"        // Unicode words + lower case, no stop words
	analyzerTitle    = "wb_title"      // seaTokenizer + possessive + lower case + Porter
	analyzerKeyLC    = "wb_keyword_lc" // whole value, lower case
)

func init() {
	if err := registry.RegisterTokenizer(seaTokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return seaTokenizer{words: wordTokenizer{}}, nil
	}); err != nil {
		panic(fmt.Sprintf("search: register tokenizer: %v", err))
	}
}

// seaTokenizer emits overlapping character bigrams for runs of Thai, Lao,
// Khmer and Myanmar text (which are written without spaces between words,
// and for which bleve has no dictionary segmenter), and words (see
// wordTokenizer) for everything else. A run of a single character is emitted as a
// unigram. Searching a word of such a script is then a phrase query over its
// bigrams, which finds the word wherever it occurs.
type seaTokenizer struct {
	words analysis.Tokenizer
}

// Tokenize implements analysis.Tokenizer.
func (t seaTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var out analysis.TokenStream
	pos := 0
	other := 0 // start of the pending non-SEA segment
	flushOther := func(end int) {
		if end <= other {
			return
		}
		for _, tok := range t.words.Tokenize(input[other:end]) {
			pos++
			tok.Start += other
			tok.End += other
			tok.Position = pos
			out = append(out, tok)
		}
	}
	for i := 0; i < len(input); {
		r, size := utf8.DecodeRune(input[i:])
		if !seaScript(r) || !inSEARun(r) {
			i += size
			continue
		}
		flushOther(i)
		// collect the run of SEA letters/marks/digits starting at i
		var starts []int
		j := i
		for j < len(input) {
			r2, s2 := utf8.DecodeRune(input[j:])
			if !seaScript(r2) || !inSEARun(r2) {
				break
			}
			starts = append(starts, j)
			j += s2
		}
		starts = append(starts, j)
		if len(starts) == 2 {
			pos++
			out = append(out, &analysis.Token{Term: append([]byte(nil), input[i:j]...), Start: i, End: j, Position: pos, Type: analysis.AlphaNumeric})
		}
		for k := 0; k+2 < len(starts); k++ {
			pos++
			s, e := starts[k], starts[k+2]
			out = append(out, &analysis.Token{Term: append([]byte(nil), input[s:e]...), Start: s, End: e, Position: pos, Type: analysis.Ideographic})
		}
		i = j
		other = j
	}
	flushOther(len(input))
	return out
}

// inSEARun reports whether r can be part of a word in an unspaced script.
func inSEARun(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// newMapping returns the index mapping: explicit fields only, no _all field.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := im.AddCustomAnalyzer(analyzerSEA, map[string]interface{}{
		"type": custom.Name, "tokenizer": seaTokenizerName, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", analyzerSEA, err)
	}
	if err := im.AddCustomAnalyzer(analyzerEn, map[string]interface{}{
		"type": custom.Name, "tokenizer": wordTokenizerName,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	}); err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", analyzerEn, err)
	}
	if err := im.AddCustomAnalyzer(analyzerUni, map[string]interface{}{
		"type": custom.Name, "tokenizer": wordTokenizerName, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", analyzerUni, err)
	}
	if err := im.AddCustomAnalyzer(analyzerTitle, map[string]interface{}{
		"type": custom.Name, "tokenizer": seaTokenizerName,
		"token_filters": []string{en.PossessiveName, lowercase.Name, porter.Name},
	}); err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", analyzerTitle, err)
	}
	if err := im.AddCustomAnalyzer(analyzerKeyLC, map[string]interface{}{
		"type": custom.Name, "tokenizer": single.Name, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", analyzerKeyLC, err)
	}

	dm := mapping.NewDocumentStaticMapping()
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping()) // no composite field
	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm.AddFieldMappingsAt(fieldTextEn, text(analyzerEn))
	dm.AddFieldMappingsAt(fieldTextUni, text(analyzerUni))
	dm.AddFieldMappingsAt(fieldTextSEA, text(analyzerSEA))

	// title and authors keep term vectors too: phrase queries need positions
	dm.AddFieldMappingsAt("title", text(analyzerTitle))

	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	// Facets are computed from "study" (chunks per study, joined with the
	// study table) and "study_code" (chunks per study and code), so only
	// these two fields need doc values; the others serve exact filters.
	dm.AddFieldMappingsAt("study", kw(true, true))
	dm.AddFieldMappingsAt("study_code", kw(false, true))
	for _, name := range []string{"country", "sector", "method", "rigor", "code", "year_kw", "lang", "script"} {
		dm.AddFieldMappingsAt(name, kw(false, false))
	}
	lc := func(analyzer string) *mapping.FieldMapping {
		f := kw(false, false)
		f.Analyzer = analyzer
		return f
	}
	for _, name := range []string{"country_lc", "sector_lc", "method_lc", "rigor_lc", "code_lc"} {
		dm.AddFieldMappingsAt(name, lc(analyzerKeyLC))
	}
	author := lc(analyzerUni)
	author.IncludeTermVectors = true
	dm.AddFieldMappingsAt("author_lc", author)

	num := func(index, store bool) *mapping.FieldMapping {
		f := mapping.NewNumericFieldMapping()
		f.Index = index
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm.AddFieldMappingsAt("year", num(true, true))
	dm.AddFieldMappingsAt("page", num(true, true))
	dm.AddFieldMappingsAt("start", num(false, true))
	dm.AddFieldMappingsAt("end", num(false, true))

	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzerEn
	im.DefaultField = fieldTextEn
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// chunkDoc converts a chunk into the document indexed through the mapping.
func chunkDoc(c Chunk) map[string]interface{} {
	d := map[string]interface{}{
		"study": c.Study,
		"title": c.Title,
		"page":  float64(c.Page),
		"start": float64(c.Start),
		"end":   float64(c.End),
	}
	d[textFieldFor(c.Lang, c.Script)] = c.Text
	if c.Year != 0 {
		d["year"] = float64(c.Year)
		d["year_kw"] = fmt.Sprint(c.Year)
	}
	multi := func(name string, vals []string) {
		if len(vals) > 0 {
			d[name] = vals
			d[name+"_lc"] = vals
		}
	}
	multi("country", c.Countries)
	multi("sector", c.Sectors)
	multi("code", c.Codes)
	if len(c.Codes) > 0 {
		sc := make([]string, len(c.Codes))
		for i, code := range c.Codes {
			sc[i] = c.Study + studyCodeSep + code
		}
		d["study_code"] = sc
	}
	if c.Method != "" {
		d["method"], d["method_lc"] = c.Method, c.Method
	}
	if c.Rigor != "" {
		d["rigor"], d["rigor_lc"] = c.Rigor, c.Rigor
	}
	if len(c.Authors) > 0 {
		d["author_lc"] = c.Authors
	}
	if c.Lang != "" {
		d["lang"] = c.Lang
	}
	if c.Script != "" {
		d["script"] = c.Script
	}
	return d
}
