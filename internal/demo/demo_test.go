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
	recs, err := coding.ImportRecords(p)
	if err != nil || len(recs) != 2 || recs[0].Source != DemoSource || len(recs[0].Studies) != 10 || len(recs[1].Duplicates) != 2 {
		t.Errorf("import records %+v %v", recs, err)
	}
	if js, err := coding.Confidences(p); err != nil || len(js) != len(demoJudgements) {
		t.Errorf("confidence judgements %+v %v", js, err)
	}
	for _, kind := range []string{coding.MemoKeyFindings, coding.MemoRecommendations} {
		if ms, err := coding.Memos(p, kind, ""); err != nil || len(ms) != 1 {
			t.Errorf("%s: %+v %v", kind, ms, err)
		}
	}
	if problems, err := p.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	if err := Build(context.Background(), path); err == nil {
		t.Fatal("Build over an existing file succeeded")
	}
}
