package team

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/coding/merge"
)

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

// shownItem is the key of the item shown on the right ("" for none).
func shownItem(p *reconcilePanel) string {
	if p.view == nil {
		return ""
	}
	return p.view.item.Item
}

func TestReconcilePassage(t *testing.T) {
	a, h, _ := mergedTeam(t)
	master := h.Project()
	p := showReconcile(h, h)
	p.load("")
	a.Settle(t)
	first := shownItem(p)
	if len(p.items) == 0 || first != p.items[0].Item || p.view == nil || p.view.item.Kind != agreement.DisagreePassage {
		t.Fatalf("first shown %q of %d items (%q)", first, len(p.items), p.message.Text)
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
	// The readers flow the PDF's line ends inside paragraphs, as the main
	// reader does, with every offset kept.
	checkFlowed(t, v)

	btn, coder := acceptButton(t, v)
	consensus := `SELECT COUNT(*) FROM codings WHERE consensus = 1`
	changes := h.Changes()
	test.Tap(btn)
	a.Settle(t)
	if n := countRows(t, master, consensus); n == 0 {
		t.Fatalf("no consensus coding after accepting (%q)", p.message.Text)
	}
	if h.Changes() == changes {
		t.Fatal("the decision did not tell the main window")
	}
	dec, err := merge.Decided(master)
	if err != nil || !strings.Contains(dec[first], coder) {
		t.Fatalf("decision on %s: %q (%v)", first, dec[first], err)
	}
	// The list moved on to the next undecided item and counts the decision.
	next := shownItem(p)
	if next == "" || next == first || p.current != next || p.rowOf(first) >= 0 || !strings.Contains(p.tally.Text, "of "+strconv.Itoa(total)) ||
		strings.HasPrefix(p.tally.Text, "0 of") {
		t.Fatalf("after deciding: current %q (was %q), tally %q", next, first, p.tally.Text)
	}
	// The decided item shows as decided when decided items are listed.
	p.undecided.SetChecked(false)
	r := p.rowOf(first)
	if r < 0 || !strings.HasPrefix(itemLine(p.items[p.rows[r].item]), "✓") {
		t.Fatalf("decided item row %d", r)
	}
	p.undecided.SetChecked(true)
	a.Settle(t)

	// Undo in the main window takes the acceptance back, and the list
	// follows: the item is undecided again, the tally back to none.
	replay(t, a, h, true)
	if n := countRows(t, master, consensus); n != 0 {
		t.Fatalf("%d consensus codings after undo", n)
	}
	if dec, _ := merge.Decided(master); dec[first] != "" {
		t.Fatalf("still decided after undo: %q", dec[first])
	}
	if !strings.HasPrefix(p.tally.Text, "0 of ") || p.rowOf(first) < 0 || strings.HasPrefix(itemLine(p.items[p.rows[p.rowOf(first)].item]), "✓") {
		t.Fatalf("after undo: tally %q, row of the undone item %d", p.tally.Text, p.rowOf(first))
	}
	if shownItem(p) != next {
		t.Fatalf("after undo the window shows %q, was %q", shownItem(p), next)
	}
	// Redo decides it again.
	replay(t, a, h, false)
	if strings.HasPrefix(p.tally.Text, "0 of ") || p.rowOf(first) >= 0 {
		t.Fatalf("after redo: tally %q, row of the redone item %d", p.tally.Text, p.rowOf(first))
	}
}

// checkFlowed checks that the passage readers show the study's text with
// its lone line ends as spaces.
func checkFlowed(t *testing.T, v *reconcileView) {
	t.Helper()
	text := []rune(v.text.String)
	lone := -1
	for i := 1; i+1 < len(text); i++ {
		if text[i] == '\n' && !strings.ContainsRune("\n\f", text[i-1]) && !strings.ContainsRune("\n\f", text[i+1]) {
			lone = i
			break
		}
	}
	if lone < 0 {
		t.Fatal("the study's text has no line end inside a paragraph")
	}
	for i, r := range v.readers {
		if r.Len() != len(text) {
			t.Fatalf("reader %d holds %d characters, the text %d", i, r.Len(), len(text))
		}
		if got := r.Text(lone-1, lone+2); got != string(text[lone-1])+" "+string(text[lone+1]) {
			t.Errorf("reader %d shows %q at the line end %d", i, got, lone)
		}
	}
}

func TestReconcileEditedSpanRejectAndAppraisal(t *testing.T) {
	a, h, sc := mergedTeam(t)
	master := h.Project()
	p := showReconcile(h, h)
	p.load("")
	a.Settle(t)
	v := p.view
	if v == nil {
		t.Fatalf("nothing shown (%q)", p.message.Text)
	}
	s, e := v.item.Start, v.item.End
	v.readers[0].SetSelection(0, 1)
	v.readers[1].SetSelection(s, e) // the lead selects in the second reader
	v.readers[1].OnSelectionChanged(s, e)
	test.Tap(v.buttons["Accept edited span"])
	a.Settle(t)
	if n := countRows(t, master, `SELECT COUNT(*) FROM codings WHERE consensus = 1 AND start = ? AND "end" = ?`, s, e); n != 1 {
		t.Fatalf("%d consensus codings of the edited span (%q)", n, p.message.Text)
	}
	next := shownItem(p)
	if next == "" || next == v.item.Item {
		t.Fatalf("after the edited span the window shows %q", next)
	}
	test.Tap(p.view.buttons["Reject (no code)"])
	a.Settle(t)
	if dec, _ := merge.Decided(master); dec[next] != "rejected" {
		t.Fatalf("rejected item decision %q (%q)", dec[next], p.message.Text)
	}
	if shownItem(p) == next {
		t.Fatal("the window stayed on the rejected item")
	}

	// The reviewers judged a criterion differently: set the consensus.
	key := agreement.AppraisalItem(sc.study, sc.criterion)
	row := p.rowOf(key)
	if row < 0 {
		t.Fatalf("appraisal item %s not listed", key)
	}
	p.list.Select(row)
	a.Settle(t)
	if got := shownItem(p); got != key {
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
	a.Settle(t)
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
		t.Fatalf("no consensus appraisal with the chosen judgement (%q)", p.message.Text)
	}
	if items, _ := merge.Items(context.Background(), master, agreement.Options{}); !decidedIn(items, key) {
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
	a, h := newHost(t, uitest.DemoCopy(t))
	r := showReconcile(h, h)
	r.load("")
	a.Settle(t)
	if len(r.items) != 0 || !strings.Contains(r.tally.Text, "No disagreements") || r.current != "" {
		t.Fatalf("one coder: %d items, tally %q", len(r.items), r.tally.Text)
	}
	g := showAgreement(h, h)
	g.run()
	a.Settle(t)
	if !strings.Contains(g.overall.Text, "Fewer than two coders") {
		t.Fatalf("overall %q (%q)", g.overall.Text, g.message.Text)
	}
}

// The menu's entry points open their windows and fill them; closing a
// window stops listening for changes.
func TestShowTeamWindows(t *testing.T) {
	a, h, _ := mergedTeam(t)
	before := len(a.Driver().AllWindows())
	ShowMerge(h, h)
	ShowAgreement(h, h)
	ShowReconcile(h, h)
	a.Settle(t)
	wins := slices.Clone(a.Driver().AllWindows()) // closing one changes the driver's list
	if len(wins) != before+3 {
		t.Fatalf("%d windows opened", len(wins)-before)
	}
	var titles []string
	for _, w := range wins[before:] {
		titles = append(titles, w.Title())
		text := uitest.Text(t, w.Content())
		switch w.Title() {
		case "Inter-coder agreement":
			if !strings.Contains(text, "3 coders") {
				t.Errorf("agreement window shows %q", text)
			}
		case "Reconcile disagreements":
			if !strings.Contains(text, " decided") {
				t.Errorf("reconcile window shows %q", text)
			}
		}
		w.Close()
	}
	if got := strings.Join(titles, " | "); got != "Merge reviewer files | Inter-coder agreement | Reconcile disagreements" {
		t.Fatalf("windows %s", got)
	}
	// A closed reconcile window no longer follows the project.
	p := showReconcile(h, h)
	p.load("")
	a.Settle(t)
	tally := p.tally.Text
	p.win.Close()
	if err := merge.MarkDecided(h.Project(), "rejected", p.current); err != nil {
		t.Fatal(err)
	}
	h.Changed(nil)
	a.Settle(t)
	if p.tally.Text != tally || !strings.HasPrefix(tally, "0 of ") {
		t.Fatalf("closed window's tally %q -> %q", tally, p.tally.Text)
	}
}
