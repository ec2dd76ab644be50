//go:build linux || darwin

package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit/unpriv"
)

// A project in a folder this account cannot write (a read-only share)
// opens read-only in the desktop program, with a banner naming the file
// and saying to save a copy elsewhere; its studies read, changes are
// refused in the status line and the file is left as it was. As root the
// test runs itself again as nobody, for whom the permissions hold.
func TestReadOnlyPlaceOpensReadOnlyInTheApp(t *testing.T) {
	path := unpriv.Arg()
	if path == "" {
		dir := filepath.Join(t.TempDir(), "share")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(dir, "team review.ewb")
		data, err := os.ReadFile(uitest.DemoCopy(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o444); err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, 0o555)
		os.Chmod(filepath.Dir(dir), 0o755)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		if unpriv.Rerun(t, "TestReadOnlyPlaceOpensReadOnlyInTheApp", path) {
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Error("the project in the read-only place changed")
			}
			return
		}
	}
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, path)
	if !p.ReadOnly() || !errors.Is(p.ReadOnlyReason(), corpus.ErrCannotWrite) {
		t.Fatalf("read-only %v, reason %v", p.ReadOnly(), p.ReadOnlyReason())
	}
	if text := wb.banner.text.Text; !wb.banner.box.Visible() || !strings.Contains(text, "team review.ewb") ||
		!strings.Contains(text, "cannot write") || !strings.Contains(text, "Save a Copy As") {
		t.Errorf("banner (shown %v): %q", wb.banner.box.Visible(), text)
	}
	if wb.banner.recover.Visible() { // Try again stays, for when the share is made writable
		t.Error("Recover… offered for a sound project")
	}
	if n := len(wb.studies.all); n != 10 {
		t.Errorf("%d studies listed, want the demo's 10", n)
	}
	openStudy(t, wb, a, 0)
	if wb.reader.text == nil || len(wb.reader.text.String) == 0 {
		t.Fatal("the study's text does not read")
	}
	gen := p.Generation()
	wb.act("New code", func(proj *corpus.Project) error {
		_, err := coding.CreateCode(proj, coding.Code{Name: "Nope"})
		return err
	})
	a.Settle(t)
	if p.Generation() != gen || !strings.Contains(wb.status.Text, "read-only") {
		t.Errorf("a change in a read-only place: generation %d -> %d, status %q", gen, p.Generation(), wb.status.Text)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files beside the project: %v", entries)
	}
}
