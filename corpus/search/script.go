package search

import "unicode"

// Scripts recognised by DetectScript.
const (
	ScriptLatin   = "Latin"   // Latin alphabet (English, Vietnamese, ...)
	ScriptThai    = "Thai"    // Thai
	ScriptLao     = "Lao"     // Lao
	ScriptKhmer   = "Khmer"   // Khmer
	ScriptMyanmar = "Myanmar" // Burmese and other Myanmar-script languages
	ScriptOther   = "Other"   // any other script (Cyrillic, Arabic, Han, ...)
)

// Names of the text fields; each one has its own analyzer.
const (
	fieldTextEn  = "text_en"  // English: stop words, possessives, Porter stemming
	fieldTextUni = "text_uni" // other spaced scripts (Vietnamese, ...): Unicode words, lower case
	fieldTextSEA = "text_sea" // unspaced Thai/Lao/Khmer/Myanmar: character bigrams
)

// textFields lists every text field searched by free-text terms.
var textFields = []string{fieldTextEn, fieldTextUni, fieldTextSEA}

// seaScript reports whether r belongs to a South-East Asian script written
// without spaces between words.
func seaScript(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// DetectScript returns the dominant script of text's letters: one of
// ScriptLatin, ScriptThai, ScriptLao, ScriptKhmer, ScriptMyanmar or
// ScriptOther. Text without letters counts as Latin.
func DetectScript(text string) string {
	var latin, thai, lao, khmer, myanmar, other int
	for _, r := range text {
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) {
				latin++
			}
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.Is(unicode.Lao, r):
			lao++
		case unicode.Is(unicode.Khmer, r):
			khmer++
		case unicode.Is(unicode.Myanmar, r):
			myanmar++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	best, name := latin, ScriptLatin
	for _, c := range []struct {
		n    int
		name string
	}{{thai, ScriptThai}, {lao, ScriptLao}, {khmer, ScriptKhmer}, {myanmar, ScriptMyanmar}, {other, ScriptOther}} {
		if c.n > best {
			best, name = c.n, c.name
		}
	}
	return name
}

// looksVietnamese reports whether a Latin-script text uses enough letters
// specific to Vietnamese (ă â đ ê ô ơ ư and the tone-marked vowels of the
// Latin Extended Additional block) to be Vietnamese rather than English.
func looksVietnamese(text string) bool {
	var letters, viet int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9:
			viet++
		case r == 'ă' || r == 'Ă' || r == 'đ' || r == 'Đ' || r == 'ơ' || r == 'Ơ' || r == 'ư' || r == 'Ư':
			viet++
		}
	}
	return letters > 0 && viet*50 >= letters // at least 2% of letters
}

// textFieldFor chooses the text field (and so the analyzer) for a chunk of
// the given language and script.
func textFieldFor(lang, script string) string {
	switch script {
	case ScriptThai, ScriptLao, ScriptKhmer, ScriptMyanmar:
		return fieldTextSEA
	}
	if script == ScriptLatin || script == "" {
		if lang == "" || lang == "en" {
			return fieldTextEn
		}
	}
	return fieldTextUni
}
