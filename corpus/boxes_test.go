package corpus

import (
	"context"
	"math"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

func TestBoxesRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	var pages [][]pdftext.Box
	var sizes [][2]float64
	for p := 0; p < 4; p++ {
		var bs []pdftext.Box
		x, y := float32(50), float32(60)
		for i := 0; i < 500*p; i++ {
			if i%40 == 39 {
				bs = append(bs, pdftext.Box{}) // a line break
				x, y = 50, y+14
				continue
			}
			w := float32(3 + rng.Intn(60)/10)
			bs = append(bs, pdftext.Box{X0: x, Y0: y, X1: x + w, Y1: y + 12.3})
			x += w
		}
		pages = append(pages, bs)
		sizes = append(sizes, [2]float64{595.3, 841.9})
	}
	blob := encodeBoxes(pages, sizes)
	chars := 0
	for _, p := range pages {
		chars += len(p)
	}
	t.Logf("%d boxes in %d bytes (%.2f bytes a box)", chars, len(blob), float64(len(blob))/float64(chars))
	for p := range pages {
		got, w, h, err := decodePageBoxes(blob, p)
		if err != nil || len(got) != len(pages[p]) || math.Abs(w-595.3) > 0.07 || math.Abs(h-841.9) > 0.07 {
			t.Fatalf("page %d: %d boxes, %v x %v, %v", p, len(got), w, h, err)
		}
		for i, b := range got {
			want := pages[p][i]
			if math.Abs(float64(b.X0-want.X0)) > 0.07 || math.Abs(float64(b.X1-want.X1)) > 0.07 ||
				math.Abs(float64(b.Y0-want.Y0)) > 0.07 || math.Abs(float64(b.Y1-want.Y1)) > 0.07 || b.Empty() != want.Empty() {
				t.Fatalf("page %d box %d: %+v, want %+v", p, i, b, want)
			}
		}
	}
	if _, _, _, err := decodePageBoxes(blob[:len(blob)/2], 3); err == nil {
		t.Error("a truncated blob decoded")
	}
}

// TestPageBoxesOfImportedStudy imports a PDF and reads its page geometry
// back: one box per character of each page, where the extractor put them,
// kept across undo and redo.
func TestPageBoxesOfImportedStudy(t *testing.T) {
	data := rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"\x00BT /F1 12 Tf 72 700 Td (Household survey findings) Tj 0 -14 Td (from three districts) Tj ET",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate 90 /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
		"\x00BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Annex on a landscape page) Tj ET",
	)
	doc, err := pdftext.Extract(context.Background(), data, pdftext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "boxes.pdf", data)
	p := MustCreate(t)
	res, err := p.Import(context.Background(), []string{path}, ImportOptions{}, nil)
	if err != nil || res[0].Status != ImportOK {
		t.Fatalf("import %+v %v", res, err)
	}
	study := res[0].Study
	txt, err := p.Text(study)
	if err != nil {
		t.Fatal(err)
	}
	check := func() {
		t.Helper()
		for page := 1; page <= 2; page++ {
			pb, err := p.PageBoxes(study, page)
			if err != nil {
				t.Fatal(err)
			}
			end := utf8.RuneCountInString(txt.String)
			if page < len(txt.PageStarts) {
				end = txt.PageStarts[page] - 1
			}
			if pb.Start != txt.PageStarts[page-1] || len(pb.Boxes) != end-pb.Start {
				t.Fatalf("page %d: start %d, %d boxes for runes %d-%d", page, pb.Start, len(pb.Boxes), pb.Start, end)
			}
			want := doc.Pages[page-1]
			if math.Abs(pb.Width-want.Width) > 0.1 || math.Abs(pb.Height-want.Height) > 0.1 {
				t.Errorf("page %d size %v x %v, want %v x %v", page, pb.Width, pb.Height, want.Width, want.Height)
			}
			for i, b := range pb.Boxes {
				w := want.Boxes[i]
				if math.Abs(float64(b.X0-w.X0)) > 0.07 || math.Abs(float64(b.Y1-w.Y1)) > 0.07 {
					t.Fatalf("page %d box %d %+v, extracted %+v", page, i, b, w)
				}
			}
		}
		// "survey" on page 1 lies on the first line, after "Household ".
		pb, _ := p.PageBoxes(study, 1)
		i := strings.Index(txt.String, "survey")
		s, e := pb.Boxes[i], pb.Boxes[i+5]
		if s.X0 < 72+50 || e.X1 > 72+110 || s.Y0 > 792-700 || s.Y1 < 792-700 {
			t.Errorf("survey at %+v..%+v", s, e)
		}
		// The landscape page is shown 792 wide; its line starts 100 pt from
		// the left, its baseline 300 pt from the top (612 - 312).
		pb2, _ := p.PageBoxes(study, 2)
		if b := pb2.Boxes[0]; pb2.Width != 792 || pb2.Height != 612 || b.X0 != 100 || b.Y0 > 300 || b.Y1 < 300 {
			t.Errorf("rotated page %v x %v first box %+v", pb2.Width, pb2.Height, pb2.Boxes[0])
		}
	}
	check()
	if _, err := p.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.PageBoxes(study, 1); err == nil {
		t.Error("boxes of an undone import")
	}
	if _, err := p.Redo(context.Background()); err != nil {
		t.Fatal(err)
	}
	check()
	if _, err := p.PageBoxes(study, 3); err == nil {
		t.Error("page 3 of a 2-page study")
	}
}
