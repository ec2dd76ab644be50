package team

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// newHost opens path in a stand-in main window on a fresh test app, with
// the lead, Tess Tester, as the coder.
func newHost(t *testing.T, path string) (*uitest.App, *uitest.Host) {
	t.Helper()
	a := uitest.New(t)
	return a, uitest.NewHost(t, a, path, corpus.CoderNamed("Tess Tester"))
}

// replay undoes (or redoes) the project's last action as the main
// window's Edit menu does, announcing the change to the screens, and
// settles.
func replay(t *testing.T, a *uitest.App, h *uitest.Host, undo bool) {
	t.Helper()
	do := h.Project().Redo
	if undo {
		do = h.Project().Undo
	}
	act, err := do(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h.Changed(act.Studies)
	a.Settle(t)
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// teamScenario is a master project (the demo) and two reviewers' copies
// of it in which two coders coded and appraised the same study differently.
type teamScenario struct {
	master, a, b string
	study        string // the study both reviewers coded
	code         coding.Code
	renamed      string // the code reviewer B renamed (a codebook conflict)
	criterion    string // the criterion they judged differently
}

func newTeamScenario(t *testing.T) *teamScenario {
	t.Helper()
	sc := &teamScenario{master: uitest.DemoCopy(t)}
	dir := t.TempDir()
	sc.a, sc.b = filepath.Join(dir, "reviewer-a.ewb"), filepath.Join(dir, "reviewer-b.ewb")
	m, err := corpus.Open(sc.master, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{sc.a, sc.b} {
		if err := m.SaveAs(path); err != nil {
			t.Fatal(err)
		}
	}
	studies, err := m.Studies()
	if err != nil || len(studies) < 3 {
		t.Fatalf("demo studies: %d %v", len(studies), err)
	}
	sc.study = studies[1].GUID
	codes, err := coding.Codebook(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		if c.Kind == coding.KindTheme && sc.code.GUID == "" && c.Parent != "" {
			sc.code = c
		}
	}
	crits, err := coding.Criteria(m)
	if err != nil || len(crits) == 0 {
		t.Fatalf("criteria %d %v", len(crits), err)
	}
	sc.criterion = crits[0].GUID
	m.Close()

	review := func(path, coder string, ranges [][2]int, judgement string, rename bool) {
		p, err := corpus.Open(path, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if err := p.SetCoder(corpus.CoderNamed(coder)); err != nil {
			t.Fatal(err)
		}
		for _, r := range ranges {
			if _, err := coding.ApplyCode(p, sc.study, sc.code.GUID, r[0], r[1], ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := coding.SetJudgement(p, sc.study, sc.criterion, judgement, coder+" says so"); err != nil {
			t.Fatal(err)
		}
		if rename {
			c := codes[0]
			c.Name += " (B's name)"
			sc.renamed = c.GUID
			if err := coding.UpdateCode(p, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	review(sc.a, "Reviewer A", [][2]int{{200, 320}, {900, 960}}, coding.Met, false)
	review(sc.b, "Reviewer B", [][2]int{{250, 400}}, coding.NotMet, true)
	return sc
}

func countRows(t *testing.T, p *corpus.Project, q string, args ...any) int {
	t.Helper()
	var n int
	if err := p.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
