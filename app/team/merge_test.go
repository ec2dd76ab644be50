package team

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
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

// shownReport is the text of the merge report dialog over the merge window.
func shownReport(t *testing.T, p *mergePanel) string {
	t.Helper()
	text := uitest.OverlayText(t, p.win)
	if !strings.Contains(text, "Merge of ") {
		t.Fatalf("no merge report shown: %q", text)
	}
	return text
}

func TestMergeReviewerFiles(t *testing.T) {
	sc := newTeamScenario(t)
	a, h := newHost(t, sc.master)
	master := h.Project()
	before := countRows(t, master, `SELECT COUNT(*) FROM codings`)

	p := showMerge(h, h)
	p.addFile(sc.a)
	a.Settle(t)
	p.addFile(sc.b)
	a.Settle(t)
	if len(p.files) != 2 {
		t.Fatalf("%d files planned: %q", len(p.files), p.message.Text)
	}
	p.addFile(sc.b) // listed once only
	if len(p.files) != 2 || !strings.Contains(p.message.Text, "already") {
		t.Fatalf("%d files, message %q", len(p.files), p.message.Text)
	}
	// The master itself, under another spelling of its path, is named as such.
	p.addFile(filepath.Join(filepath.Dir(master.Path()), ".", filepath.Base(master.Path())))
	a.Settle(t)
	if len(p.files) != 2 || !strings.Contains(p.message.Text, "open project itself") {
		t.Fatalf("the master as a reviewer file: %d files, %q", len(p.files), p.message.Text)
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
	p.setAllSel.SetSelected(resTakeRev) // every conflict at once
	a.Settle(t)
	sels = conflictSelects(p.conflicts)
	if sels[0].Selected != resTakeRev || p.files[1].res[p.files[1].plan.Conflicts[0].ID].Action != merge.TakeReviewer ||
		p.setAllSel.Selected != "" {
		t.Fatalf("after resolving all: %q, %+v", sels[0].Selected, p.files[1].res)
	}
	if c := p.files[1].preview.Conflicts[0]; c.Resolution.Action != merge.TakeReviewer {
		t.Fatalf("preview after resolving all: %+v", c.Resolution)
	}
	sels[0].SetSelected(resKeepBoth)
	a.Settle(t)
	if !strings.Contains(p.preview.Text, "reviewer-b.ewb: 0 studies, 1 codes") {
		t.Fatalf("preview after keep both: %q", p.preview.Text)
	}

	test.Tap(p.mergeBtn)
	a.Settle(t)
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got != before+3 {
		t.Fatalf("codings %d -> %d (%q)", before, got, p.message.Text)
	}
	if n := countRows(t, master, `SELECT COUNT(*) FROM coders WHERE name IN ('Reviewer A', 'Reviewer B')`); n != 2 {
		t.Fatalf("%d reviewer coders", n)
	}
	if n := countRows(t, master, `SELECT COUNT(*) FROM codes WHERE name LIKE '%B''s name%'`); n != 1 {
		t.Fatalf("%d copies of B's renamed code (keep both makes one)", n)
	}
	if len(p.files) != 0 || !strings.Contains(p.message.Text, "Merged 2 files") || !strings.Contains(h.LastStatus(), "Merged 2 files") {
		t.Fatalf("after merge: %d files, %q, status %q", len(p.files), p.message.Text, h.LastStatus())
	}
	if h.Changes() == 0 {
		t.Fatal("the merge did not tell the main window")
	}
	// The report names codes by their paths, never by their identities.
	text := shownReport(t, p)
	for _, want := range []string{"reviewer-a.ewb", "reviewer-b.ewb", "2 codings", "1 coding,", "kept both", "B's name"} {
		if !strings.Contains(text, want) {
			t.Errorf("merge report lacks %q:\n%s", want, text)
		}
	}
	checkNoGUIDs(t, master, text)
	// One undo step per merged file.
	if l := master.CanUndo(); l != "Merge reviewer-b.ewb" {
		t.Fatalf("undo label %q", l)
	}
	replay(t, a, h, true)
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got != before+2 {
		t.Fatalf("after one undo %d codings, want %d", got, before+2)
	}
	p.close()
}

// checkNoGUIDs fails if text shows the identity of any code, coding or
// study of the project.
func checkNoGUIDs(t *testing.T, p *corpus.Project, text string) {
	t.Helper()
	rows, err := p.DB().Query(`SELECT guid FROM codes UNION ALL SELECT guid FROM codings UNION ALL SELECT guid FROM studies`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			t.Fatal(err)
		}
		n++
		if g != "" && strings.Contains(text, g) {
			t.Errorf("the report shows the identity %s:\n%s", g, text)
		}
	}
	if n == 0 {
		t.Fatal("no identities to look for")
	}
}

