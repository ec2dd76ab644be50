package report

import (
	"archive/zip"
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// demoHost opens a fresh copy of the demo in a stand-in main window.
func demoHost(t *testing.T) (*uitest.App, *uitest.Host) {
	t.Helper()
	a := uitest.New(t)
	return a, uitest.NewHost(t, a, uitest.DemoCopy(t), corpus.CoderNamed("Tess Tester"))
}

// demoTitles returns the titles of the demo studies matching a predicate.
func demoTitles(t *testing.T, keep func(assets.DemoStudy) bool) []string {
	t.Helper()
	m, err := assets.DemoManifest()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range m.Studies {
		if keep(s) {
			out = append(out, s.Title)
		}
	}
	slices.Sort(out)
	return out
}

// chooserTitles returns the sorted titles a study chooser lists.
func chooserTitles(c *studyChooser) []string {
	var out []string
	for _, it := range c.items {
		out = append(out, it.title)
	}
	slices.Sort(out)
	return out
}

// checkOpensStudy taps the chooser's study i and checks that the main
// window is asked to show it (at its passage, when it has one).
func checkOpensStudy(t *testing.T, h *uitest.Host, c *studyChooser, i int) {
	t.Helper()
	it := c.items[i]
	c.list.Select(i)
	ps := h.Passages()
	if len(ps) == 0 {
		t.Fatal("no study shown in the main window")
	}
	if got, want := ps[len(ps)-1], (uitest.Passage{Study: it.guid, Start: it.start, End: it.end}); got != want {
		t.Fatalf("showed %+v, want %+v", got, want)
	}
}

func TestEvidenceMapScreen(t *testing.T) {
	a, h := demoHost(t)
	p := newMapPanel(h, h)
	p.open()
	a.Settle(t)
	if p.m == nil {
		t.Fatalf("no map: %q", p.status.Text)
	}
	if p.m.Rows != query.DimCountry || p.m.Cols != query.DimSector || p.m.Total.N() != 10 {
		t.Fatalf("default map %s x %s of %d", p.m.Rows, p.m.Cols, p.m.Total.N())
	}
	r, c := slices.Index(p.m.RowLabels, "Cambodia"), slices.Index(p.m.ColLabels, "Agriculture")
	p.table.Select(widget.TableCellID{Row: r, Col: c})
	want := demoTitles(t, func(s assets.DemoStudy) bool {
		return slices.Contains(s.Countries, "Cambodia") && slices.Contains(s.Sectors, "Agriculture")
	})
	if got := chooserTitles(p.chooser); !slices.Equal(got, want) || len(want) != 2 {
		t.Fatalf("Cambodia x Agriculture lists %v, want %v", got, want)
	}
	if !strings.Contains(p.chooser.header.Text, "2 studies") {
		t.Errorf("header %q", p.chooser.header.Text)
	}
	// The fullest cell is shaded and shows its count; an empty one is not.
	obj := p.newCell()
	maxR, maxC := -1, -1
	for i := range p.m.Cells {
		for j := range p.m.Cells[i] {
			if p.m.Cells[i][j].N() == p.m.Max {
				maxR, maxC = i, j
			}
		}
	}
	p.updateCell(widget.TableCellID{Row: maxR, Col: maxC}, obj)
	box := obj.(*fyne.Container)
	fill := withAlpha(box.Objects[0].(*canvas.Rectangle).FillColor, 1)
	count := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text).Text
	if fill.A < 200 || count != strconv.Itoa(p.m.Max) {
		t.Errorf("fullest cell: fill %v, text %q, want %d", fill, count, p.m.Max)
	}
	for i := range p.m.Cells {
		for j := range p.m.Cells[i] {
			if p.m.Cells[i][j].N() == 0 {
				p.updateCell(widget.TableCellID{Row: i, Col: j}, obj)
				if a := withAlpha(box.Objects[0].(*canvas.Rectangle).FillColor, 1).A; a != 0 {
					t.Errorf("empty cell alpha %d", a)
				}
			}
		}
	}
	checkOpensStudy(t, h, p.chooser, 0)
	if ps := h.Passages(); ps[len(ps)-1].End != 0 {
		t.Errorf("a map cell's study opens at a passage: %+v", ps[len(ps)-1])
	}
	// A change saved elsewhere recounts the map and keeps the chosen cell.
	h.Changed(nil)
	a.Settle(t)
	if !p.hasSel || p.sel != (widget.TableCellID{Row: r, Col: c}) || !slices.Equal(chooserTitles(p.chooser), want) {
		t.Errorf("after a change: cell %v chosen %v, listing %v", p.sel, p.hasSel, chooserTitles(p.chooser))
	}
	// Totals: the last row and column.
	p.onCell(len(p.m.RowLabels), len(p.m.ColLabels))
	if len(p.chooser.items) != 10 {
		t.Errorf("grand total lists %d studies", len(p.chooser.items))
	}
	// Theme x sector.
	p.rows.SetSelected(brief.DimTheme)
	a.Settle(t)
	if p.m.Rows != brief.DimTheme || p.hasSel {
		t.Fatalf("theme map: rows %s, a cell chosen %v", p.m.Rows, p.hasSel)
	}
	if !slices.Contains(p.m.RowLabels, "Debt bondage") {
		t.Errorf("theme rows %v", p.m.RowLabels)
	}
	if !slices.Contains(p.cols.Options, "publication type") {
		t.Errorf("column choices %v", p.cols.Options)
	}
	p.cols.SetSelected("publication type")
	a.Settle(t)
	if p.m.Cols != query.DimPubType {
		t.Fatalf("theme x publication type: columns %s", p.m.Cols)
	}
	// Two requests in a row: only the newer one is shown.
	p.cols.SetSelected(query.DimCountry)
	p.cols.SetSelected(query.DimSector)
	a.Settle(t)
	if p.m.Cols != query.DimSector {
		t.Fatalf("theme x sector: columns %s", p.m.Cols)
	}
	// Exports.
	dir := t.TempDir()
	for _, f := range mapExports {
		path := filepath.Join(dir, "map."+f)
		p.onExport(path, f)
		a.Settle(t)
		if p.status.Text != "Wrote "+path {
			t.Fatalf("%s export: %q", f, p.status.Text)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "map.svg")); !bytes.HasPrefix(b, []byte("<svg")) || !bytes.Contains(b, []byte("Debt bondage")) {
		t.Errorf("svg: %.100s", b)
	}
	f, _ := os.Open(filepath.Join(dir, "map.png"))
	if _, err := png.Decode(f); err != nil {
		t.Errorf("png: %v", err)
	}
	f.Close()
	x, err := excelize.OpenFile(filepath.Join(dir, "map.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue("Map", "A1"); v != "theme \\ sector" {
		t.Errorf("xlsx A1 = %q", v)
	}
}

// figureIndex finds a number of the draft by section and label.
func figureIndex(p *briefPanel, section, label string) int {
	return slices.IndexFunc(p.figures, func(f briefFigure) bool { return f.section == section && f.label == label })
}

func TestDraftBriefScreen(t *testing.T) {
	a, h := demoHost(t)
	p := newBriefPanel(h, h)
	p.open()
	a.Settle(t)
	if p.brief == nil {
		t.Fatalf("no draft: %q", p.status.Text)
	}
	if i := figureIndex(p, "Scope", "Included studies"); i < 0 || p.figures[i].count.N != 10 {
		t.Fatalf("included studies figure %d in %d figures", i, len(p.figures))
	}
	if !strings.Contains(p.markdown, "\n*"+p.date.Text+"*\n") || p.date.Text == "" {
		t.Errorf("no date line under the title:\n%.200s", p.markdown)
	}
	p.title.SetText("Forced labour in the Mekong")
	a.Settle(t)
	if !strings.HasPrefix(p.markdown, "# Forced labour in the Mekong\n") {
		t.Fatalf("titled draft:\n%.200s", p.markdown)
	}
	// The citation style: author-year by default, APA when chosen.
	if !strings.Contains(p.markdown, "Chan et al. 2021") || strings.Contains(p.markdown, "Chan et al., 2021") {
		t.Fatalf("author-year citations:\n%.300s", p.markdown)
	}
	p.citation.SetSelected(citationLabel(brief.StyleAPA))
	a.Settle(t)
	if !strings.Contains(p.markdown, "Chan et al., 2021") {
		t.Fatalf("APA citations not drafted")
	}
	p.citation.SetSelected(citationLabel(brief.StyleAuthorYear))
	a.Settle(t)
	text := p.preview.String()
	if !strings.Contains(text, "Evidence map") || !strings.Contains(text, "Debt bondage") || strings.Contains(text, "data:image") {
		t.Errorf("preview:\n%.1500s", text)
	}
	if len(p.countries.Options) != 5 || !slices.Contains(p.sectors.Options, "Domestic work") {
		t.Errorf("filter options %v %v", p.countries.Options, p.sectors.Options)
	}
	// A map number lists exactly the studies behind it.
	i := figureIndex(p, "Evidence map", "Thailand × Domestic work")
	if i < 0 {
		t.Fatalf("no Thailand × Domestic work figure")
	}
	p.numbers.Select(i)
	want := demoTitles(t, func(s assets.DemoStudy) bool {
		return slices.Contains(s.Countries, "Thailand") && slices.Contains(s.Sectors, "Domestic work")
	})
	if got := chooserTitles(p.chooser); !slices.Equal(got, want) || len(want) == 0 {
		t.Fatalf("Thailand × Domestic work lists %v, want %v", got, want)
	}
	checkOpensStudy(t, h, p.chooser, 0)
	// A theme's study opens at its first passage of the theme.
	ti := slices.IndexFunc(p.figures, func(f briefFigure) bool { return f.section == "Themes" && f.code != "" && f.count.N > 1 })
	if ti < 0 {
		t.Fatal("no theme figure")
	}
	p.numbers.Select(ti)
	si := len(p.chooser.items) - 1 // another study than the one opened last
	it := p.chooser.items[si]
	cs, err := coding.Codings(h.Project(), coding.CodingFilter{Study: it.guid, Code: p.figures[ti].code})
	if err != nil || len(cs) == 0 || cs[0].Start != it.start || cs[0].End != it.end || it.end <= it.start {
		t.Fatalf("theme passage %d-%d, codings %v %v", it.start, it.end, cs, err)
	}
	checkOpensStudy(t, h, p.chooser, si)
	// Filtering redrafts, one change after another.
	p.countries.SetSelected([]string{"Viet Nam"})
	a.Settle(t)
	if p.brief == nil || p.brief.Scope.Studies.N != 3 {
		t.Fatalf("filtered draft: %q", p.status.Text)
	}
	p.countries.SetSelected(nil)
	a.Settle(t)
	if p.brief == nil || p.brief.Scope.Studies.N != 10 {
		t.Fatalf("unfiltered draft: %q", p.status.Text)
	}
	p.yearFrom.SetText("2030")
	a.Settle(t)
	if p.brief != nil || !strings.Contains(p.status.Text, "No included study") || !p.exports[0].Disabled() {
		t.Errorf("status %q", p.status.Text)
	}
	p.yearFrom.SetText("x")
	if !strings.Contains(p.status.Text, "not a year") {
		t.Errorf("a bad year: status %q", p.status.Text)
	}
	p.yearFrom.SetText("")
	a.Settle(t)
	if p.brief == nil || p.brief.Scope.Studies.N != 10 {
		t.Fatalf("full draft: %q", p.status.Text)
	}
	// A change saved elsewhere is drafted: a study sent back to screening
	// is no longer included.
	back := p.brief.Studies[0].GUID
	if err := coding.SetStatus(h.Project(), []string{back}, corpus.StatusToScreen, ""); err != nil {
		t.Fatal(err)
	}
	h.Changed([]string{back})
	a.Settle(t)
	if p.brief == nil || p.brief.Scope.Studies.N != 9 {
		t.Fatalf("after excluding a study: %q", p.status.Text)
	}
	// A table coded on a page of an included study: every export shows
	// its image; the draft on screen keeps none.
	debt, err := coding.ResolveCode(h.Project(), "Themes/Debt bondage")
	if err != nil {
		t.Fatal(err)
	}
	inc := p.brief.Studies[0].GUID
	if _, err := coding.ApplyArea(h.Project(), coding.PageArea{Study: inc, Rect: coding.Rect{X0: 60, Y0: 60, X1: 300, Y1: 200}, Label: "table"}, debt.GUID, ""); err != nil {
		t.Fatal(err)
	}
	h.Changed([]string{inc})
	a.Settle(t)
	if p.brief == nil || !strings.Contains(p.markdown, "Also coded on the pages: Table on p. 1 of") {
		t.Fatalf("the draft does not list the area: %q", p.status.Text)
	}
	// Exports.
	dir := t.TempDir()
	for _, f := range []string{"md", "html", "docx", "pdf"} {
		path := filepath.Join(dir, "brief."+f)
		p.onExport(path, briefFormat(t, f))
		a.Settle(t)
		if p.status.Text != "Wrote "+path {
			t.Fatalf("%s export: %q", f, p.status.Text)
		}
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if b := read("brief.md"); !bytes.Contains(b, []byte("## 4. Evidence map")) || !bytes.Contains(b, []byte("](data:image/png;base64,")) {
		t.Errorf("md: %.300s", b)
	}
	if b := read("brief.pdf"); !bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Errorf("the pdf has no image of the coded table")
	}
	for _, sec := range p.brief.Themes {
		for _, th := range sec.Themes {
			for _, ar := range th.Areas {
				if ar.PNG != nil {
					t.Errorf("the draft on screen was given the export's image of %s", ar.Text)
				}
			}
		}
	}
	if b := read("brief.html"); !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("html without charts")
	}
	if b := read("brief.pdf"); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("pdf starts %q", b[:8])
	}
	b := read("brief.docx")
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || !slices.ContainsFunc(z.File, func(f *zip.File) bool { return f.Name == "word/document.xml" }) ||
		!slices.ContainsFunc(z.File, func(f *zip.File) bool { return f.Name == "word/media/area1.png" }) {
		t.Errorf("docx without its document or the coded table's picture: %v", err)
	}
	// An author's template drives the preview and the Markdown export.
	tmpl := filepath.Join(dir, "short.md.tmpl")
	writeFile(t, tmpl, "# {{.Title}}\n\n{{.Scope.Studies.N}} studies.\n")
	if err := p.useTemplate(tmpl); err != nil {
		t.Fatal(err)
	}
	a.Settle(t)
	if !strings.HasSuffix(p.markdown, "9 studies.\n") {
		t.Fatalf("templated draft %q", p.markdown)
	}
	p.onExport(filepath.Join(dir, "short.md"), briefFormat(t, "md"))
	a.Settle(t)
	if b := read("short.md"); !strings.HasSuffix(string(b), "9 studies.\n") {
		t.Errorf("templated export %q", b)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func briefFormat(t *testing.T, s string) brief.Format {
	t.Helper()
	f, err := brief.ParseFormat(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPreviewMarkdown(t *testing.T) {
	md := "# T\n\n![Evidence map](data:image/svg+xml;base64,AAAA)\n\n| A | Bee |\n|---|---|\n| **x** | 1 |\n\nEnd"
	got := previewMarkdown(md)
	want := "# T\n\n*[Figure: Evidence map — included in every export]*\n\n```\nA  Bee\nx  1\n```\n\nEnd"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	wide := "| Criterion | Definition |\n|---|---|\n| Sampling explained | The study explains who was eligible, how they were reached and why. |\n"
	want = "**Criterion · Definition**\n\n- **Sampling explained** — Definition: The study explains who was eligible, how they were reached and why.\n\n"
	if got := previewMarkdown(wide); got != want {
		t.Errorf("wide table:\n%q\nwant\n%q", got, want)
	}
}

// noProject is a main window with no project open.
type noProject struct{ *uitest.Host }

func (noProject) Project() *corpus.Project { return nil }

func TestBriefScreensOpenWindows(t *testing.T) {
	a, h := demoHost(t)
	before := len(a.Driver().AllWindows())
	ShowEvidenceMap(noProject{h}, h)
	ShowDraftBrief(noProject{h}, h)
	if n := len(a.Driver().AllWindows()); n != before {
		t.Errorf("without a project the screens opened windows (%d -> %d)", before, n)
	}
	ShowEvidenceMap(h, h)
	ShowDraftBrief(h, h)
	a.Settle(t)
	var titles []string
	for _, w := range slices.Clone(a.Driver().AllWindows())[before:] {
		titles = append(titles, w.Title())
		text := uitest.Text(t, w.Content())
		if !strings.Contains(text, "10 studies") {
			t.Errorf("%s shows %q", w.Title(), text)
		}
	}
	if len(titles) != 2 || !strings.HasPrefix(titles[0], "Evidence map — Demo") || !strings.HasPrefix(titles[1], "Draft brief — Demo") {
		t.Errorf("windows: %s", strings.Join(titles, " | "))
	}
}
