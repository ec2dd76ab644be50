package coding

import (
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
