package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mustProjectWithNotes makes a closed project with two studies and n notes
// (spread over several pages of the notes table) and returns its path.
func mustProjectWithNotes(t *testing.T, n int) string {
	t.Helper()
	p := MustCreate(t)
	a := MustAddStudy(t, p, "A", strings.Repeat("alpha ", 200))
	b := MustAddStudy(t, p, "B", strings.Repeat("beta ", 200))
	err := p.Do("Notes", func(tx *Tx) error {
		for i := range n {
			study := a
			if i%2 == 1 {
				study = b
			}
			if err := notesTable.Insert(tx, noteRow{GUID: fmt.Sprintf("n%04d", i), Study: study,
				Text: strings.Repeat("note text ", 200), CreatedAt: tx.Stamp()}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// damagePage overwrites one page of a table or index (the middle one of
// its leaf pages, or its only page) with garbage, as a failing disk would,
// and returns the page number.
func damagePage(t *testing.T, path, object string) int {
	t.Helper()
	db, err := openDB(path, modeImmutable)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := QueryStrings(db, `SELECT pageno FROM dbstat WHERE name = ? AND pagetype IN ('leaf', 'internal') ORDER BY pagetype = 'leaf' DESC, pageno`, object)
	var size int
	db.QueryRow(`PRAGMA page_size`).Scan(&size)
	db.Close()
	if err != nil || len(pages) == 0 {
		t.Fatalf("pages of %s: %v %v", object, pages, err)
	}
	var page int
	fmt.Sscan(pages[len(pages)/2], &page)
	if len(pages) > 2 {
		fmt.Sscan(pages[1], &page) // a leaf that is neither first nor last
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xEE}, 64), int64(page-1)*int64(size)); err != nil {
		t.Fatal(err)
	}
	return page
}

// A damaged table page is found when the project is opened for writing,
// before anything is written: the open is refused naming the file and
// what to do, the file is left as it was, and the desktop program's way
// opens it read-only.
func TestDamagedProjectRefusedBeforeWriting(t *testing.T) {
	for _, object := range []string{"notes", "notes_study", "studies"} {
		t.Run(object, func(t *testing.T) {
			path := mustProjectWithNotes(t, 400)
			damagePage(t, path, object)
			before, _ := os.ReadFile(path)
			_, err := Open(path, Options{})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("open for writing = %v, want ErrCorrupt", err)
			}
			for _, want := range []string{path, "Recover", "wb recover"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q does not say %q", err, want)
				}
			}
			f, err := Open(path, Options{FallBackReadOnly: true})
			if err != nil {
				t.Fatalf("open with fallback: %v", err)
			}
			if !f.ReadOnly() || !errors.Is(f.ReadOnlyReason(), ErrCorrupt) {
				t.Errorf("fallback: read-only %v reason %v", f.ReadOnly(), f.ReadOnlyReason())
			}
			f.SetCoder(NewCoder("Bea"))
			if err := f.Do("Edit", func(tx *Tx) error { return nil }); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
				t.Errorf("change to the damaged project = %v", err)
			}
			f.Close()
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Errorf("the damaged file was changed")
			}
		})
	}
}

// Damage met during a session turns the project read-only: the action
// fails naming the file, and so does every later one.
func TestDamageDuringSessionTurnsReadOnly(t *testing.T) {
	path := mustProjectWithNotes(t, 400)
	p, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.SetCoder(NewCoder("Ann"))
	damagePage(t, path, "notes")
	p.DB().Exec(`PRAGMA shrink_memory`) // forget the pages read so far
	err = p.Do("Edit every note", func(tx *Tx) error {
		_, err := tx.ExecUnjournaled(`UPDATE notes SET text = text || '!'`)
		return err
	})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Fatalf("action on a file damaged meanwhile = %v", err)
	}
	if !p.ReadOnly() || !errors.Is(p.ReadOnlyReason(), ErrCorrupt) {
		t.Fatalf("after damage: read-only %v, reason %v", p.ReadOnly(), p.ReadOnlyReason())
	}
	if err := p.Do("Anything", func(tx *Tx) error { return nil }); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
		t.Errorf("later change = %v", err)
	}
	// A read error seen by the layers above does the same.
	q := MustCreate(t)
	if q.NoteDamage(errors.New("some other failure")) || q.ReadOnly() {
		t.Fatal("an ordinary error turned the project read-only")
	}
	if !q.NoteDamage(fmt.Errorf("load text: %w", errors.New("database disk image is malformed (11)"))) || !q.ReadOnly() {
		t.Fatal("a malformed-file error did not turn the project read-only")
	}
}

