package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// codingFixture makes a project with an empty codebook and one study,
// closed, with Ann as the coder from the environment. It returns the
// file and the study's GUID.
func codingFixture(t *testing.T) (string, string) {
	t.Helper()
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "Ann")
	path := filepath.Join(t.TempDir(), "review.ewb")
	p, err := corpus.Create(path, "review")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.SetCoder(corpus.CoderNamed("Ann")); err != nil {
		t.Fatal(err)
	}
	var study string
	err = p.Do("Import", func(tx *corpus.Tx) error {
		var err error
		study, err = tx.AddStudy(corpus.NewStudy{FileName: "fishing.pdf", PDF: []byte("%PDF fishing"),
			Text:       "Crew reported debt bondage at sea.\fDebt  bondage was also found in ports.",
			PageStarts: []int{0, 35}, Attributes: corpus.Attributes{Title: "Fishing fleets"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, study
}

// codebookJSON runs `wb codebook --json` and returns the codes.
func codebookJSON(t *testing.T, path string) []codeJSON {
	t.Helper()
	var out struct{ Codes []codeJSON }
	if err := json.Unmarshal([]byte(mustWB(t, "codebook", path, "--json")), &out); err != nil {
		t.Fatal(err)
	}
	return out.Codes
}

func TestCodebookVerb(t *testing.T) {
	path, _ := codingFixture(t)
	if out := mustWB(t, "codebook", path); !strings.Contains(out, "empty") {
		t.Fatalf("empty codebook:\n%s", out)
	}
	out := mustWB(t, "codebook", path, "--template", "default")
	if !strings.Contains(out, "Added") {
		t.Fatalf("template: %s", out)
	}
	codes := codebookJSON(t, path)
	if len(codes) < 20 || codes[0].Depth != 0 || codes[1].Depth != 1 || !strings.Contains(codes[1].Path, "/") {
		t.Fatalf("codes %+v", codes[:2])
	}
	out = mustWB(t, "codebook", path)
	if !strings.Contains(out, "CODINGS") || !strings.Contains(out, "\n  ") || !strings.Contains(out, codes[1].GUID) {
		t.Fatalf("tree:\n%s", out)
	}

	// Export both formats, import into a fresh project, compare.
	dir := t.TempDir()
	for _, ext := range []string{"qdc", "csv"} {
		file := filepath.Join(dir, "book."+ext)
		mustWB(t, "codebook", path, "--export", file)
		if data, err := os.ReadFile(file); err != nil || len(data) < 100 {
			t.Fatalf("%s export: %v", ext, err)
		}
		other := filepath.Join(t.TempDir(), "other.ewb")
		mustWB(t, "new", other, "--template", "none")
		var rep map[string]any
		if err := json.Unmarshal([]byte(mustWB(t, "codebook", other, "--import", file, "--json")), &rep); err != nil {
			t.Fatal(err)
		}
		if n := len(rep["added"].([]any)); n != len(codes) {
			t.Fatalf("%s import added %d of %d", ext, n, len(codes))
		}
		got := codebookJSON(t, other)
		for i := range got {
			if got[i] != codes[i] {
				t.Fatalf("%s round trip: %+v\nwant %+v", ext, got[i], codes[i])
			}
		}
		out := mustWB(t, "codebook", other, "--import", file)
		if !strings.Contains(out, "0 added, 0 updated") {
			t.Fatalf("re-import: %s", out)
		}
	}

	// Errors: bad extension, bad CSV with its line, conflicting flags.
	if code, _, errOut := wb(t, "codebook", path, "--export", filepath.Join(dir, "x.txt")); code != 2 || !strings.Contains(errOut, ".qdc") {
		t.Fatalf("bad extension: %d %s", code, errOut)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("path,color\nNew code,#12345\n"), 0o644)
	if code, _, errOut := wb(t, "codebook", path, "--import", bad); code != 1 || !strings.Contains(errOut, "line 2") {
		t.Fatalf("bad CSV: %d %s", code, errOut)
	}
	if code, _, _ := wb(t, "codebook", path, "--import", bad, "--export", filepath.Join(dir, "y.csv")); code != 2 {
		t.Fatalf("two actions: %d", code)
	}

	// Templates: save, list, apply by name.
	out = mustWB(t, "codebook", path, "--save-template", "Team book")
	if !strings.Contains(out, "team-book.json") {
		t.Fatalf("save template: %s", out)
	}
	out = mustWB(t, "codebook", path, "--templates")
	if !strings.Contains(out, "team-book") || !strings.Contains(out, "yours") || !strings.Contains(out, "built-in") {
		t.Fatalf("templates:\n%s", out)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.ewb")
	mustWB(t, "new", fresh, "--template", "none")
	mustWB(t, "codebook", fresh, "--template", "Team book")
	if got := codebookJSON(t, fresh); len(got) != len(codes) {
		t.Fatalf("applied saved template: %d codes", len(got))
	}
	if code, _, _ := wb(t, "codebook", fresh, "--template", "no-such-template"); code != 1 {
		t.Fatalf("unknown template status %d", code)
	}
}

func TestCodingVerbsHelp(t *testing.T) {
	for _, v := range []string{"codebook", "code", "memo"} {
		code, out, _ := wb(t, v, "--help")
		if code != 0 || !strings.Contains(out, "Usage: wb "+v) || !strings.Contains(out, "--json") {
			t.Errorf("%s --help: %d %s", v, code, out)
		}
	}
}

func TestCodebookEditVerb(t *testing.T) {
	path, study := codingFixture(t)
	var res struct {
		Action string
		Code   codeJSON
	}
	edit := func(args ...string) codeJSON {
		t.Helper()
		res.Code = codeJSON{}
		out := mustWB(t, append([]string{"codebook", path, "--json"}, args...)...)
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return res.Code
	}
	rigor := edit("--add", "Rigor", "--kind", "rigor", "--color", "#1F6F8B", "--pin", "1")
	if rigor.Path != "Rigor" || rigor.Kind != "rigor" || rigor.Color != "#1f6f8b" || rigor.Pinned != 1 {
		t.Fatalf("add %+v", rigor)
	}
	samp := edit("--add", "Rigor/Sampling", "--definition", "How participants were chosen.")
	if samp.Path != "Rigor/Sampling" || samp.Kind != "rigor" || samp.Color != "#1f6f8b" || samp.Depth != 1 {
		t.Fatalf("sub-code should inherit kind and colour: %+v", samp)
	}
	edit("--add", "Themes", "--kind", "theme")
	debt := edit("--add", "Themes/Debt", "--color", "#aa0000")
	edit("--add", "Themes/Bondage")
	if got := edit("--edit", "Sampling", "--name", "Sampling explained", "--inclusion", "Any account of sampling."); got.Name != "Sampling explained" ||
		got.Definition != "How participants were chosen." || got.Inclusion != "Any account of sampling." {
		t.Fatalf("edit %+v", got)
	}
	if got := edit("--move", "Themes/Bondage", "--to", "/", "--position", "0"); got.Path != "Bondage" {
		t.Fatalf("move %+v", got)
	}
	if codes := codebookJSON(t, path); codes[0].Name != "Bondage" {
		t.Fatalf("order after move %+v", codes[0])
	}
	mustWB(t, "code", path, "--study", study, "--code", "Bondage", "--match", "debt bondage", "--all")
	if got := edit("--merge", "Bondage", "--into", "Themes/Debt"); got.GUID != debt.GUID || got.Codings != 2 {
		t.Fatalf("merge %+v", got)
	}
	out := mustWB(t, "codebook", path, "--delete", "Themes")
	if !strings.Contains(out, "Deleted Themes") {
		t.Fatalf("delete: %s", out)
	}
	if codes := codebookJSON(t, path); len(codes) != 2 {
		t.Fatalf("after delete %+v", codes)
	}

	errs := []struct {
		args   []string
		status int
		msg    string
	}{
		{[]string{"--add", "Rigor/Sampling explained"}, 1, "already exists"},
		{[]string{"--add", "Nowhere/X"}, 1, "parent of"},
		{[]string{"--add", "X", "--color", "blue"}, 1, "#rrggbb"},
		{[]string{"--add", "X", "--name", "Y"}, 2, "--name goes with --edit"},
		{[]string{"--move", "Rigor", "--to", "Rigor/Sampling explained"}, 1, "under itself"},
		{[]string{"--move", "Rigor"}, 2, "needs --to"},
		{[]string{"--merge", "Rigor"}, 2, "needs --into"},
		{[]string{"--merge", "Rigor", "--into", "Sampling explained"}, 1, "merged into itself"},
		{[]string{"--edit", "Nothing"}, 1, "no code"},
		{[]string{"--delete", "Rigor", "--add", "Y"}, 2, "only one of"},
	}
	for _, e := range errs {
		code, _, errOut := wb(t, append([]string{"codebook", path}, e.args...)...)
		if code != e.status || !strings.Contains(errOut, e.msg) {
			t.Errorf("%v: status %d, %s", e.args, code, errOut)
		}
	}
}
