package schema_test

import (
	"bytes"
	"database/sql"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// oldOp is the undo record of the program before schemas had owners
// (corpus's op), gob-encoded in history.ops.
type oldOp struct {
	Table  string
	Key    string
	Before map[string]any
	After  map[string]any
}

// legacyFile writes a project as the program before schemas had owners did
// at combined version v: its schema steps, one row in every table the
// version had, and (at version 6) one undoable action, the coding c2.
func legacyFile(t *testing.T, v int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.ewb", v))
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("version %d: %v\n%s", v, err, q)
		}
	}
	for _, m := range schema.LegacyMigrations[:v] {
		exec(m)
	}
	exec(`INSERT INTO meta(key, value) VALUES ('guid', 'old-guid'), ('name', 'Old review'), ('created', 't'), ('generation', '3')`)
	exec(`INSERT INTO coders(guid, name, created_at) VALUES ('u1', 'Ann', 't')`)
	exec(`INSERT INTO sources(guid, sha256, file_name, size, data, added_at) VALUES ('src', 'abc', 'a.pdf', 1, x'00', 't')`)
	exec(`INSERT INTO studies(guid, source, title, text, pages, text_len, added_at, added_by) VALUES ('s1', 'src', 'Old study', 'Debt bondage in fishing.', 1, 24, 't', 'u1')`)
	if v >= 2 {
		exec(`INSERT INTO codes(guid, name, kind) VALUES ('k1', 'Debt', 'rigor')`)
		exec(`INSERT INTO codings(guid, study, code, start, "end", quote, coder, created_at) VALUES ('c1', 's1', 'k1', 0, 4, 'Debt', 'u1', 't')`)
	}
	if v >= 3 {
		exec(`INSERT INTO exclusion_reasons(guid, name) VALUES ('r1', 'Wrong country')`)
		exec(`INSERT INTO appraisals(guid, study, coder, created_at, updated_at) VALUES ('a1', 's1', 'u1', 't', 't')`)
		exec(`INSERT INTO judgements(guid, appraisal, criterion, judgement) VALUES ('j1', 'a1', 'k1', 'met')`)
		exec(`INSERT INTO memos(guid, target_kind, target, coder, text, created_at, updated_at) VALUES ('m1', 'study', 's1', 'u1', 'Why', 't', 't')`)
	}
	if v >= 4 {
		exec(`INSERT INTO reconcile(guid, item, decision, decided_by, decided_at) VALUES ('d1', 's1|k1|0|4', 'kept', 'u1', 't')`)
	}
	if v >= 6 {
		row := map[string]any{"guid": "c2", "study": "s1", "code": "k1", "start": int64(5), "end": int64(12),
			"quote": "bondage", "coder": "u1", "created_at": "t2", "memo": ""}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode([]oldOp{{Table: "codings", Key: "c2", After: row}}); err != nil {
			t.Fatal(err)
		}
		exec(`INSERT INTO codings(guid, study, code, start, "end", quote, coder, created_at, memo) VALUES ('c2', 's1', 'k1', 5, 12, 'bondage', 'u1', 't2', '')`)
		exec(`INSERT INTO history(label, coder, at, ops) VALUES ('Code passage', 'u1', 't2', ?)`, buf.Bytes())
	}
	exec(fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, corpus.ApplicationID, v))
	return path
}

