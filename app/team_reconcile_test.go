package app

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/merge"
)

// reconcileHooks wires a reconcile window's hooks to channels.
type reconcileHooks struct {
	loaded  chan error
	shown   chan string
	decided chan error
}

func hookReconcile(p *reconcilePanel) reconcileHooks {
	h := reconcileHooks{make(chan error, 4), make(chan string, 4), make(chan error, 4)}
	p.loaded = func(err error) { h.loaded <- err }
	p.shown = func(item string) { h.shown <- item }
	p.decided = func(err error) { h.decided <- err }
	return h
}

// acceptButton returns the first "Accept <coder>'s version" button of the shown passage.
func acceptButton(t *testing.T, v *reconcileView) (*widget.Button, string) {
	t.Helper()
	labels := slices.Sorted(maps.Keys(v.buttons))
	for _, label := range labels {
		if strings.HasPrefix(label, "Accept ") && strings.HasSuffix(label, "'s version") {
			return v.buttons[label], strings.TrimSuffix(strings.TrimPrefix(label, "Accept "), "'s version")
		}
	}
	t.Fatalf("no accept button among %v", v.buttons)
	return nil, ""
}

func TestReconcilePassage(t *testing.T) {
	wb, master, _ := mergedTeam(t)
	p := wb.showReconcileWindow()
	h := hookReconcile(p)
	p.load("")
	if err := waitFor(t, h.loaded, "items"); err != nil {
		t.Fatal(err)
	}
	first := waitFor(t, h.shown, "first undecided item")
	if len(p.items) == 0 || first != p.items[0].Item || p.view == nil || p.view.item.Kind != coding.DisagreePassage {
		t.Fatalf("first shown %q of %d items", first, len(p.items))
	}
	total := len(p.items)
	if want := "0 of "; !strings.HasPrefix(p.tally.Text, want) {
		t.Fatalf("tally %q", p.tally.Text)
	}
	if p.rows[0].heading == "" {
		t.Fatal("the list does not start with a study heading")
	}
	v := p.view
	if len(v.readers) != len(v.item.CodedBy)+len(v.item.NotCodedBy) || len(v.readers) < 2 {
		t.Fatalf("%d readers for coders %v / %v", len(v.readers), v.item.CodedBy, v.item.NotCodedBy)
	}
	if h0, h1 := v.readers[1].Highlighted(); h0 != v.item.Start || h1 != v.item.End {
		t.Fatalf("second reader highlights %d-%d, passage %d-%d", h0, h1, v.item.Start, v.item.End)
	}
	if len(v.readers[0].Spans()) == 0 && len(v.readers[1].Spans()) == 0 {
		t.Fatal("no coder's codings painted")
	}

	btn, coder := acceptButton(t, v)
	consensus := `SELECT COUNT(*) FROM codings WHERE consensus = 1`
	test.Tap(btn)
	if err := waitFor(t, h.decided, "accept"); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(t, h.loaded, "reload"); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, master, consensus); n == 0 {
		t.Fatal("no consensus coding after accepting")
	}
	dec, err := merge.Decided(master)
	if err != nil || !strings.Contains(dec[first], coder) {
		t.Fatalf("decision on %s: %q (%v)", first, dec[first], err)
	}
	// The list moved on to the next undecided item and counts the decision.
	next := waitFor(t, h.shown, "next undecided item")
	if next == first || p.current != next || p.rowOf(first) >= 0 || !strings.Contains(p.tally.Text, "of "+strconv.Itoa(total)) ||
		strings.HasPrefix(p.tally.Text, "0 of") {
		t.Fatalf("after deciding: current %q (was %q), tally %q", next, first, p.tally.Text)
	}
	// The decided item shows as decided when decided items are listed.
	p.undecided.SetChecked(false)
	r := p.rowOf(first)
	if r < 0 || !strings.HasPrefix(itemLine(p.items[p.rows[r].item]), "✓") {
		t.Fatalf("decided item row %d", r)
	}

	// Undo takes the acceptance back.
	saved := make(chan struct{}, 4)
	wb.afterChange = func() { saved <- struct{}{} }
	wb.onUndo()
	waitFor(t, saved, "undo")
	if n := countRows(t, master, consensus); n != 0 {
		t.Fatalf("%d consensus codings after undo", n)
	}
	if dec, _ := merge.Decided(master); dec[first] != "" {
		t.Fatalf("still decided after undo: %q", dec[first])
	}
}

