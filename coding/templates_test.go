package coding

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
)

func TestApplyDefaultTemplate(t *testing.T) {
	p := MustProject(t)
	tpl := assets.DefaultTemplate()
	want := 0
	tpl.Walk(func([]string, assets.TemplateCode) bool { want++; return true })
	n, err := ApplyTemplate(p, tpl)
	if err != nil {
		t.Fatal(err)
	}
	if n != want || countRows(t, p, "codes", "") != want {
		t.Fatalf("created %d codes, template has %d", n, want)
	}
	// Every template code is at its path with its fields.
	tree, _ := LoadCodeTree(p)
	tpl.Walk(func(parents []string, tc assets.TemplateCode) bool {
		path := strings.Join(append(append([]string{}, parents...), tc.Name), "/")
		c, err := tree.Resolve(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return false
		}
		if c.Kind != tc.Kind || c.Color != tc.Color || c.Definition != tc.Definition {
			t.Errorf("%s: %+v vs %+v", path, c, tc)
		}
		return true
	})
	if p.CanUndo() != "Apply codebook template "+tpl.Name {
		t.Fatalf("label %q", p.CanUndo())
	}
	// Applying again adds nothing (and records no step); one undo removes
	// the whole template.
	if n, err := ApplyTemplate(p, tpl); err != nil || n != 0 {
		t.Fatalf("second apply: %d %v", n, err)
	}
	MustUndo(t, p)
	if countRows(t, p, "codes", "") != 0 {
		t.Fatal("undo left codes")
	}
}

func TestSaveAndListTemplates(t *testing.T) {
	p := MustProject(t)
	richCodebook(t, p)
	dir := filepath.Join(t.TempDir(), "templates")
	if got, err := UserTemplates(dir); err != nil || got != nil {
		t.Fatalf("missing folder: %v %v", got, err)
	}
	path, err := SaveTemplate(p, "My Rigor codebook!", dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "my-rigor-codebook.json" {
		t.Fatalf("path %s", path)
	}
	data, _ := os.ReadFile(path)
	tpl, err := assets.ParseTemplate(data)
	if err != nil {
		t.Fatal(err)
	}
	// The saved template recreates the same codebook elsewhere.
	q := MustProject(t)
	if _, err := ApplyTemplate(q, tpl); err != nil {
		t.Fatal(err)
	}
	if got, want := codebookDump(t, q, false), codebookDump(t, p, false); got != want {
		t.Fatalf("template round trip:\n%s\nwant\n%s", got, want)
	}
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"id": "x"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644)
	if _, err := SaveTemplate(p, "Another", dir); err != nil {
		t.Fatal(err)
	}
	list, err := UserTemplates(dir)
	if !errors.Is(err, assets.ErrInvalidTemplate) || !strings.Contains(err.Error(), "broken.json") {
		t.Fatalf("broken file not reported: %v", err)
	}
	if len(list) != 2 || list[0].Name != "Another" || list[1].Name != "My Rigor codebook!" {
		t.Fatalf("templates %+v", list)
	}
	if _, err := SaveTemplate(p, "!!!", dir); !errors.Is(err, assets.ErrInvalidTemplate) {
		t.Fatalf("unnamed template: %v", err)
	}
	if _, err := SaveTemplate(MustProject(t), "Empty", dir); !errors.Is(err, assets.ErrInvalidTemplate) {
		t.Fatalf("empty codebook: %v", err)
	}
}
