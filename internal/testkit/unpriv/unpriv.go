//go:build linux || darwin

// Package unpriv re-runs a test as an account that cannot write where root
// can, for tests of read-only places (a folder or file without write
// permission means nothing to root, who may write anywhere). Only tests
// import it; it depends on nothing of the project's, so any package's own
// tests can use it.
package unpriv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Env is the variable that carries the child's argument (a path, say):
// set, this process is the child.
const Env = "EWB_UNPRIVILEGED"

// Arg returns the argument given to the child, "" in the parent.
func Arg() string { return os.Getenv(Env) }

// Rerun re-runs the named test in a child process as the "nobody" account
// when the tests run as root, with Env set to arg, and fails the test when
// the child does not pass. It reports false when this process is the
// child or already unprivileged: the caller should then do the work itself.
func Rerun(t *testing.T, test, arg string) bool {
	t.Helper()
	if Arg() != "" || os.Getuid() != 0 {
		return false
	}
	// The test binary must be reachable for nobody.
	bin := filepath.Join(t.TempDir(), filepath.Base(os.Args[0]))
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
	cmd.Env = append(os.Environ(), Env+"="+arg, "HOME=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	return true
}