func TestMergeCancelLeavesMasterUntouched(t *testing.T) {
	sc := newTeamScenario(t)
	a, h := newHost(t, sc.master)
	master := h.Project()
	before := countRows(t, master, `SELECT COUNT(*) FROM codings`)
	p := showMerge(h, h)
	p.addFile(sc.a)
	a.Settle(t)
	if len(p.files) != 1 {
		t.Fatalf("not planned: %q", p.message.Text)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	reports, err := mergeFiles(ctx, master, p.files, []merge.Resolutions{p.files[0].resolutions()}, nil)
	if err == nil || len(reports) != 0 {
		t.Fatalf("cancelled merge: %v %d reports", err, len(reports))
	}
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got != before {
		t.Fatalf("codings %d -> %d after a cancelled merge", before, got)
	}
	// The master takes in A's work by another way: the preview follows.
	if !strings.Contains(p.preview.Text, "reviewer-a.ewb: 0 studies, 0 codes, 2 codings") {
		t.Fatalf("preview %q", p.preview.Text)
	}
	if _, err := mergeFiles(context.Background(), master, p.files, []merge.Resolutions{p.files[0].resolutions()}, nil); err != nil {
		t.Fatal(err)
	}
	h.Changed(nil)
	a.Settle(t)
	if p.preview.Text != "reviewer-a.ewb: nothing new." {
		t.Fatalf("preview after the master changed: %q", p.preview.Text)
	}
	// A file that is not a project is refused with a plain message.
	bad := t.TempDir() + "/notes.ewb"
	writeFile(t, bad, "not a project")
	p.addFile(bad)
	a.Settle(t)
	if len(p.files) != 1 || !strings.Contains(p.message.Text, "notes.ewb") {
		t.Fatalf("bad file: %d files, %q", len(p.files), p.message.Text)
	}
	// Cancel while a file is being read: either the read stopped and the
	// file is not listed, or it had finished and is; the window is ready
	// for more either way.
	p.addFile(sc.b)
	test.Tap(p.cancelBtn)
	a.Settle(t)
	stopped := len(p.files) == 1 && strings.HasPrefix(p.message.Text, "Stopped reading reviewer-b.ewb")
	finished := len(p.files) == 2 && strings.HasPrefix(p.message.Text, "reviewer-b.ewb read")
	if !stopped && !finished || p.running || p.addBtn.Disabled() || p.progress.Visible() {
		t.Fatalf("after cancelling a read: %d files, running %v, %q", len(p.files), p.running, p.message.Text)
	}
	p.close()
	if len(p.files) != 0 {
		t.Fatalf("%d files still open after closing the window", len(p.files))
	}
}

func TestMergeQDPXAndMapOnto(t *testing.T) {
	sc := newTeamScenario(t)
	// Reviewer A's work arrives as a REFI-QDA archive from another program.
	qdpx := filepath.Join(t.TempDir(), "reviewer-a.qdpx")
	ra, err := corpus.Open(sc.a, corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = exchange.ExportQDPX(context.Background(), ra, qdpx, nil)
	ra.Close()
	if err != nil {
		t.Fatal(err)
	}
	a, h := newHost(t, sc.master)
	master := h.Project()
	before := countRows(t, master, `SELECT COUNT(*) FROM codings`)
	p := showMerge(h, h)
	p.addFile(qdpx)
	a.Settle(t)
	p.addFile(sc.b)
	a.Settle(t)
	if len(p.files) != 2 {
		t.Fatalf("%d files planned: %q", len(p.files), p.message.Text)
	}
	if p.files[0].plan.Source != qdpx || p.files[0].preview.New.Codings < 2 {
		t.Fatalf("qdpx plan: source %s, preview %+v", p.files[0].plan.Source, p.files[0].preview.New)
	}
	// Map B's renamed code onto another master code, chosen in the window's picker.
	var target coding.Code
	for _, c := range h.Codes() {
		if c.GUID != sc.renamed && c.Parent == "" {
			target = c
			break
		}
	}
	f := p.files[1]
	sel := conflictSelects(p.conflicts)[0]
	sel.SetSelected(resMapTo)
	picker := p.win.Canvas().Focused().(*widget.Entry)
	test.Type(picker, target.Name)
	picker.OnSubmitted(picker.Text)
	a.Settle(t)
	if c := f.preview.Conflicts[0]; c.Resolution.Action != merge.MapTo || c.Resolution.Target != target.GUID {
		t.Fatalf("previewed resolution %+v", c.Resolution)
	}
	p.onMergeTapped()
	a.Settle(t)
	if got := countRows(t, master, `SELECT COUNT(*) FROM codings`); got < before+3 {
		t.Fatalf("codings %d -> %d (%q)", before, got, p.message.Text)
	}
	if l := master.CanUndo(); l != "Merge reviewer-b.ewb" {
		t.Fatalf("undo label %q", l)
	}
	if n := countRows(t, master, `SELECT COUNT(*) FROM codes WHERE guid = ? AND name LIKE '%B''s name%'`, sc.renamed); n != 0 {
		t.Fatal("the mapped conflict renamed the master's code")
	}
	text := shownReport(t, p)
	if !strings.Contains(text, "went onto “"+h.CodePath(target.GUID)+"”") {
		t.Errorf("the report does not name the code mapped onto:\n%s", text)
	}
	checkNoGUIDs(t, master, text)
	p.close()
}
