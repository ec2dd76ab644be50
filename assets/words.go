package assets

import (
	"bytes"
	"compress/zlib"
	"embed"
	"fmt"
	"io"
)

// The word lists of ICU's break-iterator dictionaries for the scripts
// written without spaces between words (Unicode licence, see
// words/LICENSE-ICU.txt; packed by internal/genwords).
//
//go:embed words/*.words.z words/LICENSE-ICU.txt
var wordsFS embed.FS

// WordLists names the languages that Words knows.
var WordLists = []string{"thai", "lao", "khmer", "burmese"}

// Words returns the word list of a language ("thai", "lao", "khmer" or
// "burmese"), sorted and without repeats.
func Words(lang string) ([]string, error) {
	b, err := wordsFS.ReadFile("words/" + lang + ".words.z")
	if err != nil {
		return nil, fmt.Errorf("word list %s: %w", lang, err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("word list %s: %w", lang, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("word list %s: %w", lang, err)
	}
	var out []string
	prev := ""
	for len(raw) > 0 {
		n := int(raw[0])
		end := bytes.IndexByte(raw[1:], '\n') + 1 // the count byte may be '\n' itself
		if end < 1 || n > len(prev) {
			return nil, fmt.Errorf("word list %s: damaged after %q", lang, prev)
		}
		w := prev[:n] + string(raw[1:end])
		out = append(out, w)
		prev, raw = w, raw[end+1:]
	}
	return out, nil
}

// WordsLicence returns the licence of the word lists (ICU's).
func WordsLicence() string {
	b, _ := wordsFS.ReadFile("words/LICENSE-ICU.txt")
	return string(b)
}
