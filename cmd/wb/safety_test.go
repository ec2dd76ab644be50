package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/corpus"
)

// TestMain lets a test run this binary as the wb program (for the tests
// that need a second, real process): with WB_TEST_AS_WB=1 it runs main.
func TestMain(m *testing.M) {
	if os.Getenv("WB_TEST_AS_WB") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// wbProcess returns a command running wb with args in another process.
func wbProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "WB_TEST_AS_WB=1")
	return cmd
}

// runProcess runs wb in another process and returns status, stdout, stderr.
func runProcess(t *testing.T, cmd *exec.Cmd) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errOut.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}

// demoAlone writes the demo project alone in a temp folder, with the search
// index's cache elsewhere.
func demoAlone(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	return demoProject(t)
}

// besideFiles lists what lies beside a project file in its folder.
func besideFiles(t *testing.T, path string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.Name() != filepath.Base(path) {
			out = append(out, e.Name())
		}
	}
	return out
}

// firstStudy returns the GUID and title of the demo's first study.
func firstStudy(t *testing.T, path string) (string, string) {
	t.Helper()
	p, err := corpus.Open(path, corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ss, err := p.Studies()
	if err != nil || len(ss) == 0 {
		t.Fatal(ss, err)
	}
	return ss[0].GUID, ss[0].Title
}

// While a program edits a project, another process reads it (wb info,
// search, brief); a second writer is refused with a message naming who
// edits it, from where and since when (a JSON object with --json).
func TestReadersBesideAWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := demoAlone(t)
	study, _ := firstStudy(t, path)
	w, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetCoder(corpus.CoderNamed("Lena Lead"))
	mustNoteAction(t, w, study)

	for _, args := range [][]string{{"info", path, "--json"}, {"search", path, "debt"}, {"brief", path, "--json"}, {"history", path}} {
		code, out, errOut := runProcess(t, wbProcess(args...))
		if code != 0 {
			t.Fatalf("wb %v beside a writer: %d\n%s%s", args, code, out, errOut)
		}
		if args[0] == "history" && !strings.Contains(out, "Lena Lead") {
			t.Errorf("the reader does not see the writer's action:\n%s", out)
		}
	}
	host, _ := os.Hostname()
	code, _, errOut := runProcess(t, wbProcess("status", path, "--study", study, "--set", "included", "--coder", "Bea"))
	if code == 0 {
		t.Fatal("a second writer was let in")
	}
	for _, want := range []string{path, "Lena Lead", host, "since"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal %q does not say %q", errOut, want)
		}
	}
	code, _, errOut = runProcess(t, wbProcess("status", path, "--study", study, "--set", "included", "--coder", "Bea", "--json"))
	var e errorJSON
	if err := json.Unmarshal([]byte(lastLine(errOut)), &e); err != nil || code != 1 || e.Kind != "locked" || e.File != path ||
		e.Holder == nil || e.Holder.Coder != "Lena Lead" || e.Holder.Machine != host {
		t.Errorf("--json refusal: %d %+v %v\n%s", code, e, err, errOut)
	}
}

// mustNoteAction saves one action (a study memo) through the writer.
func mustNoteAction(t *testing.T, p *corpus.Project, study string) {
	t.Helper()
	err := p.Do("Edit attributes", func(tx *corpus.Tx) error {
		return tx.SetAttributes(study, corpus.Attributes{Title: "Edited while others read", Year: 2021})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// Reading verbs leave nothing beside the project: no -wal, -shm or lock file.
func TestReadVerbsLeaveNoSideFiles(t *testing.T) {
	path := demoAlone(t)
	study, _ := firstStudy(t, path)
	if side := besideFiles(t, path); len(side) > 0 {
		t.Fatalf("after wb demo: %v", side)
	}
	for _, args := range [][]string{
		{"info", path}, {"check", path}, {"search", path, "debt"}, {"brief", path, "--json"}, {"segments", path},
		{"text", path, study}, {"history", path}, {"codebook", path}, {"attributes", path}, {"map", path},
		{"matrix", path}, {"backup", path, filepath.Join(t.TempDir(), "b.ewb")},
	} {
		mustWB(t, args...)
		if side := besideFiles(t, path); len(side) > 0 {
			t.Errorf("wb %s left %v", args[0], side)
		}
	}
}

// damageTable overwrites the first page of a table with garbage, as a
// failing disk would.
func damageTable(t *testing.T, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&root)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&size)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xEE}, 64), (root-1)*size); err != nil {
		t.Fatal(err)
	}
}

