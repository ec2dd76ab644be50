package report

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/coding/query"
)

// ShowEvidenceMap opens the Brief > Evidence map window on h's project; a
// study of a cell opens in the main window through nav.
func ShowEvidenceMap(h ui.Host, nav ui.Navigator) { newMapPanel(h, nav).open() }

// mapPanel is the Evidence map screen: row and column dimensions, the grid
// of cells shaded by study count and marked by rigor, the studies of the
// chosen cell, and export to PNG, SVG and XLSX.
type mapPanel struct {
	h   ui.Host
	nav ui.Navigator
	win fyne.Window

	rows, cols *widget.Select
	table      *widget.Table
	sel        widget.TableCellID // the selected cell, outlined
	hasSel     bool
	chooser    *studyChooser
	status     *widget.Label
	exports    []*widget.Button

	m         *brief.EvidenceMap
	computing ui.Lane // the map for the latest dimensions
}

func newMapPanel(h ui.Host, nav ui.Navigator) *mapPanel { return &mapPanel{h: h, nav: nav} }

// mapExports are the export formats of the map.
var mapExports = []string{"png", "svg", "xlsx"}

func (p *mapPanel) build() fyne.CanvasObject {
	var dims []string
	for _, d := range brief.MapDimensions {
		dims = append(dims, dimName(d))
	}
	p.rows = widget.NewSelect(dims, func(string) { p.reload() })
	p.cols = widget.NewSelect(dims, func(string) { p.reload() })
	p.rows.Selected, p.cols.Selected = query.DimCountry, query.DimSector
	p.table = widget.NewTableWithHeaders(p.size, p.newCell, p.updateCell)
	p.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("header", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	p.table.UpdateHeader = p.updateHeader
	p.table.OnSelected = func(id widget.TableCellID) {
		p.sel, p.hasSel = id, true
		p.onCell(id.Row, id.Col)
		p.table.Refresh()
	}
	p.chooser = newStudyChooser(p.h, p.nav)
	p.chooser.header.SetText("Select a cell to see its studies.")
	for _, f := range mapExports {
		b := widget.NewButton("Export "+strings.ToUpper(f)+"…", func() { p.onExportDialog(f) })
		b.Disable()
		p.exports = append(p.exports, b)
	}
	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	swap := widget.NewButton("Swap", func() {
		r, c := p.rows.Selected, p.cols.Selected
		p.rows.Selected, p.cols.Selected = c, r
		p.rows.Refresh()
		p.cols.Refresh()
		p.reload()
	})
	top := container.NewHBox(widget.NewLabel("Rows"), p.rows, widget.NewLabel("Columns"), p.cols, swap,
		widget.NewSeparator(), p.exports[0], p.exports[1], p.exports[2])
	split := container.NewHSplit(p.table, p.chooser.build())
	split.SetOffset(0.7)
	return container.NewBorder(top, p.status, nil, nil, split)
}

// open shows the screen in its own window and computes the default map;
// the map follows every change saved to the project while it is open.
func (p *mapPanel) open() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	content := p.build()
	stop := p.h.OnChange(func([]string) { p.reload() })
	p.win = ui.ShowWindow(p.h, "Evidence map — "+proj.Name(), fyne.NewSize(1200, 760), content, []*ui.Lane{&p.computing}, stop)
	p.reload()
}

// reload computes the map for the chosen dimensions in the background; a
// newer request supersedes it.
func (p *mapPanel) reload() {
	proj := p.h.Project()
	if proj == nil || p.status == nil {
		return
	}
	q := brief.EvidenceMapQuery{Rows: p.rows.Selected, Cols: p.cols.Selected}
	p.status.SetText("Counting studies…")
	ui.Run(&p.computing, func(context.Context) (*brief.EvidenceMap, error) {
		return brief.BuildEvidenceMap(proj, q)
	}, p.show)
}

