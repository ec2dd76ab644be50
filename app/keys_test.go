package app

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/guide.md's keyboard table from the program's key lists")

const guidePath = "../docs/guide.md"

// guideKeyTable splits the guide into the text before the keyboard table,
// the table and the text after it.
func guideKeyTable(t *testing.T, guide string) (before, table, after string) {
	t.Helper()
	head := strings.Index(guide, "## Keyboard shortcuts\n")
	if head < 0 {
		t.Fatal("docs/guide.md has no \"## Keyboard shortcuts\" section")
	}
	start := head + strings.Index(guide[head:], "\n|") + 1
	end := start
	for end < len(guide) && guide[end] == '|' {
		end += strings.IndexByte(guide[end:], '\n') + 1
	}
	return guide[:start], guide[start:end], guide[end:]
}

// The guide's keyboard table is the program's own list of keys: every menu
// command with a key, the reader's shortcuts and keys. The end-to-end test
// presses each row; a key the guide lists but the program lacks (or the
// other way round) fails here first.
func TestGuideKeyboardTable(t *testing.T) {
	wb, _ := newTestWorkbench(t)
	raw, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	before, table, after := guideKeyTable(t, string(raw))
	want := wb.keyTable()
	if table == want {
		return
	}
	if *update {
		if err := os.WriteFile(guidePath, []byte(before+want+after), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("rewrote the keyboard table of docs/guide.md")
		return
	}
	t.Errorf("docs/guide.md's keyboard table differs from the program's keys; run go generate ./app ./app/guide.\nguide:\n%s\nprogram:\n%s", table, want)
}

// Every command with a key has a distinct key, and the table lists the
// shortcuts that the real driver must deliver (Undo as Ctrl+Z and so on).
func TestKeyRowsAreDistinct(t *testing.T) {
	wb, _ := newTestWorkbench(t)
	seen := map[string]string{}
	for _, r := range wb.keyRows() {
		for _, k := range strings.Split(r.keys, ", ") {
			if other, ok := seen[k]; ok {
				t.Errorf("%s is bound twice: %s and %s", k, other, r.action)
			}
			seen[k] = r.action
		}
	}
	for _, k := range []string{"Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "F1", "Ctrl+Q", "Ctrl+K", "Ctrl+F"} {
		if _, ok := seen[k]; !ok {
			t.Errorf("no row for %s", k)
		}
	}
}
