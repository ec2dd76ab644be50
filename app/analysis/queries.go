// Package analysis is Study > Coded segments and matrix: coded-segment
// queries (codes, coders, AND / NOT co-occurrence conditions and study
// filters) and the code x attribute matrix, each exportable as CSV or XLSX.
// It is given the main window as a ui.Host, the codebook (ui.Codebook) to
// pick codes from, and the reader (ui.Navigator) that shows a segment's
// passage when it is clicked.
package analysis

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
)

// allStatuses is the status choice that filters no study out.
const allStatuses = "All statuses"

// queriesWindow holds the segments and matrix tabs of Study > Coded segments and matrix.
type queriesWindow struct {
	tabs     *container.AppTabs
	segTab   *container.TabItem
	segments *segmentsPanel
	matrix   *matrixPanel
}

func newQueriesWindow(h ui.Host, codes ui.Codebook, nav ui.Navigator) *queriesWindow {
	q := &queriesWindow{}
	q.segments = newSegmentsPanel(h, codes, nav)
	q.matrix = newMatrixPanel(h, q.segments)
	return q
}

func (q *queriesWindow) build() fyne.CanvasObject {
	q.segTab = container.NewTabItem("Segments", q.segments.build())
	q.tabs = container.NewAppTabs(q.segTab, container.NewTabItem("Matrix", q.matrix.build()))
	q.matrix.showSegments = func() { q.tabs.Select(q.segTab) }
	return q.tabs
}

// Show opens Study > Coded segments and matrix: codes are picked from
// codes, and a clicked segment is shown in the reader through nav.
func Show(h ui.Host, codes ui.Codebook, nav ui.Navigator) {
	q := newQueriesWindow(h, codes, nav)
	w := ui.ShowWindow(h, "Coded segments and matrix", fyne.NewSize(1000, 720), q.build(),
		[]*ui.Lane{&q.segments.running, &q.matrix.running})
	q.segments.win, q.matrix.win = w, w
}

// conditionRow is one AND / NOT co-occurrence condition of a segment query.
type conditionRow struct {
	code   coding.Code
	pick   *widget.Button
	within *widget.Select
	not    *widget.Check
	box    *fyne.Container
}

// withinLabels maps the condition choices shown to query.Within values.
var withinLabels = []struct{ label, within string }{
	{"overlapping", query.WithinOverlap},
	{"same paragraph", query.WithinParagraph},
	{"same study", query.WithinStudy},
}

// segmentsPanel runs coded-segment queries and lists their results; tapping
// a result opens the passage in the reader.
type segmentsPanel struct {
	host    ui.Host
	codebk  ui.Codebook
	nav     ui.Navigator
	running ui.Lane
	win     fyne.Window // the screen's window, parent of its file dialogs

	codes      []coding.Code
	codesLabel *widget.Label
	subcodes   *widget.Check
	coders     *widget.CheckGroup
	coderGUID  map[string]string // coder name -> GUID
	conds      []*conditionRow
	condBox    *fyne.Container
	form       *widget.Form
	root       *fyne.Container
	status     *widget.Select
	reportable *widget.Check
	country    *widget.Entry
	sector     *widget.Entry
	yearFrom   *widget.Entry
	yearTo     *widget.Entry
	runButton  *widget.Button
	list       *widget.List
	message    *widget.Label
	results    []query.Segment
	lastQuery  query.SegmentQuery
	onlyCells  bool // the results are a matrix cell's codings
}

func newSegmentsPanel(h ui.Host, codes ui.Codebook, nav ui.Navigator) *segmentsPanel {
	return &segmentsPanel{host: h, codebk: codes, nav: nav, win: h.Window(), coderGUID: map[string]string{}}
}