// A project with a damaged page is refused by the verbs that write, which
// leave it as it is; every message names the file; wb recover saves the
// rest into a sound file.
func TestDamagedProjectRefusedByWriteVerbs(t *testing.T) {
	path := demoAlone(t)
	study, _ := firstStudy(t, path)
	damageTable(t, path, "judgements") // the appraisal's judgements: no write below touches them
	before, _ := os.ReadFile(path)
	for _, args := range [][]string{
		{"code", path, "--study", study, "--code", "Sampling explained", "--range", "0:20", "--coder", "Ann"},
		{"attributes", path, "--study", study, "--set", "year=2001", "--coder", "Ann"},
		{"status", path, "--study", study, "--set", "included", "--coder", "Ann"},
	} {
		code, out, errOut := wb(t, args...)
		if code == 0 {
			t.Errorf("wb %s wrote into a damaged file:\n%s", args[0], out)
		}
		if !strings.Contains(errOut, path) || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "wb recover") {
			t.Errorf("wb %s: %q", args[0], errOut)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the damaged file was changed")
	}
	code, out, errOut := wb(t, "check", path)
	if code != 1 || out == "" {
		t.Fatalf("check: %d\n%s%s", code, out, errOut)
	}
	for _, line := range strings.Split(strings.TrimSpace(out+errOut), "\n") {
		if !strings.Contains(line, path) {
			t.Errorf("check line %q does not name the file", line)
		}
	}
	if !strings.Contains(errOut, "wb recover") {
		t.Errorf("check does not say what to do: %q", errOut)
	}
	out2 := filepath.Join(t.TempDir(), "saved.ewb")
	code, out, errOut = wb(t, "recover", path, out2)
	if code != 3 || !strings.Contains(out, "judgements") || !strings.Contains(out, "lost") {
		t.Fatalf("recover: %d\n%s%s", code, out, errOut)
	}
	mustWB(t, "check", out2)
	mustWB(t, "code", out2, "--study", study, "--code", "Sampling explained", "--range", "0:20", "--coder", "Ann")
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("recover changed the damaged file")
	}
}

