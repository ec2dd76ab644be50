package corpus

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestRegisterRefusesBadSchemas(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Schema
	}{
		{"empty owner", Schema{}},
		{"corpus's own name", Schema{Owner: corpusOwner}},
		{"the legacy key", Schema{Owner: legacyKey}},
		{"dot in the name", Schema{Owner: "a.b"}},
		{"twice", Schema{Owner: testOwner}},
		{"short legacy map", Schema{Owner: "x1", Migrations: []string{"SELECT 1"}, Legacy: []int{0, 1}}},
		{"legacy beyond the steps", Schema{Owner: "x2", Migrations: []string{"SELECT 1"}, Legacy: []int{0, 0, 0, 0, 0, 0, 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("Register did not panic")
				}
			}()
			Register(tc.s)
		})
	}
	if o := Owners(); len(o) != 2 || o[corpusOwner] != len(corpusSchema.Migrations) || o[testOwner] != 2 {
		t.Fatalf("owners after refusals: %v", o)
	}
}

// setMetaRaw changes a closed project file's meta table directly.
func setMetaRaw(t *testing.T, path, q string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
}

func TestNewerOwnerRefused(t *testing.T) {
	for _, tc := range []struct{ name, q, want string }{
		{"owner ahead", `UPDATE meta SET value = '3' WHERE key = 'schema.corpustest'`, "corpustest schema is version 3"},
		{"corpus ahead", `UPDATE meta SET value = '9' WHERE key = 'schema.corpus'`, "corpus schema is version 9"},
		{"unknown owner", `INSERT INTO meta(key, value) VALUES ('schema.ocr', '1')`, `"ocr"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := MustCreate(t)
			path := p.Path()
			p.Close()
			setMetaRaw(t, path, tc.q)
			before, _ := os.ReadFile(path)
			for _, ro := range []bool{false, true} {
				_, err := Open(path, Options{ReadOnly: ro})
				var oe *OpenError
				if !errors.Is(err, ErrNewerVersion) || !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("open (read-only %v) = %v, want a newer-version OpenError naming %s", ro, err, tc.want)
				}
			}
			if after, _ := os.ReadFile(path); string(before) != string(after) {
				t.Error("refused open modified the file")
			}
		})
	}
}

func TestOwnerAddedLater(t *testing.T) {
	// A file written before the test owner existed: its tables and version are missing.
	p := MustCreate(t)
	a := MustAddStudy(t, p, "A", "text")
	path := p.Path()
	p.Close()
	setMetaRaw(t, path, `DROP TABLE notes; DROP TABLE labels; DELETE FROM meta WHERE key = 'schema.corpustest'`)
	// Read-only, the file is read through an upgraded copy and left alone.
	before, _ := os.ReadFile(path)
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a file missing an owner's tables = %v", err)
	}
	if vs, _ := r.SchemaVersions(); vs[testOwner] != 2 || r.Path() != path {
		t.Fatalf("read-only copy: owner versions %v, path %s", vs, r.Path())
	}
	r.Close()
	if after, _ := os.ReadFile(path); string(before) != string(after) {
		t.Fatal("a read-only open changed the file")
	}
	q, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if vs, _ := q.SchemaVersions(); vs[testOwner] != 2 {
		t.Fatalf("owner versions %v", vs)
	}
	mustNote(t, q, "n1", a, "the owner's tables are back")
	if st, err := q.Stats(); err != nil || st.Counts["notes"] != 1 || st.Studies != 1 {
		t.Fatalf("stats %+v %v", st, err)
	}
}

func TestWideTablesAndStudiesOfUndo(t *testing.T) {
	p := MustCreate(t)
	ctx := context.Background()
	a := MustAddStudy(t, p, "A", "text")
	mustNote(t, p, "n1", a, "x")
	act, err := p.Undo(ctx)
	if err != nil || !slices.Equal(act.Studies, []string{a}) {
		t.Fatalf("undo of a note names %v (%v), want [%s]", act.Studies, err, a)
	}
	err = p.Do("Label", func(tx *Tx) error { return labelsTable.Insert(tx, labelRow{GUID: "l1", Name: "wide"}) })
	if err != nil {
		t.Fatal(err)
	}
	if act, err := p.Undo(ctx); err != nil || act.Studies != nil {
		t.Fatalf("undo of a wide-table change names %v (%v), want nil", act.Studies, err)
	}
}

func TestCheckRunsRegisteredChecks(t *testing.T) {
	p := MustCreate(t)
	a := MustAddStudy(t, p, "A", "text")
	mustNote(t, p, "n1", a, "x")
	if _, err := p.DB().Exec(`INSERT INTO notes(guid, study, created_at) VALUES ('n2', 'gone', 't'), ('n3', 'gone', 't')`); err != nil {
		t.Fatal(err)
	}
	if _, err := p.DB().Exec(`UPDATE studies SET source = 'lost' WHERE guid = ?`, a); err != nil {
		t.Fatal(err)
	}
	problems, err := p.Check(context.Background())
	want := []string{"1 studies without their source PDF", "2 notes on a missing study"}
	if err != nil || !slices.Equal(problems, want) {
		t.Fatalf("check = %q %v, want %q", problems, err, want)
	}
}

func TestTablesMatchTheSchema(t *testing.T) {
	p := MustCreate(t)
	decl := DeclaredTables()
	for _, name := range []string{"studies", "coders", "notes", "labels"} {
		cols, ok := decl[name]
		if !ok {
			t.Fatalf("table %s is not declared", name)
		}
		real, err := QueryStrings(p.DB(), `SELECT name FROM pragma_table_info(?)`, name)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(real)
		cols = slices.Sorted(slices.Values(cols))
		if !slices.Equal(cols, real) {
			t.Errorf("table %s declares %v, the file has %v", name, cols, real)
		}
	}
}

func TestTableColumnMistakes(t *testing.T) {
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), `"txet"`) {
				t.Errorf("a misspelt column: recover() = %v", r)
			}
		}()
		notesTable.Col("txet")
	}()
	p := MustCreate(t)
	a := MustAddStudy(t, p, "A", "text")
	mustNote(t, p, "n1", a, "x")
	err := p.Do("Wrong table", func(tx *Tx) error { return labelsTable.Update(tx, "n1", noteText.To("y")) })
	if err == nil || !strings.Contains(err.Error(), "notes's") {
		t.Fatalf("update with another table's column = %v", err)
	}
	type noKey struct {
		Name string `db:"name"`
	}
	defer func() {
		if recover() == nil {
			t.Error("a table without a guid column was declared")
		}
	}()
	NewTable[noKey]("nokey")
}
