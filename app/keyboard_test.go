package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
)

// The walk-through by keyboard: type in the study filter, Enter opens the
// first study shown and gives the reader the keyboard; Ctrl+F, a word,
// Enter finds it; Escape clears the highlight and leaves the cursor there,
// in the reader, so Shift+Right selects from the place found.
func TestKeyboardFilterFindSelect(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	c := wb.win.Canvas()
	c.Focus(wb.studies.filter)
	test.Type(wb.studies.filter, "harvest")
	wb.studies.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	a.WaitFor(t, "the study to open", func() bool { return wb.reader.text != nil })
	a.Settle(t)
	if !strings.HasPrefix(wb.reader.studyInfo.Title, "Harvest of Debt") {
		t.Fatalf("Enter in the filter opened %q", wb.reader.studyInfo.Title)
	}
	if c.Focused() != wb.reader.view {
		t.Fatalf("focus on %T after Enter in the filter, want the reader", c.Focused())
	}

	wb.reader.view.TypedShortcut(shortcut(fyne.KeyF, ctrl))
	if c.Focused() != wb.reader.findEntry {
		t.Fatalf("Ctrl+F focused %T, want the find field", c.Focused())
	}
	test.Type(wb.reader.findEntry, "recruitment debt")
	wb.reader.findEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	hs, he := wb.reader.view.Highlighted()
	if he <= hs {
		t.Fatal("Enter in the find field highlighted nothing")
	}
	wb.reader.findEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s, e := wb.reader.view.Highlighted(); e > s {
		t.Fatal("Escape in the find field left the highlight")
	}
	if c.Focused() != wb.reader.view {
		t.Fatalf("focus on %T after Escape, want the reader", c.Focused())
	}
	wb.reader.view.KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	for range len("recruitment") {
		wb.reader.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	wb.reader.view.KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	if got := wb.reader.view.SelectedText(); got != "recruitment" {
		t.Fatalf("Shift+Right from the place found selected %q", got)
	}
	a.Settle(t)
}

// Clicking (or Space on) a study in the list opens it and gives the reader
// the keyboard.
func TestChoosingStudyFocusesReader(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	wb.win.Canvas().Focus(wb.studies.list)
	openStudy(t, wb, a, 2)
	if f := wb.win.Canvas().Focused(); f != wb.reader.view {
		t.Fatalf("focus on %T after choosing a study, want the reader", f)
	}
	a.Settle(t)
}

// Escape closes About (nothing focused: the window's key handler gets it)
// and the code picker (its filter field has the focus); F1 still works
// after.
func TestEscapeClosesAboutAndPicker(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	openStudy(t, wb, a, 0)
	c := wb.win.Canvas()
	key := func(name fyne.KeyName) {
		if f := c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: name})
			return
		}
		c.OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
	shown := func() bool { top := c.Overlays().Top(); return top != nil && top.Visible() }
	for range 2 {
		c.Unfocus()
		key(fyne.KeyF1)
		if !strings.Contains(uitest.OverlayText(t, wb.win), "Bundled libraries") {
			t.Fatal("F1 did not open About")
		}
		key(fyne.KeyEscape)
		if shown() {
			t.Fatal("Escape did not close About")
		}
	}
	wb.reader.view.SetSelection(10, 30)
	wb.reader.onQuickPick()
	if !shown() {
		t.Fatal("no code picker")
	}
	key(fyne.KeyEscape)
	if shown() {
		t.Fatal("Escape did not close the code picker")
	}
	a.Settle(t)
}
