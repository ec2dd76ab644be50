package find

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus/search"
)

const (
	prefSearchHistory = "searchHistory"
	maxSearchHistory  = 20
	orderRelevance    = "Most relevant first"
	orderYear         = "Newest first"
	facetValuesShown  = 8
	snippetLead       = 40 // characters shown before a hit's first match
)

// searchFacets are the facets offered as filters, in display order.
var searchFacets = []struct{ key, label string }{
	{search.FacetCountry, "Country"}, {search.FacetSector, "Sector"}, {search.FacetMethod, "Method"},
	{search.FacetCode, "Code"}, {search.FacetYear, "Year"},
}

// Show opens the search window of the index's project (one at a time: a
// second call brings it to the front). Hits open in nav; codes are chosen
// from codes.
func Show(h ui.Host, codes ui.Codebook, nav ui.Navigator, ix *Index) {
	p := ix.panel
	if p == nil {
		p = newSearchPanel(h, codes, nav, ix)
		ix.panel = p
		p.win = ui.ShowWindow(h, "Search corpus — Evidence Workbench", fyne.NewSize(760, 820), p.build(),
			[]*ui.Lane{&p.searching, &p.coding}, func() { ix.panel = nil })
	}
	p.win.Show()
	p.win.RequestFocus()
	p.win.Canvas().Focus(p.query)
}

// searchRow is one line of the result list: a study heading (hit -1) or a hit.
type searchRow struct{ group, hit int }

// searchPanel is the search window: query with history, facet filters,
// results grouped by study, and coding all hits at once.
type searchPanel struct {
	host  ui.Host
	codes ui.Codebook
	nav   ui.Navigator
	ix    *Index
	win   fyne.Window

	query      *widget.SelectEntry
	order      *widget.Select
	searchBtn  *widget.Button
	facetBox   *fyne.Container
	results    *widget.List
	status     *widget.Label
	codeAllBtn *widget.Button

	res     *search.Results
	q       string // the query res answers
	opts    search.Options
	rows    []searchRow
	filters map[string]map[string]bool // ticked facet values
	ticked  map[string]bool            // ticked hits by chunk ID
	waiting bool                       // a search waits for the index to be ready

	searching ui.Lane // the search shown next
	coding    ui.Lane // the code-all preview

	// The open code-all dialog's scope choice, preview and confirm button.
	codeScope   *widget.RadioGroup
	codePreview *widget.Label
	confirmCode *widget.Button
}

func newSearchPanel(h ui.Host, codes ui.Codebook, nav ui.Navigator, ix *Index) *searchPanel {
	return &searchPanel{host: h, codes: codes, nav: nav, ix: ix, filters: map[string]map[string]bool{}, ticked: map[string]bool{}}
}

func (p *searchPanel) build() fyne.CanvasObject {
	p.query = widget.NewSelectEntry(p.history())
	p.query.SetPlaceHolder(`Search: words, "a phrase", OR, NOT, recruit*, country:Thailand, code:"Debt bondage"…`)
	p.query.OnSubmitted = func(string) { p.run() }
	p.order = widget.NewSelect([]string{orderRelevance, orderYear}, func(string) {
		if p.res != nil {
			p.run()
		}
	})
	p.order.SetSelected(orderRelevance)
	p.searchBtn = widget.NewButtonWithIcon("Search", theme.SearchIcon(), p.run)
	p.status = widget.NewLabel("Type a query and press Enter.")
	p.status.Wrapping = fyne.TextWrapWord
	p.codeAllBtn = widget.NewButtonWithIcon("Code all hits…", theme.ContentAddIcon(), p.onCodeAll)
	p.codeAllBtn.Disable()
	p.facetBox = container.NewVBox(widget.NewLabel("Filters appear with results."))
	p.results = widget.NewList(func() int { return len(p.rows) }, p.newRow, p.updateRow)
	p.results.OnSelected = func(id widget.ListItemID) {
		p.results.Unselect(id)
		p.openHit(id)
	}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(p.order, p.searchBtn), p.query)
	bottom := container.NewBorder(nil, nil, nil, p.codeAllBtn, p.status)
	split := container.NewHSplit(container.NewVScroll(p.facetBox), p.results)
	split.SetOffset(0.28)
	return container.NewBorder(top, bottom, nil, nil, split)
}

// history returns the saved queries, newest first.
func (p *searchPanel) history() []string {
	return p.host.App().Preferences().StringList(prefSearchHistory)
}