// schemaOf lists a file's tables and indexes with their SQL (not their
// pages), sorted.
func schemaOf(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := corpus.QueryStrings(db, `SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || COALESCE(sql, '')
		FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(rows, "\n")
}

// count counts a table's rows.
func count(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLegacyFilesOpenAsFreshOnes(t *testing.T) {
	fresh := schemaOf(t, testkit.Project(t).DB())
	for v := 1; v <= corpus.LegacyVersion; v++ {
		t.Run(fmt.Sprintf("version %d", v), func(t *testing.T) {
			path := legacyFile(t, v)
			before, _ := os.ReadFile(path)
			// Read-only, an old file is read through an upgraded copy:
			// the reader sees the current schema, the file is untouched,
			// no change is possible and the copy is gone after Close.
			q, err := corpus.Open(path, corpus.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("read-only open of an old file: %v", err)
			}
			if got := schemaOf(t, q.DB()); got != fresh {
				t.Errorf("schema read through the upgraded copy:\n%s\n\nfresh file:\n%s", got, fresh)
			}
			if q.Path() != path || count(t, q.DB(), "studies") != 1 {
				t.Errorf("read-only copy: path %s, %d studies", q.Path(), count(t, q.DB(), "studies"))
			}
			if err := q.Do("change", func(*corpus.Tx) error { return nil }); !errors.Is(err, corpus.ErrReadOnly) {
				t.Errorf("a change through the read-only copy = %v", err)
			}
			q.Close()
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("read-only open changed the file")
			}
			if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "ewb-read-*", filepath.Base(path))); len(left) > 0 {
				t.Errorf("upgraded copies left behind: %v", left)
			}

			p, err := corpus.Open(path, corpus.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if got := schemaOf(t, p.DB()); got != fresh {
				t.Fatalf("schema after upgrade:\n%s\n\nfresh file:\n%s", got, fresh)
			}
			if p.SchemaVersionOf() != corpus.SchemaVersion {
				t.Errorf("layout version %d", p.SchemaVersionOf())
			}
			vs, err := p.SchemaVersions()
			if err != nil || len(vs) != 2 || vs["corpus"] != corpus.Owners()["corpus"] || vs["coding"] != len(schema.Schema.Migrations) {
				t.Errorf("owner versions %v %v", vs, err)
			}
			if p.GUID() != "old-guid" || p.Name() != "Old review" || p.Generation() != 3 {
				t.Errorf("identity %s %q %d", p.GUID(), p.Name(), p.Generation())
			}
			want := map[string]int{"studies": 1, "coders": 1, "sources": 1}
			if v >= 2 {
				want["codes"], want["codings"] = 1, 1
			}
			if v >= 3 {
				want["exclusion_reasons"], want["appraisals"], want["judgements"], want["memos"] = 1, 1, 1, 1
			}
			if v >= 4 {
				want["reconcile"] = 1
			}
			if v >= 6 {
				want["codings"] = 2
			}
			for _, table := range []string{"studies", "coders", "sources", "codes", "codings", "exclusion_reasons", "appraisals", "judgements", "memos", "reconcile"} {
				if n := count(t, p.DB(), table); n != want[table] {
					t.Errorf("%s: %d rows, want %d", table, n, want[table])
				}
			}
			s, err := p.Study("s1")
			if err != nil || s.Title != "Old study" || s.Status != corpus.StatusToScreen {
				t.Errorf("study after upgrade = %+v, %v", s, err)
			}
			if problems, err := p.Check(t.Context()); err != nil || len(problems) != 0 {
				t.Errorf("check = %v %v", problems, err)
			}
			if v < corpus.LegacyVersion {
				return
			}
			// The old program's undo record still replays.
			act, err := p.Undo(t.Context())
			if err != nil || act.Label != "Code passage" || len(act.Studies) != 1 || act.Studies[0] != "s1" {
				t.Fatalf("undo of the old action = %+v %v", act, err)
			}
			if n := count(t, p.DB(), "codings"); n != 1 {
				t.Fatalf("%d codings after undo", n)
			}
			if _, err := p.Redo(t.Context()); err != nil || count(t, p.DB(), "codings") != 2 {
				t.Fatalf("redo of the old action: %v", err)
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	if v := corpus.Owners()["coding"]; v != len(schema.Schema.Migrations) {
		t.Fatalf("coding registered at version %d", v)
	}
	p := testkit.Project(t)
	vs, err := p.SchemaVersions()
	if err != nil || vs["coding"] != len(schema.Schema.Migrations) || vs["corpus"] != corpus.Owners()["corpus"] {
		t.Fatalf("a new file's owner versions %v %v", vs, err)
	}
}
