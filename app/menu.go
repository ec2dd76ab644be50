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

	"github.com/evidence-workbench/workbench/corpus"
)

// command is one menu action with its keyboard shortcut.
type command struct {
	label    string
	key      fyne.KeyName
	mod      fyne.KeyModifier
	run      func()
	needProj bool
	item     *fyne.MenuItem
}

func shortcut(key fyne.KeyName, mod fyne.KeyModifier) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

const (
	ctrl      = fyne.KeyModifierShortcutDefault
	ctrlShift = fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
)

// commands returns every menu action, grouped by menu.
func (wb *Workbench) commands() map[string][]*command {
	if wb.cmds != nil {
		return wb.cmds
	}
	wb.cmds = map[string][]*command{
		"File": {
			{label: "New Project…", key: fyne.KeyN, mod: ctrl, run: wb.onNew},
			{label: "Open Project…", key: fyne.KeyO, mod: ctrl, run: wb.onOpen},
			{label: "Save Project As…", key: fyne.KeyS, mod: ctrlShift, run: wb.onSaveAs, needProj: true},
			{label: "Import PDFs…", key: fyne.KeyI, mod: ctrl, run: wb.onImport, needProj: true},
			{label: "Quit", key: fyne.KeyQ, mod: ctrl, run: wb.onQuit},
		},
		"Edit": {
			{label: "Undo", key: fyne.KeyZ, mod: ctrl, run: wb.onUndo, needProj: true},
			{label: "Redo", key: fyne.KeyZ, mod: ctrlShift, run: wb.onRedo, needProj: true},
		},
		"Help": {
			{label: "About Evidence Workbench", key: fyne.KeyF1, run: wb.onAbout},
		},
	}
	for _, extra := range wb.extraCommands {
		wb.cmds[extra.menu] = append(wb.cmds[extra.menu], extra.cmd)
	}
	return wb.cmds
}

// menuOrder fixes the order of the menus.
var menuOrder = []string{"File", "Edit", "Study", "Team", "Brief", "Help"}

func (wb *Workbench) buildMenu() *fyne.MainMenu {
	cmds := wb.commands()
	var menus []*fyne.Menu
	for _, name := range menuOrder {
		var items []*fyne.MenuItem
		for _, c := range cmds[name] {
			c.item = fyne.NewMenuItem(c.label, func() { wb.runCommand(c) })
			if c.key != "" {
				c.item.Shortcut = shortcut(c.key, c.mod)
			}
			if c.label == "Quit" {
				c.item.IsQuit = true
				items = append(items, wb.recentMenuItem(), fyne.NewMenuItemSeparator())
			}
			items = append(items, c.item)
		}
		if len(items) > 0 {
			menus = append(menus, fyne.NewMenu(name, items...))
		}
	}
	return fyne.NewMainMenu(menus...)
}

// addShortcuts registers each command's shortcut on the canvas (on Linux and
// Windows menu shortcuts are only displayed, not bound).
func (wb *Workbench) addShortcuts() {
	for _, list := range wb.commands() {
		for _, c := range list {
			if c.key == "" {
				continue
			}
			wb.win.Canvas().AddShortcut(shortcut(c.key, c.mod), func(fyne.Shortcut) { wb.runCommand(c) })
		}
	}
}

func (wb *Workbench) runCommand(c *command) {
	if c.needProj && wb.Project() == nil {
		wb.status.SetText("Open or create a project first (File > Open Project or New Project).")
		return
	}
	c.run()
}

// refreshMenu updates labels that depend on the project (undo/redo).
func (wb *Workbench) refreshMenu() {
	p := wb.Project()
	for _, c := range wb.commands()["Edit"] {
		if c.item == nil {
			continue
		}
		switch c.label {
		case "Undo":
			c.item.Disabled = p == nil || p.CanUndo() == ""
		case "Redo":
			c.item.Disabled = p == nil || p.CanRedo() == ""
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
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if filepath.Ext(path) != corpus.Extension {
			path += corpus.Extension
		}
		wb.createProject(path)
	}, wb.win)
	d.SetFilter(projectFilter)
	d.SetFileName("review" + corpus.Extension)
	d.Show()
}

// createProject makes a new project (replacing the empty file the save
// dialog created) with the chosen codebook template.
func (wb *Workbench) createProject(path string) {
	wb.chooseTemplate(func(template string) {
		wb.setBusy("Creating " + filepath.Base(path) + "…")
		go func() {
			err := wb.newProjectFile(path, template)
			runUI(func() {
				wb.setIdle("")
				if err != nil {
					showError(wb.win, "New project", err)
					return
				}
				wb.OpenProject(path)
			})
		}()
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
	d.Show()
}

func (wb *Workbench) onSaveAs() {
	p := wb.Project()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if filepath.Ext(path) != corpus.Extension {
			path += corpus.Extension
		}
		wb.setBusy("Saving a copy as " + filepath.Base(path) + "…")
		go func() {
			err := removeEmpty(path)
			if err == nil {
				err = p.SaveAs(path)
			}
			runUI(func() {
				wb.setIdle("")
				if err != nil {
					showError(wb.win, "Save as", err)
					return
				}
				wb.OpenProject(path)
			})
		}()
	}, wb.win)
	d.SetFilter(projectFilter)
	d.SetFileName(strings.TrimSuffix(filepath.Base(p.Path()), corpus.Extension) + " copy" + corpus.Extension)
	d.Show()
}

func (wb *Workbench) onUndo() { wb.replay(true) }
func (wb *Workbench) onRedo() { wb.replay(false) }

// replay undoes or redoes one action in the background and refreshes the views.
func (wb *Workbench) replay(undo bool) {
	p := wb.Project()
	go func() {
		var a corpus.Action
		var err error
		if undo {
			a, err = p.Undo(context.Background())
		} else {
			a, err = p.Redo(context.Background())
		}
		runUI(func() {
			if err != nil {
				if errors.Is(err, corpus.ErrNothingToUndo) || errors.Is(err, corpus.ErrNothingToRedo) {
					wb.status.SetText(plain(err))
					return
				}
				showError(wb.win, "Undo", err)
				return
			}
			verb := "Redid"
			if undo {
				verb = "Undid"
			}
			wb.status.SetText(fmt.Sprintf("%s: %s", verb, a.Label))
			wb.changed(a.Studies)
		})
	}()
}

// changed reloads what an action may have changed (studies touched, or everything when nil).
func (wb *Workbench) changed(studies []string) {
	wb.studies.reload()
	wb.codebook.reload()
	wb.reader.reload()
	wb.refreshMenu()
	wb.searcher.touched(studies)
	if wb.afterChange != nil {
		wb.afterChange()
	}
}
