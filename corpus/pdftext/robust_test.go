package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// robustSeeds are small valid PDFs exercising fonts, forms, filters and layout.
func robustSeeds() [][]byte {
	return [][]byte{
		onePage("BT /F1 12 Tf 72 700 Td [(Hello)-333(world)] TJ 0 -14 Td (next line) Tj ET", ""),
		onePage("BT /F1 12 Tf 72 700 Td (Page text) Tj ET q 1 0 0 1 72 500 cm /X1 Do Q", "/XObject << /X1 6 0 R >>",
			obj{dict: "/Type /XObject /Subtype /Form /BBox [0 0 300 100] /Resources << /Font << /F9 4 0 R >> /XObject << /X1 6 0 R >> >>",
				stream: "BT /F9 12 Tf 0 0 Td (Inside form) Tj ET /X1 Do"}),
		onePageFonts("BT /F2 12 Tf 72 700 Td <000100020003> Tj ET", "/F2 6 0 R",
			obj{dict: "<< /Type /Font /Subtype /Type0 /BaseFont /T /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"},
			obj{dict: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /T /DW 1000 /W [1 [500 400 450]] >>"},
			obj{stream: "begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0001> <0003> <0041> endbfrange endcmap"}),
	}
}

// TestMutatedPDFsNeverPanic feeds truncated and byte-flipped PDFs to Extract: every
// call must return (no panic, no hang) with either a document or a typed error.
func TestMutatedPDFsNeverPanic(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	n := 0
	for _, seed := range robustSeeds() {
		for i := 0; i < 150; i++ {
			data := append([]byte(nil), seed...)
			switch i % 3 {
			case 0:
				data = data[:rng.Intn(len(data))]
			case 1:
				for k := 0; k < 1+rng.Intn(8); k++ {
					data[rng.Intn(len(data))] = byte(rng.Intn(256))
				}
			case 2:
				at := rng.Intn(len(data))
				data = append(data[:at], append([]byte("<<[(/ 0 R>>"), data[at:]...)...)
			}
			doc, err := Extract(context.Background(), data, Options{Timeout: 10 * time.Second})
			if err != nil && KindOf(err) == 0 {
				t.Fatalf("untyped error %v", err)
			}
			if err != nil && strings.Contains(err.Error(), "internal error") {
				t.Errorf("a panic reached the top level: %v", err)
			}
			if err == nil && doc == nil {
				t.Fatal("nil document without error")
			}
			n++
		}
	}
	t.Logf("%d mutated inputs", n)
}

// FuzzExtract checks Extract never panics or returns an untyped error.
func FuzzExtract(f *testing.F) {
	for _, s := range robustSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(context.Background(), data, Options{Timeout: 5 * time.Second})
		if err != nil && KindOf(err) == 0 {
			t.Fatalf("untyped error %v", err)
		}
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
	})
}

// TestHostileXref covers cross-reference data that would make the object layer
// loop forever (a Prev cycle) or allocate without bound (huge object numbers).
func TestHostileXref(t *testing.T) {
	good := onePage("BT /F1 12 Tf 72 700 Td (Survives) Tj ET", "")
	x := bytes.LastIndex(good, []byte("\nxref")) + 1
	// A trailer whose Prev points back at its own xref section.
	cyclic := bytes.Replace(good, []byte("/Root 1 0 R >>"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d>>", x)), 1)
	// A subsection claiming object numbers near two billion.
	huge := bytes.Replace(good, []byte("xref\n0 "), []byte("xref\n2000000000 1\n0000000000 00000 n \n0 "), 1)
	for name, data := range map[string][]byte{"prev cycle": cyclic, "huge numbers": huge} {
		start := time.Now()
		doc, err := Extract(context.Background(), data, Options{Timeout: 20 * time.Second})
		if KindOf(err) == Timeout || time.Since(start) > 10*time.Second {
			t.Errorf("%s: took %v (%v)", name, time.Since(start), err)
		}
		if err == nil && doc.Text != "Survives" {
			t.Errorf("%s: text %q", name, doc.Text)
		}
	}
}

func TestDeeplyNestedOperands(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td " + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + " (After) Tj ET"
	doc := extractOK(t, onePage(content, ""))
	if !strings.Contains(doc.Text, "After") {
		t.Errorf("text %q", doc.Text)
	}
}

func TestGlyphBudgets(t *testing.T) {
	// One text object showing 1.2 million characters: the page is refused, the
	// document survives with a warning.
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 1 Tf 0 0 Td (" + strings.Repeat("a", 1_200_000) + ") Tj ET"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (Normal page) Tj ET"},
	}
	doc := extractOK(t, buildPDF(objs...))
	if doc.Pages[0].Err == nil || len(doc.Warnings) != 1 || doc.Text != "\fNormal page" {
		t.Errorf("page error %v warnings %q text %q", doc.Pages[0].Err, doc.Warnings, doc.Text)
	}
	if _, err := Extract(context.Background(), onePage("BT /F1 12 Tf 72 700 Td (too many) Tj ET", ""), Options{MaxGlyphs: 3}); KindOf(err) != TooLarge {
		t.Errorf("document glyph budget: %v", err)
	}
}
