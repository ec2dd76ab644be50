// Package report holds the Brief menu's screens: the evidence map (studies
// counted by two dimensions, shaded and marked by rigor, exported as PNG,
// SVG or XLSX), the draft evidence brief (filters, a live preview, the
// studies behind every number, the author's key findings and
// recommendations, export to Markdown, HTML, Word and PDF, one brief or one
// per sector or country) and the confidence in each finding (GRADE-CERQual).
// Each opens in its own window and gets passed the main window as a
// ui.Host (the project, the "data changed" signal) and a ui.Navigator, so
// that a study behind a number or a cell opens in the main window's reader.
package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/corpus"
)

// ShowDraftBrief opens the Brief > Draft brief window on h's project; a
// study behind a number of the draft opens in the main window through nav.
func ShowDraftBrief(h ui.Host, nav ui.Navigator) { newBriefPanel(h, nav).open() }

const (
	anyRigor        = "any (include unrated)"
	defaultTemplate = "Default template"
	fileTemplate    = "Template file…"
	oneBrief        = "one brief"
	perSector       = "one per sector"
	perCountry      = "one per country"
)

// briefPanel is the Draft brief screen: filters on the left, the draft
// rendered as Markdown in the middle, the numbers of the draft and the
// studies behind the chosen number on the right, and export buttons.
type briefPanel struct {
	h   ui.Host
	nav ui.Navigator
	win fyne.Window

	sectors, countries, methods *widget.CheckGroup
	yearFrom, yearTo            *widget.Entry
	minRigor                    *widget.Select
	consensus                   *widget.Check
	title, date                 *widget.Entry
	citation                    *widget.Select
	template                    *widget.Select
	templateInfo                *widget.Label
	per                         *widget.Select
	themes, quotes              *widget.Entry
	texts                       *briefTexts
	preview                     *widget.RichText
	numbers                     *widget.List
	chooser                     *studyChooser
	status                      *widget.Label
	exports                     []*widget.Button

	data     *brief.Data
	brief    *brief.Brief
	markdown string
	figures  []briefFigure
	tmplPath string // author's template file, "" for the default
	tmplText string
	tmplHTML bool // the author's template is an HTML template

	loading  ui.Lane // reading the project
	drafting ui.Lane // the draft with the latest settings
}

func newBriefPanel(h ui.Host, nav ui.Navigator) *briefPanel { return &briefPanel{h: h, nav: nav} }

