package corpus

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// rawPDF writes objects 1..n (1 the catalog) with a correct xref table; an
// object with a stream is written as dict + "\x00" + stream.
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if d, s, ok := strings.Cut(o, "\x00"); ok {
			fmt.Fprintf(&b, "<<%s /Length %d>>\nstream\n%s\nendstream\nendobj\n", d, len(s), s)
		} else {
			b.WriteString(o + "\nendobj\n")
		}
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// lostTextPDF has a readable page and a page whose font (a Type 3 font
// without ToUnicode, glyphs named g1..g9) says nothing about its letters.
func lostTextPDF() []byte {
	return rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"\x00BT /F1 12 Tf 72 700 Td (Household survey findings) Tj ET",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R /F2 8 0 R >> >> >>",
		"\x00BT /F1 12 Tf 72 700 Td (Table 2) Tj /F2 12 Tf 0 -14 Td (\001\002\003\004\005\006\007\010\011) Tj ET",
		"<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 1000 1000] /CharProcs << >> /Encoding << /Differences [1 /g1 /g2 /g3 /g4 /g5 /g6 /g7 /g8 /g9] >> /FirstChar 1 /LastChar 9 /Widths [500 500 500 500 500 500 500 500 500] >>",
	)
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportLostTextIsWarning imports a file whose second page cannot be
// decoded: the study is "warning", the message names the page and the
// share, and the per-page figures are kept with the study.
func TestImportLostTextIsWarning(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "survey.pdf", lostTextPDF())
	p := MustCreate(t)
	res, err := p.Import(context.Background(), []string{path}, ImportOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	wantMsg := "Text on page 2 could not be read (about 60% of the characters there): its fonts do not say which letters their glyphs are."
	if r.Status != ImportWarning || r.Message != wantMsg || len(r.PageStats) != 2 || r.PageStats[1].Unreadable != 9 {
		t.Fatalf("result %+v", r)
	}
	if r.Unreadable < 0.23 || r.Unreadable > 0.24 { // 9 of 38 characters
		t.Errorf("unreadable share %.3f", r.Unreadable)
	}
	s, err := p.Study(r.Study)
	if err != nil || s.Extraction != ExtractWarning || s.ExtractionMessage != wantMsg {
		t.Fatalf("study %+v %v", s, err)
	}
	txt, err := p.Text(r.Study)
	if err != nil {
		t.Fatal(err)
	}
	if len(txt.PageStats) != 2 || txt.PageStats[0].Glyphs != 23 || txt.PageStats[1].Unreadable != 9 || fmt.Sprint(txt.LostPages()) != "[2]" {
		t.Errorf("stored figures %+v lost %v", txt.PageStats, txt.LostPages())
	}
	// Undo and redo keep the figures with the row.
	if _, err := p.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Redo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if txt, _ := p.Text(r.Study); len(txt.PageStats) != 2 {
		t.Errorf("after redo: %+v", txt.PageStats)
	}
}

func TestImportWithPassword(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetProtection(fpdf.CnProtectPrint, "review-2026", "owner")
	f.SetCreationDate(time.Date(2021, 5, 4, 0, 0, 0, 0, time.UTC))
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(72, 100, "Protected findings")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "protected.pdf", buf.Bytes())
	p := MustCreate(t)
	res, _ := p.Import(context.Background(), []string{path}, ImportOptions{}, nil)
	if res[0].Status != ImportFailed || res[0].Message != "password protected: import it again with its password" {
		t.Errorf("without password: %+v", res[0])
	}
	res, _ = p.Import(context.Background(), []string{path}, ImportOptions{Password: "wrong"}, nil)
	if res[0].Status != ImportFailed || res[0].Message != "password protected: the password given does not open it" {
		t.Errorf("wrong password: %+v", res[0])
	}
	res, _ = p.Import(context.Background(), []string{path}, ImportOptions{Password: "review-2026"}, nil)
	if res[0].Status != ImportOK {
		t.Fatalf("with password: %+v", res[0])
	}
	if txt, _ := p.Text(res[0].Study); txt.String != "Protected findings" {
		t.Errorf("text %q", txt.String)
	}
}
