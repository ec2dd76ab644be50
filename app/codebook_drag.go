package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// codeRow is one row of the codebook tree. Dragging a row onto another
// moves the dragged code under that one; dropping it below the last row
// makes it a top-level code.
type codeRow struct {
	widget.BaseWidget
	panel   *codebookPanel
	content fyne.CanvasObject
	id      string        // the code shown in this row
	dragTo  fyne.Position // absolute pointer position during a drag
	moved   fyne.Delta    // sum of the drag's moves, where the driver gives no absolute position
	drag    bool
}

func newCodeRow(p *codebookPanel, content fyne.CanvasObject) *codeRow {
	r := &codeRow{panel: p, content: content}
	r.ExtendBaseWidget(r)
	p.rows = append(p.rows, r)
	return r
}

// CreateRenderer shows the row's content.
func (r *codeRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// Dragged follows the pointer and names the drop target in the status bar.
func (r *codeRow) Dragged(ev *fyne.DragEvent) {
	r.drag = true
	r.dragTo = ev.AbsolutePosition
	if r.dragTo.IsZero() { // drivers that report only the start point and the moves
		r.moved = fyne.Delta{DX: r.moved.DX + ev.Dragged.DX, DY: r.moved.DY + ev.Dragged.DY}
		r.dragTo = fyne.CurrentApp().Driver().AbsolutePositionForObject(r).Add(ev.Position).AddXY(r.moved.DX, r.moved.DY)
	}
	target := r.panel.rowAt(ev.AbsolutePosition)
	name := r.panel.byGUID[r.id].Name
	if target == "" {
		r.panel.host.Status(fmt.Sprintf("Drop to make “%s” a top-level code.", name))
	} else if target != r.id {
		r.panel.host.Status(fmt.Sprintf("Drop to move “%s” under “%s”.", name, r.panel.byGUID[target].Name))
	}
}

// DragEnd moves the code under the row it was dropped on.
func (r *codeRow) DragEnd() {
	if !r.drag {
		return
	}
	r.drag = false
	r.moved = fyne.Delta{}
	r.panel.onDrop(r.id, r.panel.rowAt(r.dragTo))
}

// rowAt returns the code of the visible row at an absolute position ("" below the rows).
func (p *codebookPanel) rowAt(pos fyne.Position) string {
	d := fyne.CurrentApp().Driver()
	for _, r := range p.rows {
		if !r.Visible() || r.id == "" {
			continue
		}
		at := d.AbsolutePositionForObject(r)
		size := r.Size()
		if pos.X >= at.X && pos.X < at.X+size.Width && pos.Y >= at.Y && pos.Y < at.Y+size.Height && p.onScreen(r) {
			return r.id
		}
	}
	return ""
}

// onScreen reports whether the row is currently bound to a code in the tree.
func (p *codebookPanel) onScreen(r *codeRow) bool {
	_, ok := p.byGUID[r.id]
	return ok
}

// onDrop moves code under target ("" = top level), as one undoable action.
func (p *codebookPanel) onDrop(code, target string) {
	if code == "" || code == target || p.byGUID[code].Parent == target {
		return
	}
	name := p.byGUID[code].Name
	p.act(fmt.Sprintf("Move “%s”", name), func(proj *corpus.Project) error {
		return coding.MoveCode(proj, code, target, -1)
	})
}
