package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCreateOpenStats(t *testing.T) {
	p := MustCreate(t)
	MustAddStudy(t, p, "Debt bondage in Thai fishing", "Page one text.\fPage two text.")
	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	q, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	st, err := q.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Studies != 1 || st.Pages != 2 || st.Coders != 1 || st.SchemaVersion != SchemaVersion || st.Name != "Test review" {
		t.Fatalf("stats = %+v", st)
	}
	if _, err := Create(path, "again"); !errors.Is(err, ErrExists) {
		t.Fatalf("create over existing: %v", err)
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := MustCreate(t)
	MustAddStudy(t, good, "A", "text")
	goodPath := good.Path()
	good.Close()
	goodBytes, err := os.ReadFile(goodPath)
	if err != nil {
		t.Fatal(err)
	}

	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	newer := append([]byte(nil), goodBytes...)
	newer[63] = 99 // user_version low byte
	foreign := append([]byte(nil), goodBytes...)
	copy(foreign[68:72], []byte{0, 0, 0, 0})

	cases := []struct {
		name string
		path string
		want error
	}{
		{"text file", write("notes.ewb", []byte("hello, this is not a database at all, sorry, just text words words words words words words words words words words words words")), ErrNotProject},
		{"empty", write("empty.ewb", nil), ErrNotProject},
		{"foreign sqlite", write("foreign.ewb", foreign), ErrNotProject},
		{"newer", write("newer.ewb", newer), ErrNewerVersion},
		{"truncated", write("trunc.ewb", goodBytes[:len(goodBytes)-1000]), ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.path)
			_, err := Open(c.path, Options{})
			if !errors.Is(err, c.want) {
				t.Fatalf("Open = %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.path) {
				t.Errorf("message %q does not name the file", err)
			}
			after, _ := os.ReadFile(c.path)
			if string(before) != string(after) {
				t.Errorf("failed open modified the file")
			}
			if _, err := os.Stat(c.path + "-wal"); err == nil {
				t.Errorf("failed open left a WAL file")
			}
		})
	}
}

// legacyFile writes a file as a program from before schemas had owners
// would have at combined version v, with corpus's steps only (corpus's
// tests register no coding tables), and one study row.
func legacyFile(t *testing.T, v int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.ewb")
	db, err := openDB(path, modeCreate)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, m := range corpusSchema.Migrations[:corpusSchema.Legacy[v]] {
		if _, err := db.Exec(m); err != nil {
			t.Fatalf("build version %d: %v", v, err)
		}
	}
	stmts := []string{
		`INSERT INTO meta(key, value) VALUES ('guid', 'g'), ('name', 'old'), ('created', 't'), ('generation', '0')`,
		`INSERT INTO sources(guid, sha256, file_name, size, data, added_at) VALUES ('src','abc','a.pdf',1,x'00','t')`,
		`INSERT INTO studies(guid, source, title, text, added_at) VALUES ('s1','src','Old study','old text','t')`,
		fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, ApplicationID, v),
		`PRAGMA wal_checkpoint(TRUNCATE)`,
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestMigrationsFromEveryVersion(t *testing.T) {
	for from := 1; from <= LegacyVersion; from++ {
		path := legacyFile(t, from)
		// Read-only it is read through an upgraded copy, the file untouched.
		before, _ := os.ReadFile(path)
		if r, err := Open(path, Options{ReadOnly: true}); err != nil {
			t.Errorf("from %d: read-only open of a file to upgrade = %v", from, err)
		} else {
			if s, err := r.Study("s1"); err != nil || s.Title != "Old study" {
				t.Errorf("from %d: study read through the copy = %+v, %v", from, s, err)
			}
			r.Close()
		}
		if after, _ := os.ReadFile(path); string(before) != string(after) {
			t.Errorf("from %d: a read-only open changed the file", from)
		}
		q, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("open version %d: %v", from, err)
		}
		if v := q.SchemaVersionOf(); v != SchemaVersion {
			t.Errorf("from %d: version after open = %d", from, v)
		}
		vs, err := q.SchemaVersions()
		if err != nil || vs[corpusOwner] != len(corpusSchema.Migrations) || vs[testOwner] != 2 || len(vs) != 2 {
			t.Errorf("from %d: owner versions %v %v", from, vs, err)
		}
		var legacy string
		q.DB().QueryRow(`SELECT value FROM meta WHERE key = 'schema.legacy'`).Scan(&legacy)
		if legacy != fmt.Sprint(from) {
			t.Errorf("from %d: recorded legacy version %q", from, legacy)
		}
		s, err := q.Study("s1")
		if err != nil || s.Title != "Old study" || s.Status != StatusToScreen {
			t.Errorf("from %d: study after upgrade = %+v, %v", from, s, err)
		}
		if problems, err := q.Check(context.Background()); err != nil || len(problems) > 0 {
			t.Errorf("from %d: check = %v, %v", from, problems, err)
		}
		q.Close()
	}
}

func TestReadOnlyOpen(t *testing.T) {
	p := MustCreate(t)
	MustAddStudy(t, p, "A", "text")
	path := p.Path()
	p.Close()
	q, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if st, _ := q.Stats(); st.Studies != 1 {
		t.Fatalf("read-only stats %+v", st)
	}
	if err := q.Do("x", func(tx *Tx) error { return nil }); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write on read-only: %v", err)
	}
}

func TestResolveStudyAndText(t *testing.T) {
	p := MustCreate(t)
	a := MustAddStudy(t, p, "Debt bondage in fishing", "ab\fcdé\fΣx")
	MustAddStudy(t, p, "Debt relief", "z")
	if _, err := p.ResolveStudy("debt"); err == nil || !strings.Contains(err.Error(), "matches 2") {
		t.Fatalf("ambiguous prefix: %v", err)
	}
	s, err := p.ResolveStudy("debt b")
	if err != nil || s.GUID != a {
		t.Fatalf("resolve = %v %v", s.GUID, err)
	}
	txt, err := p.Text(a)
	if err != nil {
		t.Fatal(err)
	}
	if got := txt.PageStarts; len(got) != 3 || got[1] != 3 || got[2] != 7 {
		t.Fatalf("page starts %v", got)
	}
	for off, page := range map[int]int{0: 1, 2: 1, 3: 2, 6: 2, 7: 3, 8: 3} {
		if got := txt.PageAt(off); got != page {
			t.Errorf("PageAt(%d) = %d, want %d", off, got, page)
		}
	}
	if got := txt.Slice(3, 6); got != "cdé" {
		t.Errorf("slice = %q", got)
	}
}
