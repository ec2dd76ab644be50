package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
)

// commandNamed returns the (shown) command with this label.
func commandNamed(t *testing.T, wb *Workbench, label string) *command {
	t.Helper()
	for _, c := range wb.commands() {
		if c.label == label && !c.hidden {
			return c
		}
	}
	t.Fatalf("no menu entry %q", label)
	return nil
}

// The real driver reports Ctrl+Z and Ctrl+Y as Fyne's Undo and Redo
// shortcuts (not as Ctrl+Z): the menu items and canvas shortcuts must carry
// those, or the keys do nothing in the real window.
func TestUndoRedoShortcutsAreTheDriversOwn(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	if got := commandNamed(t, wb, "Undo").item.Shortcut.ShortcutName(); got != (&fyne.ShortcutUndo{}).ShortcutName() {
		t.Fatalf("Undo's shortcut is %q, the driver sends %q", got, (&fyne.ShortcutUndo{}).ShortcutName())
	}
	study := openStudy(t, wb, a, 0)
	before, _ := coding.CodingsOfStudy(p, study)
	wb.reader.view.SetSelection(10, 40)
	wb.reader.applyCode(wb.codebook.codes[0])
	a.Settle(t)

	canvas := wb.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) })
	canvas.TypedShortcut(&fyne.ShortcutUndo{}) // what Ctrl+Z arrives as
	a.Settle(t)
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before) {
		t.Fatalf("after Ctrl+Z: %d codings, want %d", len(now), len(before))
	}
	canvas.TypedShortcut(&fyne.ShortcutRedo{}) // what Ctrl+Y arrives as
	a.Settle(t)
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before)+1 {
		t.Fatalf("after Ctrl+Y: %d codings, want %d", len(now), len(before)+1)
	}
	canvas.TypedShortcut(shortcut(fyne.KeyZ, ctrlShift)) // Ctrl+Shift+Z after an undo
	a.Settle(t)
	canvas.TypedShortcut(&fyne.ShortcutUndo{})
	a.Settle(t)
	canvas.TypedShortcut(shortcut(fyne.KeyZ, ctrlShift))
	a.Settle(t)
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before)+1 {
		t.Fatalf("after Ctrl+Z, Ctrl+Shift+Z: %d codings, want %d", len(now), len(before)+1)
	}
}

// F1 has no modifier, so the driver sends it as a typed key: to the canvas
// when nothing has the focus, else to the focused widget (the reader).
func TestF1OpensAboutFromCanvasAndReader(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	openStudy(t, wb, a, 0)
	about := func() bool { return strings.Contains(uitest.OverlayText(t, wb.win), "Bundled libraries") }

	wb.win.Canvas().Unfocus()
	wb.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !about() {
		t.Fatal("F1 with nothing focused did not open About")
	}
	wb.win.Canvas().Overlays().Top().Hide()
	wb.win.Canvas().Overlays().Remove(wb.win.Canvas().Overlays().Top())

	wb.win.Canvas().Focus(wb.reader.view)
	wb.reader.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if !about() {
		t.Fatal("F1 in the reader did not open About")
	}
}
