package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/coding"
)

func TestMemoSaveAndSearch(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	study := openFirstStudy(t, wb, 0)
	s, _ := p.Study(study)

	memo := newMemoPanel(wb, coding.MemoStudy, study, studyTitle(s))
	memo.build()
	saved := make(chan error, 1)
	memo.saved = func(err error) { saved <- err }
	test.Type(memo.entry, "Recruitment fees quoxotic pattern")
	test.Tap(memo.saveButton)
	if err := waitFor(t, saved, "memo save"); err != nil {
		t.Fatal(err)
	}
	ms, _ := coding.Memos(p, coding.MemoStudy, study)
	if len(ms) != 1 || ms[0].Text != "Recruitment fees quoxotic pattern" || ms[0].Coder != wb.coder.GUID {
		t.Fatalf("memos %+v", ms)
	}
	// Reopening shows the saved text.
	again := newMemoPanel(wb, coding.MemoStudy, study, studyTitle(s))
	again.build()
	if again.entry.Text != ms[0].Text {
		t.Fatalf("reopened memo %q", again.entry.Text)
	}

	// A memo on a coding in another study.
	other := wb.studies.shown[3].GUID
	cs, _ := coding.CodingsOfStudy(p, other)
	if len(cs) == 0 {
		t.Fatal("study 3 has no codings")
	}
	target := cs[len(cs)-1]
	if err := coding.SetMemo(p, coding.MemoCoding, target.GUID, "QUOXOTIC passage worth quoting"); err != nil {
		t.Fatal(err)
	}

	search := newMemoSearchPanel(wb)
	search.build()
	done := make(chan error, 1)
	search.done = func(err error) { done <- err }
	search.entry.SetText("quoxotic")
	search.onSearch()
	if err := waitFor(t, done, "memo search"); err != nil {
		t.Fatal(err)
	}
	if len(search.hits) != 2 {
		t.Fatalf("%d hits: %+v", len(search.hits), search.hits)
	}
	var codingHit = -1
	for i, h := range search.hits {
		switch h.memo.TargetKind {
		case coding.MemoStudy:
			if h.target != studyTitle(s) || h.coder != "Tess Tester" {
				t.Errorf("study hit %+v", h)
			}
		case coding.MemoCoding:
			codingHit = i
		}
	}
	if codingHit < 0 {
		t.Fatal("the coding memo was not found")
	}
	loaded := make(chan string, 1)
	wb.reader.loaded = func(s string) { loaded <- s }
	withUILock(func() { search.list.Select(codingHit) })
	if got := waitFor(t, loaded, "coding's study to open"); got != other {
		t.Fatalf("opened %s, want %s", got, other)
	}
	wb.reader.loaded = nil
	if st, e := wb.reader.view.Highlighted(); st != target.Start || e != target.End {
		t.Fatalf("highlighted %d-%d, want %d-%d", st, e, target.Start, target.End)
	}

	search.entry.SetText("nothing like this anywhere")
	search.onSearch()
	waitFor(t, done, "empty search")
	if len(search.hits) != 0 {
		t.Fatalf("%d hits for a phrase in no memo", len(search.hits))
	}
}
