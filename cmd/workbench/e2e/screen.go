// Package e2e drives the real desktop program as a person would: under an
// Xvfb X server with a real window manager (openbox), with real key presses
// and mouse clicks sent by xdotool, and screenshots taken by ImageMagick.
// The end-to-end test (make e2e) and the guide's screenshots (make
// screenshots) are built on it; nothing in the program imports it.
package e2e

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Screen is an Xvfb display with a window manager.
type Screen struct {
	Display string // ":N"
	Width   int
	Height  int
	dir     string
	xvfb    *exec.Cmd
	wm      *exec.Cmd
}

// Tools lists the programs the driver needs (scripts/deps.sh ci installs them).
var Tools = []string{"Xvfb", "openbox", "xdotool", "xprop", "xwininfo", "xclip", "tesseract", "import", "convert"}

// MissingTools returns the tools that are not installed.
func MissingTools() []string {
	var missing []string
	for _, t := range Tools {
		if _, err := exec.LookPath(t); err != nil {
			missing = append(missing, t)
		}
	}
	return missing
}

// StartScreen starts Xvfb on a free display (it picks the number itself)
// and openbox on it, and waits until the window manager is up. Logs go to dir.
func StartScreen(dir string, width, height int) (*Screen, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s := &Screen{Width: width, Height: height, dir: dir}
	s.xvfb = exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp")
	s.xvfb.ExtraFiles = []*os.File{w}
	s.xvfb.Stdout, s.xvfb.Stderr = logFile(dir, "xvfb.log"), logFile(dir, "xvfb.log")
	if err := s.xvfb.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(l)
	}()
	select {
	case l := <-line:
		if _, err := strconv.Atoi(l); err != nil {
			s.Stop()
			return nil, fmt.Errorf("the X server (Xvfb) did not report its display (%q); see %s", l, filepath.Join(dir, "xvfb.log"))
		}
		s.Display = ":" + l
	case <-time.After(30 * time.Second):
		s.Stop()
		return nil, errors.New("the X server (Xvfb) did not start within 30 s")
	}
	s.wm = exec.Command("openbox", "--sm-disable")
	s.wm.Env = s.Env(os.Environ())
	s.wm.Stdout, s.wm.Stderr = logFile(dir, "openbox.log"), logFile(dir, "openbox.log")
	if err := s.wm.Start(); err != nil {
		s.Stop()
		return nil, fmt.Errorf("start openbox: %w", err)
	}
	err = Until(30*time.Second, "the window manager to start", func() (bool, error) {
		out, _ := s.Run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK")
		return strings.Contains(out, "window id"), nil
	})
	if err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// Env returns env with DISPLAY set to the screen.
func (s *Screen) Env(env []string) []string {
	out := make([]string, 0, len(env)+1)
	for _, e := range env {
		if !strings.HasPrefix(e, "DISPLAY=") {
			out = append(out, e)
		}
	}
	return append(out, "DISPLAY="+s.Display)
}

// Stop ends the window manager and the X server.
func (s *Screen) Stop() {
	for _, c := range []*exec.Cmd{s.wm, s.xvfb} {
		if c != nil && c.Process != nil {
			c.Process.Kill()
			c.Wait()
		}
	}
}