// A refused command leaves the file as it was: the new coder's name is
// not added.
func TestRefusedCommandsAddNoCoder(t *testing.T) {
	path, study := codingFixture(t)
	mustWB(t, "codebook", path, "--template", "default")
	dir := t.TempDir()
	notPDF := filepath.Join(dir, "notes.pdf")
	os.WriteFile(notPDF, []byte("not a pdf"), 0o644)
	badCSV := filepath.Join(dir, "codes.csv")
	os.WriteFile(badCSV, []byte("this,is\nnot,a codebook\n"), 0o644)
	badQDC := filepath.Join(dir, "codes.qdc")
	os.WriteFile(badQDC, []byte("<CodeBook><Codes><Code"), 0o644)
	notProject := filepath.Join(dir, "reviewer.ewb")
	os.WriteFile(notProject, []byte("not a project at all, just text, long enough to be read as a header......................"), 0o644)
	generation := func() (int64, []string) {
		p, err := corpus.Open(path, corpus.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		cs, _ := p.Coders()
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		return p.Generation(), names
	}
	gen, coders := generation()
	for _, args := range [][]string{
		{"code", path, "--study", study, "--code", "No such code", "--range", "0:5"},
		{"code", path, "--study", study, "--code", "Debt bondage", "--range", "0:5000"},
		{"import", path, notPDF},
		{"codebook", path, "--import", badCSV},
		{"codebook", path, "--import", badQDC},
		{"merge", path, notProject},
		{"attributes", path, "--study", study, "--set", "method=survey"},
	} {
		code, out, errOut := wb(t, append(args, "--coder", "Zed Newcomer")...)
		if code == 0 {
			t.Errorf("wb %v succeeded:\n%s", args, out)
			continue
		}
		g, cs := generation()
		if g != gen || fmt.Sprint(cs) != fmt.Sprint(coders) {
			t.Errorf("refused wb %s changed the file: generation %d -> %d, coders %v -> %v (%s)", args[0], gen, g, coders, cs, errOut)
		}
	}
	// A command that works records its coder.
	mustWB(t, "code", path, "--study", study, "--code", "Debt bondage", "--range", "14:26", "--coder", "Zed Newcomer")
	if _, cs := generation(); !strings.Contains(fmt.Sprint(cs), "Zed Newcomer") {
		t.Errorf("coders after a saved coding: %v", cs)
	}
}

// wb undo, redo and history work over the undo history the desktop
// program uses, saying what was undone, by whom and when.
func TestUndoRedoHistoryVerbs(t *testing.T) {
	path, study := codingFixture(t) // Ann imported the study
	mustWB(t, "codebook", path, "--template", "default", "--coder", "Ann")
	mustWB(t, "code", path, "--study", study, "--code", "Debt bondage", "--range", "14:26", "--coder", "Ben")
	mustWB(t, "attributes", path, "--study", study, "--set", "year=1999", "--coder", "Cy")

	var hist []actionJSON
	if err := json.Unmarshal([]byte(mustWB(t, "history", path, "--json", "--limit", "3")), &hist); err != nil || len(hist) != 3 {
		t.Fatalf("history: %v %v", hist, err)
	}
	if hist[0].Coder != "Cy" || hist[1].Coder != "Ben" || hist[0].Undone || hist[0].At.IsZero() || hist[0].Seq <= hist[1].Seq {
		t.Fatalf("history %+v", hist)
	}
	year := func() float64 {
		var rows []map[string]any
		json.Unmarshal([]byte(mustWB(t, "attributes", path, "--json")), &rows)
		return rows[0]["year"].(float64)
	}
	if year() != 1999 {
		t.Fatal("the attribute was not set")
	}
	out := mustWB(t, "undo", path)
	if !strings.Contains(out, hist[0].Label) || !strings.Contains(out, "Cy") || !strings.Contains(out, hist[0].At.Local().Format("15:04")) {
		t.Errorf("undo says %q", out)
	}
	if year() == 1999 {
		t.Fatal("undo did not restore the attribute")
	}
	var res map[string]json.RawMessage
	if err := json.Unmarshal([]byte(mustWB(t, "undo", path, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	var undone actionJSON
	json.Unmarshal(res["undone"], &undone)
	if undone.Coder != "Ben" || !undone.Undone {
		t.Errorf("second undo %+v", undone)
	}
	if n := strings.Count(mustWB(t, "code", path, "--study", study), "Debt bondage"); n != 0 {
		t.Errorf("Ben's coding is still listed after undo")
	}
	out = mustWB(t, "history", path)
	if strings.Count(out, "undone") != 2 {
		t.Errorf("history after two undos:\n%s", out)
	}
	if out := mustWB(t, "redo", path); !strings.Contains(out, "Redid") || !strings.Contains(out, "Ben") {
		t.Errorf("redo says %q", out)
	}
	mustWB(t, "redo", path)
	if year() != 1999 {
		t.Fatal("redo did not set the attribute again")
	}
	if code, _, errOut := wb(t, "redo", path); code != 1 || !strings.Contains(errOut, "nothing to redo") || !strings.Contains(errOut, path) {
		t.Errorf("redo with nothing to redo: %d %q", code, errOut)
	}
}

// Without --coder, $EWB_CODER or a saved identity, a changing verb works as
// the account's name with a note on stderr; read verbs never need a name.
// With --json, the note and errors are JSON objects on stderr.
func TestCoderFromAccountAndJSONErrors(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "")
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.ewb")
	mustWB(t, "new", path, "--template", "none")
	studies := filepath.Join(dir, "studies")
	os.Mkdir(studies, 0o755)
	names := demoPDFs(t, studies, 2)

	// The README's example, for a new user.
	code, out, errOut := wb(t, "import", path, studies+"/", "--json")
	if code != 0 {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	var recs []corpus.ImportResult
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != len(names) {
		t.Fatalf("import --json stdout: %v\n%s", err, out)
	}
	var note map[string]string
	if err := json.Unmarshal([]byte(lastLine(errOut)), &note); err != nil || !strings.Contains(note["note"], accountName()) {
		t.Fatalf("note: %v %q", err, errOut)
	}
	if p, err := corpus.Open(path, corpus.Options{ReadOnly: true}); err == nil {
		if _, ok := p.CoderByName(accountName()); !ok {
			t.Errorf("the import is not attributed to %q", accountName())
		}
		p.Close()
	}
	// Without --json: one plain line.
	_, _, errOut = wb(t, "status", path, "--study", recs[0].Study, "--set", "included")
	if lines := strings.Split(strings.TrimSpace(errOut), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "note:") {
		t.Errorf("note without --json: %q", errOut)
	}
	// Read verbs say nothing about coders.
	if _, _, errOut := wb(t, "info", path); errOut != "" {
		t.Errorf("info wrote %q", errOut)
	}
	// Errors as JSON objects.
	missing := filepath.Join(dir, "missing.ewb")
	for _, c := range []struct {
		args   []string
		status int
		kind   string
		file   string
	}{
		{[]string{"info", missing, "--json"}, 1, "not-found", missing},
		{[]string{"import", path, filepath.Join(dir, "nowhere"), "--json"}, 1, "not-found", filepath.Join(dir, "nowhere")},
		{[]string{"info", "--json"}, 2, "usage", ""},
		{[]string{"status", path, "--json", "--study", "nope", "--set", "included"}, 1, "not-found", path},
	} {
		code, out, errOut := wb(t, c.args...)
		var e errorJSON
		if err := json.Unmarshal([]byte(lastLine(errOut)), &e); err != nil || code != c.status || e.Status != c.status ||
			e.Kind != c.kind || e.File != c.file || e.Error == "" || e.Verb != c.args[0] {
			t.Errorf("wb %v: %d %+v %v\nstdout %q stderr %q", c.args, code, e, err, out, errOut)
		}
	}
}

// demoPDFs writes the first n demo PDFs into dir and returns their names.
func demoPDFs(t *testing.T, dir string, n int) []string {
	t.Helper()
	names := assets.DemoFiles()[:n]
	for _, name := range names {
		b, err := assets.DemoPDF(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// wb backup, run by another process while the project is being written,
// makes one whole file that opens and checks clean, and leaves nothing
// beside the copy.
func TestBackupVerbWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := demoAlone(t)
	study, _ := firstStudy(t, path)
	w, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetCoder(corpus.CoderNamed("Writer"))
	stop := make(chan struct{})
	done := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				done <- n
				return
			default:
			}
			err := w.Do("Edit attributes", func(tx *corpus.Tx) error {
				return tx.SetAttributes(study, corpus.Attributes{Title: fmt.Sprintf("Edit %d", n), Year: 2000 + n%20})
			})
			if err != nil {
				t.Error(err)
			}
			n++
		}
	}()
	dir := t.TempDir()
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("copy%d.ewb", i))
		code, stdout, errOut := runProcess(t, wbProcess("backup", path, out, "--json"))
		if code != 0 {
			t.Fatalf("backup while writing: %d\n%s%s", code, stdout, errOut)
		}
		mustWB(t, "check", out)
	}
	close(stop)
	if n := <-done; n == 0 {
		t.Fatal("the writer saved nothing meanwhile")
	}
	if side := besideFiles(t, filepath.Join(dir, "copy0.ewb")); len(side) != 2 {
		t.Errorf("beside the copies: %v", side)
	}
}
