package coding_test

import (
	"context"
	"path/filepath"
	"strings"
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
	checkFiguresAndBoxes(t, p, study.GUID)
	testkit.Undo(t, p)
	if txt, _ := p.Text(study.GUID); txt.String != prefix+old.String {
		t.Fatal("undo did not restore the old text")
	}
}

// checkFiguresAndBoxes checks that a study stores per-page figures and
// character boxes for every page of its text.
func checkFiguresAndBoxes(t *testing.T, p *corpus.Project, study string) {
	t.Helper()
	txt, err := p.Text(study)
	if err != nil {
		t.Fatal(err)
	}
	if len(txt.PageStats) != len(txt.PageStarts) || len(txt.PageStats) == 0 {
		t.Errorf("%d page figures for %d pages", len(txt.PageStats), len(txt.PageStarts))
	}
	for i, s := range txt.PageStats {
		if s.Chars == 0 {
			continue
		}
		pb, err := p.PageBoxes(study, i+1)
		if err != nil || len(pb.Boxes) == 0 || pb.Width == 0 {
			t.Errorf("page %d: %d boxes, %v", i+1, len(pb.Boxes), err)
		}
	}
}

// TestReextractRefreshesFiguresAndBoxes: a study whose figures and boxes
// were cleared (imported before they were kept) gets them back from a
// re-extraction of the same text, and a second re-extraction stores nothing.
func TestReextractRefreshesFiguresAndBoxes(t *testing.T) {
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
	study := studies[0]
	old, _ := p.Text(study.GUID)
	err = p.Do("figures lost", func(tx *corpus.Tx) error {
		return tx.ReplaceText(study.GUID, old.String, old.PageStarts, old.Marks, study.Extraction, study.ExtractionMessage)
	})
	if err != nil {
		t.Fatal(err)
	}
	if txt, _ := p.Text(study.GUID); len(txt.PageStats) != 0 {
		t.Fatal("ReplaceText kept the figures: the test needs another way to clear them")
	}
	res, err := coding.Reextract(context.Background(), p, study.GUID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed || !res.Refreshed {
		t.Errorf("result %+v", res)
	}
	checkFiguresAndBoxes(t, p, study.GUID)
	if h, _ := p.History(1); len(h) != 1 || !strings.HasPrefix(h[0].Label, "Re-extract") {
		t.Errorf("history %+v", h)
	}
	res, err = coding.Reextract(context.Background(), p, study.GUID)
	if err != nil || res.Refreshed || res.Changed {
		t.Errorf("second re-extraction: %+v %v", res, err)
	}
	testkit.Undo(t, p)
	if txt, _ := p.Text(study.GUID); len(txt.PageStats) != 0 {
		t.Error("undo did not restore the cleared figures")
	}
}