// Check names the file when it meets damage, and lists what it found.
func TestCheckOfDamagedFileNamesIt(t *testing.T) {
	path := mustProjectWithNotes(t, 400)
	damagePage(t, path, "notes")
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	problems, err := r.Check(context.Background())
	if len(problems) == 0 {
		t.Fatalf("no problems found (%v)", err)
	}
	if err != nil && !strings.Contains(err.Error(), path) {
		t.Errorf("check error %q does not name the file", err)
	}
}

// Recover saves every readable row of a damaged file into a new, sound
// file and says what was lost; rows pointing at lost rows are mended.
func TestRecoverSavesWhatCanBeRead(t *testing.T) {
	path := mustProjectWithNotes(t, 400)
	damagePage(t, path, "notes")
	before, _ := os.ReadFile(path)
	out := filepath.Join(t.TempDir(), "recovered.ewb")
	rep, err := Recover(context.Background(), path, out, nil)
	if err != nil {
		t.Fatalf("recover: %v", err)
	}
	var notes TableRecovery
	for _, tr := range rep.Tables {
		switch tr.Table {
		case "notes":
			notes = tr
		case "studies", "sources", "meta", "coders":
			if tr.Lost != 0 || tr.Unreadable != 0 {
				t.Errorf("%s: %+v", tr.Table, tr)
			}
		}
	}
	if notes.Saved == 0 || notes.Saved >= 400 || notes.Lost != 400-notes.Saved || notes.Unreadable == 0 {
		t.Fatalf("notes: %+v", notes)
	}
	t.Logf("report:\n%s", rep)
	if rep.Complete() || !strings.Contains(rep.String(), "lost") {
		t.Errorf("report:\n%s", rep)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("recover changed the damaged file")
	}
	p, err := Open(out, Options{})
	if err != nil {
		t.Fatalf("open the recovered file: %v", err)
	}
	defer p.Close()
	if problems, err := p.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("recovered file: %v %v", problems, err)
	}
	st, _ := p.Stats()
	if st.Studies != 2 || st.Counts["notes"] != notes.Saved {
		t.Errorf("recovered stats %+v", st)
	}
	orig, _ := openDB(path, modeImmutable)
	var guid string
	orig.QueryRow(`SELECT value FROM meta WHERE key = 'guid'`).Scan(&guid)
	orig.Close()
	if p.GUID() == guid || p.GUID() == "" {
		t.Errorf("the recovered file keeps the identity %q", guid)
	}
	p.SetCoder(NewCoder("Ann"))
	MustAddStudy(t, p, "C", "after recovery")

	// A lost study takes the notes on it (mended), the rest stays.
	path2 := mustProjectWithNotes(t, 40)
	damagePage(t, path2, "studies")
	out2 := filepath.Join(t.TempDir(), "recovered2.ewb")
	rep2, err := Recover(context.Background(), path2, out2, nil)
	if err != nil {
		t.Fatalf("recover 2: %v", err)
	}
	t.Logf("report:\n%s", rep2)
	if len(rep2.Mended) == 0 || !strings.Contains(strings.Join(rep2.Mended, ";"), "notes on a missing study") {
		t.Errorf("mended %v\n%s", rep2.Mended, rep2)
	}
	q, err := Open(out2, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if problems, err := q.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("recovered file 2: %v %v", problems, err)
	}
	if _, err := Recover(context.Background(), path2, out2, nil); !errors.Is(err, ErrExists) {
		t.Errorf("recover over an existing file = %v", err)
	}
}
