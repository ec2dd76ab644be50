package assets

import (
	"slices"
	"strings"
	"testing"
)

func TestBundledFonts(t *testing.T) {
	for _, name := range []string{FontSans, FontSansBold, FontSansItalic, FontSansBoldItalic, FontThai, FontThaiBold,
		FontLao, FontLaoBold, FontKhmer, FontKhmerBold, FontMyanmar, FontMyanmarBold} {
		b, err := FontFile(name)
		if err != nil || len(b) < 10000 || string(b[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("%s: %d bytes, %v", name, len(b), err)
		}
	}
	if _, err := FontFile("DejaVuSans.ttf"); err == nil {
		t.Error("a font that is not bundled was found")
	}
	if !strings.Contains(FontLicence(), "SIL Open Font License") {
		t.Error("font licence missing")
	}
}

func TestWords(t *testing.T) {
	for lang, word := range map[string]string{"thai": "แรงงาน", "lao": "ແຮງງານ", "khmer": "ការងារ", "burmese": "အလုပ်"} {
		w, err := Words(lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(w) < 20000 || !slices.IsSorted(w) {
			t.Errorf("%s: %d words, sorted %v", lang, len(w), slices.IsSorted(w))
		}
		if _, ok := slices.BinarySearch(w, word); !ok {
			t.Errorf("%s: %q missing", lang, word)
		}
	}
	if _, err := Words("klingon"); err == nil {
		t.Error("unknown word list accepted")
	}
	if !strings.Contains(WordsLicence(), "UNICODE") {
		t.Error("word list licence missing")
	}
}
