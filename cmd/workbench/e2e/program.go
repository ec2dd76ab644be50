package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
)

// Run is one run of the program: its folder with its own configuration
// (EWB_CONFIG_DIR, holding the saved coder identity), search-index cache
// (EWB_CACHE_DIR) and home folder (HOME, where Fyne keeps its preferences
// and the file dialogs start), and the binaries it uses.
type Run struct {
	Dir       string // config/, cache/, home/, logs, snapshots
	Workbench string // the desktop program's binary
	WB        string // the command-line tool's binary
	Coder     corpus.Coder
	Screen    *Screen
	snaps     atomic.Int64
}

// NewRun lays out dir for a run and saves coder as the identity both
// programs use.
func NewRun(dir, workbench, wb string, screen *Screen, coder corpus.Coder) (*Run, error) {
	r := &Run{Dir: dir, Workbench: workbench, WB: wb, Coder: coder, Screen: screen}
	for _, d := range []string{"config", "cache", "home", "snap"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	b, err := json.Marshal(coder)
	if err != nil {
		return nil, err
	}
	return r, os.WriteFile(filepath.Join(dir, "config", "identity.json"), b, 0o600)
}

// Home is the run's home folder.
func (r *Run) Home() string { return filepath.Join(r.Dir, "home") }

// Env is the environment of both programs: the run's folders, English
// UTF-8 (Fyne reads the locale from LANG), the screen, and nothing of the
// caller's coder or config.
func (r *Run) Env() []string {
	var env []string
	for _, e := range os.Environ() {
		k, _, _ := strings.Cut(e, "=")
		switch {
		case k == "HOME", k == "LANG", k == "DISPLAY", strings.HasPrefix(k, "LC_"), strings.HasPrefix(k, "EWB_"), strings.HasPrefix(k, "XDG_"):
			continue
		}
		env = append(env, e)
	}
	env = append(env, "HOME="+r.Home(), "LANG=en_US.UTF-8",
		"EWB_CONFIG_DIR="+filepath.Join(r.Dir, "config"), "EWB_CACHE_DIR="+filepath.Join(r.Dir, "cache"))
	if r.Screen != nil {
		env = append(env, "DISPLAY="+r.Screen.Display)
	}
	return env
}

// Wb runs the command-line tool with args and returns its standard output.
func (r *Run) Wb(args ...string) ([]byte, error) {
	cmd := exec.Command(r.WB, args...)
	cmd.Env = r.Env()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.Bytes(), fmt.Errorf("wb %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}

// Snapshot copies a project file with its write-ahead log, so it can be
// read while the desktop program holds the file's exclusive lock (wb
// cannot open a project that is open in the program). Every change of the
// program is committed (synchronous=FULL) to the file or its log.
func (r *Run) Snapshot(project string) (string, error) {
	dir := filepath.Join(r.Dir, "snap", fmt.Sprint(r.snaps.Add(1)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, filepath.Base(project))
	if err := copyFile(project, dst); err != nil {
		return "", err
	}
	if err := copyFile(project+"-wal", dst+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	return dst, nil
}

// WbJSON runs `wb VERB SNAPSHOT ARGS... --json` on a snapshot of project
// and decodes its output into v.
func (r *Run) WbJSON(v any, project, verb string, args ...string) error {
	snap, err := r.Snapshot(project)
	if err != nil {
		return err
	}
	out, err := r.Wb(append([]string{verb, snap}, append(args, "--json")...)...)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(out, v); err != nil {
		return fmt.Errorf("wb %s --json: %w", verb, err)
	}
	return nil
}

// Segment is one coded passage as `wb segments --json` lists it.
type Segment struct {
	Coding    string `json:"coding"`
	Study     string `json:"study"`
	CodePath  string `json:"code_path"`
	CoderName string `json:"coder_name"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Quote     string `json:"quote"`
}

// Segments lists the passages the run's coder coded in project.
func (r *Run) Segments(project string) ([]Segment, error) {
	var segs []Segment
	err := r.WbJSON(&segs, project, "segments", "--coder", r.Coder.Name)
	return segs, err
}

// Info is what `wb info --json` reports.
type Info struct {
	Name     string   `json:"name"`
	File     string   `json:"file"`
	Studies  int      `json:"studies"`
	Codings  int      `json:"codings"`
	Coders   []string `json:"coders"`
	Generate int      `json:"generation"`
}

// Info reads project's summary.
func (r *Run) Info(project string) (Info, error) {
	var in Info
	err := r.WbJSON(&in, project, "info")
	return in, err
}

// History returns project's undo history, newest first (wb has no verb
// for it, so the snapshot is read with the corpus package).
func (r *Run) History(project string) ([]corpus.Action, error) {
	snap, err := r.Snapshot(project)
	if err != nil {
		return nil, err
	}
	p, err := corpus.Open(snap, corpus.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer p.Close()
	return p.History(0)
}

// Program is the desktop program running on the run's screen.
type Program struct {
	Run     *Run
	Project string // the project file it was started on
	Window  string // the main window's id
	cmd     *exec.Cmd
	log     string
	exited  chan struct{}
	err     error
}

// Start runs the desktop program on project and waits until its main
// window shows the project (its title names the file).
func (r *Run) Start(project string, timeout time.Duration) (*Program, error) {
	n := r.snaps.Add(1)
	p := &Program{Run: r, Project: project, log: filepath.Join(r.Dir, fmt.Sprintf("workbench-%d.log", n)), exited: make(chan struct{})}
	p.cmd = exec.Command(r.Workbench, project)
	p.cmd.Env = r.Env()
	p.cmd.Dir = r.Home()
	w := logFile(r.Dir, filepath.Base(p.log))
	p.cmd.Stdout, p.cmd.Stderr = w, w
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", r.Workbench, err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	title := MainTitle(project)
	err := Until(timeout, "the main window titled /"+title+"/", func() (bool, error) {
		if !p.Running() {
			return false, fmt.Errorf("the program exited: %v\n%s", p.err, p.Log())
		}
		if ids := r.Screen.Windows(title); len(ids) > 0 {
			p.Window = ids[0]
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		p.Kill()
		return nil, err
	}
	return p, nil
}

// MainTitle is a regular expression for the main window's title with
// project open: "NAME — FILE — Evidence Workbench".
func MainTitle(project string) string {
	return "— " + regexp.QuoteMeta(filepath.Base(project)) + " — Evidence Workbench$"
}

// Running reports whether the program is still running.
func (p *Program) Running() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// WaitExit waits until the program has ended and returns how it ended.
func (p *Program) WaitExit(timeout time.Duration) error {
	select {
	case <-p.exited:
		return p.err
	case <-time.After(timeout):
		return fmt.Errorf("the program did not end within %s", timeout)
	}
}

// Kill ends the program (when a test fails half-way).
func (p *Program) Kill() {
	if p.Running() {
		p.cmd.Process.Kill()
		<-p.exited
	}
}

// Log is what the program printed.
func (p *Program) Log() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// harmless are log lines of Fyne's that say nothing is wrong: its
// preferences watcher reading the file mid-write, and the file dialog
// looking for folders (Videos, Music...) that a fresh home lacks.
var harmless = regexp.MustCompile(`Preferences load error|Getting favorite locations`)

// Errors returns the errors the program logged: Fyne errors (but the
// harmless ones), calls off the UI thread, panics.
func (p *Program) Errors() []string {
	var errs []string
	skipping := false
	for _, l := range strings.Split(p.Log(), "\n") {
		switch {
		case strings.Contains(l, "Fyne error:"):
			skipping = harmless.MatchString(l)
			if !skipping {
				errs = append(errs, l)
			}
		case strings.Contains(l, "  Cause:"), strings.Contains(l, "  At:"):
			if !skipping {
				errs = append(errs, l)
			}
		case strings.Contains(l, "Error in Fyne call thread"), strings.HasPrefix(l, "panic:"):
			errs = append(errs, l)
		}
	}
	return errs
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
