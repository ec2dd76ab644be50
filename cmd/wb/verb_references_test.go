package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

func TestReferencesVerb(t *testing.T) {
	f := newReviewFixture(t)
	bib := filepath.Join(t.TempDir(), "refs.bib")
	os.WriteFile(bib, []byte(`@article{alpha,
  title = {Alpha Fields},
  author = {Nguy{\~{\^e}}n, V{\u{a}}n Minh and {Daw Hnin Wai}},
  year = {2015}, journal = {Journal of Human Trafficking}, doi = {10.1000/alpha}
}
@report{gamma, title = {Gamma mines}, year = 2001}
`), 0o644)
	out := mustWB(t, "references", f.path, bib, "--dry-run")
	if !strings.Contains(out, `line 1: "Alpha Fields" matches "Alpha fields" (title)`) || !strings.Contains(out, "authors: (empty) -> Nguyễn Văn Minh; Daw Hnin Wai") ||
		!strings.Contains(out, `line 6: "Gamma mines" not matched: no study has this DOI or a title like it`) ||
		!strings.Contains(out, "2 references: 1 matched, 1 not matched; would change 1 study") || !strings.Contains(out, "Dry run") {
		t.Fatalf("dry run:\n%s", out)
	}
	if out := mustWB(t, "attributes", f.path, "--study", "Alpha"); strings.Contains(out, "Nguyễn") {
		t.Fatalf("dry run saved:\n%s", out)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "references", f.path, bib, "--json")), &rep); err != nil || rep["changed"] != 1.0 || rep["dry_run"] != false {
		t.Fatalf("json %v %v", rep, err)
	}
	out = mustWB(t, "attributes", f.path, "--study", "Alpha")
	if !strings.Contains(out, "Nguyễn Văn Minh; Daw Hnin Wai") || !strings.Contains(out, "10.1000/alpha") || !strings.Contains(out, "Alpha Fields") {
		t.Fatalf("after import:\n%s", out)
	}
	p, err := corpus.Open(f.path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := p.Undo(context.Background()); err != nil || a.Label != "Import references from refs.bib" {
		t.Fatalf("undo %+v %v", a, err)
	}
	p.Close()
	if out := mustWB(t, "attributes", f.path, "--study", "Alpha"); strings.Contains(out, "Nguyễn") {
		t.Fatalf("undo left the import:\n%s", out)
	}
	bad := filepath.Join(t.TempDir(), "refs.txt")
	os.WriteFile(bad, []byte("not references\n"), 0o644)
	if code, _, errOut := wb(t, "references", f.path, bad); code != 1 || !strings.Contains(errOut, "neither RIS") || !strings.Contains(errOut, "refs.txt") {
		t.Fatalf("bad file: %d %s", code, errOut)
	}
}
