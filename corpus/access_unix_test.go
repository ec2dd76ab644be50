//go:build linux || darwin

package corpus

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
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

// asUnprivileged re-runs the named test in a child process that cannot
// write the read-only place: as the "nobody" account when the tests run
// as root (who may write anywhere). It reports false when this process is
// the child (or already unprivileged), which should then do the work.
func asUnprivileged(t *testing.T, test, path string) bool {
	t.Helper()
	if os.Getenv("EWB_UNPRIVILEGED") != "" || os.Getuid() != 0 {
		return false
	}
	// The test binary must be reachable for nobody.
	bin := filepath.Join(t.TempDir(), "corpus.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(bin); d != "/" && d != "."; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o005 != 0o005 {
			os.Chmod(d, st.Mode().Perm()|0o005)
		}
	}
	cmd := exec.Command(bin, "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(os.Environ(), "EWB_UNPRIVILEGED="+path, "HOME=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	return true
}

// A project in a folder that cannot be written, its file without write
// permission, opens read-only: its contents read, the check runs, nothing
// is left beside it; opening for writing says the place is read-only, and
// the desktop program's way opens it read-only with that reason.
func TestReadOnlyPlaceOpensReadOnly(t *testing.T) {
	path := os.Getenv("EWB_UNPRIVILEGED")
	if path == "" {
		path = readOnlyPlace(t)
		if asUnprivileged(t, "TestReadOnlyPlaceOpensReadOnly", path) {
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
