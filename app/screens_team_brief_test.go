package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
)

// The Team and Brief menus keep their entries and shortcuts; without a
// project they open nothing, with one each opens its window on it.
func TestTeamAndBriefMenus(t *testing.T) {
	wb, a := newTestWorkbench(t)
	type entry struct {
		label string
		key   fyne.KeyName
		mod   fyne.KeyModifier
	}
	want := map[string][]entry{
		"Team": {{"Merge reviewer files…", fyne.KeyM, ctrlShift}, {"Agreement…", fyne.KeyG, ctrlShift},
			{"Reconcile disagreements…", fyne.KeyR, ctrlShift}},
		"Brief": {{"Evidence map…", fyne.KeyM, ctrl}, {"Draft brief…", fyne.KeyB, ctrl}, {"Confidence in findings…", "", 0}},
	}
	var cmds []*command
	for menu, entries := range want {
		var got []entry
		for _, c := range wb.commands() {
			if c.menu == menu {
				got = append(got, entry{c.label, c.key, c.mod})
				cmds = append(cmds, c)
				if !c.needProj {
					t.Errorf("%s does not need a project", c.label)
				}
			}
		}
		if !slices.Equal(got, entries) {
			t.Errorf("%s menu %v, want %v", menu, got, entries)
		}
	}
	before := len(a.Driver().AllWindows())
	for _, c := range cmds {
		wb.runCommand(c)
	}
	if n := len(a.Driver().AllWindows()); n != before {
		t.Errorf("without a project the menus opened %d windows", n-before)
	}
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	for _, c := range cmds {
		wb.runCommand(c)
		a.Settle(t)
	}
	var titles []string
	for _, w := range slices.Clone(a.Driver().AllWindows())[before:] {
		titles = append(titles, w.Title())
		w.Close()
	}
	joined := strings.Join(titles, " | ")
	for _, title := range []string{"Merge reviewer files", "Inter-coder agreement", "Reconcile disagreements",
		"Evidence map — Demo", "Draft brief — Demo", "Confidence in findings — Demo"} {
		if !strings.Contains(joined, title) {
			t.Errorf("no %q window among %s", title, joined)
		}
	}
}

// A study behind a figure of the brief or a cell of the map, asked for
// without a passage, opens in the reader as it is.
func TestShowPassageWithoutPassageOpensStudy(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	guid := wb.studies.shown[2].GUID
	wb.ShowPassage(guid, 0, 0)
	a.Settle(t)
	if wb.reader.study != guid || wb.reader.text == nil {
		t.Fatalf("reader shows %q, want %q", wb.reader.study, guid)
	}
	if s, e := wb.reader.view.Highlighted(); e > s || strings.Contains(wb.reader.selInfo.Text, "characters 0–0") {
		t.Errorf("an empty passage was marked: %d-%d, %q", s, e, wb.reader.selInfo.Text)
	}
}
