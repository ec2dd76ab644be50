package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestBuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.ewb")
	if err := Build(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	m, _ := assets.DemoManifest()
	want := 0
	for _, s := range m.Studies {
		want += len(s.Codings)
	}
	st, err := coding.Stats(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Studies != len(assets.DemoFiles()) || st.Codings != want || st.Appraisals != 1 || st.Codes < 20 {
		t.Fatalf("demo stats %+v, want %d studies, %d codings, 1 appraisal", st, len(assets.DemoFiles()), want)
	}
	studies, _ := p.Studies()
	for _, s := range studies {
		if len(s.Countries) == 0 || len(s.Sectors) == 0 || s.Year == 0 || s.Method == "" {
			t.Errorf("demo study %q lacks attributes: %+v", s.Title, s.Attributes)
		}
	}
	if problems, err := p.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	if err := Build(context.Background(), path); err == nil {
		t.Fatal("Build over an existing file succeeded")
	}
}
