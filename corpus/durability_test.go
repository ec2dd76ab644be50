//go:build linux

package corpus

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writerProcess starts this test binary as a writer process running the
// named test with env set, and returns it with the numbers it acknowledged
// so far (updated as its "ack N" lines arrive) and its other lines.
type writerProcess struct {
	cmd   *exec.Cmd
	acked chan int
	lines []string
	done  chan struct{}
}

func startWriter(t *testing.T, test string, env ...string) *writerProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &writerProcess{cmd: cmd, acked: make(chan int, 1<<16), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if n, err := strconv.Atoi(strings.TrimPrefix(line, "ack ")); err == nil && strings.HasPrefix(line, "ack ") {
				w.acked <- n
				continue
			}
			w.lines = append(w.lines, line)
		}
		io.Copy(io.Discard, out)
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return w
}

// waitAck waits until the writer acknowledged action n.
func (w *writerProcess) waitAck(t *testing.T, n int) int {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case a := <-w.acked:
			if a >= n {
				return a
			}
		case <-w.done:
			t.Fatalf("the writer stopped: %v", w.lines)
		case <-timeout:
			t.Fatal("the writer is too slow")
		}
	}
}

// noteWriter opens (or creates) the project at path and adds notes, one
// action each, printing "ack N" after each is saved, until an action fails
// or max is reached; then it closes the project and prints what Close said.
func noteWriter(path string, max int, text string) {
	p, err := Open(path, Options{})
	if os.IsNotExist(err) || (err != nil && strings.Contains(err.Error(), "no such file")) {
		p, err = Create(path, "writer")
	}
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	p.SetCoder(NewCoder("Writer"))
	var study string
	err = p.Do("Import", func(tx *Tx) error {
		study, err = tx.AddStudy(NewStudy{FileName: "w.pdf", PDF: []byte("%PDF w " + path), Text: "words"})
		return err
	})
	if err != nil {
		fmt.Println("import:", err)
		os.Exit(1)
	}
	for i := 0; i < max; i++ {
		err := p.Do("Note", func(tx *Tx) error {
			return notesTable.Insert(tx, noteRow{GUID: fmt.Sprintf("w%06d", i), Study: study, Text: text, CreatedAt: tx.Stamp()})
		})
		if err != nil {
			fmt.Println("action:", err)
			break
		}
		fmt.Printf("ack %d\n", i)
	}
	fmt.Println("close:", p.Close())
}

// countNotes counts the writer's notes in a project file and checks it.
func countNotes(t *testing.T, path string) int {
	t.Helper()
	p, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	defer p.Close()
	if problems, err := p.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("%s: %v %v", filepath.Base(path), problems, err)
	}
	var n int
	p.DB().QueryRow(`SELECT COUNT(*) FROM notes WHERE guid LIKE 'w%'`).Scan(&n)
	return n
}

// copyAlone copies the project file without anything beside it.
func copyAlone(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "alone.ewb")
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// A backup made while another process writes is one consistent file: it
// opens and checks clean, with at least the actions acknowledged before it
// started.
func TestBackupWhileAnotherProcessWrites(t *testing.T) {
	if path := os.Getenv("EWB_BACKUP_WRITER"); path != "" {
		noteWriter(path, 1<<30, strings.Repeat("text ", 100))
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "busy.ewb")
	w := startWriter(t, "TestBackupWhileAnotherProcessWrites", "EWB_BACKUP_WRITER="+path)
	w.waitAck(t, 20)
	for i := range 5 {
		before := w.waitAck(t, 0) + 1 // at least this many notes are saved
		r, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("open beside the writer: %v", err)
		}
		out := filepath.Join(t.TempDir(), fmt.Sprintf("backup%d.ewb", i))
		if err := r.Backup(context.Background(), out); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		r.Close()
		if side := sideFiles(t, out); len(side) > 0 {
			t.Errorf("beside the backup: %v", side)
		}
		if n := countNotes(t, out); n < before {
			t.Fatalf("backup %d has %d notes, %d were acknowledged before it", i, n, before)
		}
	}
	// The writer's own connection makes the same copy (File > Save a copy).
	w.cmd.Process.Kill()
	w.cmd.Wait()
	p, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	out := filepath.Join(t.TempDir(), "copy.ewb")
	if err := p.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	if err := p.Backup(context.Background(), out); err == nil {
		t.Error("a backup over an existing file succeeded")
	}
	c, err := Open(out, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.GUID() == p.GUID() {
		t.Error("the saved copy keeps the project's identity")
	}
}

// After the disk fills up (here: a file size limit on the writer process)
// no acknowledged action is lost, and the project file copied alone after
// the writer closed still opens: the main file keeps its last whole state
// while the newer changes wait, safe, in the log beside it; opened again
// with room, the file is whole with everything.
func TestDiskFullLosesNothingAndFileStaysWhole(t *testing.T) {
	if path := os.Getenv("EWB_DISKFULL_WRITER"); path != "" {
		st, err := os.Stat(path)
		if err != nil {
			fmt.Println("stat:", err)
			os.Exit(1)
		}
		// The main file may hardly grow; the log, a new file, can grow to
		// about the main file's size before it reaches the limit too.
		limit := uint64(st.Size()) + 256<<10
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			fmt.Println("setrlimit:", err)
			os.Exit(1)
		}
		noteWriter(path, 1<<30, strings.Repeat("a longer note ", 300))
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := mustProjectWithNotes(t, 500) // about 2 MB
	w := startWriter(t, "TestDiskFullLosesNothingAndFileStaysWhole", "EWB_DISKFULL_WRITER="+path)
	<-w.done // the writer closed its output: it is done
	acked := -1
	for len(w.acked) > 0 {
		acked = <-w.acked
	}
	w.cmd.Wait()
	t.Logf("writer: %d actions acknowledged; %v", acked+1, w.lines)
	if acked < 5 || !strings.Contains(strings.Join(w.lines, "\n"), "action:") {
		t.Fatalf("the writer did not run into its limit: %v", w.lines)
	}
	if !strings.Contains(strings.Join(w.lines, "\n"), "disk is full") {
		t.Errorf("close did not say the changes wait in the log: %v", w.lines)
	}
	// The file alone opens and is sound (its last whole state).
	alone := copyAlone(t, path)
	countNotes(t, alone)
	// Nothing acknowledged is lost.
	if n := countNotes(t, path); n != acked+1 {
		t.Fatalf("%d notes in the project, %d acknowledged", n, acked+1)
	}
	// With room again, opening and closing makes the file whole with everything.
	p, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if n := countNotes(t, copyAlone(t, path)); n != acked+1 {
		t.Fatalf("the file alone has %d notes after reopening, %d acknowledged", n, acked+1)
	}
}
