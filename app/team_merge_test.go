package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
)

// conflictSelects finds the resolution choices in the merge window's conflict list.
func conflictSelects(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	switch w := o.(type) {
	case *widget.Select:
		out = append(out, w)
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, conflictSelects(c)...)
		}
	}
	return out
}

func TestMergeReviewerFiles(t *testing.T) {
	sc := newTeamScenario(t)
	wb := newTestWorkbench(t)
	master := openAndWait(t, wb, sc.master)
	before := countRows(t, master, `SELECT COUNT(*) FROM codings`)

	p := wb.showMergeWindow()
	planned := make(chan error, 2)
	p.planned = func(path string, err error) { planned <- err }
	p.addFile(sc.a)
	if err := waitFor(t, planned, "reviewer A planned"); err != nil {
		t.Fatal(err)
	}
	p.addFile(sc.b)
	if err := waitFor(t, planned, "reviewer B planned"); err != nil {
		t.Fatal(err)
	}
	p.addFile(sc.b) // listed once only
	if len(p.files) != 2 || !strings.Contains(p.message.Text, "already") {
		t.Fatalf("%d files, message %q", len(p.files), p.message.Text)
	}
	if !strings.Contains(p.preview.Text, "reviewer-a.ewb: 0 studies, 0 codes, 2 codings") ||
		!strings.Contains(p.preview.Text, "reviewer-b.ewb: 0 studies, 0 codes, 1 codings") {
		t.Fatalf("preview %q", p.preview.Text)
	}
	// B renamed a code: one conflict, resolved here by keeping both versions.
	sels := conflictSelects(p.conflicts)
	if len(sels) != 1 || len(p.files[1].plan.Conflicts) != 1 || sels[0].Selected != resKeepMaster {
		t.Fatalf("%d conflict choices, conflicts %+v", len(sels), p.files[1].plan.Conflicts)
	}
	previewed := make(chan struct{}, 4)
	p.previewed = func() { previewed <- struct{}{} }
	p.setAllSel.SetSelected(resTakeRev) // every conflict at once
	waitFor(t, previewed, "preview of file 1")
	waitFor(t, previewed, "preview of file 2")
	sels = conflictSelects(p.conflicts)
	if sels[0].Selected != resTakeRev || p.files[1].res[p.files[1].plan.Conflicts[0].ID].Action != merge.TakeReviewer ||
		p.setAllSel.Selected != "" {
		t.Fatalf("after resolving all: %q, %+v", sels[0].Selected, p.files[1].res)
	}
	sels[0].SetSelected(resKeepBoth)
	waitFor(t, previewed, "preview with keep both")
	if !strings.Contains(p.preview.Text, "reviewer-b.ewb: 0 studies, 1 codes") {
		t.Fatalf("preview after keep both: %q", p.preview.Text)
	}

	merged := make(chan []*merge.Report, 1)
	p.merged = func(r []*merge.Report, err error) {
		if err != nil {
			t.Error(err)
		}
		merged <- r
	}
	test.Tap(p.mergeBtn)
	reports := waitFor(t, merged, "merge")
	if len(reports) != 2 || reports[0].New.Codings != 2 || reports[1].New.Codings != 1 || reports[1].New.Codes != 1 {
		t.Fatalf("reports %+v", reports)
	}
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got != before+3 {
		t.Fatalf("codings %d -> %d", before, got)
	}
	if n := countRows(t, master, `SELECT COUNT(*) FROM coders WHERE name IN ('Reviewer A', 'Reviewer B')`); n != 2 {
		t.Fatalf("%d reviewer coders", n)
	}
	text := reports[0].String() + reports[1].String()
	if !strings.Contains(text, "2 codings") || !strings.Contains(text, "keep-both") {
		t.Fatalf("report %q", text)
	}
	if len(p.files) != 0 || !strings.Contains(p.message.Text, "Merged 2 files") {
		t.Fatalf("after merge: %d files, %q", len(p.files), p.message.Text)
	}
	// One undo step per merged file.
	if l := master.CanUndo(); l != "Merge reviewer-b.ewb" {
		t.Fatalf("undo label %q", l)
	}
	saved := make(chan struct{}, 4)
	wb.afterChange = func() { saved <- struct{}{} }
	wb.onUndo()
	waitFor(t, saved, "undo")
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got != before+2 {
		t.Fatalf("after one undo %d codings, want %d", got, before+2)
	}
	p.close()
}