func (p *segmentsPanel) build() fyne.CanvasObject {
	p.codesLabel = widget.NewLabel("All codes")
	p.codesLabel.Wrapping = fyne.TextWrapWord
	addCode := widget.NewButtonWithIcon("Add code…", theme.ContentAddIcon(), func() {
		p.codebk.PickCode("Segments coded with…", p.addCode)
	})
	clearCodes := widget.NewButton("All codes", func() { p.codes = nil; p.showCodes() })
	p.subcodes = widget.NewCheck("Include sub-codes", nil)
	p.subcodes.SetChecked(true)
	var names []string
	if proj := p.host.Project(); proj != nil {
		cs, _ := proj.Coders()
		for _, c := range cs {
			names = append(names, c.Name)
			p.coderGUID[c.Name] = c.GUID
		}
	}
	p.coders = widget.NewCheckGroup(names, nil)
	p.coders.Horizontal = true
	p.condBox = container.NewVBox()
	addCond := widget.NewButtonWithIcon("Add condition…", theme.ContentAddIcon(), func() {
		p.codebk.PickCode("Condition: a passage coded with…", func(c coding.Code) { p.addCondition(c, query.WithinOverlap, false) })
	})
	p.status = widget.NewSelect(append([]string{allStatuses}, corpus.Statuses...), nil)
	p.status.SetSelected(allStatuses)
	p.reportable = widget.NewCheck("Only studies that count in reports", nil)
	p.country, p.sector = widget.NewEntry(), widget.NewEntry()
	p.country.SetPlaceHolder("any country")
	p.sector.SetPlaceHolder("any sector")
	p.yearFrom, p.yearTo = widget.NewEntry(), widget.NewEntry()
	p.yearFrom.SetPlaceHolder("from")
	p.yearTo.SetPlaceHolder("to")
	p.runButton = widget.NewButtonWithIcon("Run query", theme.SearchIcon(), p.onRun)
	p.runButton.Importance = widget.HighImportance
	p.message = widget.NewLabel("Choose codes and conditions, then run the query.")
	p.message.Truncation = fyne.TextTruncateEllipsis

	p.form = widget.NewForm(
		widget.NewFormItem("Codes (any of)", container.NewBorder(nil, nil, nil, container.NewHBox(addCode, clearCodes, p.subcodes), p.codesLabel)),
		widget.NewFormItem("Coders", container.NewHScroll(p.coders)),
		widget.NewFormItem("And", container.NewVBox(p.condBox, container.NewHBox(addCond))),
		widget.NewFormItem("Studies", container.NewGridWithColumns(5, p.status, p.country, p.sector, p.yearFrom, p.yearTo)),
		widget.NewFormItem("", p.reportable),
	)
	p.list = widget.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject { return ui.NewTwoLineRow("study · page · code · coder", "quote") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.results) {
				return
			}
			s := p.results[i]
			ui.SetTwoLineRow(o, fmt.Sprintf("%s · p. %d · %s · %s", s.StudyTitle, s.Page, s.CodePath, s.CoderName), ui.OneLine(s.Quote))
		})
	p.list.OnSelected = p.onSelected
	csvB := widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), func() { p.onExport(".csv") })
	xlsxB := widget.NewButtonWithIcon("Export XLSX…", theme.DocumentSaveIcon(), func() { p.onExport(".xlsx") })
	top := container.NewVBox(p.form, container.NewHBox(p.runButton))
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(csvB, xlsxB), p.message)
	p.root = container.NewBorder(top, bottom, nil, nil, p.list)
	return p.root
}

// addCode adds a code to the codes the query looks for.
func (p *segmentsPanel) addCode(c coding.Code) {
	for _, have := range p.codes {
		if have.GUID == c.GUID {
			return
		}
	}
	p.codes = append(p.codes, c)
	p.showCodes()
}

func (p *segmentsPanel) showCodes() {
	if len(p.codes) == 0 {
		p.codesLabel.SetText("All codes")
		return
	}
	names := make([]string, len(p.codes))
	for i, c := range p.codes {
		names[i] = p.codebk.CodePath(c.GUID)
	}
	p.codesLabel.SetText(strings.Join(names, " OR "))
}

// addCondition adds a row "AND [NOT] a passage coded with c within …".
func (p *segmentsPanel) addCondition(c coding.Code, within string, not bool) *conditionRow {
	r := &conditionRow{code: c}
	r.pick = widget.NewButton(p.codebk.CodePath(c.GUID), func() {
		p.codebk.PickCode("Condition: a passage coded with…", func(c coding.Code) {
			r.code = c
			r.pick.SetText(p.codebk.CodePath(c.GUID))
		})
	})
	var labels []string
	chosen := withinLabels[0].label
	for _, w := range withinLabels {
		labels = append(labels, w.label)
		if w.within == within {
			chosen = w.label
		}
	}
	r.within = widget.NewSelect(labels, nil)
	r.within.SetSelected(chosen)
	r.not = widget.NewCheck("NOT", nil)
	r.not.SetChecked(not)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, have := range p.conds {
			if have == r {
				p.conds = append(p.conds[:i], p.conds[i+1:]...)
				break
			}
		}
		p.condBox.Remove(r.box)
		p.root.Refresh()
	})
	r.box = container.NewBorder(nil, nil, container.NewHBox(r.not, widget.NewLabel("a passage coded")), container.NewHBox(widget.NewLabel("within"), r.within, remove), r.pick)
	p.conds = append(p.conds, r)
	p.condBox.Add(r.box)
	if p.root != nil {
		p.root.Refresh()
	}
	return r
}