func (p *briefPanel) build() fyne.CanvasObject {
	p.sectors = widget.NewCheckGroup(nil, func([]string) { p.onFilter() })
	p.countries = widget.NewCheckGroup(nil, func([]string) { p.onFilter() })
	p.methods = widget.NewCheckGroup(nil, func([]string) { p.onFilter() })
	p.yearFrom, p.yearTo = widget.NewEntry(), widget.NewEntry()
	p.yearFrom.SetPlaceHolder("from")
	p.yearTo.SetPlaceHolder("to")
	p.yearFrom.OnChanged = func(string) { p.onFilter() }
	p.yearTo.OnChanged = func(string) { p.onFilter() }
	p.minRigor = widget.NewSelect([]string{anyRigor, coding.RatingLow, coding.RatingMedium, coding.RatingHigh}, func(string) { p.onFilter() })
	p.minRigor.Selected = anyRigor
	p.consensus = widget.NewCheck("Consensus appraisals and codings only", func(bool) { p.onFilter() })
	p.title, p.date = widget.NewEntry(), widget.NewEntry()
	p.title.SetPlaceHolder("Evidence brief: <project>")
	p.date.Text = time.Now().Format("2 January 2006")
	p.title.OnChanged = func(string) { p.onFilter() }
	p.date.OnChanged = func(string) { p.onFilter() }
	p.citation = widget.NewSelect(citationLabels(), func(string) { p.onFilter() })
	p.citation.Selected = citationLabel(brief.StyleAuthorYear)
	p.template = widget.NewSelect([]string{defaultTemplate, fileTemplate}, p.onTemplate)
	p.template.Selected = defaultTemplate
	p.templateInfo = widget.NewLabel("")
	p.templateInfo.Wrapping = fyne.TextWrapWord
	p.per = widget.NewSelect([]string{oneBrief, perSector, perCountry}, func(string) {})
	p.per.Selected = oneBrief
	p.themes, p.quotes = widget.NewEntry(), widget.NewEntry()
	p.themes.SetText(strconv.Itoa(brief.DefaultMaxThemes))
	p.quotes.SetText(strconv.Itoa(brief.DefaultMaxQuotes))
	p.themes.OnChanged = func(string) { p.onFilter() }
	p.quotes.OnChanged = func(string) { p.onFilter() }
	p.texts = newBriefTexts(p.h)
	for _, f := range brief.Formats {
		b := widget.NewButton(strings.ToUpper(string(f)), func() { p.onExportDialog(f) })
		b.Disable()
		p.exports = append(p.exports, b)
	}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	filters := container.NewVBox(
		bold("Sectors"), p.sectors, bold("Countries"), p.countries, bold("Methods"), p.methods,
		bold("Published"), container.NewGridWithColumns(2, p.yearFrom, p.yearTo),
		bold("Minimum rigor"), p.minRigor, p.consensus,
		container.NewGridWithColumns(2, bold("Themes per sector"), bold("Quotes per theme")),
		container.NewGridWithColumns(2, p.themes, p.quotes),
		widget.NewLabel("0 shows them all; themes beyond the limit are named."),
		bold("Title"), p.title, bold("Date line"), p.date, bold("Citations"), p.citation,
		bold("Template"), p.template, p.templateInfo,
	)
	confidence := widget.NewButton("Confidence in findings…", func() {
		f, _ := p.filter()
		showConfidence(p.h, p.nav, brief.Filter{Sectors: f.Sectors, Countries: f.Countries})
	})
	tabs := container.NewAppTabs(
		container.NewTabItem("Filters", container.NewVScroll(filters)),
		container.NewTabItem("Texts", p.texts.build()),
	)
	left := container.NewBorder(nil, container.NewVBox(confidence, bold("Export"), container.NewBorder(nil, nil, widget.NewLabel("Write"), nil, p.per),
		container.NewGridWithColumns(2, p.exports[0], p.exports[1], p.exports[2], p.exports[3])),
		nil, nil, tabs)

	p.preview = widget.NewRichTextFromMarkdown("*Reading the project…*")
	p.preview.Wrapping = fyne.TextWrapWord
	p.numbers = widget.NewList(func() int { return len(p.figures) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("section: label — n")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.figures) {
				f := p.figures[id]
				o.(*widget.Label).SetText(fmt.Sprintf("%d  %s · %s", f.count.N, f.section, f.label))
			}
		})
	p.numbers.OnSelected = p.onNumber
	p.chooser = newStudyChooser(p.h, p.nav)
	right := container.NewVSplit(
		container.NewBorder(bold("Numbers in the draft"), nil, nil, nil, p.numbers),
		p.chooser.build())
	right.SetOffset(0.55)
	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	mid := container.NewHSplit(container.NewVScroll(p.preview), right)
	mid.SetOffset(0.62)
	main := container.NewHSplit(left, mid)
	main.SetOffset(0.22)
	return container.NewBorder(nil, p.status, nil, nil, main)
}

// open shows the screen in its own window and loads the project's data;
// the draft follows every change saved to the project while it is open.
func (p *briefPanel) open() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	content := p.build()
	stop := p.h.OnChange(func([]string) { p.load() })
	p.win = ui.ShowWindow(p.h, "Draft brief — "+proj.Name(), fyne.NewSize(1280, 820), content,
		[]*ui.Lane{&p.loading, &p.drafting}, stop)
	p.load()
}

// load reads the project into brief data in the background, then drafts.
func (p *briefPanel) load() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	p.status.SetText("Reading studies, appraisals and codings…")
	ui.Run(&p.loading, func(ctx context.Context) (brief.Data, error) {
		return brief.FromProject(ctx, proj, brief.ProjectOptions{})
	}, func(data brief.Data, err error) {
		if err != nil {
			p.status.SetText("Could not read the project: " + ui.Plain(err))
			return
		}
		p.data = &data
		p.fillOptions()
		p.rebuild()
		p.texts.show(&data, p.scope())
	})
}