// remember puts q at the top of the history (at most maxSearchHistory kept).
func (p *searchPanel) remember(q string) {
	if q == "" {
		return
	}
	list := slices.DeleteFunc(p.history(), func(s string) bool { return s == q })
	list = append([]string{q}, list...)
	if len(list) > maxSearchHistory {
		list = list[:maxSearchHistory]
	}
	p.host.App().Preferences().SetStringList(prefSearchHistory, list)
	p.query.SetOptions(list)
}

// reset forgets the results of another project (UI goroutine).
func (p *searchPanel) reset() {
	p.searching.Stop()
	p.res, p.rows = nil, nil
	clear(p.ticked)
	clear(p.filters)
	p.results.Refresh()
	p.facetBox.Objects = []fyne.CanvasObject{widget.NewLabel("Filters appear with results.")}
	p.facetBox.Refresh()
	p.codeAllBtn.Disable()
	p.status.SetText("Another project was opened: press Enter to search it.")
}

// options returns the search options from the order and ticked facets.
func (p *searchPanel) options() search.Options {
	opts := search.Options{}
	if p.order.Selected == orderYear {
		opts.GroupBy = search.ByYear
	}
	for facet, values := range p.filters {
		for v, on := range values {
			if on {
				if opts.Filters == nil {
					opts.Filters = map[string][]string{}
				}
				opts.Filters[facet] = append(opts.Filters[facet], v)
			}
		}
	}
	for _, vs := range opts.Filters {
		slices.Sort(vs)
	}
	return opts
}

// run searches in the background and shows the results (UI goroutine).
func (p *searchPanel) run() {
	q := strings.TrimSpace(p.query.Text)
	if _, err := search.ParseQuery(q); err != nil {
		p.show(q, search.Options{}, nil, err)
		return
	}
	p.remember(q)
	ix, why := p.ix.index()
	if ix == nil {
		p.status.SetText(why)
		if !p.waiting {
			p.waiting = true
			p.ix.whenReady(func() {
				p.waiting = false
				if p.ix.panel == p && strings.TrimSpace(p.query.Text) != "" {
					p.run()
				}
			})
		}
		return
	}
	opts := p.options()
	p.status.SetText("Searching…")
	ui.Run(&p.searching, func(ctx context.Context) (*search.Results, error) {
		return ix.Search(ctx, q, opts)
	}, func(res *search.Results, err error) { p.show(q, opts, res, err) })
}

// show displays a search outcome (UI goroutine).
func (p *searchPanel) show(q string, opts search.Options, res *search.Results, err error) {
	var qe *search.QueryError
	switch {
	case errors.As(err, &qe):
		p.status.SetText("Query problem: " + qe.Error() + ".")
	case err != nil:
		p.status.SetText("Search failed: " + ui.Plain(err))
	default:
		p.res, p.q, p.opts = res, q, opts
		clear(p.ticked)
		p.rows = p.rows[:0]
		hits := 0
		for gi, g := range res.Groups {
			p.rows = append(p.rows, searchRow{gi, -1})
			for hi := range g.Hits {
				p.rows = append(p.rows, searchRow{gi, hi})
			}
			hits += len(g.Hits)
		}
		found := ui.Count(res.Total, "passage") + " in " + ui.Count(res.TotalStudies, "study")
		msg := fmt.Sprintf("%s (%d ms).", found, res.Took.Milliseconds())
		if hits < res.Total {
			msg = fmt.Sprintf("%s; the best %d are listed (%d ms).", found, hits, res.Took.Milliseconds())
		}
		if res.Total == 0 {
			msg = "No passages match."
		}
		p.status.SetText(msg + " Click a passage to read it; tick passages to code only those.")
		p.results.Refresh()
		p.results.ScrollToTop()
		p.showFacets(res)
		if res.Total > 0 {
			p.codeAllBtn.Enable()
		} else {
			p.codeAllBtn.Disable()
		}
	}
}

