package report

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
)

func TestConfidenceScreen(t *testing.T) {
	a, h := demoHost(t)
	p := newConfidencePanel(h, h, briefFilterOf(nil, nil))
	p.open()
	a.Settle(t)
	if p.b == nil || len(p.b.Findings) < 5 {
		t.Fatalf("no findings: %q", p.status.Text)
	}
	if !slices.Contains(p.scope.Options, "Sector: Agriculture") || p.scope.Selected != wholeReview {
		t.Errorf("scopes %v, selected %q", p.scope.Options, p.scope.Selected)
	}
	// The demo's reviewer judged three findings; Debt bondage is one.
	i := slices.IndexFunc(p.b.Findings, func(f findingT) bool { return f.Name == "Debt bondage" })
	p.list.Select(i)
	if !strings.HasPrefix(p.title.Text, "Debt bondage: 4 studies") || p.level.Selected != "moderate" || p.concerns[2].Selected != "minor" {
		t.Fatalf("judged finding shown: %q, level %q", p.title.Text, p.level.Selected)
	}
	i = slices.IndexFunc(p.b.Findings, func(f findingT) bool { return f.Name == "Document confiscation" })
	p.list.Select(i)
	if !strings.HasPrefix(p.title.Text, "Document confiscation: 4 studies") || !strings.Contains(p.parts[0].Text, "not appraised") ||
		len(p.chooser.items) != 4 || p.level.Selected != "" {
		t.Fatalf("finding shown: %q / %q / %d studies / %q", p.title.Text, p.parts[0].Text, len(p.chooser.items), p.level.Selected)
	}
	checkOpensStudy(t, h, p.chooser, 0)
	// Saving without a level says so and saves nothing.
	p.onSave()
	a.Settle(t)
	if !strings.Contains(p.status.Text, "Choose a level") {
		t.Errorf("status %q", p.status.Text)
	}
	p.level.SetSelected("moderate")
	p.why.SetText("Four studies in three sectors; only one appraised.")
	p.concerns[2].SetSelected("minor")
	p.onSave()
	a.Settle(t)
	js, err := coding.Confidences(h.Project())
	theme := p.b.Findings[i].CodeGUID
	k := slices.IndexFunc(js, func(j coding.Confidence) bool { return j.Theme == theme })
	if err != nil || len(js) != 4 || k < 0 || js[k].Level != "moderate" || js[k].Adequacy != coding.ConcernMinor || js[k].Limitations != "" || js[k].Scope != "" {
		t.Fatalf("saved %+v %v", js, err)
	}
	if f := p.b.Findings[i]; !f.Confidence.Judged || p.level.Selected != "moderate" || p.concerns[2].Selected != "minor" {
		t.Errorf("after save: %+v, level %q", f.Confidence, p.level.Selected)
	}
	// The agriculture scope falls back to the review's judgement until it has its own.
	p.scope.SetSelected("Sector: Agriculture")
	a.Settle(t)
	i = slices.IndexFunc(p.b.Findings, func(f findingT) bool { return f.Name == "Document confiscation" })
	p.list.Select(i)
	if p.b.ScopeKey != "sector:agriculture" || !strings.Contains(p.chooser.header.Text, "uses the whole review's judgement") || p.level.Selected != "" {
		t.Errorf("agriculture scope: %q %q %q", p.b.ScopeKey, p.chooser.header.Text, p.level.Selected)
	}
	p.onClear()
	a.Settle(t)
	if !strings.Contains(p.status.Text, "not found") {
		t.Errorf("clearing a judgement the scope lacks: %q", p.status.Text)
	}
}

func TestDraftBriefTextsCapsAndSeries(t *testing.T) {
	a, h := demoHost(t)
	p := newBriefPanel(h, h)
	p.open()
	a.Settle(t)
	if !strings.Contains(p.markdown, "*5 of 8 themes shown (by number of studies).*") {
		t.Errorf("default caps not said:\n%.3000s", p.markdown)
	}
	p.themes.SetText("0")
	a.Settle(t)
	if strings.Contains(p.markdown, "themes shown (by number") || !strings.Contains(p.markdown, "Every theme is shown in full") {
		t.Errorf("no cap still caps")
	}
	p.quotes.SetText("x")
	if !strings.Contains(p.status.Text, "quotes per theme") {
		t.Errorf("bad cap: %q", p.status.Text)
	}
	p.quotes.SetText("1")
	a.Settle(t)
	// The key findings written for the whole review replace the draft.
	kf := p.texts.items[0]
	if !strings.Contains(p.texts.label.Text, "the whole review") || !kf.save.Disabled() {
		t.Fatalf("texts: %q", p.texts.label.Text)
	}
	kf.entry.SetText("Debt ties workers to employers.\n\n- It is reported in every sector.")
	if kf.save.Disabled() {
		t.Fatal("an edit does not enable Save")
	}
	p.texts.onSave(kf)
	a.Settle(t)
	if !strings.Contains(p.markdown, "## Key findings\n\nDebt ties workers to employers.\n\n- It is reported in every sector.\n") || !kf.save.Disabled() {
		t.Fatalf("saved key findings not in the draft:\n%.600s", p.markdown)
	}
	// An agriculture brief has its own texts: the editor follows the filter.
	p.sectors.SetSelected([]string{"Agriculture"})
	a.Settle(t)
	if kf.entry.Text != "" || !strings.Contains(p.texts.label.Text, "agriculture") || !strings.Contains(p.markdown, "*Draft generated from the coded evidence") {
		t.Errorf("agriculture texts: %q %q", kf.entry.Text, p.texts.label.Text)
	}
	if !strings.Contains(p.markdown, "Sectors limited to Agriculture: 7 of 10 included studies left out.") {
		t.Errorf("the filter does not say what it left out")
	}
	p.sectors.SetSelected(nil)
	a.Settle(t)
	if !strings.HasPrefix(kf.entry.Text, "Debt ties") {
		t.Errorf("whole review text %q", kf.entry.Text)
	}
	// One brief per country, into a folder.
	dir := t.TempDir()
	p.per.SetSelected(perCountry)
	p.onExportSeries(dir, briefFormat(t, "md"), p.perDimension())
	a.Settle(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) != 5 || !strings.Contains(p.status.Text, "Wrote 5 briefs") {
		t.Fatalf("series %v: %q", files, p.status.Text)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "viet-nam.md"))
	if !strings.Contains(string(b), "Countries limited to Viet Nam: 7 of 10 included studies left out.") ||
		!strings.Contains(string(b), "| Cambodia | · | · | · | · | · |") {
		t.Errorf("Viet Nam brief:\n%.2500s", b)
	}
}

type findingT = brief.Finding

func briefFilterOf(sectors, countries []string) brief.Filter {
	return brief.Filter{Sectors: sectors, Countries: countries}
}
