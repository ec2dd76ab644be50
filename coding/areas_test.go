package coding

import (
	"errors"
	"slices"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// letter is the displayed size of a US Letter page in points.
const letterW, letterH = 612.0, 792.0

func mustArea(tb testing.TB, p *corpus.Project, study string, page int, r Rect, code string) Area {
	tb.Helper()
	a, err := ApplyArea(p, PageArea{Study: study, Page: page, Rect: r, PageW: letterW, PageH: letterH, Label: "table"}, code, "")
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// textStudy adds a study whose source is a text file (as a REFI-QDA text
// source becomes), which has no pages to mark.
func textStudy(tb testing.TB, p *corpus.Project) string {
	tb.Helper()
	var g string
	err := p.Do("Import text", func(tx *corpus.Tx) error {
		var err error
		g, err = tx.AddStudy(corpus.NewStudy{FileName: "notes.txt", PDF: []byte("Interview notes."), Text: "Interview notes.",
			PageStarts: []int{0}, Attributes: corpus.Attributes{Title: "Notes"}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestApplyArea(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "Survey", "Page one.\fPage two.")
	code := mustCode(t, p, "", "Wages")
	other := mustCode(t, p, "", "Debt")
	txt := textStudy(t, p)
	on := func(page int, r Rect) PageArea {
		return PageArea{Study: st, Page: page, Rect: r, PageW: letterW, PageH: letterH, Label: "  bar   chart "}
	}
	cases := []struct {
		name    string
		at      PageArea
		code    string
		want    Rect // the stored rectangle
		wantErr error
	}{
		{"table on page 2", on(1, Rect{72, 100, 540, 300}), code, Rect{72, 100, 540, 300}, nil},
		{"corners in any order", on(0, Rect{540, 300, 72, 100}), code, Rect{72, 100, 540, 300}, nil},
		{"overlapping area", on(1, Rect{80, 120, 300, 200}), code, Rect{80, 120, 300, 200}, nil},
		{"other code same area", on(1, Rect{72, 100, 540, 300}), other, Rect{72, 100, 540, 300}, nil},
		{"edges past the page within a point are clipped", on(0, Rect{-0.6, 700, 612.8, 792.9}), code, Rect{0, 700, 612, 792}, nil},
		{"page size unknown", PageArea{Study: st, Page: 3, Rect: Rect{10, 10, 20, 20}, Label: "bar chart"}, code, Rect{10, 10, 20, 20}, nil},
		{"duplicate", on(1, Rect{72, 100, 540, 300}), code, Rect{}, ErrDuplicateArea},
		{"duplicate within a point", on(1, Rect{72.6, 99.2, 540.9, 300.4}), code, Rect{}, ErrDuplicateArea},
		{"too narrow", on(0, Rect{10, 10, 10.5, 100}), code, Rect{}, ErrAreaSize},
		{"outside the page", on(0, Rect{500, 700, 700, 800}), code, Rect{}, ErrAreaOutside},
		{"negative page", on(-1, Rect{10, 10, 20, 20}), code, Rect{}, ErrAreaPage},
		{"not a number", on(0, Rect{10, 10, 20, nan()}), code, Rect{}, ErrAreaOutside},
		{"half a page size", PageArea{Study: st, Rect: Rect{10, 10, 20, 20}, PageW: 612}, code, Rect{}, ErrAreaOutside},
		{"study without a PDF", PageArea{Study: txt, Rect: Rect{10, 10, 20, 20}}, code, Rect{}, ErrNoPages},
		{"unknown study", PageArea{Study: "nope", Rect: Rect{10, 10, 20, 20}}, code, Rect{}, corpus.ErrNotFound},
		{"unknown code", on(0, Rect{10, 10, 20, 20}), "nope", Rect{}, corpus.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := countRows(t, p, "areas", "")
			got, err := ApplyArea(p, c.at, c.code, " a note ")
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				if countRows(t, p, "areas", "") != n {
					t.Fatal("a refused area was stored")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Rect != c.want || got.Coder != testCoder.GUID || got.Memo != "a note" || got.Label != "bar chart" ||
				got.CreatedAt.IsZero() || got.Code != c.code || got.Page != c.at.Page {
				t.Fatalf("area = %+v", got)
			}
			stored, err := GetArea(p, got.GUID)
			if err != nil || stored != got {
				t.Fatalf("stored %+v, returned %+v (%v)", stored, got, err)
			}
		})
	}
	if problems, err := p.Check(t.Context()); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	// Another coder may code the same area.
	if err := p.SetCoder(corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Ben"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ApplyArea(p, on(1, Rect{72, 100, 540, 300}), code, ""); err != nil {
		t.Fatalf("Ben's area: %v", err)
	}
	// The errors read as sentences.
	_, err := ApplyArea(p, on(0, Rect{500, 700, 700, 800}), code, "")
	if want := "rectangle 500,700,700,800 on a page of 612x792 points: the area lies outside the page"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func nan() float64 { z := 0.0; return z / z }

func TestAreaEditsUndoRedo(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "Survey", "Page one.\fPage two.")
	code := mustCode(t, p, "", "Wages")
	other := mustCode(t, p, "", "Debt")
	a := mustArea(t, p, st, 1, Rect{72.25, 100.5, 540, 300}, code)
	before, _ := GetArea(p, a.GUID)
	// Undo removes the area; redo brings it back exactly.
	MustUndo(t, p)
	if _, err := GetArea(p, a.GUID); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("after undo: %v", err)
	}
	MustRedo(t, p)
	if got, err := GetArea(p, a.GUID); err != nil || got != before {
		t.Fatalf("after redo %+v (%v), want %+v", got, err, before)
	}
	steps := []struct {
		name  string
		do    func() error
		check func(Area) bool
	}{
		{"code", func() error { return ChangeAreaCode(p, a.GUID, other) }, func(x Area) bool { return x.Code == other }},
		{"memo", func() error { return SetAreaMemo(p, a.GUID, " wage table ") }, func(x Area) bool { return x.Memo == "wage table" }},
		{"label", func() error { return SetAreaLabel(p, a.GUID, "figure") }, func(x Area) bool { return x.Label == "figure" }},
	}
	for _, s := range steps {
		old, _ := GetArea(p, a.GUID)
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		now, _ := GetArea(p, a.GUID)
		if !s.check(now) {
			t.Fatalf("%s: %+v", s.name, now)
		}
		MustUndo(t, p)
		if got, _ := GetArea(p, a.GUID); got != old {
			t.Fatalf("%s undone: %+v, want %+v", s.name, got, old)
		}
		MustRedo(t, p)
		if got, _ := GetArea(p, a.GUID); got != now {
			t.Fatalf("%s redone: %+v, want %+v", s.name, got, now)
		}
	}
	// A second area with the first code on the same rectangle: changing the
	// first back to that code would duplicate it.
	mustArea(t, p, st, 1, Rect{72, 100, 540, 300}, code)
	if err := ChangeAreaCode(p, a.GUID, code); !errors.Is(err, ErrDuplicateArea) {
		t.Fatalf("change onto a duplicate: %v", err)
	}
	if err := SetAreaLabel(p, a.GUID, string(make([]rune, MaxAreaLabel+1))); !errors.Is(err, ErrAreaLabel) {
		t.Fatalf("long label: %v", err)
	}
	if err := RemoveArea(p, a.GUID); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, p, "areas", ""); n != 1 {
		t.Fatalf("%d areas after remove", n)
	}
	MustUndo(t, p)
	if got, _ := GetArea(p, a.GUID); got.Memo != "wage table" || got.Label != "figure" {
		t.Fatalf("remove undone: %+v", got)
	}
	if err := RemoveArea(p, "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("remove unknown: %v", err)
	}
}

func TestAreasListAndCounts(t *testing.T) {
	p := MustProject(t)
	s1 := MustStudy(t, p, "One", "Text one.\fPage two.")
	s2 := MustStudy(t, p, "Two", "Text two.")
	code := mustCode(t, p, "", "Wages")
	other := mustCode(t, p, "", "Debt")
	low := mustArea(t, p, s1, 1, Rect{10, 500, 100, 600}, code)
	high := mustArea(t, p, s1, 1, Rect{10, 50, 100, 90}, code)
	first := mustArea(t, p, s1, 0, Rect{300, 300, 400, 400}, other)
	elsewhere := mustArea(t, p, s2, 0, Rect{1, 1, 50, 50}, code)
	mustApply(t, p, s1, code, 0, 4)
	guids := func(as []Area) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.GUID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    AreaFilter
		want []string
	}{
		{"study, by page then top to bottom", AreaFilter{Study: s1}, []string{first.GUID, high.GUID, low.GUID}},
		{"code", AreaFilter{Code: other}, []string{first.GUID}},
		{"pages", AreaFilter{Study: s1, Pages: []int{1}}, []string{high.GUID, low.GUID}},
		{"coder", AreaFilter{Coder: testCoder.GUID, Study: s2}, []string{elsewhere.GUID}},
		{"nobody's", AreaFilter{Coder: "nobody"}, nil},
	} {
		got, err := Areas(p, c.f)
		if err != nil || !slices.Equal(guids(got), c.want) {
			t.Errorf("%s: %v (%v), want %v", c.name, guids(got), err, c.want)
		}
	}
	counts, err := CodeCounts(p)
	if err != nil {
		t.Fatal(err)
	}
	// Wages: one passage of s1 and three areas (s1 twice, s2): 4 items in 2 studies.
	if got := counts[code]; got != (CodeCount{Codings: 4, Studies: 2, Areas: 3}) {
		t.Errorf("wages counts %+v", got)
	}
	if got := counts[other]; got != (CodeCount{Codings: 1, Studies: 1, Areas: 1}) {
		t.Errorf("debt counts %+v", got)
	}
	st, err := Stats(p)
	if err != nil || st.Areas != 4 || st.Codings != 1 {
		t.Errorf("stats %+v %v", st, err)
	}
	if got := high.Describe(); got != "table on p. 2" {
		t.Errorf("describe = %q", got)
	}
	if got := (PageArea{Page: 0}).DescribeIn("One"); got != "area on p. 1 of One" {
		t.Errorf("describe in = %q", got)
	}
}

func TestAreasFollowCodebookEdits(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "Survey", "Page one.")
	from := mustCode(t, p, "", "Pay")
	into := mustCode(t, p, "", "Wages")
	gone := mustCode(t, p, "", "Gone")
	moved := mustArea(t, p, st, 0, Rect{10, 10, 100, 100}, from)
	kept := mustArea(t, p, st, 0, Rect{200, 200, 300, 300}, into)
	dup, err := ApplyArea(p, PageArea{Study: st, Rect: Rect{200.5, 200, 300, 300.5}, PageW: letterW, PageH: letterH}, from, "note on the duplicate")
	if err != nil {
		t.Fatal(err)
	}
	doomed := mustArea(t, p, st, 0, Rect{1, 1, 50, 50}, gone)
	if err := MergeCodes(p, from, into); err != nil {
		t.Fatal(err)
	}
	if a, err := GetArea(p, moved.GUID); err != nil || a.Code != into {
		t.Fatalf("moved area %+v %v", a, err)
	}
	if _, err := GetArea(p, dup.GUID); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("the duplicate area was kept: %v", err)
	}
	if a, _ := GetArea(p, kept.GUID); a.Memo != "note on the duplicate" {
		t.Fatalf("the duplicate's memo was not kept: %+v", a)
	}
	if err := DeleteCode(p, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := GetArea(p, doomed.GUID); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("an area of a deleted code stayed: %v", err)
	}
	if problems, err := p.Check(t.Context()); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	MustUndo(t, p)
	MustUndo(t, p)
	if a, _ := GetArea(p, dup.GUID); a.Code != from || a.Memo != "note on the duplicate" {
		t.Fatalf("merge undone: %+v", a)
	}
	if _, err := GetArea(p, doomed.GUID); err != nil {
		t.Fatalf("delete undone: %v", err)
	}
}
