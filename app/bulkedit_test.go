package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func hasSector(t *testing.T, p *corpus.Project, study, sector string) bool {
	t.Helper()
	s, err := p.Study(study)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(s.Sectors, sector)
}

func TestBulkEditAddsSectorAndUndoes(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	panel := newBulkEditPanel(wb, wb.studies.shown)
	panel.build()
	if n := panel.list.Length(); n != len(wb.studies.shown) {
		t.Fatalf("bulk edit lists %d of %d shown studies", n, len(wb.studies.shown))
	}
	done := make(chan error, 2)
	panel.done = func(n int, err error) {
		if err == nil && n != 3 {
			t.Errorf("changed %d studies, want 3", n)
		}
		done <- err
	}
	changed := make(chan struct{}, 4)
	wb.afterChange = func() { changed <- struct{}{} }

	// Nothing selected: refused with a plain message.
	panel.addSector.SetText("Fisheries")
	test.Tap(panel.applyButton)
	if err := waitFor(t, done, "refusal"); err == nil || !strings.Contains(panel.message.Text, "select") {
		t.Fatalf("applied without a selection: %v %q", err, panel.message.Text)
	}

	var chosen []string
	for _, s := range panel.studies[:3] {
		panel.check(s.GUID, true)
		chosen = append(chosen, s.GUID)
	}
	if !strings.HasPrefix(panel.count.Text, "3 of") {
		t.Errorf("count %q", panel.count.Text)
	}
	test.Tap(panel.applyButton)
	if err := waitFor(t, done, "bulk edit"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, changed, "views to refresh")
	if !strings.Contains(panel.message.Text, "Changed 3 studies") {
		t.Errorf("message %q", panel.message.Text)
	}
	for _, g := range chosen {
		if !hasSector(t, p, g, "Fisheries") {
			t.Fatalf("study %s has no Fisheries sector", g)
		}
	}
	if !slices.Contains(panel.studies[0].Sectors, "Fisheries") {
		t.Errorf("the bulk edit list still shows sectors %v", panel.studies[0].Sectors)
	}
	if hasSector(t, p, panel.studies[3].GUID, "Fisheries") {
		t.Fatal("an unchecked study was changed")
	}

	wb.onUndo()
	waitFor(t, changed, "undo")
	for _, g := range chosen {
		if hasSector(t, p, g, "Fisheries") {
			t.Fatalf("one undo left Fisheries on %s", g)
		}
	}
}

func TestExclusionReasonsAndBulkExclude(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	reasons := newReasonsPanel(wb)
	loaded := make(chan error, 2)
	reasons.done = func(err error) { loaded <- err }
	reasons.build()
	if err := waitFor(t, loaded, "reasons to load"); err != nil {
		t.Fatal(err)
	}
	before := len(reasons.reasons)
	reasons.entry.SetText("Wrong population")
	test.Tap(reasons.addButton)
	if err := waitFor(t, loaded, "reason to be added"); err != nil {
		t.Fatal(err)
	}
	if len(reasons.reasons) != before+1 || reasons.reasons[before].Name != "Wrong population" {
		t.Fatalf("reasons %+v", reasons.reasons)
	}

	// Adding the reason refreshed the main window in the background: work
	// with its widgets under the UI lock.
	var panel *bulkEditPanel
	done := make(chan error, 2)
	withUILock(func() {
		panel = newBulkEditPanel(wb, wb.studies.shown)
		panel.build()
		panel.done = func(n int, err error) { done <- err }
		panel.selectAll.SetChecked(true)
		panel.status.SetSelected(corpus.StatusExcluded)
		test.Tap(panel.applyButton)
	})
	if err := waitFor(t, done, "refusal without reason"); err == nil {
		t.Fatal("excluded without a reason")
	}
	withUILock(func() {
		panel.reason.SetSelected("Wrong population")
		test.Tap(panel.applyButton)
	})
	if err := waitFor(t, done, "bulk exclude"); err != nil {
		t.Fatal(err)
	}
	studies, _ := p.Studies()
	for _, s := range studies {
		if s.Status != corpus.StatusExcluded || s.ExclusionReason != "Wrong population" {
			t.Fatalf("study %s: %s %q", s.GUID, s.Status, s.ExclusionReason)
		}
	}
	// A reason in use cannot be removed.
	reasons.reload()
	waitFor(t, loaded, "reload")
	i := slices.IndexFunc(reasons.reasons, func(r coding.ExclusionReason) bool { return r.Name == "Wrong population" })
	withUILock(func() {
		reasons.list.Select(i)
		test.Tap(reasons.removeButton)
	})
	if err := waitFor(t, loaded, "removal refused"); err == nil {
		t.Fatal("removed a reason in use")
	}
}