// Run runs an X client (xdotool, xprop, import...) on the screen and
// returns its output.
func (s *Screen) Run(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = s.Env(os.Environ())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// Xdo runs xdotool with args.
func (s *Screen) Xdo(args ...string) (string, error) { return s.Run("xdotool", args...) }

// Key presses key combinations one after another, as xdotool names them
// ("ctrl+shift+z", "F1", "Escape", "Return").
func (s *Screen) Key(keys ...string) error {
	_, err := s.Xdo(append([]string{"key", "--delay", "80"}, keys...)...)
	return err
}

// Type types text as key presses.
func (s *Screen) Type(text string) error {
	_, err := s.Xdo("type", "--delay", "30", text)
	return err
}

// Windows returns the ids of the visible windows whose title matches the
// regular expression (matched here: xdotool's own --name matching does
// not see the UTF-8 titles' dashes).
func (s *Screen) Windows(title string) []string {
	re, err := regexp.Compile(title)
	if err != nil {
		return nil
	}
	out, _ := s.Xdo("search", "--onlyvisible", "--name", ".")
	var ids []string
	for _, id := range strings.Fields(out) {
		if re.MatchString(s.Title(id)) {
			ids = append(ids, id)
		}
	}
	return ids
}

// WaitWindow waits until a visible window's title matches and returns its id.
func (s *Screen) WaitWindow(title string, timeout time.Duration) (string, error) {
	var id string
	err := Until(timeout, "a window titled /"+title+"/", func() (bool, error) {
		if ids := s.Windows(title); len(ids) > 0 {
			id = ids[len(ids)-1]
			return true, nil
		}
		return false, nil
	})
	return id, err
}

// WaitGone waits until no visible window's title matches.
func (s *Screen) WaitGone(title string, timeout time.Duration) error {
	return Until(timeout, "the window titled /"+title+"/ to close", func() (bool, error) {
		return len(s.Windows(title)) == 0, nil
	})
}

// Title returns a window's title.
func (s *Screen) Title(id string) string {
	out, _ := s.Xdo("getwindowname", id)
	return strings.TrimSpace(out)
}

// Geometry is a window's position and size on the screen (of its content,
// without the window manager's frame) and the height of its title bar.
type Geometry struct{ X, Y, Width, Height, TitleBar int }

// Geometry returns a window's position and size as xwininfo reports them
// (xdotool's getwindowgeometry miscounts the frame of a reparented window).
func (s *Screen) Geometry(id string) (Geometry, error) {
	out, err := s.Run("xwininfo", "-id", id)
	if err != nil {
		return Geometry{}, err
	}
	var g Geometry
	for _, l := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(l), ":")
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(strings.TrimSpace(v))
		switch k {
		case "Absolute upper-left X":
			g.X = n
		case "Absolute upper-left Y":
			g.Y = n
		case "Relative upper-left Y":
			g.TitleBar = n
		case "Width":
			g.Width = n
		case "Height":
			g.Height = n
		}
	}
	return g, nil
}

// Activate raises a window and gives it the keyboard, through the window manager.
func (s *Screen) Activate(id string) error {
	_, err := s.Xdo("windowactivate", "--sync", id)
	return err
}

// Active returns the id of the window that has the keyboard.
func (s *Screen) Active() string {
	out, _ := s.Xdo("getactivewindow")
	return strings.TrimSpace(out)
}

// Close asks the window manager to close a window, as its title bar's close
// button does (openbox binds Alt+F4 to that).
func (s *Screen) Close(id string) error {
	if err := s.Activate(id); err != nil {
		return err
	}
	return s.Key("alt+F4")
}

// Click clicks the left button at x, y inside a window.
func (s *Screen) Click(id string, x, y int) error {
	_, err := s.Xdo("mousemove", "--window", id, strconv.Itoa(x), strconv.Itoa(y), "click", "1")
	return err
}

// Drag presses the left button at x1, y1 inside a window, moves in steps to
// x2, y2 and releases it there.
func (s *Screen) Drag(id string, x1, y1, x2, y2 int) error {
	args := []string{"mousemove", "--window", id, strconv.Itoa(x1), strconv.Itoa(y1), "mousedown", "1"}
	const steps = 8
	for i := 1; i <= steps; i++ {
		x, y := x1+(x2-x1)*i/steps, y1+(y2-y1)*i/steps
		args = append(args, "sleep", "0.05", "mousemove", "--window", id, strconv.Itoa(x), strconv.Itoa(y))
	}
	args = append(args, "sleep", "0.1", "mouseup", "1")
	_, err := s.Xdo(args...)
	return err
}

// Shot saves a screenshot of the whole screen (or of one window when id is
// not "") as a PNG and returns its number of colours: a blank or
// half-drawn frame has very few.
func (s *Screen) Shot(path, id string) (colours int, err error) {
	target := "root"
	if id != "" {
		target = id
	}
	if _, err := s.Run("import", "-window", target, path); err != nil {
		return 0, err
	}
	return Colours(path)
}

// Colours counts the distinct colours of a picture.
func Colours(path string) (int, error) {
	out, err := exec.Command("convert", path, "-format", "%k", "info:").Output()
	if err != nil {
		return 0, fmt.Errorf("count colours of %s: %w", path, err)
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}

// logFile opens (appends to) a log file in dir; io.Discard when it cannot.
func logFile(dir, name string) io.Writer {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return io.Discard
	}
	return f
}
