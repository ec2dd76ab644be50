package analysis

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// newWindow makes a test app, a host over a fresh copy of the demo project
// and the segments and matrix window's panels on it.
func newWindow(t *testing.T) (*uitest.App, *uitest.Host, *queriesWindow) {
	t.Helper()
	coder := uitest.Identity(t, "Tess Tester")
	a := uitest.New(t)
	h := uitest.NewHost(t, a, uitest.DemoCopy(t), coder)
	q := newQueriesWindow(h, h, h)
	q.build()
	return a, h, q
}

// codedCode returns a code of kind theme with codings in the demo, and how many codings it has.
func codedCode(t *testing.T, p *corpus.Project) (coding.Code, []coding.Coding) {
	t.Helper()
	codes, err := coding.Codebook(p)
	if err != nil {
		t.Fatal(err)
	}
	studies, _ := p.Studies()
	byCode := map[string][]coding.Coding{}
	for _, s := range studies {
		cs, _ := coding.CodingsOfStudy(p, s.GUID)
		for _, c := range cs {
			byCode[c.Code] = append(byCode[c.Code], c)
		}
	}
	var best coding.Code
	for _, c := range codes {
		if c.Kind == coding.KindTheme && len(byCode[c.GUID]) > len(byCode[best.GUID]) {
			best = c
		}
	}
	if len(byCode[best.GUID]) < 2 {
		t.Fatal("the demo has no theme code with codings")
	}
	return best, byCode[best.GUID]
}

func TestSegmentsQueryOpensPassage(t *testing.T) {
	a, h, q := newWindow(t)
	p := h.Project()
	code, codings := codedCode(t, p)
	seg := q.segments

	seg.addCode(code)
	seg.addCode(code) // a second pick of the same code is ignored
	seg.subcodes.SetChecked(false)
	if len(seg.codes) != 1 || !strings.Contains(seg.codesLabel.Text, code.Name) {
		t.Fatalf("codes %v label %q", seg.codes, seg.codesLabel.Text)
	}
	test.Tap(seg.runButton)
	a.Settle(t)
	if len(seg.results) != len(codings) {
		t.Fatalf("%d segments, the code has %d codings", len(seg.results), len(codings))
	}
	for _, s := range seg.results {
		if s.Code != code.GUID || s.Quote == "" || s.StudyTitle == "" || s.Page < 1 {
			t.Fatalf("segment %+v", s)
		}
	}
	if !strings.Contains(seg.message.Text, "segments in") {
		t.Errorf("message %q", seg.message.Text)
	}

	// A NOT condition on the same code within the same study keeps only studies
	// where the code occurs once; an impossible year range finds nothing.
	seg.addCondition(code, query.WithinStudy, true)
	seg.yearFrom.SetText("3000")
	test.Tap(seg.runButton)
	a.Settle(t)
	if !strings.HasPrefix(seg.message.Text, "0 segments") {
		t.Fatalf("filtered query says %q", seg.message.Text)
	}
	if len(seg.results) != 0 {
		t.Fatalf("year 3000 and later: %d segments", len(seg.results))
	}
	seg.yearFrom.SetText("soon")
	test.Tap(seg.runButton)
	a.Settle(t)
	if !strings.Contains(seg.message.Text, "soon") || len(seg.results) != 0 {
		t.Fatalf("bad year accepted: %q", seg.message.Text)
	}
	seg.yearFrom.SetText("")
	seg.condBox.Objects = nil
	seg.conds = nil
	seg.reportable.SetChecked(true)
	test.Tap(seg.runButton)
	a.Settle(t)
	all := len(codings)
	for _, s := range seg.results {
		if st, _ := p.Study(s.Study); !coding.Reportable(st.Status) {
			t.Fatalf("segment of a %s study listed", st.Status)
		}
	}
	reportable := len(seg.results)
	seg.reportable.SetChecked(false)
	test.Tap(seg.runButton)
	a.Settle(t)
	if len(seg.results) != all || reportable > all {
		t.Fatalf("%d segments again (%d reportable), want %d", len(seg.results), reportable, all)
	}

	// Tapping a segment opens its study in the reader at the passage.
	target := seg.results[len(seg.results)-1]
	seg.list.Select(widget.ListItemID(len(seg.results) - 1))
	want := uitest.Passage{Study: target.Study, Start: target.Start, End: target.End}
	if got := h.Passages(); len(got) != 1 || got[0] != want {
		t.Fatalf("passages shown %+v, want %+v", got, want)
	}

	// An area coding's segment opens its page, not the page's text.
	area, err := coding.ApplyArea(p, coding.PageArea{Study: target.Study, Page: 2, Rect: coding.Rect{X0: 40, Y0: 40, X1: 240, Y1: 140}, Label: "figure"}, code.GUID, "")
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(seg.runButton)
	a.Settle(t)
	ai := slices.IndexFunc(seg.results, func(s query.Segment) bool { return s.Coding == area.GUID })
	if ai < 0 || seg.results[ai].Area == nil || seg.results[ai].Page != 3 {
		t.Fatalf("the area coding is not listed on p. 3: %+v", seg.results)
	}
	seg.list.Select(widget.ListItemID(ai))
	if got := h.Passages(); len(got) != 2 || got[1] != (uitest.Passage{Study: target.Study, Page: 3}) {
		t.Fatalf("passages shown %+v, want page 3 of %s", got, target.Study)
	}
	if err := coding.RemoveArea(p, area.GUID); err != nil {
		t.Fatal(err)
	}
	test.Tap(seg.runButton)
	a.Settle(t)

	// Export writes every listed segment.
	path := filepath.Join(t.TempDir(), "segments.csv")
	seg.export(path)
	a.Settle(t)
	if !strings.HasPrefix(seg.message.Text, "Exported") {
		t.Fatalf("export says %q", seg.message.Text)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(strings.TrimSpace(string(data)), "\n"); lines < len(seg.results) {
		t.Fatalf("CSV has %d data lines for %d segments", lines, len(seg.results))
	}
	xlsx := filepath.Join(t.TempDir(), "segments.xlsx")
	seg.export(xlsx)
	a.Settle(t)
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Fatalf("xlsx %v", err)
	}
}

