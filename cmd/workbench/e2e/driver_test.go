//go:build e2e

package e2e_test

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/cmd/workbench/e2e"
)

const (
	root = "../../.."
	wait = 60 * time.Second // the longest any one thing may take on a busy 2-core machine
)

// Regions of the main window, in fractions of its size.
var (
	filterField = [2]float64{0.13, 0.11}
	readerText  = e2e.Rect{X0: 0.27, Y0: 0.18, X1: 0.75, Y1: 0.89}
	centre      = e2e.Rect{X0: 0.2, Y0: 0.15, X1: 0.8, Y1: 0.85}
)

// driver is the scenario's state: the session, the program and which rows
// of the guide's keyboard table a step has pressed and checked.
type driver struct {
	*e2e.Session
	prog    *e2e.Program
	project string
	keys    []e2e.KeyRow
	pressed map[string]bool // guide row keys -> pressed
}

// press presses keys as the guide writes them ("Ctrl+Shift+Z") and marks
// the guide row that lists each as pressed.
func (d *driver) press(keys ...string) error {
	var x []string
	for _, k := range keys {
		for _, r := range d.keys {
			for _, rk := range strings.Split(r.Keys, ", ") {
				if rk == k || (r.Keys == "1 – 9" && len(k) == 1 && k >= "1" && k <= "9") {
					d.pressed[r.Keys+"|"+rk] = true
				}
			}
		}
		x = append(x, e2e.XKey(k))
	}
	return d.Screen.Key(x...)
}

// mark records a row key pressed through its xdotool form by a step that
// sends it itself (Shift+arrows, Page Down).
func (d *driver) mark(row, key string) { d.pressed[row+"|"+key] = true }

// segments waits until the coder's segments satisfy cond and returns them.
func (d *driver) segments(what string, cond func([]e2e.Segment) bool) ([]e2e.Segment, error) {
	var segs []e2e.Segment
	err := e2e.Until(wait, what, func() (bool, error) {
		var err error
		segs, err = d.Run.Segments(d.project)
		return err == nil && cond(segs), err
	})
	return segs, err
}

func has(segs []e2e.Segment, f func(e2e.Segment) bool) bool {
	for _, s := range segs {
		if f(s) {
			return true
		}
	}
	return false
}

// focusReader gives the reader the keyboard the way a person can: Enter in
// the study filter (which still holds "Harvest") opens the first study
// shown, the one already open, and moves the focus to its text.
func (d *driver) focusReader() error {
	if err := d.Screen.Activate(d.prog.Window); err != nil {
		return err
	}
	g, err := d.Screen.Geometry(d.prog.Window)
	if err != nil {
		return err
	}
	x, y := g.Point(filterField[0], filterField[1])
	if err := d.Screen.Click(d.prog.Window, x, y); err != nil {
		return err
	}
	return d.Screen.Key("End", "Return")
}

// codeWithKey presses 1 (the pinned Debt bondage) and waits for a new
// segment that satisfies cond; then, with undo, presses Ctrl+Z and waits
// until it is gone again.
func (d *driver) codeWithKey(what string, cond func(e2e.Segment) bool, undo bool) (e2e.Segment, error) {
	before, err := d.Run.Segments(d.project)
	if err != nil {
		return e2e.Segment{}, err
	}
	if err := d.press("1"); err != nil {
		return e2e.Segment{}, err
	}
	var got e2e.Segment
	_, err = d.segments(what, func(segs []e2e.Segment) bool {
		if len(segs) != len(before)+1 {
			return false
		}
		for _, s := range segs {
			if !has(before, func(b e2e.Segment) bool { return b.Coding == s.Coding }) {
				got = s
			}
		}
		return true
	})
	if err != nil {
		return got, err
	}
	if got.CodePath != "Themes/Debt bondage" || !cond(got) {
		return got, fmt.Errorf("%s: coded %+v", what, got)
	}
	if undo {
		if err := d.press("Ctrl+Z"); err != nil {
			return got, err
		}
		_, err = d.segments("Ctrl+Z to take back "+what, func(segs []e2e.Segment) bool { return len(segs) == len(before) })
	}
	return got, err
}

