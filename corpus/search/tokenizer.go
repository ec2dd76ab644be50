package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordTokenizerName is the fast word tokenizer used by the text analyzers.
const wordTokenizerName = "wb_words"

func init() {
	if err := registry.RegisterTokenizer(wordTokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	}); err != nil {
		panic("search: register tokenizer: " + err.Error())
	}
}

// wordTokenizer splits text into words: runs of letters, marks and digits,
// keeping an apostrophe or period between two letters ("don't", "U.S")
// and a period or comma between two digits ("3.5", "1,000") inside the
// word, as Unicode word segmentation (UAX #29) does for alphabetic text.
// Han, Hiragana and Katakana characters are single-character words. It is
// about four times faster than bleve's UAX #29 tokenizer, which dominated
// the build time.
type wordTokenizer struct{}

// Tokenize implements analysis.Tokenizer.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/6)
	pos := 0
	emit := func(s, e int, typ analysis.TokenType) {
		pos++
		out = append(out, &analysis.Token{Term: input[s:e:e], Start: s, End: e, Position: pos, Type: typ})
	}
	start := -1
	numeric := true
	for i := 0; i < len(input); {
		r, size := rune(input[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(input[i:])
		}
		switch {
		case isIdeo(r):
			if start >= 0 {
				emit(start, i, tokType(numeric))
				start = -1
			}
			emit(i, i+size, analysis.Ideographic)
		case isWordRune(r):
			if start < 0 {
				start, numeric = i, true
			}
			if !isDigitRune(r) {
				numeric = false
			}
		case start >= 0 && (r == '\'' || r == '’' || r == '.' || r == ','):
			prev, _ := utf8.DecodeLastRune(input[:i])
			next, _ := utf8.DecodeRune(input[i+size:])
			joins := r != ',' && isLetterRune(prev) && isLetterRune(next) ||
				(r == '.' || r == ',') && isDigitRune(prev) && isDigitRune(next)
			if !joins {
				emit(start, i, tokType(numeric))
				start = -1
			}
		default:
			if start >= 0 {
				emit(start, i, tokType(numeric))
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		emit(start, len(input), tokType(numeric))
	}
	return out
}

func tokType(numeric bool) analysis.TokenType {
	if numeric {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isIdeo(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