// show displays a computed map (UI goroutine). The cell whose studies were
// listed stays chosen when the new map still has it (a reload after a
// change elsewhere).
func (p *mapPanel) show(m *brief.EvidenceMap, err error) {
	if err != nil {
		p.status.SetText("Could not compute the map: " + ui.Plain(err))
	} else {
		prev, keep := p.m, p.hasSel
		p.m, p.hasSel = m, false
		p.status.SetText(fmt.Sprintf("%d studies by %s and %s. The stronger the colour, the more studies; H, M, L count studies of high, medium and low rigor, ? those not rated. Select a cell to list its studies.",
			m.Total.N(), dimName(m.Rows), dimName(m.Cols)))
		for _, b := range p.exports {
			b.Enable()
		}
		// A header label needs its text plus the label's and the cell's padding.
		bold := fyne.TextStyle{Bold: true}
		pad := 2*theme.InnerPadding() + 2*theme.Padding() + 8
		rowW := float32(120)
		for _, l := range m.RowLabels {
			rowW = max(rowW, fyne.MeasureText(l, theme.TextSize(), bold).Width+pad)
		}
		p.table.SetColumnWidth(-1, min(rowW, 280))
		for c := 0; c <= len(m.ColLabels); c++ {
			w := float32(96)
			if c < len(m.ColLabels) {
				w = max(w, fyne.MeasureText(m.ColLabels[c], theme.TextSize(), bold).Width+pad)
			}
			p.table.SetColumnWidth(c, min(w, 240))
		}
		p.table.UnselectAll()
		p.table.Refresh()
		p.chooser.show("Select a cell to see its studies.", nil)
		if id, ok := sameCell(prev, m, p.sel); keep && ok {
			p.table.Select(id)
		}
	}
}

// sameCell finds cell id of map prev in map m: the cell with the same row
// and column labels (or totals) when both count by the same dimensions.
func sameCell(prev, m *brief.EvidenceMap, id widget.TableCellID) (widget.TableCellID, bool) {
	if prev == nil || m == nil || prev.Rows != m.Rows || prev.Cols != m.Cols {
		return id, false
	}
	find := func(old, now []string, i int) int {
		if i >= len(old) { // the totals
			return len(now)
		}
		return slices.Index(now, old[i])
	}
	r, c := find(prev.RowLabels, m.RowLabels, id.Row), find(prev.ColLabels, m.ColLabels, id.Col)
	return widget.TableCellID{Row: r, Col: c}, r >= 0 && c >= 0
}

// size is the grid plus a totals row and column.
func (p *mapPanel) size() (int, int) {
	if p.m == nil {
		return 0, 0
	}
	return len(p.m.RowLabels) + 1, len(p.m.ColLabels) + 1
}

// cell returns the cell at a grid position, the totals included.
func (p *mapPanel) cell(r, c int) (brief.MapCell, string, bool) {
	m := p.m
	nr, nc := len(m.RowLabels), len(m.ColLabels)
	label := func(l []string, i int) string {
		if i < len(l) {
			return l[i]
		}
		return "all"
	}
	where := label(m.RowLabels, r) + " × " + label(m.ColLabels, c)
	switch {
	case r < nr && c < nc:
		return m.Cells[r][c], where, false
	case r < nr:
		return m.RowTotals[r], where, true
	case c < nc:
		return m.ColTotals[c], where, true
	}
	return m.Total, "all studies", true
}

func (p *mapPanel) newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	n := canvas.NewText("0", theme.Color(theme.ColorNameForeground))
	n.TextStyle.Bold = true
	n.Alignment = fyne.TextAlignCenter
	mark := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	mark.TextSize = theme.CaptionTextSize()
	mark.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, container.NewVBox(n, mark))
}

func (p *mapPanel) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if p.m == nil {
		return
	}
	c, _, total := p.cell(id.Row, id.Col)
	box := o.(*fyne.Container)
	bg := box.Objects[0].(*canvas.Rectangle)
	texts := box.Objects[1].(*fyne.Container).Objects
	n, mark := texts[0].(*canvas.Text), texts[1].(*canvas.Text)
	fg := theme.Color(theme.ColorNameForeground)
	bg.FillColor = color.Transparent
	if !total && c.N() > 0 {
		shade := brief.Shade(c.N(), p.m.Max)
		bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), shade)
		if shade > 0.6 {
			fg = theme.Color(theme.ColorNameForegroundOnPrimary)
		}
	}
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	if p.hasSel && p.sel == id { // the cell whose studies are listed
		bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		bg.StrokeWidth = 3
	}
	n.Text, mark.Text = "", ""
	if c.N() > 0 {
		n.Text, mark.Text = fmt.Sprint(c.N()), c.RigorMark()
	}
	n.Color, mark.Color = fg, fg
	bg.Refresh()
	n.Refresh()
	mark.Refresh()
}

