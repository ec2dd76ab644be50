package coding

import (
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/corpus"
)

// Reviewers used by the appraisal and query tests (Ann is testCoder).
var (
	apBen = corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Ben"}
	apAnn = testCoder
)

// apCodebook applies the default template and returns its code tree.
func apCodebook(tb testing.TB, p *corpus.Project) *CodeTree {
	tb.Helper()
	if _, err := ApplyTemplate(p, assets.DefaultTemplate()); err != nil {
		tb.Fatal(err)
	}
	t, err := LoadCodeTree(p)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// apCode resolves a code reference or fails.
func apCode(tb testing.TB, t *CodeTree, ref string) string {
	tb.Helper()
	c, err := t.Resolve(ref)
	if err != nil {
		tb.Fatal(err)
	}
	return c.GUID
}

// as makes c the current coder.
func apAs(tb testing.TB, p *corpus.Project, c corpus.Coder) {
	tb.Helper()
	if err := p.SetCoder(c); err != nil {
		tb.Fatal(err)
	}
}

// apApply codes [start, end) of a study with a code and returns the coding GUID.
func apApply(tb testing.TB, p *corpus.Project, study, code string, start, end int) string {
	tb.Helper()
	c, err := ApplyCode(p, study, code, start, end, "")
	if err != nil {
		tb.Fatalf("apply code %d:%d: %v", start, end, err)
	}
	return c.GUID
}

// apJudge records a judgement or fails.
func apJudge(tb testing.TB, p *corpus.Project, study, criterion, j string) {
	tb.Helper()
	if err := SetJudgement(p, study, criterion, j, "because"); err != nil {
		tb.Fatal(err)
	}
}

// apStatus sets a study's review status (not excluded) or fails.
func apStatus(tb testing.TB, p *corpus.Project, status string, studies ...string) {
	tb.Helper()
	if err := SetStatus(p, studies, status, ""); err != nil {
		tb.Fatal(err)
	}
}

// apStudy reads a study or fails.
func apStudy(tb testing.TB, p *corpus.Project, guid string) corpus.Study {
	tb.Helper()
	s, err := p.Study(guid)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
