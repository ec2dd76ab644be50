package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// TestSharedStreamCropBoxes gives three pages one content stream (a sheet
// of three panels) and different crop boxes: each page reads only its own
// panel, not the whole stream three times.
func TestSharedStreamCropBoxes(t *testing.T) {
	page := func(crop string) string {
		return "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1800 800] /CropBox " + crop + " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
	}
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R 7 0 R] /Count 3 >>"},
		{dict: page("[0 0 600 800]")},
		{stream: "BT /F1 12 Tf 72 700 Td (Left panel) Tj 600 0 Td (Middle panel) Tj 600 0 Td (Right panel) Tj ET"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{dict: page("[600 0 1200 800]")},
		{dict: page("[1200 0 1800 800]")},
	}
	doc := extractOK(t, buildPDF(objs...))
	if doc.Text != "Left panel\fMiddle panel\fRight panel" {
		t.Errorf("text = %q", doc.Text)
	}
	if s := doc.Pages[0].Stats; s.Glyphs != 9 || s.Clipped != 21 {
		t.Errorf("page 1 stats %+v", s)
	}
}

func TestRotations(t *testing.T) {
	for _, c := range []struct {
		rotate, content string
	}{
		// Text drawn upright in user space on a page shown turned a quarter
		// either way reads in its own direction; so does text drawn turned
		// to stand upright on the displayed page.
		{"90", "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (First line) Tj 0 1 -1 0 314 100 Tm (second line) Tj ET"},
		{"270", "BT /F1 12 Tf 0 -1 1 0 300 700 Tm (First line) Tj 0 -1 1 0 286 700 Tm (second line) Tj ET"},
		{"180", "BT /F1 12 Tf -1 0 0 -1 500 100 Tm (First line) Tj -1 0 0 -1 500 114 Tm (second line) Tj ET"},
		{"-90", "BT /F1 12 Tf 0 -1 1 0 300 700 Tm (First line) Tj 0 -1 1 0 286 700 Tm (second line) Tj ET"},
	} {
		objs := []obj{
			{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
			{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
			{dict: "<< /Type /Page /Parent 2 0 R /Rotate " + c.rotate + " /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
			{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
			{stream: c.content},
		}
		doc := extractOK(t, buildPDF(objs...))
		if doc.Text != "First line\nsecond line" {
			t.Errorf("rotate %s: %q", c.rotate, doc.Text)
		}
	}
}

func TestLetterSpacing(t *testing.T) {
	// A heading spaced with Tc (character spacing): the letters are one word.
	// A table whose cells are spaced by a huge Tc and pulled back within each
	// number by TJ offsets keeps its cells apart.
	content := `BT /F1 14 Tf 72 700 Td 2.5 Tc (June 2015) Tj 0 Tc
0 -30 Td 4 Tc [(1) 285.714 (2) (3) 285.714 (4)] TJ 0 Tc ET`
	doc := extractOK(t, onePage(content, ""))
	if doc.Text != "June 2015\n\n12 34" {
		t.Errorf("text = %q", doc.Text)
	}
}

// TestLostTextIsNeverOK checks the status of pages that lose text: a damaged
// compressed stream, glyphs no font maps, a page with no text operators
// among text pages.
func TestLostTextIsNeverOK(t *testing.T) {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(strings.Repeat("BT /F1 12 Tf 72 700 Td (A line of the report) Tj ET\n", 100)))
	w.Close()
	comp := z.Bytes()
	damaged := append(append([]byte(nil), comp[:len(comp)/2]...), bytes.Repeat([]byte{0xff}, 8)...)
	cmap := "begincmap 1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <0041> <42> <0042> endbfchar endcmap"
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R 8 0 R 11 0 R] /Count 4 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (A readable page) Tj ET"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "/Filter /FlateDecode", stream: string(damaged)},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 9 0 R /Resources << /Font << /F1 4 0 R /F2 10 0 R >> >> >>"},
		{stream: "BT /F2 12 Tf 72 700 Td (AB\001\002\003\004\005\006\007\010) Tj /F1 12 Tf 0 -14 Td (Readable words here) Tj ET"},
		{dict: "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /CharProcs << >> /Encoding << /Differences [1 /g1 /g2 /g3 /g4 /g5 /g6 /g7 /g8] >> /FirstChar 1 /LastChar 66 /Widths [" + strings.Repeat("500 ", 66) + "] /ToUnicode 12 0 R >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 13 0 R /Resources << /XObject << /Im 14 0 R >> >> >>"},
		{stream: cmap},
		{stream: "q 612 0 0 792 0 0 cm /Im Do Q"},
		{dict: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", stream: "\x80"},
	}
	doc := extractOK(t, buildPDF(objs...))
	want := []string{
		"Part of the text on page 2 could not be read (damaged data).",
		"Text on page 3 could not be read (about 30% of the characters there): its fonts do not say which letters their glyphs are.",
		"Page 4 has no text layer (it looks scanned): its passages cannot be coded yet.",
	}
	if fmt.Sprint(doc.Warnings) != fmt.Sprint(want) {
		t.Errorf("warnings\n%q\nwant\n%q", doc.Warnings, want)
	}
	if s := doc.Pages[2].Stats; s.Glyphs != 27 || s.Unreadable != 8 || s.Chars != 19 || !s.LostText() {
		t.Errorf("page 3 stats %+v", s)
	}
	if s := doc.Pages[3].Stats; !s.NoText || s.Images != 1 || s.LostText() {
		t.Errorf("page 4 stats %+v", s)
	}
	if s := doc.Pages[0].Stats; s.LostText() || s.Glyphs != 13 || s.Chars != 13 {
		t.Errorf("page 1 stats %+v", s)
	}
}

func TestPagesPhrase(t *testing.T) {
	for _, c := range []struct {
		pages []int
		want  string
	}{
		{[]int{3}, "Page 3"},
		{[]int{2, 3}, "Pages 2 and 3"},
		{[]int{2, 3, 4, 5, 9, 11}, "Pages 2-5, 9 and 11"},
	} {
		if got := pagesPhrase(c.pages); got != c.want {
			t.Errorf("%v: %q, want %q", c.pages, got, c.want)
		}
	}
}
