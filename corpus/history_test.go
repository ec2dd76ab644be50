package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestUndoRedoSurvivesRestart(t *testing.T) {
	p := MustCreate(t)
	ctx := context.Background()
	a := MustAddStudy(t, p, "A study", "text")
	err := p.Do("Edit attributes", func(tx *Tx) error {
		return tx.SetAttributes(a, Attributes{Title: "Renamed", Year: 2019, Countries: []string{"Thailand"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.CanUndo() != "Edit attributes" || p.CanRedo() != "" {
		t.Fatalf("can undo %q redo %q", p.CanUndo(), p.CanRedo())
	}
	path := p.Path()
	p.Close()

	q, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	act, err := q.Undo(ctx)
	if err != nil || act.Label != "Edit attributes" || len(act.Studies) != 1 || act.Studies[0] != a {
		t.Fatalf("undo = %+v %v", act, err)
	}
	s, _ := q.Study(a)
	if s.Title != "A study" || s.Year != 2020 || len(s.Countries) != 0 {
		t.Fatalf("after undo: %+v", s.Attributes)
	}
	if _, err := q.Undo(ctx); err != nil { // the import
		t.Fatal(err)
	}
	if _, err := q.Study(a); !errors.Is(err, ErrNotFound) {
		t.Fatalf("study after undoing import: %v", err)
	}
	if _, err := q.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo on empty history: %v", err)
	}
	if _, err := q.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	s, _ = q.Study(a)
	if s.Title != "Renamed" || s.Countries[0] != "Thailand" {
		t.Fatalf("after redo: %+v", s.Attributes)
	}
	if _, err := q.Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo at end: %v", err)
	}
	// A new action after an undo drops the redo branch.
	q.Undo(ctx)
	if err := q.Do("Status", func(tx *Tx) error { return tx.SetStatus(a, StatusIncluded, "") }); err != nil {
		t.Fatal(err)
	}
	if q.CanRedo() != "" {
		t.Fatalf("redo branch kept: %q", q.CanRedo())
	}
	if g := q.Generation(); g < 6 {
		t.Errorf("generation %d did not count every change", g)
	}
}

func TestDeleteStudyUndo(t *testing.T) {
	p := MustCreate(t)
	a := MustAddStudy(t, p, "A", "some text here")
	b := MustAddStudy(t, p, "B", "other text")
	mustNote(t, p, "n1", a, "some")
	mustNote(t, p, "n2", a, "more")
	mustNote(t, p, "n3", b, "kept")
	if err := p.Do("Delete study", func(tx *Tx) error { return tx.DeleteStudy(a) }); err != nil {
		t.Fatal(err)
	}
	if st, _ := p.Stats(); st.Studies != 1 || st.Counts["notes"] != 1 {
		t.Fatalf("after delete %+v", st)
	}
	act, err := p.Undo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(act.Studies) != 1 || act.Studies[0] != a {
		t.Errorf("undo of the delete names studies %v, want [%s]", act.Studies, a)
	}
	if st, _ := p.Stats(); st.Studies != 2 || st.Counts["notes"] != 3 {
		t.Fatalf("after undo %+v", st)
	}
	var text string
	if err := p.DB().QueryRow(`SELECT text FROM notes WHERE guid = 'n2' AND study = ?`, a).Scan(&text); err != nil || text != "more" {
		t.Fatalf("note after undo: %q %v", text, err)
	}
	if problems, err := p.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("check after undo: %v %v", problems, err)
	}
}

func TestDuplicatePDFRefused(t *testing.T) {
	p := MustCreate(t)
	MustAddStudy(t, p, "A", "x")
	err := p.Do("Import again", func(tx *Tx) error {
		_, err := tx.AddStudy(NewStudy{FileName: "A", PDF: []byte("%PDF-1.4 A"), Text: "x"})
		return err
	})
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("duplicate: %v", err)
	}
}

// TestCrashKeepsAcknowledgedActions runs a writer process that prints the
// number of each action after Do returns, kills it with SIGKILL mid-stream,
// and checks that every acknowledged action is in the file and the file is sound.
func TestCrashKeepsAcknowledgedActions(t *testing.T) {
	if os.Getenv("EWB_CRASH_WRITER") != "" {
		crashWriter(os.Getenv("EWB_CRASH_WRITER"))
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "crash.ewb")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKeepsAcknowledgedActions$")
	cmd.Env = append(os.Environ(), "EWB_CRASH_WRITER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if n, err := strconv.Atoi(strings.TrimPrefix(line, "ack ")); err == nil && strings.HasPrefix(line, "ack ") {
			acked = n
			if acked >= 150 {
				cmd.Process.Kill() // SIGKILL mid-stream
				break
			}
		}
	}
	cmd.Wait()
	if acked < 150 {
		t.Fatalf("writer acknowledged only %d actions", acked)
	}
	p, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer p.Close()
	var n int
	p.DB().QueryRow(`SELECT COUNT(*) FROM notes`).Scan(&n)
	if n < acked+1 {
		t.Fatalf("%d notes in file, %d acknowledged", n, acked+1)
	}
	for i := 0; i <= acked; i++ {
		var c int
		p.DB().QueryRow(`SELECT COUNT(*) FROM notes WHERE guid = ?`, fmt.Sprintf("c%06d", i)).Scan(&c)
		if c != 1 {
			t.Fatalf("acknowledged note %d missing", i)
		}
	}
	var hist int
	p.DB().QueryRow(`SELECT COUNT(*) FROM history`).Scan(&hist)
	if hist < acked+2 {
		t.Fatalf("history has %d entries for %d actions", hist, acked+2)
	}
	var ic string
	p.DB().QueryRow(`PRAGMA integrity_check`).Scan(&ic)
	if ic != "ok" {
		t.Fatalf("integrity_check: %s", ic)
	}
}

func crashWriter(path string) {
	p, err := Create(path, "crash")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	p.SetCoder(NewCoder("Writer"))
	var study string
	p.Do("Import", func(tx *Tx) error {
		study, err = tx.AddStudy(NewStudy{FileName: "a.pdf", PDF: []byte("%PDF a"), Text: strings.Repeat("word ", 1000)})
		return err
	})
	for i := 0; ; i++ {
		err := p.Do("Note", func(tx *Tx) error {
			return notesTable.Insert(tx, noteRow{GUID: fmt.Sprintf("c%06d", i), Study: study, Text: "word ",
				CreatedAt: time.Now().UTC().Format(time.RFC3339Nano)})
		})
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Printf("ack %d\n", i)
	}
}