func TestReconcileEditedSpanRejectAndAppraisal(t *testing.T) {
	wb, master, sc := mergedTeam(t)
	p := wb.showReconcileWindow()
	h := hookReconcile(p)
	p.load("")
	waitFor(t, h.loaded, "items")
	waitFor(t, h.shown, "first item")
	v := p.view
	s, e := v.item.Start, v.item.End
	v.readers[0].SetSelection(0, 1)
	v.readers[1].SetSelection(s, e) // the lead selects in the second reader
	v.readers[1].OnSelectionChanged(s, e)
	test.Tap(v.buttons["Accept edited span"])
	if err := waitFor(t, h.decided, "edited span"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, h.loaded, "reload")
	if n := countRows(t, master, `SELECT COUNT(*) FROM codings WHERE consensus = 1 AND start = ? AND "end" = ?`, s, e); n != 1 {
		t.Fatalf("%d consensus codings of the edited span", n)
	}
	next := waitFor(t, h.shown, "next item")
	test.Tap(p.view.buttons["Reject (no code)"])
	if err := waitFor(t, h.decided, "reject"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, h.loaded, "reload")
	if dec, _ := merge.Decided(master); dec[next] != "rejected" {
		t.Fatalf("rejected item decision %q", dec[next])
	}
	waitFor(t, h.shown, "item after the rejected one")

	// The reviewers judged a criterion differently: set the consensus.
	key := coding.AppraisalItem(sc.study, sc.criterion)
	row := p.rowOf(key)
	if row < 0 {
		t.Fatalf("appraisal item %s not listed", key)
	}
	p.list.Select(row)
	if got := waitFor(t, h.shown, "appraisal item"); got != key {
		t.Fatalf("shown %s", got)
	}
	av := p.view
	if av.verdict == nil || !strings.Contains(av.item.Judgements["Reviewer A"], coding.Met) {
		t.Fatalf("appraisal view %+v", av.item.Judgements)
	}
	test.Tap(av.buttons["Save consensus"])
	if !strings.Contains(p.message.Text, "Choose") {
		t.Fatalf("saved without a judgement: %q", p.message.Text)
	}
	av.verdict.SetSelected(coding.PartlyMet)
	av.why.SetText("sampling described but not justified")
	test.Tap(av.buttons["Save consensus"])
	if err := waitFor(t, h.decided, "consensus"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, h.loaded, "reload")
	as, err := coding.Appraisals(master, sc.study)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range as {
		if a.Consensus && a.Judgements[sc.criterion].Judgement == coding.PartlyMet {
			found = true
		}
	}
	if !found {
		t.Fatal("no consensus appraisal with the chosen judgement")
	}
	if items, _ := merge.Items(context.Background(), master, coding.AgreementOptions{}); !decidedIn(items, key) {
		t.Fatal("appraisal item not decided")
	}
}

func decidedIn(items []merge.Item, key string) bool {
	for _, it := range items {
		if it.Item == key {
			return it.Decision != ""
		}
	}
	return false
}

func TestTeamScreensWithOneCoder(t *testing.T) {
	wb := newTestWorkbench(t)
	openAndWait(t, wb, demoCopy(t))
	r := wb.showReconcileWindow()
	h := hookReconcile(r)
	r.load("")
	if err := waitFor(t, h.loaded, "items"); err != nil {
		t.Fatal(err)
	}
	if len(r.items) != 0 || !strings.Contains(r.tally.Text, "No disagreements") || r.current != "" {
		t.Fatalf("one coder: %d items, tally %q", len(r.items), r.tally.Text)
	}
	a := wb.showAgreementWindow()
	computed := make(chan error, 1)
	a.computed = func(err error) { computed <- err }
	a.run()
	if err := waitFor(t, computed, "agreement"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.overall.Text, "Fewer than two coders") {
		t.Fatalf("overall %q", a.overall.Text)
	}
}
