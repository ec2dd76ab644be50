package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// EscapeEntry is a one-line entry that calls OnEscape when Escape is pressed
// in it (a plain widget.Entry ignores Escape).
type EscapeEntry struct {
	widget.Entry
	OnEscape func()
}

// NewEscapeEntry makes an EscapeEntry.
func NewEscapeEntry(onEscape func()) *EscapeEntry {
	e := &EscapeEntry{OnEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles Escape and hands every other key to the entry.
func (e *EscapeEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// ShowFileDialog shows a file dialog on w so that Escape cancels it, as it
// does everywhere else: Fyne's file dialog ignores Escape. With nothing
// focused the window's typed-key handler sees Escape; in a save dialog the
// file name field has the focus, so it is replaced by an EscapeEntry that
// mirrors its text; a click on a favourite location (which focuses that
// list) gives the focus back to the file name field, or to nobody in an
// open dialog.
func ShowFileDialog(w fyne.Window, d *dialog.FileDialog) {
	c := w.Canvas()
	before := c.Overlays().Top()
	d.Show()
	pop, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok || pop == before {
		return // a native dialog, or none
	}
	cancel := func() {
		if pop.Visible() && c.Overlays().Top() == pop {
			d.Dismiss()
		}
	}
	var field *EscapeEntry
	if scroll, name := findFileNameEntry(pop.Content); name != nil {
		field = mirrorEntry(name, cancel)
		scroll.Content = field
		scroll.Refresh()
		c.Focus(field)
	}
	if fav := findList(pop.Content); fav != nil {
		chosen := fav.OnSelected
		fav.OnSelected = func(id widget.ListItemID) {
			if chosen != nil {
				chosen(id)
			}
			if field != nil {
				c.Focus(field)
			} else {
				c.Unfocus()
			}
		}
	}
	escapeDismisses(c, pop, d)
}

// ShowDialog shows a dialog on w so that Escape dismisses it (as its
// dismiss button does) while nothing in it has the keyboard focus: Fyne's
// dialogs ignore Escape.
func ShowDialog(w fyne.Window, d dialog.Dialog) {
	c := w.Canvas()
	before := c.Overlays().Top()
	d.Show()
	if pop, ok := c.Overlays().Top().(*widget.PopUp); ok && pop != before {
		escapeDismisses(c, pop, d)
	}
}

// escapeDismisses makes Escape, arriving at the window's typed-key handler
// (nothing focused), dismiss d while its pop-up is the top overlay; the
// handler before it gets every other key, and is put back once d is gone.
func escapeDismisses(c fyne.Canvas, pop *widget.PopUp, d dialog.Dialog) {
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && pop.Visible() && c.Overlays().Top() == pop {
			d.Dismiss()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}

// mirrorEntry makes an EscapeEntry that shows and edits the text of name
// (which the dialog reads when Save is pressed and sets when a file is
// clicked), with name's Enter behaviour.
func mirrorEntry(name *widget.Entry, onEscape func()) *EscapeEntry {
	e := NewEscapeEntry(onEscape)
	e.SetPlaceHolder(name.PlaceHolder)
	e.SetText(name.Text)
	e.CursorColumn = len([]rune(name.Text))
	changed := name.OnChanged
	name.OnChanged = func(s string) {
		if changed != nil {
			changed(s)
		}
		if e.Text != s {
			e.SetText(s)
		}
	}
	e.OnChanged = func(s string) {
		if name.Text != s {
			name.SetText(s)
		}
	}
	e.OnSubmitted = func(s string) {
		if name.OnSubmitted != nil {
			name.OnSubmitted(s)
		}
	}
	return e
}

// findFileNameEntry finds the scroll holding a file dialog's name field.
func findFileNameEntry(o fyne.CanvasObject) (*container.Scroll, *widget.Entry) {
	var scroll *container.Scroll
	var entry *widget.Entry
	walkDialog(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && entry == nil {
			if e, ok := s.Content.(*widget.Entry); ok {
				scroll, entry = s, e
			}
		}
	})
	return scroll, entry
}

// findList finds the first list (a file dialog's favourite locations).
func findList(o fyne.CanvasObject) *widget.List {
	var list *widget.List
	walkDialog(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && list == nil {
			list = l
		}
	})
	return list
}

// walkDialog visits o and the objects that containers, scrolls and splits hold.
func walkDialog(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkDialog(c, visit)
		}
	case *container.Scroll:
		walkDialog(v.Content, visit)
	case *container.Split:
		walkDialog(v.Leading, visit)
		walkDialog(v.Trailing, visit)
	}
}
