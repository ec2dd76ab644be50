package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
)

func TestDragCodeUnderAnother(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	tree, err := coding.LoadCodeTree(p)
	if err != nil {
		t.Fatal(err)
	}
	rowOf := func(name string) *codeRow {
		for _, r := range wb.codebook.rows {
			if c, ok := tree.Get(r.id); ok && c.Name == name && r.Visible() {
				return r
			}
		}
		return nil
	}
	wb.win.Content().Refresh()
	from, to := rowOf("Sampling explained"), rowOf("Research questions stated")
	if from == nil || to == nil {
		t.Fatalf("rows not shown (%d rows)", len(wb.codebook.rows))
	}
	d := fyne.CurrentApp().Driver()
	start := d.AbsolutePositionForObject(from).AddXY(20, from.Size().Height/2)
	end := d.AbsolutePositionForObject(to).AddXY(20, to.Size().Height/2)
	test.Drag(wb.win.Canvas(), start, end.X-start.X, end.Y-start.Y)
	a.Settle(t)
	moved, _ := coding.LoadCodeTree(p)
	debt, _ := moved.Resolve("Sampling explained")
	wage, _ := moved.Resolve("Research questions stated")
	if debt.Parent != wage.GUID {
		t.Fatalf("Sampling explained is under %q, want Research questions stated", moved.Path(debt.Parent))
	}
	wb.onUndo()
	a.Settle(t)
	back, _ := coding.LoadCodeTree(p)
	if c, _ := back.Resolve("Sampling explained"); c.Parent == wage.GUID {
		t.Fatal("undo did not move the code back")
	}
}
