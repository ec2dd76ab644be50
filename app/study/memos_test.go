package study

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
)

func TestMemoSaveAndSearch(t *testing.T) {
	a, h := newHost(t)
	p := h.Project()
	s := studyAt(t, p, 0)
	study := s.GUID

	memo := newMemoPanel(h, coding.MemoStudy, study, ui.StudyTitle(s))
	memo.build()
	closed := false
	memo.close = func() { closed = true }
	test.Type(memo.entry, "Recruitment fees quoxotic pattern")
	test.Tap(memo.saveButton)
	a.Settle(t)
	ms, _ := coding.Memos(p, coding.MemoStudy, study)
	if len(ms) != 1 || ms[0].Text != "Recruitment fees quoxotic pattern" || ms[0].Coder != p.CurrentCoder().GUID {
		t.Fatalf("memos %+v", ms)
	}
	if !closed || h.Changes() != 1 || !strings.Contains(h.LastStatus(), "saved") {
		t.Errorf("after the save: closed %v, %d changes, status %q", closed, h.Changes(), h.LastStatus())
	}
	// Reopening shows the saved text.
	again := newMemoPanel(h, coding.MemoStudy, study, ui.StudyTitle(s))
	again.build()
	if again.entry.Text != ms[0].Text {
		t.Fatalf("reopened memo %q", again.entry.Text)
	}

	// A memo on a coding in another study.
	other := studyAt(t, p, 3).GUID
	cs, _ := coding.CodingsOfStudy(p, other)
	if len(cs) == 0 {
		t.Fatal("study 3 has no codings")
	}
	target := cs[len(cs)-1]
	if err := coding.SetMemo(p, coding.MemoCoding, target.GUID, "QUOXOTIC passage worth quoting"); err != nil {
		t.Fatal(err)
	}

	// A memo on a table coded on page 2 of a third study.
	third := studyAt(t, p, 4).GUID
	table, err := coding.ApplyArea(p, coding.PageArea{Study: third, Page: 1, Rect: coding.Rect{X0: 50, Y0: 50, X1: 200, Y1: 150}, Label: "table"}, target.Code, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := coding.SetMemo(p, coding.MemoArea, table.GUID, "A quoxotic table of fees"); err != nil {
		t.Fatal(err)
	}

	var opened []string
	search := newMemoSearchPanel(h, h, h, func(guid string) { opened = append(opened, guid) })
	search.build()
	search.entry.SetText("quoxotic")
	search.onSearch()
	a.Settle(t)
	if len(search.hits) != 3 {
		t.Fatalf("%d hits: %+v", len(search.hits), search.hits)
	}
	codingHit, studyHit, areaHit := -1, -1, -1
	for i, hit := range search.hits {
		switch hit.memo.TargetKind {
		case coding.MemoStudy:
			studyHit = i
			if hit.target != ui.StudyTitle(s) || hit.coder != "Tess Tester" {
				t.Errorf("study hit %+v", hit)
			}
		case coding.MemoArea:
			areaHit = i
			if want := h.CodePath(target.Code) + ", table on p. 2 of "; !strings.HasPrefix(hit.target, want) {
				t.Errorf("area hit on %q, want %q…", hit.target, want)
			}
		case coding.MemoCoding:
			codingHit = i
			if want := h.CodePath(target.Code); !strings.HasPrefix(hit.target, want+" in ") {
				t.Errorf("coding hit on %q, want %q in …", hit.target, want)
			}
		}
	}
	if codingHit < 0 || studyHit < 0 || areaHit < 0 {
		t.Fatal("the coding, the study or the area memo was not found")
	}
	// Clicking the coding's memo shows its passage in the reader; the
	// study's memo opens its study.
	search.list.Select(codingHit)
	want := uitest.Passage{Study: other, Start: target.Start, End: target.End}
	if got := h.Passages(); len(got) != 1 || got[0] != want {
		t.Fatalf("passages shown %+v, want %+v", got, want)
	}
	search.list.Select(areaHit)
	if got := h.Passages(); len(got) != 2 || got[1] != (uitest.Passage{Study: third, Page: 2}) {
		t.Fatalf("the area memo shows %+v, want page 2 of %s", got, third)
	}
	search.list.Select(studyHit)
	if len(opened) != 1 || opened[0] != study {
		t.Fatalf("studies opened %v, want %s", opened, study)
	}

	// A memo saved elsewhere shows up in the open search.
	search.entry.SetText("")
	search.onSearch()
	a.Settle(t)
	all := len(search.hits)
	stop := h.OnChange(func([]string) { search.onSearch() })
	defer stop()
	if err := coding.SetMemo(p, coding.MemoStudy, other, "Another note"); err != nil {
		t.Fatal(err)
	}
	h.Changed(nil)
	a.Settle(t)
	if len(search.hits) != all+1 {
		t.Fatalf("%d hits after a new memo, want %d", len(search.hits), all+1)
	}

	search.entry.SetText("nothing like this anywhere")
	search.onSearch()
	a.Settle(t)
	if len(search.hits) != 0 {
		t.Fatalf("%d hits for a phrase in no memo", len(search.hits))
	}
}

// A memo on a code is opened from the codebook's code picker.
func TestCodeMemo(t *testing.T) {
	a, h := newHost(t)
	code := h.Codes()[2]
	h.Pick = func(string) (coding.Code, bool) { return code, true }
	ShowCodeMemo(h, h)
	a.Settle(t)
	w := a.Driver().AllWindows()
	last := w[len(w)-1]
	if want := "Memo — code “" + h.CodePath(code.GUID) + "”"; last.Title() != want {
		t.Fatalf("window %q, want %q", last.Title(), want)
	}
	last.Close()
}
