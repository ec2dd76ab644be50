package e2e

import (
	"fmt"
	"os"
	"strings"
)

// KeyRow is one row of the user guide's keyboard table.
type KeyRow struct{ Keys, Action string }

// GuideKeys reads the keyboard table of the user guide (docs/guide.md,
// which the app package's test keeps equal to the program's own key lists).
func GuideKeys(guidePath string) ([]KeyRow, error) {
	b, err := os.ReadFile(guidePath)
	if err != nil {
		return nil, err
	}
	guide := string(b)
	head := strings.Index(guide, "## Keyboard shortcuts\n")
	if head < 0 {
		return nil, fmt.Errorf("%s has no keyboard table", guidePath)
	}
	var rows []KeyRow
	started := false
	for _, l := range strings.Split(guide[head:], "\n") {
		if !strings.HasPrefix(l, "|") {
			if started {
				break
			}
			continue
		}
		started = true
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if len(cells) != 2 || strings.Trim(l, "|-: ") == "" || strings.TrimSpace(cells[0]) == "Keys" {
			continue
		}
		rows = append(rows, KeyRow{strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1])})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: the keyboard table is empty", guidePath)
	}
	return rows, nil
}

// XKey turns a key as the guide writes it ("Ctrl+Shift+Z", "Page Down")
// into xdotool's name ("ctrl+shift+z", "Next").
func XKey(k string) string {
	parts := strings.Split(k, "+")
	for i, p := range parts[:len(parts)-1] {
		parts[i] = strings.ToLower(p)
	}
	last := parts[len(parts)-1]
	switch last {
	case "Page Down":
		last = "Next"
	case "Page Up":
		last = "Prior"
	default:
		if len(last) == 1 {
			last = strings.ToLower(last)
		}
	}
	parts[len(parts)-1] = last
	return strings.Join(parts, "+")
}
