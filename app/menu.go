package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus"
)

// command is one menu entry with its keyboard shortcut.
type command struct {
	menu     string
	label    string
	key      fyne.KeyName
	mod      fyne.KeyModifier
	run      func()
	needProj bool
	edits    bool // changes the project: disabled while it is read-only
	hidden   bool // a second shortcut of an entry listed already: bound, not shown
	item     *fyne.MenuItem
}

// shortcut is the shortcut the real (GLFW) driver reports for key with
// mod: Ctrl+Z and Ctrl+Y arrive as Fyne's own Undo and Redo shortcuts, every
// other Ctrl/Alt combination as a desktop.CustomShortcut. A menu item or
// canvas shortcut only fires when its name matches the reported one, so
// Undo must be registered as fyne.ShortcutUndo, not as Ctrl+Z.
func shortcut(key fyne.KeyName, mod fyne.KeyModifier) fyne.KeyboardShortcut {
	if mod == ctrl {
		switch key {
		case fyne.KeyZ:
			return &fyne.ShortcutUndo{}
		case fyne.KeyY:
			return &fyne.ShortcutRedo{}
		}
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

// plainKey reports whether a command's key has no modifier (F1): the driver
// never turns those into shortcuts, they arrive as typed keys.
func (c *command) plainKey() bool { return c.key != "" && c.mod == 0 }

const (
	ctrl      = fyne.KeyModifierShortcutDefault
	ctrlShift = fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
)

// menuOrder fixes the order of the menus.
var menuOrder = []string{"File", "Edit", "View", "Study", "Team", "Brief", "Help"}

// commands returns every menu entry: the main window's own, then the
// screens' (screens.go), in menu order.
func (wb *Workbench) commands() []*command {
	if wb.cmds != nil {
		return wb.cmds
	}
	own := []*command{
		{menu: "File", label: "New Project…", key: fyne.KeyN, mod: ctrl, run: wb.onNew},
		{menu: "File", label: "Open Project…", key: fyne.KeyO, mod: ctrl, run: wb.onOpen},
		{menu: "File", label: "Save a Copy As…", key: fyne.KeyS, mod: ctrlShift, run: wb.onSaveAs, needProj: true},
		{menu: "File", label: "Recover a Damaged Project…", run: wb.onRecover},
		{menu: "Edit", label: "Undo", key: fyne.KeyZ, mod: ctrl, run: wb.onUndo, needProj: true, edits: true},
		{menu: "Edit", label: "Redo", key: fyne.KeyZ, mod: ctrlShift, run: wb.onRedo, needProj: true, edits: true},
		{menu: "Edit", label: "Redo", key: fyne.KeyY, mod: ctrl, run: wb.onRedo, needProj: true, edits: true, hidden: true},
		{menu: "Help", label: "About Evidence Workbench", key: fyne.KeyF1, run: wb.onAbout},
	}
	all := append(append(own, wb.viewCommands()...), wb.screens()...)
	for _, m := range menuOrder {
		for _, c := range all {
			if c.menu == m {
				wb.cmds = append(wb.cmds, c)
			}
		}
	}
	return wb.cmds
}

// quitCommand is File > Quit, which buildMenu puts last in the File menu.
func (wb *Workbench) quitCommand() *command {
	return &command{menu: "File", label: "Quit", key: fyne.KeyQ, mod: ctrl, run: wb.onQuit}
}

func (wb *Workbench) buildMenu() *fyne.MainMenu {
	var menus []*fyne.Menu
	for _, name := range menuOrder {
		var items []*fyne.MenuItem
		for _, c := range wb.commands() {
			if c.menu != name || c.hidden {
				continue
			}
			c.item = fyne.NewMenuItem(c.label, func() { wb.runCommand(c) })
			if c.key != "" {
				c.item.Shortcut = shortcut(c.key, c.mod)
			}
			items = append(items, c.item)
			if c.label == "Open Project…" {
				items = append(items, wb.recentMenuItem())
			}
		}
		if name == "File" {
			// Quit ends the first menu (Fyne adds its own Quit to a first
			// menu whose last item is not one).
			q := wb.quitCommand()
			quit := fyne.NewMenuItem(q.label, q.run)
			quit.IsQuit = true
			quit.Shortcut = shortcut(q.key, q.mod)
			items = append(items, fyne.NewMenuItemSeparator(), quit)
		}
		if len(items) > 0 {
			menus = append(menus, fyne.NewMenu(name, items...))
		}
	}
	return fyne.NewMainMenu(menus...)
}

// addShortcuts registers each command's shortcut on the canvas, for when
// the menu does not take it first (Fyne's menu bar fires its items'
// shortcuts; the canvas gets the rest), and the keys without modifier (F1)
// as typed keys when no widget has the focus; the reader hands them on too
// (onPlainKey).
func (wb *Workbench) addShortcuts() {
	c := wb.win.Canvas()
	for _, cmd := range wb.commands() {
		if cmd.key == "" || cmd.plainKey() {
			continue
		}
		c.AddShortcut(shortcut(cmd.key, cmd.mod), func(fyne.Shortcut) { wb.runCommand(cmd) })
	}
	q := wb.quitCommand()
	c.AddShortcut(shortcut(q.key, q.mod), func(fyne.Shortcut) { q.run() })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { wb.onPlainKey(ev) })
}

// onPlainKey runs the command bound to a key without modifier (F1); false
// when there is none.
func (wb *Workbench) onPlainKey(ev *fyne.KeyEvent) bool {
	for _, c := range wb.commands() {
		if c.plainKey() && c.key == ev.Name {
			wb.runCommand(c)
			return true
		}
	}
	return false
}

func (wb *Workbench) runCommand(c *command) {
	if c.needProj && wb.Project() == nil {
		wb.Status("Open or create a project first (File > Open Project or New Project).")
		return
	}
	if c.edits && refuseReadOnly(wb) {
		return
	}
	c.run()
}

// refreshMenu updates the entries that depend on the project: undo and
// redo, and every entry that changes the project while it is read-only.
func (wb *Workbench) refreshMenu() {
	p := wb.Project()
	readOnly := p != nil && p.ReadOnly()
	for _, c := range wb.commands() {
		if c.item == nil {
			continue
		}
		switch {
		case c.edits && readOnly:
			c.item.Disabled = true
		case c.label == "Undo":
			c.item.Disabled = p == nil || p.CanUndo() == ""
		case c.label == "Redo":
			c.item.Disabled = p == nil || p.CanRedo() == ""
		case c.edits:
			c.item.Disabled = false
		}
	}
	if m := wb.win.MainMenu(); m != nil {
		for _, menu := range m.Items {
			if menu.Label == "File" {
				for i, it := range menu.Items {
					if it.Label == "Open Recent" {
						menu.Items[i] = wb.recentMenuItem()
					}
				}
			}
			menu.Refresh()
		}
	}
}

func (wb *Workbench) recentMenuItem() *fyne.MenuItem {
	item := fyne.NewMenuItem("Open Recent", nil)
	var sub []*fyne.MenuItem
	for _, path := range wb.recent() {
		sub = append(sub, fyne.NewMenuItem(path, func() { wb.OpenProject(path) }))
	}
	if len(sub) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		sub = append(sub, none)
	}
	item.ChildMenu = fyne.NewMenu("", sub...)
	return item
}