func TestMergeCancelLeavesMasterUntouched(t *testing.T) {
	sc := newTeamScenario(t)
	wb := newTestWorkbench(t)
	master := openAndWait(t, wb, sc.master)
	before := countRows(t, master, `SELECT COUNT(*) FROM codings`)
	p := wb.showMergeWindow()
	planned := make(chan error, 1)
	p.planned = func(path string, err error) { planned <- err }
	p.addFile(sc.a)
	if err := waitFor(t, planned, "planned"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	reports, err := mergeFiles(ctx, master, p.files, nil)
	if err == nil || len(reports) != 0 {
		t.Fatalf("cancelled merge: %v %d reports", err, len(reports))
	}
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got != before {
		t.Fatalf("codings %d -> %d after a cancelled merge", before, got)
	}
	// A file that is not a project is refused with a plain message.
	bad := t.TempDir() + "/notes.ewb"
	writeFile(t, bad, "not a project")
	p.addFile(bad)
	if err := waitFor(t, planned, "bad file"); err == nil || len(p.files) != 1 || !strings.Contains(p.message.Text, "notes.ewb") {
		t.Fatalf("bad file: %v, %d files, %q", err, len(p.files), p.message.Text)
	}
	p.close()
}

func TestMergeQDPXAndMapOnto(t *testing.T) {
	sc := newTeamScenario(t)
	// Reviewer A's work arrives as a REFI-QDA archive from another program.
	qdpx := filepath.Join(t.TempDir(), "reviewer-a.qdpx")
	a, err := corpus.Open(sc.a, corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = exchange.ExportQDPX(context.Background(), a, qdpx, nil)
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	wb := newTestWorkbench(t)
	master := openAndWait(t, wb, sc.master)
	before := countRows(t, master, `SELECT COUNT(*) FROM codings`)
	p := wb.showMergeWindow()
	planned := make(chan error, 2)
	p.planned = func(path string, err error) { planned <- err }
	p.addFile(qdpx)
	if err := waitFor(t, planned, "qdpx planned"); err != nil {
		t.Fatal(err)
	}
	p.addFile(sc.b)
	if err := waitFor(t, planned, "reviewer B planned"); err != nil {
		t.Fatal(err)
	}
	if p.files[0].plan.Source != qdpx || p.files[0].preview.New.Codings < 2 {
		t.Fatalf("qdpx plan: source %s, preview %+v", p.files[0].plan.Source, p.files[0].preview.New)
	}
	// Map B's renamed code onto another master code.
	var target coding.Code
	for _, c := range wb.codebook.codes {
		if c.GUID != sc.renamed && c.Parent == "" {
			target = c
			break
		}
	}
	f := p.files[1]
	previewed := make(chan struct{}, 1)
	p.previewed = func() { previewed <- struct{}{} }
	p.setResolution(f, f.plan.Conflicts[0].ID, merge.Resolution{Action: merge.MapTo, Target: target.GUID})
	waitFor(t, previewed, "preview with map")
	if c := f.preview.Conflicts[0]; c.Resolution.Action != merge.MapTo || c.Resolution.Target != target.GUID {
		t.Fatalf("previewed resolution %+v", c.Resolution)
	}
	merged := make(chan error, 1)
	p.merged = func(_ []*merge.Report, err error) { merged <- err }
	p.onMergeTapped()
	if err := waitFor(t, merged, "merge"); err != nil {
		t.Fatal(err)
	}
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got < before+3 {
		t.Fatalf("codings %d -> %d", before, got)
	}
	if l := master.CanUndo(); l != "Merge reviewer-b.ewb" {
		t.Fatalf("undo label %q", l)
	}
	if n := countRows(t, master, `SELECT COUNT(*) FROM codes WHERE guid = ? AND name LIKE '%B''s name%'`, sc.renamed); n != 0 {
		t.Fatal("the mapped conflict renamed the master's code")
	}
	p.close()
}
