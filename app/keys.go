package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
)

// The guide's keyboard table (docs/guide.md, "Keyboard shortcuts") is
// rendered from the program's own lists by keyTable; a test fails when the
// guide differs, and `go generate ./app ./app/guide` rewrites it (and the
// in-app copy). The end-to-end test presses every row of it.
//
//go:generate go test -tags ci -run ^TestGuideKeyboardTable$ -update .

// keyRow is one row of the keyboard table.
type keyRow struct{ keys, action string }

// readerKeys are the keys the reader widget (app/reader) and the reader
// panel's onKey handle themselves, with modifiers the driver does not turn
// into shortcuts of their own; and Escape, which also closes a file dialog
// (ui.ShowFileDialog).
var readerKeys = []keyRow{
	{"1 – 9", "Apply the code pinned to that key"},
	{"Shift+arrows, Ctrl+Shift+arrows", "Extend the selection by character / word"},
	{"Ctrl+A, Ctrl+C", "Select the whole study, copy the selection"},
	{"Ctrl+Home, Ctrl+End, Page Up, Page Down", "Move through the study"},
	{"Escape", "Clear the find highlight; close a file dialog"},
}

// keyName is how the guide writes a key with its modifiers ("Ctrl+Shift+Z").
func keyName(key fyne.KeyName, mod fyne.KeyModifier) string {
	var b strings.Builder
	if mod&fyne.KeyModifierShortcutDefault != 0 {
		b.WriteString("Ctrl+")
	}
	if mod&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if mod&fyne.KeyModifierShift != 0 {
		b.WriteString("Shift+")
	}
	b.WriteString(string(key))
	return b.String()
}

// keyRows lists every key the program binds: the menu commands with a key
// in menu order (File > Quit last in File; a second key of an entry beside
// the first), the reader's shortcuts, then readerKeys.
func (wb *Workbench) keyRows() []keyRow {
	var rows []keyRow
	index := map[string]int{} // action -> row
	add := func(c *command) {
		if c.key == "" {
			return
		}
		action := strings.TrimSuffix(c.label, "…")
		if c.menu != "" {
			action = c.menu + " > " + action
		}
		if i, ok := index[action]; ok {
			rows[i].keys += ", " + keyName(c.key, c.mod)
			return
		}
		index[action] = len(rows)
		rows = append(rows, keyRow{keyName(c.key, c.mod), action})
	}
	quit := wb.quitCommand()
	for _, c := range wb.commands() {
		if quit != nil && c.menu != quit.menu {
			add(quit)
			quit = nil
		}
		add(c)
	}
	for _, c := range wb.reader.commands() {
		add(c)
	}
	return append(rows, readerKeys...)
}

// keyTable renders keyRows as the guide's Markdown table.
func (wb *Workbench) keyTable() string {
	var b strings.Builder
	b.WriteString("| Keys | Action |\n|---|---|\n")
	for _, r := range wb.keyRows() {
		fmt.Fprintf(&b, "| %s | %s |\n", r.keys, r.action)
	}
	return b.String()
}
