package pdftext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccentsOverLetters: accents drawn over or under a letter, before it
// (TeX) or after it, compose with it; an accent in the flow of text stays.
func TestAccentsOverLetters(t *testing.T) {
	// Helvetica widths: ¨ ´ ¸ 333, ı 278, c 500, e 556; each TJ offset
	// centres the accent over (or under) its letter.
	content := "BT /F2 12 Tf 72 700 Td [(na\\250) 305.5 (\\200ve)] TJ ET\n" +
		"BT /F2 12 Tf 72 680 Td [(cafe) 444.5 (\\264)] TJ ET\n" +
		"BT /F2 12 Tf 72 660 Td [(fac) 416.5 (\\270) -83.5 (ade)] TJ ET\n" +
		"BT /F2 12 Tf 72 640 Td [(Zo\\250) 444.5 (e)] TJ ET\n" +
		"BT /F2 12 Tf 72 620 Td (quote ` mark and x ~ y) Tj ET"
	doc := extractOK(t, onePageFonts(content, "/F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 /dotlessi] >> >>"))
	want := []string{"naïve", "café", "façade", "Zoë", "quote ` mark and x ~ y"}
	lines := strings.Split(doc.Text, "\n\n")
	if len(lines) != len(want) {
		t.Fatalf("text %q", doc.Text)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], w)
		}
	}
	if n := len([]rune(doc.Text)); len(doc.Pages[0].Boxes) != n {
		t.Errorf("%d boxes for %d characters", len(doc.Pages[0].Boxes), n)
	}
}

// TestRealAccents: accents over letters in real files of the shared corpus,
// a government report's Portuguese names and a LaTeX script's math accents.
func TestRealAccents(t *testing.T) {
	corpusFiles(t)
	for name, want := range map[string][]string{
		"plumb_federal-register-2020-17221.pdf": {"Agência Nacional de", "Aviação Civil"},
		"pypdf_GeoTopo-komprimiert.pdf":         {"γ\u0303 : I → Y", "H\u0303 ist stetig", "Punkt P\u0302"},
	} {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Skipf("%s absent", name)
		}
		doc := extractOK(t, data)
		for _, w := range want {
			if !strings.Contains(doc.Text, w) {
				t.Errorf("%s: no %q", name, w)
			}
		}
		for _, bad := range []string{"ˆ\n", "¸a", "c¸", "e˜"} {
			if strings.Contains(doc.Text, bad) {
				t.Errorf("%s: an accent apart from its letter: %q", name, bad)
			}
		}
	}
}
