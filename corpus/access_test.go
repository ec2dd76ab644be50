package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second writer is refused with a message naming who holds the project
// and since when; readers are let in meanwhile, and the app's way of
// opening (FallBackReadOnly) opens it read-only with that reason.
func TestSecondWriterRefusedNamingHolder(t *testing.T) {
	p := MustCreate(t) // coder "Ann"
	a := MustAddStudy(t, p, "still writable", "x")
	host, _ := os.Hostname()
	_, err := Open(p.Path(), Options{})
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("second open = %v, want a *LockedError", err)
	}
	if le.Holder.Coder != "Ann" || le.Holder.Machine != host || le.Holder.PID != os.Getpid() || le.Holder.Since.IsZero() {
		t.Errorf("holder = %+v", le.Holder)
	}
	msg := err.Error()
	for _, want := range []string{p.Path(), "Ann", host, "since", "close it in the other window"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if h, ok := Holder(p.Path()); !ok || h.Coder != "Ann" {
		t.Errorf("Holder = %+v %v", h, ok)
	}

	// Readers are let in while the writer works.
	r, err := Open(p.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open beside the writer: %v", err)
	}
	mustNote(t, p, "n1", a, "written while a reader is open")
	var n int
	if err := r.DB().QueryRow(`SELECT COUNT(*) FROM notes`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("reader sees %d notes (%v), want the writer's 1", n, err)
	}
	r.Close()

	// The desktop program's way: read-only, saying why.
	f, err := Open(p.Path(), Options{FallBackReadOnly: true})
	if err != nil {
		t.Fatalf("open with fallback: %v", err)
	}
	if !f.ReadOnly() || !errors.Is(f.ReadOnlyReason(), ErrLocked) {
		t.Fatalf("fallback: read-only %v, reason %v", f.ReadOnly(), f.ReadOnlyReason())
	}
	err = f.Do("Edit", func(tx *Tx) error { return nil })
	if !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "Ann") {
		t.Errorf("change on the fallback project = %v", err)
	}
	f.Close()

	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + LockSuffix); err == nil {
		t.Errorf("the lock file stays after close")
	}
	if _, ok := Holder(path); ok {
		t.Errorf("a holder is reported after close")
	}
	q, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	q.Close()
}

// sideFiles lists the files beside a project other than the project.
func sideFiles(t *testing.T, path string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.Name() != filepath.Base(path) {
			out = append(out, e.Name())
		}
	}
	return out
}

// Reading leaves nothing beside the file: no -wal, -shm or lock file.
func TestReadOnlyOpenLeavesNoSideFiles(t *testing.T) {
	p := MustCreate(t)
	MustAddStudy(t, p, "A", "text")
	path := p.Path()
	p.Close()
	if side := sideFiles(t, path); len(side) > 0 {
		t.Fatalf("after the writer closed: %v", side)
	}
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Studies(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if side := sideFiles(t, path); len(side) > 0 {
		t.Fatalf("a read-only open left %v", side)
	}
}

// A refused action leaves no trace of a new coder; the first action that
// changes the project records the coder with it.
func TestRefusedActionRecordsNoCoder(t *testing.T) {
	p := MustCreate(t) // Ann, no action yet
	if cs, _ := p.Coders(); len(cs) != 0 {
		t.Fatalf("coders before any action: %v", cs)
	}
	a := MustAddStudy(t, p, "A", "x")
	gen := p.Generation()
	p.SetCoder(NewCoder("Bea"))
	err := p.Do("Fails", func(tx *Tx) error {
		if err := notesTable.Insert(tx, noteRow{GUID: "n", Study: a, CreatedAt: tx.Stamp()}); err != nil {
			return err
		}
		return fmt.Errorf("refused")
	})
	if err == nil {
		t.Fatal("the failing action succeeded")
	}
	cs, _ := p.Coders()
	if len(cs) != 1 || cs[0].Name != "Ann" || p.Generation() != gen {
		t.Fatalf("after a refused action: coders %v, generation %d -> %d", cs, gen, p.Generation())
	}
	mustNote(t, p, "n2", a, "kept")
	if _, ok := p.CoderByName("Bea"); !ok {
		t.Fatalf("the coder of a saved action is not recorded")
	}
	var by string
	p.DB().QueryRow(`SELECT coder FROM history ORDER BY seq DESC LIMIT 1`).Scan(&by)
	if bea, _ := p.CoderByName("Bea"); by != bea.GUID {
		t.Errorf("history names %q", by)
	}
}
