package coding_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestReextractReanchorsCodings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.ewb")
	if err := demo.Build(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.SetCoder(demo.Coder)
	studies, _ := p.Studies()
	var study corpus.Study
	var codings []coding.Coding
	for _, s := range studies {
		if cs, _ := coding.CodingsOfStudy(p, s.GUID); len(cs) > len(codings) {
			study, codings = s, cs
		}
	}
	// Simulate an older, worse extraction: the stored text gains a prefix
	// and every coding is shifted with it, as an earlier extractor would have left them.
	old, _ := p.Text(study.GUID)
	prefix := "Extracted by an older version.\n\n"
	shift := len([]rune(prefix))
	starts := make([]int, len(old.PageStarts))
	for i, s := range old.PageStarts {
		starts[i] = s + shift
		if i == 0 {
			starts[i] = 0
		}
	}
	err = p.Do("old text", func(tx *corpus.Tx) error {
		if err := tx.ReplaceText(study.GUID, prefix+old.String, starts, nil, corpus.ExtractOK, ""); err != nil {
			return err
		}
		for _, c := range codings {
			if err := tx.Update("codings", c.GUID, corpus.Row{"start": int64(c.Start + shift), "end": int64(c.End + shift)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := coding.Reextract(context.Background(), p, study.GUID)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Moved != len(codings) || len(res.Lost) != 0 {
		t.Fatalf("result %+v for %d codings", res, len(codings))
	}
	after, _ := coding.CodingsOfStudy(p, study.GUID)
	for i, c := range after {
		if c.Start != codings[i].Start || c.End != codings[i].End {
			t.Errorf("coding %d at %d-%d, want %d-%d", i, c.Start, c.End, codings[i].Start, codings[i].End)
		}
	}
	if bad, err := coding.VerifyCodings(p, study.GUID); err != nil || len(bad) != 0 {
		t.Fatalf("verify after re-extract: %v %v", bad, err)
	}
	testkit.Undo(t, p)
	if txt, _ := p.Text(study.GUID); txt.String != prefix+old.String {
		t.Fatal("undo did not restore the old text")
	}
}
