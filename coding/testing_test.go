package coding

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
)

// testCoder is the coder MustProject sets.
var testCoder = corpus.Coder{GUID: "11111111-1111-1111-1111-111111111111", Name: "Ann"}

// MustProject makes a project in a temp dir with a fixed, ticking clock and
// testCoder as the current coder. It is closed when the test ends.
func MustProject(tb testing.TB) *corpus.Project {
	tb.Helper()
	p, err := corpus.Create(filepath.Join(tb.TempDir(), "p"+corpus.Extension), "Test review")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	if err := p.SetCoder(testCoder); err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustStudy adds a study titled name with the given text (pages split on
// "\f") and returns its GUID.
func MustStudy(tb testing.TB, p *corpus.Project, name, text string) string {
	tb.Helper()
	var guid string
	starts := []int{0}
	n := 0
	for _, r := range text {
		n++
		if r == '\f' {
			starts = append(starts, n)
		}
	}
	err := p.Do("Import "+name, func(tx *corpus.Tx) error {
		var err error
		guid, err = tx.AddStudy(corpus.NewStudy{FileName: name + ".pdf", PDF: []byte("%PDF-1.4 " + name), Text: text,
			PageStarts: starts, Attributes: corpus.Attributes{Title: name, Year: 2020}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return guid
}

// MustUndo undoes the last action or fails the test.
func MustUndo(tb testing.TB, p *corpus.Project) {
	tb.Helper()
	if _, err := p.Undo(tb.Context()); err != nil {
		tb.Fatal(err)
	}
}

// MustRedo redoes the last undone action or fails the test.
func MustRedo(tb testing.TB, p *corpus.Project) {
	tb.Helper()
	if _, err := p.Redo(tb.Context()); err != nil {
		tb.Fatal(err)
	}
}

// countRows counts the rows of a table matching an optional WHERE clause.
func countRows(tb testing.TB, p *corpus.Project, table, where string, args ...any) int {
	tb.Helper()
	q := `SELECT COUNT(*) FROM ` + table
	if where != "" {
		q += ` WHERE ` + where
	}
	var n int
	if err := p.DB().QueryRow(q, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}
