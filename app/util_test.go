package app

import (
	"os"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// newTestWorkbench makes a workbench on a test app with a saved coder identity.
func newTestWorkbench(t *testing.T) (*Workbench, *uitest.App) {
	t.Helper()
	uitest.Identity(t, "Tess Tester")
	a := uitest.New(t)
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1200, 800))
	wb := New(a, w)
	t.Cleanup(wb.Close)
	return wb, a
}

// openAndWait opens a project in the workbench and waits until it, its
// study list and its codebook are shown.
func openAndWait(t *testing.T, wb *Workbench, a *uitest.App, path string) *corpus.Project {
	t.Helper()
	wb.Start(path)
	a.WaitFor(t, "the project to open", func() bool { return wb.Project() != nil })
	a.Settle(t)
	return wb.Project()
}

// openStudy selects the study at index i and waits until the reader shows it.
func openStudy(t *testing.T, wb *Workbench, a *uitest.App, i int) string {
	t.Helper()
	wb.studies.list.Select(i)
	guid := wb.studies.shown[i].GUID
	a.WaitFor(t, "the study to load", func() bool { return wb.reader.study == guid && wb.reader.text != nil })
	a.Settle(t)
	return guid
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
