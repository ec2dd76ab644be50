package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestConfidenceVerb(t *testing.T) {
	demo := demoProject(t)
	out := mustWB(t, "confidence", demo)
	if !strings.Contains(out, "Findings of the whole review (10 studies)") || !strings.Contains(out, "Debt bondage") || !strings.Contains(out, "not yet") {
		t.Fatalf("list:\n%s", out)
	}
	out = mustWB(t, "confidence", demo, "--coder", "Ann", "--theme", "Debt bondage", "--level", "Moderate",
		"--why", "Four studies in two sectors.", "--adequacy", "minor")
	if !strings.Contains(out, "Debt bondage: moderate confidence for the whole review.") {
		t.Errorf("record: %s", out)
	}
	mustWB(t, "confidence", demo, "--coder", "Ann", "--theme", "Debt bondage", "--level", "low", "--why", "Two farm studies.", "--sector", "Agriculture")
	js := mustWB(t, "confidence", demo, "--json", "--sector", "agriculture")
	var got struct {
		Scope    string
		Findings []struct {
			Name       string
			Studies    struct{ N int }
			Confidence struct {
				Level  string
				Judged bool
				Text   string
			}
			Adequacy struct{ Concern, Reason string }
		}
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range got.Findings {
		if f.Name == "Debt bondage" {
			found = true
			if !f.Confidence.Judged || f.Confidence.Level != "low" || !strings.HasPrefix(f.Confidence.Text, "Low confidence: ") || f.Studies.N != 2 {
				t.Errorf("agriculture debt bondage %+v", f)
			}
		}
	}
	if got.Scope != "sector:agriculture" || !found {
		t.Errorf("json scope %q, findings %+v", got.Scope, got.Findings)
	}
	for _, bad := range [][]string{
		{"--theme", "Debt bondage", "--level", "medium", "--why", "x"},
		{"--theme", "Debt bondage", "--level", "high"},
		{"--level", "high", "--why", "x"},
		{"--theme", "Debt bondage", "--level", "high", "--why", "x", "--coherence", "grave"},
		{"--clear"},
	} {
		if code, _, _ := wb(t, append([]string{"confidence", demo, "--coder", "Ann"}, bad...)...); code != 2 {
			t.Errorf("%v: status %d", bad, code)
		}
	}
	if code, _, e := wb(t, "confidence", demo, "--coder", "Ann", "--theme", "Rigor", "--level", "high", "--why", "x"); code != 1 || !strings.Contains(e, "theme codes") {
		t.Errorf("not a theme: %d %s", code, e)
	}
	mustWB(t, "confidence", demo, "--coder", "Ann", "--theme", "Debt bondage", "--clear", "--sector", "Agriculture")
	p := testkit.Open(t, demo)
	js2, _ := coding.Confidences(p)
	debt, _ := coding.ResolveCode(p, "Debt bondage")
	p.Close()
	found = false
	for _, j := range js2 {
		if j.Scope != "" {
			t.Errorf("a scoped judgement is left: %+v", j)
		}
		if j.Theme == debt.GUID {
			found = j.Level == coding.ConfidenceModerate && j.Adequacy == coding.ConcernMinor && j.Explanation == "Four studies in two sectors."
		}
	}
	if !found {
		t.Errorf("judgements left %+v", js2)
	}
	// The brief shows the judgement beside the finding.
	md := filepath.Join(t.TempDir(), "b.md")
	mustWB(t, "brief", demo, "-o", md)
	if b, _ := os.ReadFile(md); !strings.Contains(string(b), "| Debt bondage | 4 | Moderate | Moderate confidence: ") {
		t.Errorf("brief lacks the judgement:\n%.3000s", b)
	}
}

func TestBriefSeriesCapsAndTexts(t *testing.T) {
	demo := demoProject(t)
	mustWB(t, "memo", demo, "--coder", "Ann", "--key-findings", "--text", "Debt ties workers to employers.\n\n- in every sector")
	mustWB(t, "memo", demo, "--coder", "Ann", "--recommendations", "--sector", "Agriculture", "--text", "Fund studies of farm work in Lao PDR.")
	if code, _, _ := wb(t, "memo", demo, "--study", "x", "--sector", "Agriculture", "--text", "y"); code != 2 {
		t.Error("--sector with --study accepted")
	}
	dir := filepath.Join(t.TempDir(), "series")
	out := mustWB(t, "brief", demo, "--per", "sector", "-o", dir, "--format", "md", "--themes", "2", "--quotes", "1")
	if strings.Count(out, "Wrote ") != 4 || !strings.Contains(out, "the filters left out 7 of the 10 included studies") {
		t.Errorf("series:\n%s", out)
	}
	agri, err := os.ReadFile(filepath.Join(dir, "agriculture.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"— Agriculture", "Sectors limited to Agriculture: 7 of 10 included studies left out.",
		"For Agriculture, no study in this brief covers Lao PDR or Viet Nam", "*2 of 8 themes shown (by number of studies).*",
		"Fund studies of farm work in Lao PDR.", "| Lao PDR | – | · | · | · | 0 |"} {
		if !strings.Contains(string(agri), want) {
			t.Errorf("agriculture brief lacks %q", want)
		}
	}
	if strings.Contains(string(agri), "Debt ties workers") {
		t.Error("the review's key findings in the agriculture brief")
	}
	whole := filepath.Join(t.TempDir(), "whole.md")
	mustWB(t, "brief", demo, "-o", whole)
	if b, _ := os.ReadFile(whole); !strings.Contains(string(b), "## Key findings\n\nDebt ties workers to employers.\n\n- in every sector\n") {
		t.Errorf("whole brief key findings:\n%.600s", b)
	}
	js := mustWB(t, "brief", demo, "--per", "country", "--json")
	var s struct {
		Per    string
		Briefs []struct {
			Value string
			Brief struct {
				Scope struct{ Studies struct{ N int } }
			}
		}
	}
	if err := json.Unmarshal([]byte(js), &s); err != nil || s.Per != "country" || len(s.Briefs) != 5 || s.Briefs[0].Value != "Cambodia" || s.Briefs[0].Brief.Scope.Studies.N != 4 {
		t.Errorf("series json %v %+v", err, s)
	}
	if code, _, e := wb(t, "brief", demo, "-o", whole, "--sector", "Agricultre"); code != 1 || !strings.Contains(e, `did you mean "Agriculture"?`) {
		t.Errorf("misspelt sector: %d %s", code, e)
	}
	if code, _, _ := wb(t, "brief", demo, "--per", "method", "-o", dir); code != 2 {
		t.Error("--per method accepted")
	}
	if code, _, _ := wb(t, "brief", demo, "--themes", "-1", "-o", whole); code != 2 {
		t.Error("--themes -1 accepted")
	}
}

func TestImportRecordsSource(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "review.ewb")
	mustWB(t, "new", path)
	dir := t.TempDir()
	names := assets.DemoFiles()[:3]
	for _, n := range names {
		data, err := assets.DemoPDF(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWB(t, "import", path, dir, "--coder", "Ann", "--source", "Scopus search")
	mustWB(t, "import", path, filepath.Join(dir, names[0]), "--coder", "Ann")
	p := testkit.Open(t, path)
	recs, err := coding.ImportRecords(p)
	p.Close()
	if err != nil || len(recs) != 2 || recs[0].Source != "Scopus search" || len(recs[0].Studies) != 3 ||
		recs[1].Source != names[0] || len(recs[1].Duplicates) != 1 || recs[1].Duplicates[0] != recs[0].Studies[0] {
		t.Fatalf("records %+v %v", recs, err)
	}
}
