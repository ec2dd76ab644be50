package ui_test

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/internal/uitest"
)

// fileDialogWindow is a window on the test app with the user's home (where
// the file dialogs start) in a temporary folder.
func fileDialogWindow(t *testing.T) fyne.Window {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	a := uitest.New(t)
	w := a.NewWindow("files")
	w.Resize(fyne.NewSize(1000, 700))
	w.Show()
	return w
}

// pressKey sends a key the way the real driver does: to the focused widget,
// else to the window's typed-key handler.
func pressKey(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// Escape closes a save dialog while its file name field has the focus, and
// nothing is written; the window's own key handler is back afterwards.
func TestEscapeClosesSaveDialog(t *testing.T) {
	w := fileDialogWindow(t)
	var keys []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) })
	wrote := false
	ui.SaveFile(w, "table", ".csv", func(string) { wrote = true })
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shown")
	}
	field, ok := w.Canvas().Focused().(*ui.EscapeEntry)
	if !ok {
		t.Fatalf("focus on %T, want the file name field", w.Canvas().Focused())
	}
	if field.Text != "table.csv" {
		t.Fatalf("file name %q, want table.csv", field.Text)
	}
	pressKey(w, fyne.KeyEscape)
	if top := w.Canvas().Overlays().Top(); top != nil && top.Visible() {
		t.Fatal("Escape did not close the save dialog")
	}
	if wrote {
		t.Fatal("Escape wrote the file")
	}
	pressKey(w, fyne.KeyF1)
	if len(keys) != 1 || keys[0] != fyne.KeyF1 {
		t.Fatalf("after the dialog the window's key handler got %v, want [F1]", keys)
	}
}

// Typing a name in the save dialog and pressing Enter saves under that name.
func TestSaveDialogTypedNameAndEnter(t *testing.T) {
	w := fileDialogWindow(t)
	var got string
	ui.SaveFile(w, "table", ".csv", func(path string) { got = path })
	field := w.Canvas().Focused().(*ui.EscapeEntry)
	field.SetText("")
	test.Type(field, "renamed")
	pressKey(w, fyne.KeyReturn)
	if filepath.Base(got) != "renamed.csv" {
		t.Fatalf("saved as %q, want renamed.csv", got)
	}
	os.Remove(got)
	os.Remove(filepath.Join(filepath.Dir(got), "renamed"))
}

// Escape closes an open dialog, where nothing has the focus, also after a
// click on a favourite location.
func TestEscapeClosesOpenDialog(t *testing.T) {
	for _, clickFavourite := range []bool{false, true} {
		w := fileDialogWindow(t)
		used := false
		ui.OpenFile(w, []string{".csv"}, func(string) { used = true })
		pop := w.Canvas().Overlays().Top().(*widget.PopUp)
		if clickFavourite {
			fav := findList(t, pop.Content)
			if fav == nil {
				t.Fatal("no favourite locations list in the open dialog")
			}
			n := fav.Length()
			if n < 2 {
				t.Fatalf("%d favourite locations, want Home and another", n)
			}
			w.Canvas().Focus(fav) // what a click on a list row does first
			fav.Select(n - 1)     // the first one (Home) is selected already
		}
		if f := w.Canvas().Focused(); f != nil {
			t.Fatalf("focus on %T after the dialog opened", f)
		}
		pressKey(w, fyne.KeyEscape)
		if pop.Visible() {
			t.Fatalf("Escape did not close the open dialog (favourite clicked: %v)", clickFavourite)
		}
		if used {
			t.Fatal("Escape opened a file")
		}
	}
}

// findList finds the first list under o (the favourite locations).
func findList(t *testing.T, o fyne.CanvasObject) *widget.List {
	switch v := o.(type) {
	case *widget.List:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if l := findList(t, c); l != nil {
				return l
			}
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, v).Objects() {
			if l := findList(t, c); l != nil {
				return l
			}
		}
	}
	return nil
}