// fillOptions offers the sectors, countries and methods of the reportable studies.
func (p *briefPanel) fillOptions() {
	var sectors, countries, methods []string
	addTo := func(list *[]string, v string) {
		v = strings.TrimSpace(v)
		if v != "" && !slices.ContainsFunc(*list, func(x string) bool { return strings.EqualFold(x, v) }) {
			*list = append(*list, v)
		}
	}
	for _, s := range p.data.Studies {
		if s.Status != corpus.StatusIncluded {
			continue
		}
		for _, v := range s.Sectors {
			addTo(&sectors, v)
		}
		for _, v := range s.Countries {
			addTo(&countries, v)
		}
		addTo(&methods, s.Method)
	}
	for _, l := range [][]string{sectors, countries, methods} {
		slices.SortFunc(l, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	}
	p.sectors.Options, p.countries.Options, p.methods.Options = sectors, countries, methods
	p.sectors.Refresh()
	p.countries.Refresh()
	p.methods.Refresh()
}

// scope is the brief scope of the sector and country filters.
func (p *briefPanel) scope() string {
	return brief.ScopeKey(brief.Filter{Sectors: p.sectors.Selected, Countries: p.countries.Selected})
}

// filter reads the controls.
func (p *briefPanel) filter() (brief.Filter, error) {
	f := brief.Filter{Sectors: slices.Clone(p.sectors.Selected), Countries: slices.Clone(p.countries.Selected),
		Methods: slices.Clone(p.methods.Selected), ConsensusOnly: p.consensus.Checked}
	for _, c := range []struct {
		e    *widget.Entry
		to   *int
		name string
	}{{p.themes, &f.MaxThemes, "themes per sector"}, {p.quotes, &f.MaxQuotes, "quotes per theme"}} {
		s := strings.TrimSpace(c.e.Text)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return f, &brief.FilterError{Field: c.name, Problem: fmt.Sprintf("%q is not 0 (all) or a number of them", s)}
		}
		*c.to = n
		if n == 0 {
			*c.to = brief.NoLimit
		}
	}
	if r := p.minRigor.Selected; r != anyRigor {
		f.MinRigor = r
	}
	for _, st := range brief.CitationStyles {
		if citationLabel(st) == p.citation.Selected {
			f.Citation = st
		}
	}
	for _, y := range []struct {
		e    *widget.Entry
		to   *int
		name string
	}{{p.yearFrom, &f.YearFrom, "first year"}, {p.yearTo, &f.YearTo, "last year"}} {
		s := strings.TrimSpace(y.e.Text)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return f, &brief.FilterError{Field: y.name, Problem: fmt.Sprintf("%q is not a year", s)}
		}
		*y.to = n
	}
	return f, nil
}

func (p *briefPanel) onFilter() {
	if p.data != nil {
		p.rebuild()
		p.texts.show(p.data, p.scope())
	}
}

// draft is a drafted brief and its Markdown.
type draft struct {
	b  *brief.Brief
	md string
}

// rebuild drafts the brief in the background with the current settings; a
// newer draft supersedes it.
func (p *briefPanel) rebuild() {
	f, err := p.filter()
	if err != nil {
		p.drafting.Stop()
		p.status.SetText(err.Error())
		return
	}
	data, tmpl := *p.data, ""
	data.Title, data.Date = strings.TrimSpace(p.title.Text), strings.TrimSpace(p.date.Text)
	if !p.tmplHTML {
		tmpl = p.tmplText
	}
	p.status.SetText("Drafting…")
	ui.Run(&p.drafting, func(context.Context) (draft, error) {
		b, err := brief.Build(data, f)
		var md bytes.Buffer
		if err == nil {
			err = brief.Render(&md, b, brief.Markdown, tmpl)
		}
		return draft{b, md.String()}, err
	}, func(d draft, err error) { p.drafted(d.b, d.md, err) })
}

// drafted shows a new draft (UI goroutine).
func (p *briefPanel) drafted(b *brief.Brief, md string, err error) {
	if err != nil {
		p.brief, p.figures = nil, nil
		msg := ui.Plain(err)
		var nm *brief.NoMatchError
		if errors.Is(err, brief.ErrNoStudies) && !errors.As(err, &nm) {
			msg = "No included study matches these filters."
		}
		p.preview.ParseMarkdown("*" + msg + "*")
		p.status.SetText(msg)
		p.setExports(false)
	} else {
		p.brief, p.markdown, p.figures = b, md, briefFigures(b)
		p.preview.ParseMarkdown(previewMarkdown(md))
		p.status.SetText(fmt.Sprintf("Draft of %d studies, %d numbers traceable to their studies; select a number on the right.",
			b.Scope.Studies.N, len(p.figures)))
		p.setExports(true)
	}
	p.numbers.UnselectAll()
	p.numbers.Refresh()
	p.chooser.show("Select a number to see its studies.", nil)
}

