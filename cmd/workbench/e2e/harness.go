package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
)

// Binaries returns the desktop program and wb to drive: $EWB_WORKBENCH and
// $EWB_WB when set (make e2e builds them into bin/; a relative path is
// relative to the repository's root), else built into a
// temporary folder (the release build, with the GL driver: minutes cold).
func Binaries(tb testing.TB, root string) (workbench, wb string) {
	tb.Helper()
	workbench, wb = os.Getenv("EWB_WORKBENCH"), os.Getenv("EWB_WB")
	dir := tb.TempDir()
	build := func(out string, env []string, args ...string) {
		cmd := exec.Command("go", append([]string{"build", "-o", out}, args...)...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), env...)
		if b, err := cmd.CombinedOutput(); err != nil {
			tb.Fatalf("go build %v: %v\n%s", args, err, b)
		}
	}
	if workbench == "" {
		workbench = filepath.Join(dir, "workbench")
		build(workbench, nil, "-tags", "migrated_fynedo", "./cmd/workbench")
	}
	if wb == "" {
		wb = filepath.Join(dir, "wb")
		build(wb, []string{"CGO_ENABLED=0"}, "./cmd/wb")
	}
	for _, p := range []*string{&workbench, &wb} {
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(root, *p) // relative to the repository
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			tb.Fatal(err)
		}
		*p = abs
	}
	return workbench, wb
}

// Session is a test's screen and run: a fresh folder (kept under $EWB_E2E_DIR
// when set, with the logs and screenshots, for a failed CI run), Xvfb with
// openbox, and the coder's identity saved.
type Session struct {
	T      testing.TB
	Dir    string
	Screen *Screen
	Run    *Run
}

// NewSession starts the screen and lays out the run for coder.
func NewSession(tb testing.TB, root, name string, coder string) *Session {
	tb.Helper()
	if missing := MissingTools(); len(missing) > 0 {
		tb.Fatalf("missing %v: run scripts/deps.sh ci", missing)
	}
	workbench, wb := Binaries(tb, root)
	dir := tb.TempDir()
	if keep := os.Getenv("EWB_E2E_DIR"); keep != "" {
		dir = filepath.Join(keep, name)
		os.RemoveAll(dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		dir, _ = filepath.Abs(dir)
	}
	screen, err := StartScreen(dir, 1400, 900)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(screen.Stop)
	c := corpus.CoderNamed(coder)
	if coder == "Demo reviewer" {
		c.GUID = "bd944e9c-a13e-5ffa-a514-dda447efc047" // the demo's own reviewer
	}
	run, err := NewRun(dir, workbench, wb, screen, c)
	if err != nil {
		tb.Fatal(err)
	}
	return &Session{T: tb, Dir: dir, Screen: screen, Run: run}
}

// Demo writes a fresh demo project into the run's home folder.
func (s *Session) Demo(name string) string {
	s.T.Helper()
	path := filepath.Join(s.Run.Home(), name)
	if _, err := s.Run.Wb("demo", path); err != nil {
		s.T.Fatal(err)
	}
	return path
}

// Step runs one step of a scenario, logs how long it took, and on failure
// leaves a screenshot of the screen named after the step.
func (s *Session) Step(name string, f func() error) {
	s.T.Helper()
	start := time.Now()
	err := f()
	if err != nil {
		shot := filepath.Join(s.Dir, "failed-"+safeName(name)+".png")
		s.Screen.Shot(shot, "")
		s.T.Fatalf("step %q: %v (screenshot %s)", name, err, shot)
	}
	s.T.Logf("ok %-60s %5.1fs", name, time.Since(start).Seconds())
}

func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '-'
		}
	}
	return string(b)
}
