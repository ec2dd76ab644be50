package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
)

// The screens moved to app/study, app/analysis and app/files keep their
// menu entries, labels and shortcuts.
func TestStudyAndFileScreensInMenus(t *testing.T) {
	wb, _ := newTestWorkbench(t)
	type keys struct {
		key fyne.KeyName
		mod fyne.KeyModifier
	}
	got := map[string]keys{}
	for _, c := range wb.commands() {
		got[c.menu+" > "+c.label] = keys{c.key, c.mod}
	}
	for label, want := range map[string]keys{
		"File > Import PDFs…":                        {fyne.KeyI, ctrl},
		"File > Export project as REFI-QDA (.qdpx)…": {},
		"File > Import REFI-QDA project (.qdpx)…":    {},
		"File > Export codebook (.qdc/.csv)…":        {},
		"File > Import codebook…":                    {},
		"Study > Attributes and status…":             {fyne.KeyE, ctrl},
		"Study > Appraise rigor…":                    {fyne.KeyR, ctrl},
		"Study > Re-extract text":                    {},
		"Study > Coded segments and matrix…":         {fyne.KeyQ, ctrlShift},
		"Study > Bulk edit studies…":                 {},
		"Study > Exclusion reasons…":                 {},
		"Study > Export attributes (CSV)…":           {},
		"Study > Import attributes (CSV)…":           {},
		"Study > Memo on this study…":                {},
		"Study > Memo on code…":                      {},
		"Study > Search memos…":                      {},
	} {
		if k, ok := got[label]; !ok {
			t.Errorf("no menu entry %q", label)
		} else if k != want {
			t.Errorf("%q has shortcut %+v, want %+v", label, k, want)
		}
	}
}

// A study screen asked for with no study in the reader says to choose one.
func TestStudyScreenNeedsAStudy(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	wb.withStudy(func(ui.Host, corpus.Study) { t.Error("a study screen opened with no study shown") })()
	if wb.status.Text != "Select a study in the list first." {
		t.Errorf("status %q", wb.status.Text)
	}
	guid := openStudy(t, wb, a, 1)
	var got string
	wb.withStudy(func(_ ui.Host, s corpus.Study) { got = s.GUID })()
	if got != guid {
		t.Errorf("the screen got study %q, want the reader's %q", got, guid)
	}
}