func TestMatrixSectorsAndCellSegments(t *testing.T) {
	a, h, q := newWindow(t)
	p := h.Project()
	test.Tap(q.matrix.runButton)
	a.Settle(t)
	m := q.matrix.m
	if m == nil {
		t.Fatalf("no matrix: %q", q.matrix.message.Text)
	}
	if m.Dimension != query.DimSector || len(m.Rows) == 0 {
		t.Fatalf("matrix %s with %d rows", m.Dimension, len(m.Rows))
	}
	// The columns are the sectors of the included demo studies that have theme codings.
	codes, _ := coding.Codebook(p)
	theme := map[string]bool{}
	for _, c := range codes {
		theme[c.GUID] = c.Kind == coding.KindTheme
	}
	studies, _ := p.Studies()
	want := map[string]bool{}
	for _, s := range studies {
		if !coding.Reportable(s.Status) {
			continue
		}
		cs, _ := coding.CodingsOfStudy(p, s.GUID)
		if slices.ContainsFunc(cs, func(c coding.Coding) bool { return theme[c.Code] }) {
			for _, sec := range s.Sectors {
				want[sec] = true
			}
		}
	}
	if len(want) < 2 {
		t.Fatalf("demo sectors %v", want)
	}
	for sec := range want {
		if !slices.Contains(m.Cols, sec) {
			t.Errorf("sector %q is not a column of %v", sec, m.Cols)
		}
	}
	rows, cols := q.matrix.size()
	if rows != len(m.Rows)+2 || cols != len(m.Cols)+2 {
		t.Fatalf("table %dx%d", rows, cols)
	}
	if text, _ := q.matrix.cellText(widget.TableCellID{Row: 0, Col: 1}); text != m.Cols[0] {
		t.Errorf("header %q", text)
	}

	// Tapping a cell lists its segments in the segments tab.
	var id widget.TableCellID
	var cell query.Cell
	for r := range m.Rows {
		for c := range m.Cols {
			if m.Cells[r][c].Codings > cell.Codings {
				id, cell = widget.TableCellID{Row: r + 1, Col: c + 1}, m.Cells[r][c]
			}
		}
	}
	if text, _ := q.matrix.cellText(id); text == "" || !strings.Contains(text, " / ") {
		t.Fatalf("cell text %q", text)
	}
	q.matrix.table.Select(id)
	a.Settle(t)
	if len(q.segments.results) != cell.Codings {
		t.Fatalf("cell of %d codings lists %d segments", cell.Codings, len(q.segments.results))
	}
	row := m.Rows[id.Row-1]
	for _, s := range q.segments.results {
		if s.Code != row.Code && !q.matrix.rollUp.Checked {
			t.Fatalf("segment of code %s in row %s", s.CodePath, row.Path)
		}
	}
	if q.tabs.Selected() != q.segTab {
		t.Error("the segments tab is not shown after a cell tap")
	}

	// Other dimensions and export.
	q.matrix.cols.SetSelected(query.DimCoder)
	test.Tap(q.matrix.runButton)
	a.Settle(t)
	if !slices.Contains(q.matrix.m.Cols, demo.Coder.Name) {
		t.Fatalf("coder columns %v", q.matrix.m.Cols)
	}
	path := filepath.Join(t.TempDir(), "matrix.xlsx")
	q.matrix.export(path)
	a.Settle(t)
	if !strings.HasPrefix(q.matrix.message.Text, "Exported") {
		t.Fatalf("matrix export says %q", q.matrix.message.Text)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("matrix xlsx %v", err)
	}
}