func (p *briefPanel) setExports(on bool) {
	for _, b := range p.exports {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// onNumber lists the studies behind a number of the draft.
func (p *briefPanel) onNumber(id widget.ListItemID) {
	if id >= len(p.figures) || p.brief == nil {
		return
	}
	f := p.figures[id]
	items := make([]studyItem, 0, len(f.count.Studies))
	for _, g := range f.count.Studies {
		ref, ok := p.brief.Study(g)
		if !ok {
			continue
		}
		detail := ref.Citation
		if ref.Rating != "" {
			detail += ", " + ref.Rating + " rigor"
		}
		it := studyItem{guid: g, title: ref.Title, detail: detail}
		if f.code != "" {
			it.start, it.end = p.firstPassage(g, f.code)
		}
		items = append(items, it)
	}
	p.chooser.show(fmt.Sprintf("%s · %s: %d %s (tap one to open it)", f.section, f.label, f.count.N,
		map[bool]string{true: "study", false: "studies"}[f.count.N == 1]), items)
}

// firstPassage returns the first passage of a study coded with a code
// (0, 0 when there is none).
func (p *briefPanel) firstPassage(study, code string) (int, int) {
	best, end := -1, 0
	for _, q := range p.data.Quotes {
		if q.StudyGUID == study && q.CodeGUID == code && (best < 0 || q.Start < best) {
			best, end = q.Start, q.Start+utf8.RuneCountInString(q.Text)
		}
	}
	if best < 0 {
		return 0, 0
	}
	return best, end
}

// onTemplate switches between the default template and an author's file.
func (p *briefPanel) onTemplate(choice string) {
	if choice == defaultTemplate {
		p.tmplPath, p.tmplText, p.tmplHTML = "", "", false
		p.templateInfo.SetText("")
		p.onFilter()
		return
	}
	if p.win == nil {
		return
	}
	ui.ShowFileDialog(p.win, dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if p.tmplPath == "" {
				p.template.Selected = defaultTemplate
			}
			return
		}
		path := r.URI().Path()
		r.Close()
		p.useTemplate(path)
	}, p.win))
}

// useTemplate loads an author's template file.
func (p *briefPanel) useTemplate(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		p.status.SetText("Could not read the template: " + ui.Plain(err))
		return err
	}
	name := strings.ToLower(filepath.Base(path))
	p.tmplPath, p.tmplText = path, string(b)
	p.tmplHTML = strings.Contains(name, ".html") || strings.Contains(name, ".htm")
	if p.tmplHTML {
		p.templateInfo.SetText(filepath.Base(path) + " is used for HTML export; the preview and other formats use the default.")
	} else {
		p.templateInfo.SetText(filepath.Base(path) + " is used for the preview and Markdown, Word and PDF export; HTML uses the default.")
	}
	p.onFilter()
	return nil
}

func (p *briefPanel) onExportDialog(f brief.Format) {
	if per := p.perDimension(); per != "" {
		p.chooseSeriesFolder(f, per)
		return
	}
	name := "evidence-brief"
	if proj := p.h.Project(); proj != nil {
		name = strings.TrimSuffix(filepath.Base(proj.Path()), corpus.Extension) + " brief"
	}
	ui.SaveFile(p.win, name, "."+string(f), func(path string) { p.onExport(path, f) })
}

// onExport renders the current draft to path in the background.
func (p *briefPanel) onExport(path string, f brief.Format) {
	b := p.brief
	if b == nil {
		return
	}
	tmpl := ""
	if (f == brief.HTML) == p.tmplHTML {
		tmpl = p.tmplText
	}
	proj := p.h.Project()
	p.status.SetText(fmt.Sprintf("Writing %s…", filepath.Base(path)))
	ui.Go(func() ([]string, error) {
		b, problems, err := withAreaImages(proj, b)
		if err != nil {
			return nil, err
		}
		return problems, ui.WriteFileAtomic(path, func(w *os.File) error { return brief.Render(w, b, f, tmpl) })
	}, func(problems []string, err error) {
		if err != nil {
			p.status.SetText("Export failed: " + ui.Plain(err))
			if p.win != nil {
				ui.ShowError(p.win, "Export brief", err)
			}
			return
		}
		p.status.SetText("Wrote " + path + areaProblems(problems))
	})
}
