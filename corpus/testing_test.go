package corpus

import (
	"path/filepath"
	"testing"
	"time"
)

// MustCreate makes a project in a temp dir with a fixed clock and a coder.
func MustCreate(tb testing.TB) *Project {
	tb.Helper()
	p, err := Create(filepath.Join(tb.TempDir(), "p"+Extension), "Test review")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	if err := p.SetCoder(Coder{GUID: "11111111-1111-1111-1111-111111111111", Name: "Ann"}); err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustAddStudy adds a study with the given text (pages split on "\f").
func MustAddStudy(tb testing.TB, p *Project, name, text string) string {
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
	err := p.Do("Import "+name, func(tx *Tx) error {
		var err error
		guid, err = tx.AddStudy(NewStudy{FileName: name, PDF: []byte("%PDF-1.4 " + name), Text: text, PageStarts: starts,
			Attributes: Attributes{Title: name, Year: 2020}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return guid
}

// The test schema: an owner with one table of notes on studies, so corpus's
// tests exercise registration, checks, cascades, counts and wide tables
// without the coding package.
const (
	testOwner = "corpustest"
	notesSQL  = `CREATE TABLE notes (guid TEXT PRIMARY KEY, study TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);
	CREATE INDEX notes_study ON notes(study);`
	labelsSQL = `CREATE TABLE labels (guid TEXT PRIMARY KEY, name TEXT NOT NULL)`
)

type noteRow struct {
	GUID      string `db:"guid"`
	Study     string `db:"study"`
	Text      string `db:"text"`
	CreatedAt string `db:"created_at"`
}

type labelRow struct {
	GUID string `db:"guid"`
	Name string `db:"name"`
}

var (
	notesTable  = NewTable[noteRow]("notes")
	labelsTable = NewTable[labelRow]("labels")
	noteText    = notesTable.Col("text")
)

func init() {
	Register(Schema{
		Owner:      testOwner,
		Migrations: []string{notesSQL, labelsSQL},
		Checks: []Check{{What: "notes on a missing study",
			Query: `SELECT COUNT(*) FROM notes n LEFT JOIN studies s ON s.guid = n.study WHERE s.guid IS NULL`,
			Fix:   `DELETE FROM notes WHERE study NOT IN (SELECT guid FROM studies)`}},
		Cascades:   []Cascade{{"notes", `SELECT guid FROM notes WHERE study = ?`}},
		WideTables: []string{"labels"},
		Counts:     []Count{{"notes", `SELECT COUNT(*) FROM notes`}},
	})
}

// mustNote adds a note on a study as one action.
func mustNote(tb testing.TB, p *Project, guid, study, text string) {
	tb.Helper()
	err := p.Do("Note", func(tx *Tx) error {
		return notesTable.Insert(tx, noteRow{GUID: guid, Study: study, Text: text, CreatedAt: tx.Stamp()})
	})
	if err != nil {
		tb.Fatal(err)
	}
}
