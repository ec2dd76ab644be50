package ocr

import (
	"slices"
	"strings"
	"unicode"
)

// languages maps lower-case language names and ISO 639-1/639-3 codes to
// Tesseract's language codes.
var languages = map[string]string{
	"english": "eng", "en": "eng", "eng": "eng",
	"thai": "tha", "th": "tha", "tha": "tha",
	"lao": "lao", "laotian": "lao", "lo": "lao",
	"khmer": "khm", "cambodian": "khm", "km": "khm", "khm": "khm",
	"burmese": "mya", "myanmar": "mya", "my": "mya", "mya": "mya",
	"vietnamese": "vie", "vi": "vie", "vie": "vie",
	"indonesian": "ind", "bahasa indonesia": "ind", "id": "ind", "ind": "ind",
	"malay": "msa", "bahasa malaysia": "msa", "bahasa melayu": "msa", "ms": "msa", "msa": "msa",
	"tagalog": "tgl", "tl": "tgl", "tgl": "tgl", "filipino": "fil", "fil": "fil",
	"french": "fra", "fr": "fra", "fra": "fra",
	"spanish": "spa", "es": "spa", "spa": "spa",
	"portuguese": "por", "pt": "por", "por": "por",
	"german": "deu", "de": "deu", "deu": "deu",
	"chinese": "chi_sim", "zh": "chi_sim", "chi_sim": "chi_sim", "chi_tra": "chi_tra",
	"japanese": "jpn", "ja": "jpn", "jpn": "jpn",
	"korean": "kor", "ko": "kor", "kor": "kor",
	"hindi": "hin", "hi": "hin", "hin": "hin",
	"nepali": "nep", "ne": "nep", "nep": "nep",
	"bengali": "ben", "bangla": "ben", "bn": "ben", "ben": "ben",
	"urdu": "urd", "ur": "urd", "urd": "urd",
	"sinhala": "sin", "si": "sin", "sin": "sin",
	"tamil": "tam", "ta": "tam", "tam": "tam",
	"arabic": "ara", "ar": "ara", "ara": "ara",
	"russian": "rus", "ru": "rus", "rus": "rus",
}

// countryLanguages maps lower-case country names to the Tesseract code of
// the language their reports are most often written in besides English.
var countryLanguages = map[string]string{
	"thailand": "tha", "laos": "lao", "lao pdr": "lao", "lao people's democratic republic": "lao",
	"cambodia": "khm", "kampuchea": "khm", "myanmar": "mya", "burma": "mya",
	"vietnam": "vie", "viet nam": "vie", "indonesia": "ind", "malaysia": "msa", "brunei": "msa",
	"philippines": "fil", "the philippines": "fil", "timor-leste": "por", "east timor": "por",
	"nepal": "nep", "india": "hin", "bangladesh": "ben", "pakistan": "urd", "sri lanka": "sin",
	"china": "chi_sim", "hong kong": "chi_tra", "taiwan": "chi_tra", "japan": "jpn",
	"korea": "kor", "south korea": "kor", "republic of korea": "kor",
}

// names gives the English name of Tesseract codes for messages.
var names = map[string]string{
	"eng": "English", "tha": "Thai", "lao": "Lao", "khm": "Khmer", "mya": "Burmese", "vie": "Vietnamese",
	"ind": "Indonesian", "msa": "Malay", "tgl": "Tagalog", "fil": "Filipino", "fra": "French",
	"spa": "Spanish", "por": "Portuguese", "deu": "German", "chi_sim": "Chinese (simplified)",
	"chi_tra": "Chinese (traditional)", "jpn": "Japanese", "kor": "Korean", "hin": "Hindi",
	"nep": "Nepali", "ben": "Bengali", "urd": "Urdu", "sin": "Sinhala", "tam": "Tamil",
	"ara": "Arabic", "rus": "Russian", "osd": "script detection",
}

// LanguageName returns the English name of a Tesseract language code (the
// code itself when unknown).
func LanguageName(code string) string {
	if n, ok := names[code]; ok {
		return n
	}
	return code
}

// maxLangs bounds the languages of one run: each one slows Tesseract.
const maxLangs = 3

// Langs chooses Tesseract languages for a study from its Language attribute
// (names or codes, several separated by commas, "and", "/" or "+") or,
// when that names none, from its countries; English is always added, as
// reports in the region mix it in. For example ("", ["Thailand"]) gives
// "tha+eng", ("Khmer, English", nil) "khm+eng" and ("", nil) "eng".
func Langs(language string, countries []string) string {
	var codes []string
	add := func(c string) {
		if c != "" && !slices.Contains(codes, c) && len(codes) < maxLangs-1 {
			codes = append(codes, c)
		}
	}
	for _, part := range splitList(language) {
		if c := languages[part]; c != "eng" {
			add(c)
		}
	}
	if len(codes) == 0 {
		for _, country := range countries {
			add(countryLanguages[strings.ToLower(strings.TrimSpace(country))])
		}
	}
	return strings.Join(append(codes, "eng"), "+")
}

// splitList splits a Language attribute into lower-case names.
func splitList(s string) []string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, " and ", ",")
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '+' || r == '&' })
	for i := range f {
		f[i] = strings.TrimFunc(f[i], func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' })
	}
	return f
}

// SplitLangs splits a Tesseract language string ("tha+eng") into codes.
func SplitLangs(langs string) []string {
	var out []string
	for _, l := range strings.Split(langs, "+") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// unspaced reports whether r belongs to a script written without spaces
// between words (Thai, Lao, Khmer, Burmese).
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