// dimName is a dimension as shown: "publication type" for publication_type.
func dimName(d string) string { return strings.ReplaceAll(d, "_", " ") }

// withAlpha scales a colour's opacity by a (0..1).
func withAlpha(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(float64(n.A) * a)
	return n
}

func (p *mapPanel) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Alignment = fyne.TextAlignCenter
	if id.Col < 0 {
		l.Alignment = fyne.TextAlignLeading
	}
	if p.m == nil {
		l.SetText("")
		return
	}
	switch {
	case id.Row < 0 && id.Col < 0:
		l.SetText(dimName(p.m.Rows) + " \\ " + dimName(p.m.Cols))
	case id.Row < 0:
		if id.Col < len(p.m.ColLabels) {
			l.SetText(p.m.ColLabels[id.Col])
		} else {
			l.SetText("Total")
		}
	default:
		if id.Row < len(p.m.RowLabels) {
			l.SetText(p.m.RowLabels[id.Row])
		} else {
			l.SetText("Total")
		}
	}
}

// onCell lists the studies of a cell.
func (p *mapPanel) onCell(r, c int) {
	if p.m == nil {
		return
	}
	cell, where, _ := p.cell(r, c)
	items := make([]studyItem, 0, cell.N())
	for _, s := range p.m.StudyList(cell.Studies) {
		detail := ""
		if s.Year != 0 {
			detail = fmt.Sprint(s.Year)
		}
		if s.Rating != "" {
			detail = strings.TrimPrefix(detail+", "+s.Rating+" rigor", ", ")
		}
		items = append(items, studyItem{guid: s.GUID, title: s.Title, detail: detail})
	}
	head := fmt.Sprintf("%s: %d %s", where, cell.N(), map[bool]string{true: "study", false: "studies"}[cell.N() == 1])
	if r := rigorPhrase(cell); r != "" {
		head += " (" + r + ")"
	}
	p.chooser.show(head+". Tap one to open it.", items)
}

// rigorPhrase spells out a cell's ratings: "1 high, 2 not rated".
func rigorPhrase(c brief.MapCell) string {
	var parts []string
	for _, x := range []struct {
		n    int
		name string
	}{{c.High, "high"}, {c.Medium, "medium"}, {c.Low, "low"}, {c.Unrated, "not rated"}} {
		if x.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", x.n, x.name))
		}
	}
	return strings.Join(parts, ", ")
}

func (p *mapPanel) onExportDialog(format string) {
	if p.m == nil {
		return
	}
	name := fmt.Sprintf("evidence map %s x %s", dimName(p.m.Rows), dimName(p.m.Cols))
	ui.SaveFile(p.win, name, "."+format, func(path string) { p.onExport(path, format) })
}

// exportStyle uses the theme's primary colour on white, for print.
func exportStyle() brief.MapStyle {
	st := brief.DefaultMapStyle()
	st.Fill = color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	st.Fill.A = 0xff
	return st
}

// onExport writes the current map to path as png, svg or xlsx in the background.
func (p *mapPanel) onExport(path, format string) {
	m := p.m
	if m == nil {
		return
	}
	st := exportStyle()
	write := map[string]func(f *os.File) error{
		"png":  func(f *os.File) error { return brief.WriteEvidenceMapPNG(f, m, st) },
		"svg":  func(f *os.File) error { return brief.WriteEvidenceMapSVG(f, m, st) },
		"xlsx": func(f *os.File) error { return brief.WriteEvidenceMapXLSX(f, m, st) },
	}[format]
	if write == nil {
		return
	}
	p.status.SetText("Writing " + filepath.Base(path) + "…")
	ui.Go(func() (struct{}, error) { return struct{}{}, ui.WriteFileAtomic(path, write) }, func(_ struct{}, err error) {
		if err != nil {
			p.status.SetText("Export failed: " + ui.Plain(err))
			if p.win != nil {
				ui.ShowError(p.win, "Export evidence map", err)
			}
			return
		}
		p.status.SetText("Wrote " + path)
	})
}
