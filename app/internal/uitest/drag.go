package uitest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// At returns the top-most visible object under an absolute canvas position
// that matches, with the position relative to it (nil when none does), as
// the driver finds the object an event goes to.
func At(c fyne.Canvas, pos fyne.Position, matches func(fyne.CanvasObject) bool) (fyne.CanvasObject, fyne.Position) {
	var found fyne.CanvasObject
	var at fyne.Position
	var walk func(o fyne.CanvasObject, origin fyne.Position)
	walk = func(o fyne.CanvasObject, origin fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		p := origin.Add(o.Position())
		s := o.Size()
		if pos.X < p.X || pos.Y < p.Y || pos.X >= p.X+s.Width || pos.Y >= p.Y+s.Height {
			return
		}
		if matches(o) {
			found, at = o, pos.Subtract(p)
		}
		switch v := o.(type) {
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(v).Objects() {
				walk(child, p)
			}
		case *fyne.Container:
			for _, child := range v.Objects {
				walk(child, p)
			}
		}
	}
	if top := c.Overlays().Top(); top != nil {
		walk(top, fyne.Position{})
	} else {
		walk(c.Content(), fyne.Position{})
	}
	if found != nil {
		// Where the driver places it (the canvas may pad its content).
		at = pos.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(found))
	}
	return found, at
}

// Drag presses the primary button at from, moves to to in a few steps and
// releases it, as the real driver reports a drag: every Dragged event has
// the pointer's position and the move since the last one. It returns false
// when nothing draggable is under from.
func Drag(c fyne.Canvas, from, to fyne.Position) bool {
	o, local := At(c, from, func(o fyne.CanvasObject) bool { _, ok := o.(fyne.Draggable); return ok })
	if o == nil {
		return false
	}
	if m, ok := o.(desktop.Mouseable); ok {
		m.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: local, AbsolutePosition: from}, Button: desktop.MouseButtonPrimary})
	}
	const steps = 4
	prev := local
	for i := 1; i <= steps; i++ {
		f := float32(i) / steps
		p := local.Add(fyne.NewPos((to.X-from.X)*f, (to.Y-from.Y)*f))
		o.(fyne.Draggable).Dragged(&fyne.DragEvent{
			PointEvent: fyne.PointEvent{Position: p, AbsolutePosition: from.Add(p.Subtract(local))},
			Dragged:    fyne.NewDelta(p.X-prev.X, p.Y-prev.Y),
		})
		prev = p
	}
	o.(fyne.Draggable).DragEnd()
	if m, ok := o.(desktop.Mouseable); ok {
		m.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: prev, AbsolutePosition: to}, Button: desktop.MouseButtonPrimary})
	}
	return true
}

// Tap taps the top-most tappable object under an absolute position; false
// when there is none.
func Tap(c fyne.Canvas, pos fyne.Position) bool {
	o, local := At(c, pos, func(o fyne.CanvasObject) bool { _, ok := o.(fyne.Tappable); return ok })
	if o == nil {
		return false
	}
	if m, ok := o.(desktop.Mouseable); ok {
		m.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: local, AbsolutePosition: pos}, Button: desktop.MouseButtonPrimary})
		m.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: local, AbsolutePosition: pos}, Button: desktop.MouseButtonPrimary})
	}
	o.(fyne.Tappable).Tapped(&fyne.PointEvent{Position: local, AbsolutePosition: pos})
	return true
}