// query reads the form into a segment query, or says which field is wrong.
func (p *segmentsPanel) query() (query.SegmentQuery, error) {
	q := query.SegmentQuery{Subcodes: p.subcodes.Checked}
	for _, c := range p.codes {
		q.Codes = append(q.Codes, c.GUID)
	}
	for _, name := range p.coders.Selected {
		q.Coders = append(q.Coders, p.coderGUID[name])
	}
	for _, r := range p.conds {
		within := query.WithinOverlap
		for _, w := range withinLabels {
			if w.label == r.within.Selected {
				within = w.within
			}
		}
		q.Where = append(q.Where, query.Condition{Code: r.code.GUID, Not: r.not.Checked, Within: within})
	}
	if s := p.status.Selected; s != "" && s != allStatuses {
		q.Filter.Status = []string{s}
	}
	q.Filter.Reportable = p.reportable.Checked
	q.Filter.Country = strings.TrimSpace(p.country.Text)
	q.Filter.Sector = strings.TrimSpace(p.sector.Text)
	var err error
	if q.Filter.YearFrom, err = yearField(p.yearFrom.Text, "from"); err != nil {
		return q, err
	}
	if q.Filter.YearTo, err = yearField(p.yearTo.Text, "to"); err != nil {
		return q, err
	}
	return q, nil
}

// yearField parses an optional year entry.
func yearField(s, which string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 0 {
		return 0, fmt.Errorf("the year %s %q is not a year", which, s)
	}
	return y, nil
}

func (p *segmentsPanel) onRun() {
	q, err := p.query()
	if err != nil {
		p.message.SetText(err.Error())
		return
	}
	p.run(q, false)
}

// showCodings lists the given codings' segments (a matrix cell's).
func (p *segmentsPanel) showCodings(guids []string) {
	if len(guids) == 0 {
		p.running.Stop()
		p.results = nil
		p.list.Refresh()
		p.message.SetText("The cell has no codings.")
		return
	}
	p.run(query.SegmentQuery{Codings: guids}, true)
}

// run runs q in the background and shows the segments (a newer query
// supersedes an older one still running).
func (p *segmentsPanel) run(q query.SegmentQuery, cell bool) {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	p.message.SetText("Running the query…")
	ui.Run(&p.running, func(context.Context) ([]query.Segment, error) {
		return query.Segments(proj, q)
	}, func(segs []query.Segment, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.results, p.lastQuery, p.onlyCells = segs, q, cell
		p.list.UnselectAll()
		p.list.Refresh()
		p.message.SetText(p.summary())
	})
}

// summary counts the segments and their studies.
func (p *segmentsPanel) summary() string {
	studies := map[string]bool{}
	for _, s := range p.results {
		studies[s.Study] = true
	}
	segs := ui.Count(len(p.results), "segment")
	if p.onlyCells {
		segs += " of the matrix cell"
	}
	return fmt.Sprintf("%s in %s. Click one to read it.", segs, ui.Count(len(studies), "study", "studies"))
}

func (p *segmentsPanel) onSelected(i widget.ListItemID) {
	if i >= len(p.results) {
		return
	}
	s := p.results[i]
	if s.Area != nil {
		p.nav.ShowArea(s.Study, s.Page)
	} else {
		p.nav.ShowPassage(s.Study, s.Start, s.End)
	}
	p.host.Window().RequestFocus()
}

func (p *segmentsPanel) onExport(ext string) {
	if len(p.results) == 0 {
		p.message.SetText("Run a query first; there are no segments to export.")
		return
	}
	ui.SaveFile(p.win, ui.BaseName(p.host.Project())+" segments", ext, p.export)
}

// export writes the listed segments to path as CSV or XLSX (by its extension).
func (p *segmentsPanel) export(path string) {
	segs := p.results
	p.message.SetText("Exporting…")
	ui.ExportTable(path,
		func(f *os.File) error { return exchange.WriteSegmentsXLSX(f, segs) },
		func(f *os.File) error { return exchange.WriteSegmentsCSV(f, segs) },
		func(err error) {
			if err != nil {
				p.message.SetText(ui.Plain(err))
			} else {
				p.message.SetText(fmt.Sprintf("Exported %d segments to %s.", len(segs), path))
			}
		})
}
