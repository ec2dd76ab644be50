package study

import (
	"context"
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
	a, h := newHost(t)
	p := h.Project()
	shown, _ := p.Studies()
	panel := newBulkEditPanel(h, shown, func(s corpus.Study) string { return strings.Join(s.Sectors, ", ") })
	panel.build()
	stop := h.OnChange(panel.onChanged)
	defer stop()
	if n := panel.list.Length(); n != len(shown) {
		t.Fatalf("bulk edit lists %d of %d shown studies", n, len(shown))
	}

	// Nothing selected: refused with a plain message.
	panel.addSector.SetText("Fisheries")
	test.Tap(panel.applyButton)
	a.Settle(t)
	if !strings.Contains(panel.message.Text, "select") || h.Changes() != 0 {
		t.Fatalf("applied without a selection: %q", panel.message.Text)
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
	a.Settle(t)
	if !strings.Contains(panel.message.Text, "Changed 3 studies") {
		t.Errorf("message %q", panel.message.Text)
	}
	if h.Changes() != 1 || !strings.Contains(h.LastStatus(), "Changed 3 studies") {
		t.Errorf("%d changes reported, status %q", h.Changes(), h.LastStatus())
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

	// One undo (in the main window) reverts the whole bulk edit, and the
	// open bulk edit list follows it.
	if _, err := p.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.Changed(nil)
	a.Settle(t)
	for _, g := range chosen {
		if hasSector(t, p, g, "Fisheries") {
			t.Fatalf("one undo left Fisheries on %s", g)
		}
	}
	if slices.Contains(panel.studies[0].Sectors, "Fisheries") {
		t.Errorf("after the undo the bulk edit list still shows sectors %v", panel.studies[0].Sectors)
	}
}

func TestExclusionReasonsAndBulkExclude(t *testing.T) {
	a, h := newHost(t)
	p := h.Project()
	reasons := newReasonsPanel(h)
	reasons.build()
	a.Settle(t)
	before := len(reasons.reasons)
	reasons.entry.SetText("Wrong population")
	test.Tap(reasons.addButton)
	a.Settle(t)
	if len(reasons.reasons) != before+1 || reasons.reasons[before].Name != "Wrong population" {
		t.Fatalf("reasons %+v", reasons.reasons)
	}
	if !strings.Contains(reasons.message.Text, "Added") || h.Changes() != 1 {
		t.Errorf("message %q, %d changes", reasons.message.Text, h.Changes())
	}

	shown, _ := p.Studies()
	panel := newBulkEditPanel(h, shown, func(corpus.Study) string { return "" })
	panel.build()
	panel.selectAll.SetChecked(true)
	panel.status.SetSelected(corpus.StatusExcluded)
	test.Tap(panel.applyButton)
	a.Settle(t)
	if !strings.Contains(panel.message.Text, "reason") {
		t.Fatalf("excluded without a reason: %q", panel.message.Text)
	}
	panel.reason.SetSelected("Wrong population")
	test.Tap(panel.applyButton)
	a.Settle(t)
	studies, _ := p.Studies()
	for _, s := range studies {
		if s.Status != corpus.StatusExcluded || s.ExclusionReason != "Wrong population" {
			t.Fatalf("study %s: %s %q", s.GUID, s.Status, s.ExclusionReason)
		}
	}
	// A reason in use cannot be removed.
	reasons.reload()
	a.Settle(t)
	i := slices.IndexFunc(reasons.reasons, func(r coding.ExclusionReason) bool { return r.Name == "Wrong population" })
	if i < 0 || reasons.reasons[i].Studies != len(studies) {
		t.Fatalf("reasons %+v", reasons.reasons)
	}
	reasons.list.Select(i)
	test.Tap(reasons.removeButton)
	a.Settle(t)
	if strings.Contains(reasons.message.Text, "Removed") {
		t.Fatalf("removed a reason in use: %q", reasons.message.Text)
	}
	if rs, _ := coding.ExclusionReasons(p); !slices.ContainsFunc(rs, func(r coding.ExclusionReason) bool { return r.Name == "Wrong population" }) {
		t.Fatal("the reason in use is gone")
	}
}