// openWindow gives the main window the keyboard, presses keys and waits
// for a window titled like title; it returns the window's id.
func (d *driver) openWindow(keys, title string) (string, error) {
	if err := d.Screen.Activate(d.prog.Window); err != nil {
		return "", err
	}
	if err := d.press(keys); err != nil {
		return "", err
	}
	return d.Screen.WaitWindow(title, wait)
}

// window presses keys, waits for a window titled like title, checks its
// title and size under the window manager, takes a screenshot, and
// closes it with Alt+F4 through the window manager.
func (d *driver) window(keys, title string) error {
	id, err := d.openWindow(keys, title)
	if err != nil {
		return err
	}
	name := d.Screen.Title(id)
	if strings.TrimSpace(name) == "" || strings.Contains(name, "Fyne") {
		return fmt.Errorf("%s: window title %q", keys, name)
	}
	var g e2e.Geometry
	err = e2e.Until(wait, "the window to take its size", func() (bool, error) {
		g, err = d.Screen.Geometry(id)
		return err == nil && g.Width >= 500 && g.Height >= 380, err
	})
	if err != nil {
		return fmt.Errorf("%s: %q is %dx%d, too small to use: %v", keys, name, g.Width, g.Height, err)
	}
	if g.X < 0 || g.Y-g.TitleBar < 0 || g.X+g.Width > d.Screen.Width || g.Y+g.Height > d.Screen.Height {
		return fmt.Errorf("%s: %q at %+v does not fit the %dx%d screen", keys, name, g, d.Screen.Width, d.Screen.Height)
	}
	if g.Width > 1280 || g.Height > 720 {
		return fmt.Errorf("%s: %q is %dx%d, larger than a 1366x768 laptop screen leaves room for", keys, name, g.Width, g.Height)
	}
	shot := filepath.Join(d.Dir, "window-"+strings.NewReplacer("+", "-").Replace(keys)+".png")
	if _, err := d.Screen.WaitPicture(id, wait, name+" drawn", func(img image.Image) bool {
		return e2e.ColoursIn(img, e2e.Rect{X0: 0, Y0: 0, X1: 1, Y1: 1}) > 50
	}); err != nil {
		return err
	}
	d.Screen.Shot(shot, id)
	d.T.Logf("   %s opens %q, %dx%d at %d,%d", keys, name, g.Width, g.Height, g.X, g.Y)
	if err := d.Screen.Close(id); err != nil {
		return err
	}
	return d.Screen.WaitGone(regexp.QuoteMeta(name)+"$", wait)
}

// overlay presses keys and waits until the main window shows all words of
// want (a dialog drawn in the window, read with OCR).
func (d *driver) overlay(keys string, want ...string) ([]e2e.Word, error) {
	if err := d.Screen.Activate(d.prog.Window); err != nil {
		return nil, err
	}
	if err := d.press(keys); err != nil {
		return nil, err
	}
	return d.Screen.WaitText(d.Dir, d.prog.Window, centre, wait, want...)
}

// overlayGone waits until the main window no longer shows word.
func (d *driver) overlayGone(word string) error {
	return e2e.Until(wait, word+" to go", func() (bool, error) {
		words, err := d.Screen.Read(d.Dir, d.prog.Window, centre)
		if err != nil {
			return false, err
		}
		_, shown := e2e.Find(words, word)
		return !shown, nil
	})
}

// checkRecentAbsolute checks that Open Recent stored absolute paths in
// Fyne's preferences of the run.
func checkRecentAbsolute(home string) error {
	b, err := os.ReadFile(filepath.Join(home, ".config", "fyne", "org.evidenceworkbench.workbench", "preferences.json"))
	if err != nil {
		return fmt.Errorf("preferences: %w", err)
	}
	var prefs map[string]any
	if err := json.Unmarshal(b, &prefs); err != nil {
		return err
	}
	found := false
	for k, v := range prefs {
		if !strings.Contains(strings.ToLower(k), "recent") {
			continue
		}
		for _, p := range strings.Split(fmt.Sprint(v), "\n") {
			p = strings.Trim(strings.TrimSpace(p), "[]")
			for _, f := range strings.Fields(p) {
				if strings.HasSuffix(f, ".ewb") {
					found = true
					if !filepath.IsAbs(f) {
						return fmt.Errorf("Open Recent holds %q, not an absolute path", f)
					}
				}
			}
		}
	}
	if !found {
		return fmt.Errorf("Open Recent holds no project: %s", b)
	}
	return nil
}
