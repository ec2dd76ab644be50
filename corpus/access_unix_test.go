//go:build linux || darwin

package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/internal/testkit/unpriv"
)

// readOnlyPlace makes a project in a folder and then takes write access
// away from the folder and the file. It returns the project's path.
func readOnlyPlace(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "review.ewb")
	p, err := Create(path, "Shared review")
	if err != nil {
		t.Fatal(err)
	}
	p.SetCoder(NewCoder("Ann"))
	MustAddStudy(t, p, "A", "text")
	p.Close()
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	os.Chmod(filepath.Dir(dir), 0o755)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	return path
}

// A project in a folder that cannot be written, its file without write
// permission, opens read-only: its contents read, the check runs, nothing
// is left beside it; opening for writing says the place is read-only, and
// the desktop program's way opens it read-only with that reason.
func TestReadOnlyPlaceOpensReadOnly(t *testing.T) {
	path := unpriv.Arg()
	if path == "" {
		path = readOnlyPlace(t)
		if unpriv.Rerun(t, "TestReadOnlyPlaceOpensReadOnly", path) {
			return
		}
	}
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open in a read-only place: %v", err)
	}
	st, err := r.Stats()
	if err != nil || st.Studies != 1 {
		t.Fatalf("stats %+v %v", st, err)
	}
	if problems, err := r.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	r.Close()

	_, err = Open(path, Options{})
	if !errors.Is(err, ErrCannotWrite) || !strings.Contains(err.Error(), path) {
		t.Fatalf("open for writing = %v, want ErrCannotWrite naming the file", err)
	}
	f, err := Open(path, Options{FallBackReadOnly: true})
	if err != nil {
		t.Fatalf("open with fallback: %v", err)
	}
	err = f.Do("Edit", func(tx *Tx) error { return nil })
	if !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrCannotWrite) || !strings.Contains(err.Error(), path) {
		t.Errorf("change = %v, want a read-only error naming the file", err)
	}
	f.Close()
	if side := sideFiles(t, path); len(side) > 0 {
		t.Errorf("left beside the file: %v", side)
	}
}

// A lock file left by another user's program that ended does not stop
// this user from editing (it is replaced); one that is held still names
// its holder. (Needs root, to make a file of another user.)
func TestLockFileOfAnotherUser(t *testing.T) {
	if path := unpriv.Arg(); path != "" {
		held := strings.HasSuffix(path, "held.ewb")
		p, err := Open(path, Options{})
		if held {
			var le *LockedError
			if !errors.As(err, &le) || le.Holder.Coder != "Root Writer" {
				t.Fatalf("open of a held project = %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("open past a stale lock file of another user: %v", err)
		}
		p.SetCoder(NewCoder("Nobody"))
		if h, ok := Holder(path); !ok || h.Coder != "Nobody" {
			t.Errorf("holder %+v %v", h, ok)
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		return
	}
	if os.Getuid() != 0 {
		t.Skip("needs root to leave a lock file of another user")
	}
	dir := filepath.Join(t.TempDir(), "team")
	os.Mkdir(dir, 0o777)
	os.Chmod(dir, 0o777)
	os.Chmod(filepath.Dir(dir), 0o755)
	for _, name := range []string{"stale.ewb", "held.ewb"} {
		path := filepath.Join(dir, name)
		p, err := Create(path, name)
		if err != nil {
			t.Fatal(err)
		}
		p.SetCoder(NewCoder("Root Writer"))
		if name == "held.ewb" {
			defer p.Close()
		} else {
			p.Close()
			os.WriteFile(path+LockSuffix, []byte(`{"coder":"Gone Away"}`), 0o644) // stale, root's
		}
		os.Chmod(path, 0o666)
		if !unpriv.Rerun(t, "TestLockFileOfAnotherUser", path) {
			t.Fatal("did not run as another user")
		}
	}
}
