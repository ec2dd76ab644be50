package typeset_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/coding/brief/typeset"
	"github.com/evidence-workbench/workbench/coding/brief/typeset/typesettest"
)

var samples = []string{
	"แรงงานข้ามชาติหลายคนถูกนายจ้างยึดหนังสือเดินทาง",
	"ແຮງງານລາວຫຼາຍຄົນຖືກນາຍຈ້າງຍຶດໜັງສືຜ່ານແດນ",
	"កម្មករចំណាកស្រុកជាច្រើនត្រូវបានរឹបអូសលិខិតឆ្លងដែន",
	"အလုပ်သမားအများအပြားသည် နိုင်ငံကူးလက်မှတ်ကို",
	"Người lao động di cư bị giữ hộ chiếu",
	"ส้มตำ น้ำใจ ปี่ ฎีกา ฐาน ญาติ",
	"ក្ស្ត្រ ស្រ្តី ព្រះ ឡើង",
	"ကျွန်ုပ် မြန်မာ ဥက္ကဋ္ဌ",
}

// TestRenderMatchesHarfBuzz draws each sample on a line of a PDF page,
// upright and slanted, and compares poppler's rendering of the page with
// hb-view's rendering of the same text in the same font.
func TestRenderMatchesHarfBuzz(t *testing.T) {
	typesettest.Tools(t)
	e, err := typeset.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	d := typeset.NewDoc(e)
	p := d.AddPage(595.28, 841.89)
	y := 40.0
	for _, s := range samples {
		for _, it := range []bool{false, true} {
			lines := e.Layout([]typeset.Span{{Text: s, Style: typeset.Style{Italic: it}}}, 14, 520)
			if len(lines) != 1 {
				t.Fatalf("%q: %d lines", s, len(lines))
			}
			y += 40
			p.Text(lines[0], 40, y, typeset.Color{})
		}
	}
	path := filepath.Join(t.TempDir(), "samples.pdf")
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
	results := typesettest.Compare(t, path, p, 216, func(typeset.Placed, typeset.Run) bool { return true })
	if len(results) != 2*len(samples) {
		t.Fatalf("%d runs compared", len(results))
	}
	for _, r := range results {
		if !r.OK() {
			t.Errorf("mismatch: %s", r)
			if dir := os.Getenv("TYPESET_DEBUG"); dir != "" {
				r.PDF.PNG(filepath.Join(dir, "pdf.png"))
				r.Ref.PNG(filepath.Join(dir, "ref.png"))
			}
		}
	}
}

// TestComparisonCatchesBadShaping: the same check fails on a line whose
// marks lost their positioning (offsets dropped) and on text drawn without
// its stacked consonants, so a wrong PDF cannot pass it.
func TestComparisonCatchesBadShaping(t *testing.T) {
	typesettest.Tools(t)
	e, err := typeset.NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	d := typeset.NewDoc(e)
	p := d.AddPage(595.28, 841.89)
	good := e.Layout([]typeset.Span{{Text: "ကျွန်ုပ် မြန်မာ ဥက္ကဋ္ဌ"}}, 14, 520)[0]
	bad := good
	bad.Runs = append([]typeset.Run(nil), good.Runs...)
	for i := range bad.Runs {
		gs := append([]typeset.Glyph(nil), bad.Runs[i].Glyphs...)
		for k := range gs {
			gs[k].DX, gs[k].DY = 0, 0
		}
		bad.Runs[i].Glyphs = gs
	}
	p.Text(bad, 40, 80, typeset.Color{})
	path := filepath.Join(t.TempDir(), "bad.pdf")
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
	for _, r := range typesettest.Compare(t, path, p, 216, func(typeset.Placed, typeset.Run) bool { return true }) {
		if r.OK() {
			t.Errorf("marks without their offsets passed: %s", r)
		}
	}
	stacked := typesettest.Reference(t, "NotoSansKhmer-Regular.ttf", "ក្ស្ត្រ", 40, false)
	flat := typesettest.Reference(t, "NotoSansKhmer-Regular.ttf", "កស្តរ", 40, false)
	if r := (typesettest.Result{PDF: flat, Ref: stacked, CoverRef: typesettest.Cover(stacked, flat, 1, 40, 0, 0),
		CoverPDF: typesettest.Cover(flat, stacked, 1, 40, 0, 0)}); r.OK() {
		t.Errorf("unstacked Khmer passed: %s", r)
	}
}
