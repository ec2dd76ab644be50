package analysis

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/query"
)

// matrixKinds are the row choices: the codes of one kind, or every code.
var matrixKinds = []string{coding.KindTheme, coding.KindSector, coding.KindRigor, coding.KindOther, "all codes"}

// matrixPanel builds a code x attribute matrix; tapping a cell lists its
// segments in the segments tab.
type matrixPanel struct {
	host     ui.Host
	segments *segmentsPanel
	running  ui.Lane
	win      fyne.Window // the screen's window, parent of its file dialogs

	kind      *widget.Select
	cols      *widget.Select
	rollUp    *widget.Check
	all       *widget.Check
	runButton *widget.Button
	table     *widget.Table
	message   *widget.Label
	m         *query.Matrix

	// showSegments switches to the segments tab after a cell tap.
	showSegments func()
}

func newMatrixPanel(h ui.Host, segments *segmentsPanel) *matrixPanel {
	return &matrixPanel{host: h, segments: segments, win: h.Window()}
}

func (p *matrixPanel) build() fyne.CanvasObject {
	p.kind = widget.NewSelect(matrixKinds, nil)
	p.kind.SetSelected(coding.KindTheme)
	p.cols = widget.NewSelect([]string{query.DimSector, query.DimCountry, query.DimMethod, query.DimYear, query.DimCoder, query.DimStatus}, nil)
	p.cols.SetSelected(query.DimSector)
	p.rollUp = widget.NewCheck("Count sub-codes in their parent", nil)
	p.all = widget.NewCheck("Also studies not yet included", nil)
	p.runButton = widget.NewButtonWithIcon("Build matrix", theme.GridIcon(), p.onRun)
	p.runButton.Importance = widget.HighImportance
	p.message = widget.NewLabel("Each cell shows codings / studies. Click a cell to list its segments.")
	p.message.Truncation = fyne.TextTruncateEllipsis
	p.table = widget.NewTable(p.size,
		func() fyne.CanvasObject {
			l := widget.NewLabel("000 / 000")
			l.Truncation = fyne.TextTruncateEllipsis
			l.Alignment = fyne.TextAlignTrailing
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text, bold := p.cellText(id)
			l.TextStyle.Bold = bold
			l.Alignment = fyne.TextAlignTrailing
			if id.Col == 0 {
				l.Alignment = fyne.TextAlignLeading
			}
			l.SetText(text)
		})
	p.table.SetColumnWidth(0, 260)
	p.table.OnSelected = p.onCell
	csvB := widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), func() { p.onExport(".csv") })
	xlsxB := widget.NewButtonWithIcon("Export XLSX…", theme.DocumentSaveIcon(), func() { p.onExport(".xlsx") })
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel("Rows: codes of kind"), p.kind, widget.NewLabel("Columns:"), p.cols, p.runButton),
		container.NewHBox(p.rollUp, p.all))
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(csvB, xlsxB), p.message)
	return container.NewBorder(top, bottom, nil, nil, p.table)
}

// size is the table's size: a header row and column plus a totals row and column.
func (p *matrixPanel) size() (int, int) {
	if p.m == nil {
		return 0, 0
	}
	return len(p.m.Rows) + 2, len(p.m.Cols) + 2
}

// cell returns the matrix cell (or total) under a table cell; ok is false on headers.
func (p *matrixPanel) cell(id widget.TableCellID) (query.Cell, bool) {
	if p.m == nil || id.Row == 0 || id.Col == 0 {
		return query.Cell{}, false
	}
	r, c := id.Row-1, id.Col-1
	switch {
	case r < len(p.m.Rows) && c < len(p.m.Cols):
		return p.m.Cells[r][c], true
	case r < len(p.m.Rows) && c == len(p.m.Cols):
		return p.m.RowTotals[r], true
	case r == len(p.m.Rows) && c < len(p.m.Cols):
		return p.m.ColTotals[c], true
	case r == len(p.m.Rows) && c == len(p.m.Cols):
		return p.m.Total, true
	}
	return query.Cell{}, false
}

