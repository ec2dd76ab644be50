package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// pagedProject is a closed project with one imported two-page study (a
// Letter page and a landscape A4 page); it returns the project path and
// the study's GUID.
func pagedProject(t *testing.T) (string, string) {
	t.Helper()
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	dir := t.TempDir()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 14)
	f.AddPage()
	f.Text(72, 72, "Recruiters lied about wages.")
	f.AddPageFormat("L", fpdf.SizeType{Wd: 595.28, Ht: 841.89})
	f.Text(72, 72, "Passports were taken.")
	pdf := filepath.Join(dir, "study.pdf")
	if err := f.OutputFileAndClose(pdf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "review.ewb")
	mustWB(t, "new", path)
	var recs []map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "import", path, pdf, "--json", "--coder", "Ann")), &recs); err != nil || len(recs) != 1 {
		t.Fatalf("import: %v %v", recs, err)
	}
	return path, recs[0]["study"].(string)
}

func TestPage(t *testing.T) {
	path, study := pagedProject(t)
	out := filepath.Join(t.TempDir(), "p2.png")
	res := mustWB(t, "page", path, study, "2", "-o", out, "--dpi", "72", "--json")
	var info map[string]any
	if err := json.Unmarshal([]byte(res), &info); err != nil {
		t.Fatalf("--json: %v\n%s", err, res)
	}
	if info["pages"].(float64) != 2 || info["width"].(float64) != 842 || info["height"].(float64) != 596 {
		t.Errorf("json %v", info)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != 842 || img.Bounds().Dy() != 596 {
		t.Fatalf("PNG %v, %v", img.Bounds(), err)
	}
	// Default resolution 100 dpi, to standard output; the study by title prefix.
	code, stdout, stderr := wb(t, "page", path, "study", "1", "-o", "-")
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	img, err = png.Decode(strings.NewReader(stdout))
	if err != nil || img.Bounds().Dx() != 850 || img.Bounds().Dy() != 1100 {
		t.Fatalf("PNG on stdout %v, %v", img, err)
	}
}

func TestPageErrors(t *testing.T) {
	path, study := pagedProject(t)
	out := filepath.Join(t.TempDir(), "x.png")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"page", path, study, "3", "-o", out}, 1, "has 2 pages; there is no page 3"},
		{[]string{"page", path, study, "0", "-o", out}, 2, "give a page number from 1"},
		{[]string{"page", path, study, "1"}, 2, "-o OUT.png"},
		{[]string{"page", path, study, "1", "-o", out, "--dpi", "5000"}, 2, "give a resolution from 1 to 1200"},
		{[]string{"page", path, "nosuchstudy", "1", "-o", out}, 1, "nosuchstudy"},
	} {
		code, _, stderr := wb(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("wb %v: status %d, %q; want %d and %q", tc.args[3:], code, stderr, tc.code, tc.msg)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed run left an output file")
	}
}
