//go:build e2e

package e2e_test

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/cmd/workbench/e2e"
)

// TestE2E drives the real program as the guide's walk-through does, with
// real keys and clicks under a window manager, and checks each step in
// the project file (through wb) or, where only the screen can tell, on
// the screen.
func TestE2E(t *testing.T) {
	s := e2e.NewSession(t, root, "e2e", "E2E Tester")
	keys, err := e2e.GuideKeys(filepath.Join(root, "docs", "guide.md"))
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{Session: s, keys: keys, pressed: map[string]bool{}}
	d.project = s.Demo("demo.ewb")
	// A code pinned to key 1, as the codebook's ⋮ menu > Pin to key does.
	if _, err := s.Run.Wb("codebook", d.project, "--edit", "Themes/Debt bondage", "--pin", "1"); err != nil {
		t.Fatal(err)
	}
	textLen := 0
	if out, err := s.Run.Wb("text", d.project, "Harvest of Debt"); err != nil {
		t.Fatal(err)
	} else {
		textLen = len([]rune(strings.TrimSuffix(string(out), "\n")))
	}
	start := time.Now()
	defer func() {
		if d.prog != nil {
			d.prog.Kill()
		}
	}()

	s.Step("start the program on a fresh demo project", func() error {
		var err error
		d.prog, err = s.Run.Start(d.project, 2*wait)
		if err != nil {
			return err
		}
		if !strings.Contains(s.Screen.Title(d.prog.Window), "demo.ewb") {
			return fmt.Errorf("title %q does not name the file", s.Screen.Title(d.prog.Window))
		}
		_, err = s.Screen.WaitText(d.Dir, d.prog.Window, e2e.Rect{X0: 0, Y0: 0.95, X1: 1, Y1: 1}, wait, "demo.ewb")
		return err
	})

	s.Step("type in the study filter, Enter opens the study", func() error {
		blank, err := s.Screen.Grab(d.prog.Window)
		if err != nil {
			return err
		}
		g, err := s.Screen.Geometry(d.prog.Window)
		if err != nil {
			return err
		}
		if err := s.Screen.Click(d.prog.Window, int(filterField[0]*float64(g.Width)), int(filterField[1]*float64(g.Height))); err != nil {
			return err
		}
		if err := s.Screen.Type("Harvest"); err != nil {
			return err
		}
		if err := s.Screen.Key("Return"); err != nil {
			return err
		}
		_, err = s.Screen.WaitPicture(d.prog.Window, wait, "the study's text in the reader", func(img image.Image) bool {
			return e2e.Differs(blank, img, readerText) > 20000
		})
		return err
	})

	s.Step("Ctrl+F finds, Escape returns, Ctrl+Shift+Right selects, 1 codes", func() error {
		if err := d.press("Ctrl+F"); err != nil {
			return err
		}
		if err := s.Screen.Type("still repaying"); err != nil {
			return err
		}
		if err := s.Screen.Key("Return"); err != nil {
			return err
		}
		if err := d.press("Escape"); err != nil {
			return err
		}
		for range 3 {
			if err := s.Screen.Key("ctrl+shift+Right"); err != nil {
				return err
			}
		}
		d.mark("Shift+arrows, Ctrl+Shift+arrows", "Ctrl+Shift+arrows")
		_, err := d.codeWithKey("1 on a word selection", func(sg e2e.Segment) bool { return sg.Quote == "still repaying recruitment" }, false)
		return err
	})

	s.Step("Shift+Right extends by characters, 1 codes", func() error {
		if err := s.Screen.Key("Right"); err != nil {
			return err
		}
		for range 5 {
			if err := s.Screen.Key("shift+Right"); err != nil {
				return err
			}
		}
		d.mark("Shift+arrows, Ctrl+Shift+arrows", "Shift+arrows")
		_, err := d.codeWithKey("1 on 5 characters", func(sg e2e.Segment) bool { return sg.End-sg.Start == 5 && strings.TrimSpace(sg.Quote) == "debt" }, false)
		return err
	})

	var picked e2e.Segment
	s.Step("mouse drag selects, Ctrl+K picks a code by typing, Enter", func() error {
		g, err := s.Screen.Geometry(d.prog.Window)
		if err != nil {
			return err
		}
		x1, y := g.Point(0.29, 0.30)
		x2, _ := g.Point(0.62, 0.30)
		if err := s.Screen.Drag(d.prog.Window, x1, y, x2, y); err != nil {
			return err
		}
		before, err := s.Run.Segments(d.project)
		if err != nil {
			return err
		}
		if _, err := d.overlay("Ctrl+K", "Cancel"); err != nil {
			return err
		}
		if err := s.Screen.Type("wage"); err != nil {
			return err
		}
		if err := s.Screen.Key("Return"); err != nil {
			return err
		}
		segs, err := d.segments("a coding with Wage withholding", func(segs []e2e.Segment) bool { return len(segs) == len(before)+1 })
		if err != nil {
			return err
		}
		for _, sg := range segs {
			if sg.CodePath == "Themes/Wage withholding" {
				picked = sg
			}
		}
		if picked.End-picked.Start < 10 {
			return fmt.Errorf("the drag coded %+v, want a passage of Wage withholding", picked)
		}
		return nil
	})

	s.Step("Ctrl+Z, Ctrl+Shift+Z, Ctrl+Z, Ctrl+Y (the driver's own Undo and Redo)", func() error {
		n := 0
		if segs, err := s.Run.Segments(d.project); err != nil {
			return err
		} else {
			n = len(segs)
		}
		for _, k := range []string{"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Z", "Ctrl+Y"} {
			want := n
			if k == "Ctrl+Z" {
				want = n - 1
			}
			if err := d.press(k); err != nil {
				return err
			}
			segs, err := d.segments(fmt.Sprintf("%s to leave %d codings", k, want), func(segs []e2e.Segment) bool { return len(segs) == want })
			if err != nil {
				return err
			}
			if present := has(segs, func(sg e2e.Segment) bool { return sg.Coding == picked.Coding }); present != (want == n) {
				return fmt.Errorf("after %s the picked coding present=%v", k, present)
			}
			hist, err := s.Run.History(d.project)
			if err != nil {
				return err
			}
			if len(hist) == 0 || hist[0].Undone != (k == "Ctrl+Z") {
				return fmt.Errorf("after %s the newest undo record is %+v", k, hist[0])
			}
		}
		return nil
	})

	s.Step("Ctrl+A selects the study, Ctrl+C copies it", func() error {
		if err := d.focusReader(); err != nil {
			return err
		}
		if err := d.press("Ctrl+A", "Ctrl+C"); err != nil {
			return err
		}
		return e2e.Until(wait, "the study on the clipboard", func() (bool, error) {
			clip, err := s.Screen.Clipboard()
			ok := strings.Contains(clip, "Cambodian workers make up a large share") && len([]rune(clip)) > textLen/2
			if !ok && err == nil {
				err = fmt.Errorf("clipboard holds %d characters", len(clip))
			}
			return ok, err
		})
	})

	s.Step("Ctrl+End, Ctrl+Home, Page Down, Page Up move the cursor", func() error {
		if err := d.focusReader(); err != nil {
			return err
		}
		if err := d.press("Ctrl+End"); err != nil {
			return err
		}
		if err := s.Screen.Key("shift+Left", "shift+Left", "shift+Left"); err != nil {
			return err
		}
		if _, err := d.codeWithKey("the study's end", func(sg e2e.Segment) bool { return sg.End >= textLen-2 }, true); err != nil {
			return err
		}
		if err := d.press("Ctrl+Home"); err != nil {
			return err
		}
		if err := s.Screen.Key("shift+Right", "shift+Right", "shift+Right"); err != nil {
			return err
		}
		if _, err := d.codeWithKey("the study's start", func(sg e2e.Segment) bool { return sg.Start < 40 }, true); err != nil {
			return err
		}
		if err := d.press("Ctrl+Home", "Page Down", "Page Down", "Page Down", "Page Up"); err != nil {
			return err
		}
		if err := s.Screen.Key("shift+Right", "shift+Right", "shift+Right"); err != nil {
			return err
		}
		_, err := d.codeWithKey("two pages down", func(sg e2e.Segment) bool { return sg.Start > 300 }, true)
		return err
	})

	s.Step("Ctrl+P shows the pages, Page Down turns one, Ctrl+P twice returns to the text", func() error {
		if err := d.focusReader(); err != nil {
			return err
		}
		text, err := s.Screen.Grab(d.prog.Window)
		if err != nil {
			return err
		}
		if err := d.press("Ctrl+P"); err != nil {
			return err
		}
		first, err := s.Screen.WaitPicture(d.prog.Window, wait, "the study's first page drawn", func(img image.Image) bool {
			return e2e.Differs(text, img, readerText) > 20000
		})
		if err != nil {
			return err
		}
		if err := d.press("Page Down"); err != nil {
			return err
		}
		second, err := s.Screen.WaitPicture(d.prog.Window, wait, "the second page", func(img image.Image) bool {
			return e2e.Differs(first, img, readerText) > 5000
		})
		if err != nil {
			return err
		}
		if err := d.press("Ctrl+P", "Ctrl+P"); err != nil {
			return err
		}
		_, err = s.Screen.WaitPicture(d.prog.Window, wait, "the text again", func(img image.Image) bool {
			return e2e.Differs(second, img, readerText) > 20000
		})
		return err
	})

	s.Step("F1 opens About, Escape closes it", func() error {
		if _, err := d.overlay("F1", "Bundled"); err != nil {
			return err
		}
		if err := s.Screen.Key("Escape"); err != nil {
			return err
		}
		return d.overlayGone("Bundled")
	})

	for _, w := range []struct{ keys, title string }{
		{"Ctrl+Shift+F", "^Search corpus"},
		{"Ctrl+E", "^Attributes — Harvest of Debt"},
		{"Ctrl+R", "^Appraisal — Harvest of Debt|^Appraise"},
		{"Ctrl+Shift+Q", "^Coded segments and matrix"},
		{"Ctrl+Shift+M", "^Merge reviewer files"},
		{"Ctrl+Shift+G", "^Inter-coder agreement"},
		{"Ctrl+Shift+R", "^Reconcile disagreements"},
		{"Ctrl+M", "^Evidence map — Demo"},
		{"Ctrl+B", "^Draft brief — Demo"},
	} {
		s.Step(w.keys+" opens its window, sized and titled under the window manager", func() error { return d.window(w.keys, w.title) })
	}

	s.Step("Ctrl+I offers a file or a folder; Escape closes it", func() error {
		if _, err := d.overlay("Ctrl+I", "folder"); err != nil {
			return err
		}
		if err := s.Screen.Key("Escape"); err != nil {
			return err
		}
		return d.overlayGone("folder")
	})

	for _, k := range []string{"Ctrl+O", "Ctrl+N"} {
		s.Step(k+" opens a file dialog, Escape closes it", func() error {
			if _, err := d.overlay(k, "Cancel"); err != nil {
				return err
			}
			if err := d.press("Escape"); err != nil {
				return err
			}
			if err := d.overlayGone("Cancel"); err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(s.Run.Home(), "review.ewb")); err == nil {
				return fmt.Errorf("Escape in New Project left review.ewb behind")
			}
			return nil
		})
	}

	copyPath := filepath.Join(s.Run.Home(), "reviewer-ana.ewb")
	s.Step("Ctrl+Shift+S saves a copy under a typed name and keeps working here", func() error {
		if _, err := d.overlay("Ctrl+Shift+S", "Save"); err != nil {
			return err
		}
		if err := s.Screen.Key("ctrl+a"); err != nil {
			return err
		}
		if err := s.Screen.Type("reviewer-ana.ewb"); err != nil {
			return err
		}
		if err := s.Screen.Key("Return"); err != nil {
			return err
		}
		if err := e2e.Until(wait, "the copy "+copyPath, func() (bool, error) {
			_, err := os.Stat(copyPath)
			return err == nil, nil
		}); err != nil {
			return err
		}
		// The dialog's Keep button, not a "keeps" in the study's text.
		keep := func() (e2e.Word, bool, error) {
			words, err := s.Screen.Read(d.Dir, d.prog.Window, centre)
			if err != nil {
				return e2e.Word{}, false, err
			}
			w, ok := e2e.FindExact(words, "Keep")
			return w, ok, nil
		}
		var w e2e.Word
		if err := e2e.Until(wait, "the Keep button", func() (bool, error) {
			var ok bool
			var err error
			w, ok, err = keep()
			return ok, err
		}); err != nil {
			return err
		}
		if err := s.Screen.ClickWord(d.prog.Window, w); err != nil {
			return err
		}
		if err := e2e.Until(wait, "the Keep button to go", func() (bool, error) {
			_, ok, err := keep()
			return !ok, err
		}); err != nil {
			return err
		}
		if title := s.Screen.Title(d.prog.Window); !strings.Contains(title, "demo.ewb") {
			return fmt.Errorf("after Save a Copy the window shows %q, not demo.ewb", title)
		}
		master, err := s.Run.Info(d.project)
		if err != nil {
			return err
		}
		var cp e2e.Info
		if err := e2e.Until(wait, "the copy to be readable", func() (bool, error) {
			out, err := s.Run.Wb("info", copyPath, "--json")
			if err == nil {
				err = json.Unmarshal(out, &cp)
			}
			return err == nil, err
		}); err != nil {
			return err
		}
		if cp.Codings != master.Codings || cp.Studies != master.Studies {
			return fmt.Errorf("the copy holds %d codings of %d studies, the project %d of %d", cp.Codings, cp.Studies, master.Codings, master.Studies)
		}
		// The next coding goes into the open project, not into the copy.
		if err := d.focusReader(); err != nil {
			return err
		}
		if err := d.press("Ctrl+Home"); err != nil {
			return err
		}
		if err := s.Screen.Key("ctrl+shift+Right", "ctrl+shift+Right"); err != nil {
			return err
		}
		if _, err := d.codeWithKey("a coding after the copy", func(e2e.Segment) bool { return true }, false); err != nil {
			return err
		}
		out, err := s.Run.Wb("info", copyPath, "--json")
		if err != nil {
			return err
		}
		var after e2e.Info
		if err := json.Unmarshal(out, &after); err != nil {
			return err
		}
		if after.Codings != cp.Codings {
			return fmt.Errorf("coding after Save a Copy changed the copy (%d -> %d codings)", cp.Codings, after.Codings)
		}
		return nil
	})

	var kept []e2e.Segment
	s.Step("Ctrl+Q quits cleanly; the codings are in the file", func() error {
		var err error
		if kept, err = s.Run.Segments(d.project); err != nil {
			return err
		}
		if err := s.Screen.Activate(d.prog.Window); err != nil {
			return err
		}
		if err := d.press("Ctrl+Q"); err != nil {
			return err
		}
		if err := d.prog.WaitExit(wait); err != nil {
			return err
		}
		if errs := d.prog.Errors(); len(errs) > 0 {
			return fmt.Errorf("the program logged errors:\n%s", strings.Join(errs, "\n"))
		}
		out, err := s.Run.Wb("segments", d.project, "--coder", s.Run.Coder.Name, "--json")
		if err != nil {
			return err
		}
		var segs []e2e.Segment
		if err := json.Unmarshal(out, &segs); err != nil {
			return err
		}
		if len(segs) != len(kept) || len(segs) < 4 {
			return fmt.Errorf("after quitting the file holds %d of the coder's codings, want %d", len(segs), len(kept))
		}
		return checkRecentAbsolute(s.Run.Home())
	})

	s.Step("reopen: the codings are there and Ctrl+Z still undoes the last one", func() error {
		var err error
		if d.prog, err = s.Run.Start(d.project, 2*wait); err != nil {
			return err
		}
		if _, err := s.Screen.WaitText(d.Dir, d.prog.Window, e2e.Rect{X0: 0, Y0: 0.95, X1: 1, Y1: 1}, wait, "demo.ewb"); err != nil {
			return err
		}
		if err := s.Screen.Activate(d.prog.Window); err != nil {
			return err
		}
		if err := d.press("Ctrl+Z"); err != nil {
			return err
		}
		if _, err := d.segments("Ctrl+Z after reopening", func(segs []e2e.Segment) bool { return len(segs) == len(kept)-1 }); err != nil {
			return err
		}
		if err := d.press("Ctrl+Shift+Z"); err != nil {
			return err
		}
		if _, err := d.segments("Ctrl+Shift+Z after reopening", func(segs []e2e.Segment) bool { return len(segs) == len(kept) }); err != nil {
			return err
		}
		if err := d.press("Ctrl+Q"); err != nil {
			return err
		}
		if err := d.prog.WaitExit(wait); err != nil {
			return err
		}
		if errs := d.prog.Errors(); len(errs) > 0 {
			return fmt.Errorf("the program logged errors:\n%s", strings.Join(errs, "\n"))
		}
		return nil
	})

	// A shortcut in the guide that no step pressed is a defect.
	for _, r := range keys {
		for _, k := range strings.Split(r.Keys, ", ") {
			if !d.pressed[r.Keys+"|"+k] {
				t.Errorf("the guide lists %s (%s) but no step pressed it", k, r.Action)
			}
		}
	}
	t.Logf("the scenario took %.0fs", time.Since(start).Seconds())
}
