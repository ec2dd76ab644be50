package app

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
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/coding/query"
)

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

// waitUntil receives hook events until cond holds.
func waitUntil(t *testing.T, ch <-chan error, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case err := <-ch:
			if cond() {
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// openQuiet opens the demo and waits until the search index is ready, so
// its background status update cannot race with the test (on the test
// driver fyne.Do runs on the calling goroutine).
func openQuiet(t *testing.T, wb *Workbench) {
	t.Helper()
	openAndWait(t, wb, demoCopy(t))
	if wb.searcher == nil {
		return
	}
	ready := make(chan struct{}, 1)
	wb.searcher.whenReady(func() {
		select {
		case ready <- struct{}{}:
		default:
		}
	})
	if ix, _ := wb.searcher.index(); ix == nil {
		waitFor(t, ready, "search index")
	}
}

// checkOpensStudy taps the chooser's first study and checks the main window selects it.
func checkOpensStudy(t *testing.T, wb *Workbench, c *studyChooser, i int) {
	t.Helper()
	loaded := make(chan string, 2)
	wb.reader.loaded = func(s string) { loaded <- s }
	defer func() { wb.reader.loaded = nil }()
	want := c.items[i].guid
	c.list.Select(i)
	if got := waitFor(t, loaded, "study to open"); got != want || wb.studies.selected != want {
		t.Fatalf("opened %s (list %s), want %s", got, wb.studies.selected, want)
	}
}

func TestEvidenceMapScreen(t *testing.T) {
	wb := newTestWorkbench(t)
	openQuiet(t, wb)
	p := newMapPanel(wb)
	loaded := make(chan error, 8)
	p.loaded = func(err error) { loaded <- err }
	p.open()
	waitUntil(t, loaded, "map", func() bool { return p.m != nil })
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
	checkOpensStudy(t, wb, p.chooser, 0)
	// Totals: the last row and column.
	p.onCell(len(p.m.RowLabels), len(p.m.ColLabels))
	if len(p.chooser.items) != 10 {
		t.Errorf("grand total lists %d studies", len(p.chooser.items))
	}
	// Theme x sector.
	p.rows.Selected = brief.DimTheme // as the Select does, without its refresh racing the reload
	p.reload()
	waitUntil(t, loaded, "theme map", func() bool { return p.m.Rows == brief.DimTheme })
	if !slices.Contains(p.m.RowLabels, "Debt bondage") {
		t.Errorf("theme rows %v", p.m.RowLabels)
	}
	if !slices.Contains(p.cols.Options, "publication type") {
		t.Errorf("column choices %v", p.cols.Options)
	}
	p.cols.Selected = "publication type"
	p.reload()
	waitUntil(t, loaded, "theme x publication type", func() bool { return p.m.Cols == query.DimPubType })
	p.cols.Selected = query.DimSector
	p.reload()
	waitUntil(t, loaded, "theme x sector", func() bool { return p.m.Cols == query.DimSector })
	// Exports.
	dir := t.TempDir()
	done := make(chan error, 3)
	p.exported = func(_ string, err error) { done <- err }
	for _, f := range mapExports {
		p.onExport(filepath.Join(dir, "map."+f), f)
		if err := waitFor(t, done, f+" export"); err != nil {
			t.Fatal(err)
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
	wb := newTestWorkbench(t)
	openQuiet(t, wb)
	p := newBriefPanel(wb)
	built := make(chan error, 16)
	p.built = func(err error) { built <- err }
	p.open()
	waitUntil(t, built, "draft", func() bool { return p.brief != nil })
	if i := figureIndex(p, "Scope", "Included studies"); i < 0 || p.figures[i].count.N != 10 {
		t.Fatalf("included studies figure %d in %d figures", i, len(p.figures))
	}
	if !strings.Contains(p.markdown, "\n*"+p.date.Text+"*\n") || p.date.Text == "" {
		t.Errorf("no date line under the title:\n%.200s", p.markdown)
	}
	p.title.Text = "Forced labour in the Mekong"
	p.onFilter()
	waitUntil(t, built, "titled draft", func() bool { return strings.HasPrefix(p.markdown, "# Forced labour in the Mekong\n") })
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
	checkOpensStudy(t, wb, p.chooser, 0)
	// A theme's study opens at its first passage of the theme.
	ti := slices.IndexFunc(p.figures, func(f briefFigure) bool { return f.section == "Themes" && f.code != "" && f.count.N > 1 })
	if ti < 0 {
		t.Fatal("no theme figure")
	}
	p.numbers.Select(ti)
	si := slices.IndexFunc(p.chooser.items, func(it studyItem) bool { return it.guid != wb.reader.study })
	it := p.chooser.items[si]
	cs, err := coding.Codings(wb.Project(), coding.CodingFilter{Study: it.guid, Code: p.figures[ti].code})
	if err != nil || len(cs) == 0 || cs[0].Start != it.start || cs[0].End != it.end {
		t.Fatalf("theme passage %d-%d, codings %v %v", it.start, it.end, cs, err)
	}
	checkOpensStudy(t, wb, p.chooser, si)
	// Filtering redrafts.
	// Filters are set as the widgets would and the widgets' handler is
	// called: on the test driver fyne.Do runs on the calling goroutine, so a
	// widget's own refresh after its OnChanged would race with the draft.
	p.countries.Selected = []string{"Viet Nam"}
	p.onFilter()
	waitUntil(t, built, "filtered draft", func() bool { return p.brief != nil && p.brief.Scope.Studies.N == 3 })
	// One change at a time, for the same reason.
	p.countries.Selected = nil
	p.onFilter()
	waitUntil(t, built, "unfiltered draft", func() bool { return p.brief != nil && p.brief.Scope.Studies.N == 10 })
	p.yearFrom.Text = "2030"
	p.onFilter()
	waitUntil(t, built, "empty draft", func() bool { return p.brief == nil })
	if !strings.Contains(p.status.Text, "No included study") || !p.exports[0].Disabled() {
		t.Errorf("status %q", p.status.Text)
	}
	p.yearFrom.Text = ""
	p.onFilter()
	waitUntil(t, built, "full draft", func() bool { return p.brief != nil && p.brief.Scope.Studies.N == 10 })
	// Exports.
	dir := t.TempDir()
	done := make(chan error, 4)
	p.exported = func(_ string, err error) { done <- err }
	for _, f := range []string{"md", "html", "docx", "pdf"} {
		p.onExport(filepath.Join(dir, "brief."+f), briefFormat(t, f))
		if err := waitFor(t, done, f+" export"); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if b := read("brief.md"); !bytes.Contains(b, []byte("## 2. Evidence map")) {
		t.Errorf("md: %.300s", b)
	}
	if b := read("brief.html"); !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("html without charts")
	}
	if b := read("brief.pdf"); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("pdf starts %q", b[:8])
	}
	b := read("brief.docx")
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || !slices.ContainsFunc(z.File, func(f *zip.File) bool { return f.Name == "word/document.xml" }) {
		t.Errorf("docx: %v", err)
	}
	// An author's template drives the preview and the Markdown export.
	tmpl := filepath.Join(dir, "short.md.tmpl")
	writeFile(t, tmpl, "# {{.Title}}\n\n{{.Scope.Studies.N}} studies.\n")
	if err := p.useTemplate(tmpl); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, built, "templated draft", func() bool { return strings.HasSuffix(p.markdown, "10 studies.\n") })
	p.onExport(filepath.Join(dir, "short.md"), briefFormat(t, "md"))
	waitFor(t, done, "templated export")
	if b := read("short.md"); !strings.HasSuffix(string(b), "10 studies.\n") {
		t.Errorf("templated export %q", b)
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

func TestBriefMenuOpensWindows(t *testing.T) {
	wb := newTestWorkbench(t)
	var labels []string
	for _, c := range wb.commands()["Brief"] {
		labels = append(labels, c.label)
		if c.key == "" || !c.needProj {
			t.Errorf("%s: shortcut %q, needs a project %v", c.label, c.key, c.needProj)
		}
	}
	if !slices.Equal(labels, []string{"Evidence map…", "Draft brief…"}) {
		t.Fatalf("Brief menu %v", labels)
	}
	before := len(wb.app.Driver().AllWindows())
	wb.runCommand(wb.commands()["Brief"][0])
	if n := len(wb.app.Driver().AllWindows()); n != before {
		t.Errorf("without a project the map opened a window (%d -> %d)", before, n)
	}
	openQuiet(t, wb)
	done := make(chan error, 8)
	screenOpening = func(s any) {
		switch p := s.(type) {
		case *mapPanel:
			p.loaded = func(err error) { done <- err }
		case *briefPanel:
			p.built = func(err error) { done <- err }
		}
	}
	defer func() { screenOpening = nil }()
	// One screen at a time: on the test driver two screens' background work
	// would update the UI concurrently. Each finishes before the project closes.
	for _, c := range wb.commands()["Brief"] {
		wb.runCommand(c)
		if err := waitFor(t, done, c.label); err != nil {
			t.Fatal(err)
		}
	}
	var titles []string
	for _, w := range wb.app.Driver().AllWindows() {
		titles = append(titles, w.Title())
	}
	joined := strings.Join(titles, " | ")
	if !strings.Contains(joined, "Evidence map — Demo") || !strings.Contains(joined, "Draft brief — Demo") {
		t.Errorf("windows: %s", joined)
	}
}