// cellText is what a table cell shows, and whether it is a header or total.
func (p *matrixPanel) cellText(id widget.TableCellID) (string, bool) {
	if p.m == nil {
		return "", false
	}
	rows, cols := len(p.m.Rows), len(p.m.Cols)
	switch {
	case id.Row == 0 && id.Col == 0:
		return "Code \\ " + p.m.Dimension, true
	case id.Row == 0 && id.Col <= cols:
		return p.m.Cols[id.Col-1], true
	case id.Row == 0:
		return "Total", true
	case id.Col == 0 && id.Row <= rows:
		r := p.m.Rows[id.Row-1]
		return strings.Repeat("  ", r.Depth) + r.Name, false
	case id.Col == 0:
		return "Total", true
	}
	c, _ := p.cell(id)
	if c.Codings == 0 {
		return "·", id.Row > rows || id.Col > cols
	}
	return fmt.Sprintf("%d / %d", c.Codings, c.Studies), id.Row > rows || id.Col > cols
}

// query reads the controls into a matrix query.
func (p *matrixPanel) query() query.MatrixQuery {
	q := query.MatrixQuery{Cols: p.cols.Selected, RollUp: p.rollUp.Checked, AllStudies: p.all.Checked}
	if k := p.kind.Selected; k != "" && k != matrixKinds[len(matrixKinds)-1] {
		q.Kind = k
	}
	return q
}

// onRun builds the matrix in the background (a newer build supersedes an
// older one still running).
func (p *matrixPanel) onRun() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	q := p.query()
	p.message.SetText("Building the matrix…")
	ui.Run(&p.running, func(context.Context) (*query.Matrix, error) {
		return query.CodeMatrix(proj, q)
	}, func(m *query.Matrix, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.m = m
		p.sizeColumns()
		p.table.UnselectAll()
		p.table.Refresh()
		p.message.SetText(fmt.Sprintf("%d codes x %d %s values: %d codings in %d studies. Click a cell to list its segments.",
			len(m.Rows), len(m.Cols), m.Dimension, m.Total.Codings, m.Total.Studies))
	})
}

// sizeColumns fits the columns to their headers and counts.
func (p *matrixPanel) sizeColumns() {
	pad := 4 * theme.Padding()
	size, bold := theme.TextSize(), fyne.TextStyle{Bold: true}
	widest := fyne.MeasureText("Code \\ "+p.m.Dimension, size, bold).Width
	for _, r := range p.m.Rows {
		widest = max(widest, fyne.MeasureText(strings.Repeat("  ", r.Depth)+r.Name, size, fyne.TextStyle{}).Width)
	}
	p.table.SetColumnWidth(0, min(widest, 320)+pad)
	count := fyne.MeasureText("0000 / 000", size, bold).Width
	for i, c := range append(slices.Clone(p.m.Cols), "Total") {
		p.table.SetColumnWidth(i+1, min(max(count, fyne.MeasureText(c, size, bold).Width), 220)+pad)
	}
}

// onCell lists the tapped cell's segments in the segments tab.
func (p *matrixPanel) onCell(id widget.TableCellID) {
	c, ok := p.cell(id)
	if !ok {
		return
	}
	if p.showSegments != nil {
		p.showSegments()
	}
	p.segments.showCodings(c.CodingGUIDs)
}

func (p *matrixPanel) onExport(ext string) {
	if p.m == nil {
		p.message.SetText("Build the matrix first.")
		return
	}
	ui.SaveFile(p.win, ui.BaseName(p.host.Project())+" matrix", ext, p.export)
}

// export writes the matrix to path as CSV or XLSX (by its extension).
func (p *matrixPanel) export(path string) {
	m := p.m
	ui.ExportTable(path,
		func(f *os.File) error { return exchange.WriteMatrixXLSX(f, m) },
		func(f *os.File) error { return exchange.WriteMatrixCSV(f, m) },
		func(err error) {
			if err != nil {
				p.message.SetText(ui.Plain(err))
			} else {
				p.message.SetText("Exported the matrix to " + path + ".")
			}
		})
}
