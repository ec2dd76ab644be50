package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// TestQueriesOnRealPDFs codes passages of real reports from ../shared and
// checks segment pages, quotes, paragraph co-occurrence, the matrix and the
// XLSX export against the extracted text.
func TestQueriesOnRealPDFs(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	names := []string{"plumb_federal-register-2020-17221.pdf", "plumb_ca-warn-report.pdf", "plumb_150109DSP-Milw-505-90D.pdf"}
	var files []string
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			files = append(files, filepath.Join(dir, n))
		}
	}
	if len(files) == 0 {
		t.Skip("../shared/corpus is not available")
	}
	p := testkit.Project(t)
	tree := codingtest.Codebook(t, p)
	debt, recruit, docs := codingtest.Code(t, tree, "Debt bondage"), codingtest.Code(t, tree, "Recruitment and deception"), codingtest.Code(t, tree, "Document confiscation")
	results, err := p.Import(t.Context(), files, corpus.ImportOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	type placed struct{ debt, recruit, docs string }
	want := map[string]placed{} // study -> codings of the same-paragraph pair and the next paragraph
	texts := map[string]*corpus.Text{}
	for _, r := range results {
		if r.Study == "" {
			t.Fatalf("%s: %s", r.Path, r.Message)
		}
		text, err := p.Text(r.Study)
		if err != nil {
			t.Fatal(err)
		}
		texts[r.Study] = text
		paras := agree.ParagraphStarts(text.String)
		n := len([]rune(text.String))
		// A paragraph on a later page with room for two passages, followed by another paragraph.
		k := -1
		for i := len(paras) / 2; i+2 < len(paras); i++ {
			if paras[i+1]-paras[i] >= 40 && paras[i+2]-paras[i+1] >= 10 {
				k = i
				break
			}
		}
		if k < 0 {
			continue
		}
		s := paras[k]
		var pl placed
		pl.debt = codingtest.Apply(t, p, r.Study, debt, s, s+15)
		pl.recruit = codingtest.Apply(t, p, r.Study, recruit, s+20, s+35)
		pl.docs = codingtest.Apply(t, p, r.Study, docs, paras[k+1], min(paras[k+1]+10, n))
		want[r.Study] = pl
		if err := coding.SetAttributes(p, r.Study, corpus.Attributes{Title: filepath.Base(r.Path), Sectors: []string{"Agriculture"}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(want) == 0 {
		t.Skip("no paragraphs found in the shared PDFs")
	}
	segs, err := query.Segments(p, query.SegmentQuery{Kind: coding.KindTheme})
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) != 3*len(want) {
		t.Fatalf("%d segments for %d studies", len(segs), len(want))
	}
	for _, s := range segs {
		text := texts[s.Study]
		if s.Page != text.PageAt(s.Start) || s.Page < 1 || s.Page > len(text.PageStarts) {
			t.Errorf("%s: page %d for offset %d", s.StudyTitle, s.Page, s.Start)
		}
		if s.Quote != text.Slice(s.Start, s.End) {
			t.Errorf("%s: quote %q is not the text %q", s.StudyTitle, s.Quote, text.Slice(s.Start, s.End))
		}
	}
	same, err := query.Segments(p, query.SegmentQuery{Codes: []string{debt}, Where: []query.Condition{{Code: recruit, Within: query.WithinParagraph}}})
	if err != nil {
		t.Fatal(err)
	}
	next, err := query.Segments(p, query.SegmentQuery{Codes: []string{debt}, Where: []query.Condition{{Code: docs, Within: query.WithinParagraph}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(same) != len(want) || len(next) != 0 {
		t.Fatalf("same paragraph %d (want %d), next paragraph %d (want 0)", len(same), len(want), len(next))
	}
	for _, s := range same {
		if want[s.Study].debt != s.Coding {
			t.Errorf("unexpected segment %+v", s)
		}
	}
	m, err := query.CodeMatrix(p, query.MatrixQuery{Cols: query.DimSector, Codes: []string{debt, recruit, docs}, AllStudies: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cols) != 1 || m.Total.Codings != 3*len(want) || m.Total.Studies != len(want) || m.Cells[0][0].Studies != len(want) {
		t.Fatalf("matrix cols %v total %+v", m.Cols, m.Total)
	}
	var buf bytes.Buffer
	if err := WriteSegmentsXLSX(&buf, segs); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	rows, err := x.GetRows("Segments")
	if err != nil || len(rows) != len(segs)+1 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	for i, s := range segs {
		if got := rows[i+1][8]; got != xlsxText(s.Quote) {
			t.Errorf("row %d quote %q, want %q", i+2, got, xlsxText(s.Quote))
		}
	}
}
