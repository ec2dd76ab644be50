package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/exchange"
)

func TestQDPXVerbs(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "Ann")
	dir := t.TempDir()
	demo, out, fresh := filepath.Join(dir, "demo.ewb"), filepath.Join(dir, "demo.qdpx"), filepath.Join(dir, "fresh.ewb")
	mustWB(t, "demo", demo)
	var info map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "info", demo, "--json")), &info); err != nil {
		t.Fatal(err)
	}
	if s := mustWB(t, "export-qdpx", demo, out); !strings.Contains(s, "Wrote "+out) {
		t.Fatalf("export: %s", s)
	}
	if st, err := os.Stat(out); err != nil || st.Size() < 1000 {
		t.Fatalf("export wrote %v, %v", st, err)
	}
	if code, _, errOut := wb(t, "export-qdpx", demo, filepath.Join(dir, "x.zip")); code != 2 || !strings.Contains(errOut, ".qdpx") {
		t.Errorf("bad extension: %d %s", code, errOut)
	}

	mustWB(t, "new", fresh, "--template", "none")
	var rep exchange.QDPXImportReport
	if err := json.Unmarshal([]byte(mustWB(t, "import-qdpx", fresh, out, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if float64(rep.StudiesAdded) != info["studies"] || float64(rep.Codings) != info["codings"] ||
		float64(rep.CodesAdded) != info["codes"] || rep.PDFs != rep.StudiesAdded || len(rep.Warnings) != 0 {
		t.Errorf("import report %+v; demo %v", rep, info)
	}
	var after map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "info", fresh, "--json")), &after); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"studies", "codes", "codings", "pages"} {
		if after[k] != info[k] {
			t.Errorf("%s: %v after import, demo has %v", k, after[k], info[k])
		}
	}
	// Again: nothing new, and the text report says so.
	s := mustWB(t, "import-qdpx", fresh, out)
	if !strings.Contains(s, "0 added") || !strings.Contains(s, "0 imported") {
		t.Errorf("second import:\n%s", s)
	}
	if code, _, errOut := wb(t, "import-qdpx", fresh, filepath.Join(dir, "missing.qdpx")); code != 1 || !strings.Contains(errOut, "missing.qdpx") {
		t.Errorf("missing file: %d %s", code, errOut)
	}
}

func TestImportQDPXSampleVerb(t *testing.T) {
	sample := filepath.Join("..", "..", "..", "shared", "refi", "samples", "nvivo12.6-two-coders.qdpx")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("%s not available", sample)
	}
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "Ann")
	fresh := filepath.Join(t.TempDir(), "nvivo.ewb")
	mustWB(t, "new", fresh, "--template", "none")
	s := mustWB(t, "import-qdpx", fresh, sample)
	for _, want := range []string{"NVivo for Windows 12.6", "152 added", "2 added (0 with PDF, 2 text only)", "303 imported", "UTF-16"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
}

// TestImportQDPXCoderFrom: the NVivo export's codings all name Gergo while
// 297 selections were made by floriansipos; the summary says so, and
// --coder-from selection brings in both coders so agreement can be computed.
func TestImportQDPXCoderFrom(t *testing.T) {
	sample := filepath.Join("..", "..", "..", "shared", "refi", "samples", "nvivo12.6-two-coders.qdpx")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("%s not available", sample)
	}
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "Ann")
	byCoding := filepath.Join(t.TempDir(), "coding.ewb")
	mustWB(t, "new", byCoding, "--template", "none")
	s := mustWB(t, "import-qdpx", byCoding, sample)
	if !strings.Contains(s, "Whose work (--coder-from coding): 297 of 303 coded selections name another user") ||
		!strings.Contains(s, "--coder-from selection") {
		t.Errorf("summary:\n%s", s)
	}
	if code, _, _ := wb(t, "agreement", byCoding); code == 0 {
		t.Error("agreement with one coder succeeded")
	}
	bySelection := filepath.Join(t.TempDir(), "selection.ewb")
	mustWB(t, "new", bySelection, "--template", "none")
	s = mustWB(t, "import-qdpx", bySelection, sample, "--coder-from", "selection", "--json")
	if !strings.Contains(s, `"coder_from": "selection"`) || !strings.Contains(s, `"selections_other_user": 297`) {
		t.Errorf("json:\n%s", s)
	}
	if a := mustWB(t, "agreement", bySelection, "--bootstrap", "0"); !strings.Contains(a, "Agreement of Gergo, floriansipos") {
		t.Errorf("agreement:\n%s", a)
	}
	if code, _, errOut := wb(t, "import-qdpx", bySelection, sample, "--coder-from", "author"); code != 2 || !strings.Contains(errOut, "selection or coding") {
		t.Errorf("bad --coder-from: %d %s", code, errOut)
	}
}

// TestImportQDPXRefusesUnsafeArchive: an archive with a path-traversal
// entry is refused with a non-zero status and a message naming the entry,
// and nothing is imported.
func TestImportQDPXRefusesUnsafeArchive(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "Ann")
	dir := t.TempDir()
	fresh, bad := filepath.Join(dir, "fresh.ewb"), filepath.Join(dir, "bad.qdpx")
	mustWB(t, "new", fresh, "--template", "none")
	f, err := os.Create(bad)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, body := range map[string]string{
		"project.qde": `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>` +
			`<TextSource guid="cccccccc-0000-4000-8000-000000000001" name="evil" plainTextPath="internal://../../evil.txt"/></Sources></Project>`,
		"../../evil.txt": "evil",
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	f.Close()
	code, _, errOut := wb(t, "import-qdpx", fresh, bad)
	if code == 0 || !strings.Contains(errOut, `"../../evil.txt"`) || !strings.Contains(errOut, "points outside") {
		t.Fatalf("unsafe archive: status %d\n%s", code, errOut)
	}
	var info map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "info", fresh, "--json")), &info); err != nil || info["studies"] != 0.0 {
		t.Fatalf("after a refused import: %v %v", info, err)
	}
}