var projectFilter = storage.NewExtensionFileFilter([]string{corpus.Extension})

func (wb *Workbench) onNew() {
	wb.askProjectFile("review"+corpus.Extension, wb.createProject)
}

// askProjectFile shows the save dialog for a project file, proposing name,
// and calls then with the chosen path, given the project extension.
func (wb *Workbench) askProjectFile(name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if filepath.Ext(path) != corpus.Extension {
			path += corpus.Extension
		}
		then(path)
	}, wb.win)
	d.SetFilter(projectFilter)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(760, 520))
	ui.ShowFileDialog(wb.win, d)
}

// createProject makes a new project (replacing the empty file the save
// dialog created) with the chosen codebook template.
func (wb *Workbench) createProject(path string) {
	wb.chooseTemplate(func(template string) {
		done := wb.Busy("Creating " + filepath.Base(path) + "…")
		coder := wb.coder
		ui.Go(func() (struct{}, error) { return struct{}{}, newProjectFile(path, template, coder) }, func(_ struct{}, err error) {
			done("")
			if err != nil {
				ui.ShowError(wb.win, "New project", err)
				return
			}
			wb.OpenProject(path)
		})
	})
}

func (wb *Workbench) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		wb.OpenProject(path)
	}, wb.win)
	d.SetFilter(projectFilter)
	d.Resize(fyne.NewSize(760, 520))
	ui.ShowFileDialog(wb.win, d)
}

// onSaveAs writes a copy of the project (for example a reviewer's file, or
// a backup to e-mail) and keeps working in the open project; the copy can
// be opened from the message that says where it went.
func (wb *Workbench) onSaveAs() {
	p := wb.Project()
	name := strings.TrimSuffix(filepath.Base(p.Path()), corpus.Extension) + " copy" + corpus.Extension
	wb.askProjectFile(name, func(path string) { wb.saveCopy(p, path) })
}

// saveCopy writes the copy in the background: one whole, checked file with
// everything saved so far, also while the project is being edited (see
// corpus.Project.SaveAs), with an identity of its own.
func (wb *Workbench) saveCopy(p *corpus.Project, path string) {
	done := wb.Busy("Saving a copy as " + filepath.Base(path) + "…")
	ui.Go(func() (struct{}, error) {
		err := removeEmpty(path)
		if err == nil {
			err = p.SaveAs(path)
		}
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if err != nil {
			done("Saving a copy failed.")
			ui.ShowError(wb.win, "Save a copy", err)
			return
		}
		msg := fmt.Sprintf("Saved a copy as %s. You are still working in %s.", path, filepath.Base(p.Path()))
		done(msg)
		ui.ShowDialog(wb.win, dialog.NewCustomConfirm("Copy saved", "Open the copy", "Keep working here", widget.NewLabel(msg), func(open bool) {
			if open {
				wb.OpenProject(path)
			}
		}, wb.win))
	})
}

func (wb *Workbench) onUndo() { wb.replay(true) }
func (wb *Workbench) onRedo() { wb.replay(false) }

// replay undoes or redoes one action in the background and refreshes the views.
func (wb *Workbench) replay(undo bool) {
	p := wb.Project()
	ui.Go(func() (corpus.Action, error) {
		if undo {
			return p.Undo(context.Background())
		}
		return p.Redo(context.Background())
	}, func(a corpus.Action, err error) {
		if err != nil {
			if errors.Is(err, corpus.ErrNothingToUndo) || errors.Is(err, corpus.ErrNothingToRedo) {
				wb.Status(ui.Plain(err))
				return
			}
			wb.noteError(err)
			ui.ShowError(wb.win, "Undo", err)
			return
		}
		verb := "Redid"
		if undo {
			verb = "Undid"
		}
		wb.Status(fmt.Sprintf("%s: %s", verb, a.Label))
		wb.Changed(a.Studies)
	})
}