// showFacets lists each facet's values with counts as ticks that re-run the search.
func (p *searchPanel) showFacets(res *search.Results) {
	var objs []fyne.CanvasObject
	for _, f := range searchFacets {
		counts := res.Facets[f.key]
		ticked := p.filters[f.key]
		var checks []fyne.CanvasObject
		seen := map[string]bool{}
		add := func(value string, n int) {
			seen[value] = true
			c := widget.NewCheck(fmt.Sprintf("%s (%d)", value, n), nil)
			c.Checked = ticked[value]
			c.OnChanged = func(on bool) { p.setFilter(f.key, value, on) }
			checks = append(checks, c)
		}
		for i, fc := range counts {
			if i < facetValuesShown || ticked[fc.Value] {
				add(fc.Value, fc.Studies)
			}
		}
		for v, on := range ticked {
			if on && !seen[v] {
				add(v, 0)
			}
		}
		if len(checks) == 0 {
			continue
		}
		objs = append(objs, widget.NewLabelWithStyle(f.label+" (studies)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		objs = append(objs, checks...)
	}
	if len(objs) == 0 {
		objs = append(objs, widget.NewLabel("No filters for these results."))
	}
	p.facetBox.Objects = objs
	p.facetBox.Refresh()
}

// setFilter ticks or unticks a facet value and searches again.
func (p *searchPanel) setFilter(facet, value string, on bool) {
	if p.filters[facet] == nil {
		p.filters[facet] = map[string]bool{}
	}
	if on {
		p.filters[facet][value] = true
	} else {
		delete(p.filters[facet], value)
	}
	p.run()
}

func (p *searchPanel) newRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	text := widget.NewRichText()
	text.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, check, nil, text)
}

func (p *searchPanel) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.rows) {
		return
	}
	box := o.(*fyne.Container)
	text, check := box.Objects[0].(*widget.RichText), box.Objects[1].(*widget.Check)
	r := p.rows[id]
	g := p.res.Groups[r.group]
	if r.hit < 0 {
		check.Hide()
		year := "n.d."
		if g.Year > 0 {
			year = strconv.Itoa(g.Year)
		}
		text.Segments = []widget.RichTextSegment{&widget.TextSegment{
			Text:  fmt.Sprintf("%s · %s · %s", year, ui.Count(len(g.Hits), "passage"), g.Title),
			Style: widget.RichTextStyleStrong}}
		text.Refresh()
		return
	}
	h := g.Hits[r.hit]
	check.Show()
	check.OnChanged = nil
	check.SetChecked(p.ticked[h.ChunkID])
	check.OnChanged = func(on bool) {
		if on {
			p.ticked[h.ChunkID] = true
		} else {
			delete(p.ticked, h.ChunkID)
		}
	}
	text.Segments = snippetSegments(fmt.Sprintf("p. %d  ", h.Page), h.Snippet)
	text.Refresh()
}

// snippetSegments renders a snippet with its matches in bold.
func snippetSegments(prefix string, s search.Snippet) []widget.RichTextSegment {
	plainStyle := widget.RichTextStyleInline
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: prefix, Style: widget.RichTextStyleEmphasis}}
	runes := []rune(strings.NewReplacer("\f", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s.Text))
	at := 0
	// Keep the first match in view on one line: show little of what precedes it.
	if len(s.Matches) > 0 && s.Matches[0].Start > snippetLead && s.Matches[0].Start <= len(runes) {
		at = s.Matches[0].Start - snippetLead
		for at < s.Matches[0].Start && runes[at] != ' ' {
			at++
		}
		s.CutBefore = true
	}
	if s.CutBefore {
		segs = append(segs, &widget.TextSegment{Text: "…", Style: plainStyle})
	}
	for _, m := range s.Matches {
		if m.Start < at || m.End > len(runes) || m.Start >= m.End {
			continue
		}
		segs = append(segs, &widget.TextSegment{Text: string(runes[at:m.Start]), Style: plainStyle},
			&widget.TextSegment{Text: string(runes[m.Start:m.End]), Style: widget.RichTextStyleStrong})
		at = m.End
	}
	segs = append(segs, &widget.TextSegment{Text: string(runes[at:]), Style: plainStyle})
	if s.CutAfter {
		segs = append(segs, &widget.TextSegment{Text: "…", Style: plainStyle})
	}
	return segs
}

// openHit shows the tapped hit's passage in the reader, highlighted.
func (p *searchPanel) openHit(id int) {
	if id >= len(p.rows) {
		return
	}
	r := p.rows[id]
	g := p.res.Groups[r.group]
	if r.hit < 0 {
		if len(g.Hits) == 0 {
			return
		}
		r.hit = 0
	}
	s, e := hitPassage(g.Hits[r.hit])
	p.nav.ShowPassage(g.Study, s, e)
	p.host.Window().RequestFocus()
}

// hitPassage is the part of a hit to show and code: from the first to the
// last matched term of its snippet, else of the chunk; the whole chunk for a
// query without words.
func hitPassage(h search.Hit) (start, end int) {
	if ms := h.Snippet.Matches; len(ms) > 0 {
		return h.Snippet.Start + ms[0].Start, h.Snippet.Start + ms[len(ms)-1].End
	}
	if len(h.Matches) > 0 {
		return h.Matches[0].Start, h.Matches[len(h.Matches)-1].End
	}
	return h.Start, h.End
}
