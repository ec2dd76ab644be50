package coding_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestSaveAndListTemplates(t *testing.T) {
	p := testkit.Project(t)
	codingtest.RichCodebook(t, p)
	dir := filepath.Join(t.TempDir(), "templates")
	if got, err := coding.UserTemplates(dir); err != nil || got != nil {
		t.Fatalf("missing folder: %v %v", got, err)
	}
	path, err := coding.SaveTemplate(p, "My Rigor codebook!", dir)
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
	q := testkit.Project(t)
	if _, err := coding.ApplyTemplate(q, tpl); err != nil {
		t.Fatal(err)
	}
	if got, want := codingtest.CodebookDump(t, q, false), codingtest.CodebookDump(t, p, false); got != want {
		t.Fatalf("template round trip:\n%s\nwant\n%s", got, want)
	}
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"id": "x"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644)
	if _, err := coding.SaveTemplate(p, "Another", dir); err != nil {
		t.Fatal(err)
	}
	list, err := coding.UserTemplates(dir)
	if !errors.Is(err, assets.ErrInvalidTemplate) || !strings.Contains(err.Error(), "broken.json") {
		t.Fatalf("broken file not reported: %v", err)
	}
	if len(list) != 2 || list[0].Name != "Another" || list[1].Name != "My Rigor codebook!" {
		t.Fatalf("templates %+v", list)
	}
	if _, err := coding.SaveTemplate(p, "!!!", dir); !errors.Is(err, assets.ErrInvalidTemplate) {
		t.Fatalf("unnamed template: %v", err)
	}
	if _, err := coding.SaveTemplate(testkit.Project(t), "Empty", dir); !errors.Is(err, assets.ErrInvalidTemplate) {
		t.Fatalf("empty codebook: %v", err)
	}
}
