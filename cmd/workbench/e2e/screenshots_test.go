//go:build e2e

package e2e_test

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/cmd/workbench/e2e"
)

// TestScreenshots drives the real program through the user guide's scenes
// and saves one picture of each in $EWB_SHOTS (scripts/screenshots.sh
// shrinks them into docs/screenshots/). The coder is the demo's reviewer, so
// the appraisal form shows the demo appraisal; a second reviewer's copy
// with a renamed code and other codings gives merge, agreement and
// reconcile something to show.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("EWB_SHOTS")
	if out == "" {
		t.Skip("EWB_SHOTS names the folder for the pictures (scripts/screenshots.sh sets it)")
	}
	out, _ = filepath.Abs(out)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	s := e2e.NewSession(t, root, "screenshots", "Demo reviewer")
	d := &driver{Session: s, pressed: map[string]bool{}}
	d.project = s.Demo("demo.ewb")
	home := s.Run.Home()
	wb := func(args ...string) {
		t.Helper()
		if _, err := s.Run.Wb(args...); err != nil {
			t.Fatal(err)
		}
	}
	// Ana's file: a copy with a renamed code and her own codings of two
	// studies; merged, it gives agreement and reconcile their material.
	ana := filepath.Join(home, "ana.ewb")
	if b, err := os.ReadFile(d.project); err != nil || os.WriteFile(ana, b, 0o644) != nil {
		t.Fatalf("copy the project for Ana: %v", err)
	}
	wb("codebook", ana, "--coder", "Ana Reyes", "--edit", "Themes/Debt bondage", "--name", "Debt bondage (recruitment fees)")
	wb("code", ana, "--coder", "Ana Reyes", "--study", "Harvest of Debt", "--code", "Themes/Debt bondage (recruitment fees)", "--match", "still repaying recruitment debt")
	wb("code", ana, "--coder", "Ana Reyes", "--study", "Harvest of Debt", "--code", "Themes/Wage withholding", "--match", "Cambodian workers make up a large share")
	wb("code", ana, "--coder", "Ana Reyes", "--study", "Harvest of Debt", "--code", "Themes/Restricted movement", "--match", "could not leave their employer")
	// A folder to import: a PDF already in the project and a damaged one.
	studies := filepath.Join(home, "imports")
	os.MkdirAll(studies, 0o755)
	if err := copyInto(filepath.Join(root, "..", "shared", "corpus", "damaged", "qpdf_append-page-content-damaged.pdf"), studies); err != nil {
		t.Logf("no damaged PDF from ../shared (%v): the import picture shows the duplicate only", err)
	}
	if err := copyInto(filepath.Join(root, "assets", "demo", "01-cambodia-thailand-agriculture-debt.pdf"), studies); err != nil {
		t.Logf("no demo PDF to import again: %v", err)
	}

	var err error
	if d.prog, err = s.Run.Start(d.project, 2*wait); err != nil {
		t.Fatal(err)
	}
	defer d.prog.Kill()
	shot := func(name, id string) {
		t.Helper()
		path := filepath.Join(out, name+".png")
		colours, err := s.Screen.Shot(path, id)
		if err != nil {
			t.Fatal(err)
		}
		if colours <= 50 {
			t.Fatalf("%s is blank (%d colours)", path, colours)
		}
		t.Logf("%s.png: %d colours", name, colours)
	}
	step := s.Step
	mainScene := func() error {
		g, err := s.Screen.Geometry(d.prog.Window)
		if err != nil {
			return err
		}
		blank, _ := s.Screen.Grab(d.prog.Window)
		x, y := g.Point(filterField[0], filterField[1])
		if err := s.Screen.Click(d.prog.Window, x, y); err != nil {
			return err
		}
		if err := s.Screen.Type("Harvest"); err != nil {
			return err
		}
		if err := s.Screen.Key("Return"); err != nil {
			return err
		}
		_, err = s.Screen.WaitPicture(d.prog.Window, wait, "the study's text", func(img image.Image) bool {
			return e2e.Differs(blank, img, readerText) > 20000
		})
		return err
	}
	step("main: a study open in the reader", func() error {
		if err := mainScene(); err != nil {
			return err
		}
		shot("main", d.prog.Window)
		return nil
	})
	step("quickpick: a selection and Ctrl+K filtering", func() error {
		if err := d.press("Ctrl+F"); err != nil {
			return err
		}
		s.Screen.Type("withheld wages")
		s.Screen.Key("Return", "Escape", "ctrl+shift+Right", "ctrl+shift+Right")
		if _, err := d.overlay("Ctrl+K", "Cancel"); err != nil {
			return err
		}
		s.Screen.Type("wage")
		if _, err := s.Screen.WaitText(d.Dir, d.prog.Window, centre, wait, "withholding"); err != nil {
			return err
		}
		shot("quickpick", d.prog.Window)
		return s.Screen.Key("Escape")
	})
	for _, w := range []struct{ name, keys, title string }{
		{"attributes", "Ctrl+E", "^Attributes — "},
		{"appraisal", "Ctrl+R", "^Appraise — "},
	} {
		step(w.name, func() error {
			return windowShot(d, w.keys, w.title, func(string) error { return nil }, func(id string) { shot(w.name, id) })
		})
	}
	step("search: a query with its hits", func() error {
		return windowShot(d, "Ctrl+Shift+F", "^Search corpus", func(id string) error {
			s.Screen.Type("recruit* debt")
			s.Screen.Key("Return")
			_, err := s.Screen.WaitText(d.Dir, id, e2e.Rect{X0: 0, Y0: 0, X1: 1, Y1: 1}, wait, "studies")
			return err
		}, func(id string) { shot("search", id) })
	})
	step("merge: Ana's file with its renamed code", func() error {
		return windowShot(d, "Ctrl+Shift+M", "^Merge reviewer files", func(id string) error {
			if err := clickText(s, d.Dir, id, "Add", e2e.Rect{}); err != nil {
				return err
			}
			if err := clickText(s, d.Dir, id, "ana", e2e.Rect{}); err != nil {
				return err
			}
			if err := clickText(s, d.Dir, id, "Open", e2e.Rect{X0: 0.5, Y0: 0.7, X1: 1, Y1: 1}); err != nil {
				return err
			}
			_, err := s.Screen.WaitText(d.Dir, id, e2e.Rect{}, wait, "conflict")
			return err
		}, func(id string) {
			shot("merge", id)
			clickText(s, d.Dir, id, "Merge", e2e.Rect{X0: 0.5, Y0: 0.8, X1: 1, Y1: 1})
			s.Screen.WaitText(d.Dir, id, e2e.Rect{}, wait, "Merged")
		})
	})
	for _, w := range []struct{ name, keys, title, ready string }{
		{"agreement", "Ctrl+Shift+G", "^Inter-coder agreement", ""},
		{"reconcile", "Ctrl+Shift+R", "^Reconcile disagreements", ""},
		{"map", "Ctrl+M", "^Evidence map — ", ""},
		{"brief", "Ctrl+B", "^Draft brief — ", "Scope"}, // the draft is shown, not "Reading the project…"
	} {
		step(w.name, func() error {
			return windowShot(d, w.keys, w.title, func(id string) error {
				// Let the window compute and draw its content.
				_, err := s.Screen.WaitPicture(id, wait, w.name+" drawn", func(img image.Image) bool {
					return e2e.ColoursIn(img, e2e.Rect{X0: 0.3, Y0: 0.2, X1: 0.9, Y1: 0.8}) > 40
				})
				if err == nil && w.ready != "" {
					_, err = s.Screen.WaitText(d.Dir, id, e2e.Rect{}, 2*wait, w.ready)
				}
				return err
			}, func(id string) { shot(w.name, id) })
		})
	}
	step("import: a folder with a duplicate and a damaged PDF", func() error {
		if _, err := d.overlay("Ctrl+I", "folder"); err != nil {
			return err
		}
		if err := clickText(s, d.Dir, d.prog.Window, "folder", centre); err != nil {
			return err
		}
		words, err := s.Screen.WaitText(d.Dir, d.prog.Window, e2e.Rect{}, wait, "imports")
		if err != nil {
			return err
		}
		w, _ := e2e.Find(words, "imports")
		x, y := w.X+w.Width/2, w.Y-20 // the folder's icon above its name
		if _, err := s.Screen.Xdo("mousemove", "--window", d.prog.Window, fmt.Sprint(x), fmt.Sprint(y), "click", "--repeat", "2", "--delay", "80", "1"); err != nil {
			return err
		}
		time.Sleep(500 * time.Millisecond) // the double click's second half, then the folder's listing
		// The dialog's buttons do not read reliably (white on blue, and
		// tesseract skips the dialog's bottom bar): the Open button is found
		// from the dialog's title, "Open Folder", at the top left of the
		// dialog, which has a fixed size (760 x 520, app/internal/ui).
		words, err = s.Screen.WaitText(d.Dir, d.prog.Window, e2e.Rect{}, wait, "Folder")
		if err != nil {
			return err
		}
		folder, _ := e2e.Find(words, "Folder") // "Open Folder": the title starts about 50 px to its left
		if err := s.Screen.Click(d.prog.Window, folder.X-50+712, folder.Y+480); err != nil {
			return err
		}
		if _, err := s.Screen.WaitText(d.Dir, d.prog.Window, e2e.Rect{}, 2*wait, "duplicate"); err != nil {
			return err
		}
		shot("import", d.prog.Window)
		return nil
	})
	d.prog.Kill()
}

// windowShot opens a window with keys, runs prepare on it, calls take,
// and closes it.
func windowShot(d *driver, keys, title string, prepare func(id string) error, take func(id string)) error {
	id, err := d.openWindow(keys, title)
	if err != nil {
		return err
	}
	if err := d.Screen.Activate(id); err != nil {
		return err
	}
	if err := prepare(id); err != nil {
		return err
	}
	take(id)
	name := d.Screen.Title(id)
	if err := d.Screen.Close(id); err != nil {
		return err
	}
	return d.Screen.WaitGone("^"+strings.NewReplacer("(", ".", ")", ".", "?", ".", "+", ".", "*", ".", "[", ".", "]", ".").Replace(name)+"$", wait)
}

// clickText waits for a word in a window (region r, or all of it) and clicks it.
func clickText(s *e2e.Session, dir, id, word string, r e2e.Rect) error {
	words, err := s.Screen.WaitText(dir, id, r, wait, word)
	if err != nil {
		return err
	}
	w, _ := e2e.Find(words, word)
	return s.Screen.ClickWord(id, w)
}

func copyInto(file, dir string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, filepath.Base(file)), b, 0o644)
}
