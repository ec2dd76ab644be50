package brief

import (
	"fmt"
	"strconv"
	"strings"
)

// figure writes a chart as native Word content: the heat map as a shaded
// table, the bar charts as rows of shaded cells whose widths follow the
// shares (a 100-column grid), so they render alike in Word and LibreOffice.
func (d *docxWriter) figure(bl block) {
	d.keep = true // the whole chart stays on one page, with its caption
	defer func() { d.keep = false }()
	switch bl.name {
	case "heatmap":
		d.heatmap()
	case "rigor":
		d.rigorBars()
	case "ratings":
		d.ratingBars()
	case "flow":
		d.flow()
	default:
		d.para("", "", []run{{text: "[figure " + bl.name + "]"}})
		return
	}
	d.keep = false
	d.caption(bl.runs)
}

// heatmapWidths sizes the heat map's columns so that no word of a country
// or sector is broken: each column gets at least its longest word, at the
// largest header size (8, 7 or 6 points) where they all fit; the country
// column then gets up to a fifth of the width and the sectors share the
// rest. It returns the widths (dxa) and the header size (half-points).
func heatmapWidths(m *CountrySectorMap) ([]int, int) {
	const pad = 2*70 + 20
	n := len(m.Sectors)
	longest := func(texts []string, size float64, bold bool) int {
		w := 0.0
		for _, t := range texts {
			for _, word := range strings.Fields(t) {
				w = max(w, docxTextWidth(word, size, bold))
			}
		}
		return int(w*20) + pad
	}
	lwMin := longest(m.Countries, 8, false)
	for _, size := range []int{16, 14, 12} {
		mins := make([]int, n)
		sum := lwMin
		for j, s := range m.Sectors {
			mins[j] = max(longest([]string{s, "(n=" + strconv.Itoa(m.SectorTotals[j].N) + ")"}, float64(size)/2, true),
				longest([]string{"H9 M9 L9 ?9"}, 7, false))
			sum += mins[j]
		}
		if sum > docxContent && size > 12 {
			continue
		}
		lw := max(lwMin, min(docxContent/5, docxContent-(sum-lwMin)))
		rest := docxContent - lw
		widths := []int{lw}
		used := 0
		for j := range mins {
			used += mins[j]
		}
		for j := range mins {
			w := mins[j]
			if used < rest {
				w += (rest - used) / max(n, 1)
			} else {
				w = mins[j] * rest / max(used, 1)
			}
			widths = append(widths, w)
		}
		return widths, size
	}
	return nil, 12 // not reached
}

func (d *docxWriter) heatmap() {
	m := &d.b.Map
	widths, head := heatmapWidths(m)
	lw := widths[0]
	d.tableStart("BriefTable", widths)
	small := runFmt{size: 14}
	d.body.WriteString("<w:tr><w:trPr><w:tblHeader/></w:trPr>")
	d.cell(lw, 1, "", nil, runFmt{})
	for j, s := range m.Sectors {
		d.cell(widths[j+1], 1, "", []run{{text: s}, {text: " (n=" + strconv.Itoa(m.SectorTotals[j].N) + ")"}}, runFmt{bold: true, size: head})
	}
	d.body.WriteString("</w:tr>")
	for i, c := range m.Countries {
		d.body.WriteString("<w:tr>")
		d.cell(lw, 1, "", []run{{text: c}}, runFmt{size: 16})
		for j := range m.Sectors {
			cell := m.Cells[i][j]
			cw := widths[j+1]
			if cell.Outside {
				d.cell(cw, 1, colOutside, []run{{text: "·"}}, runFmt{color: colNotReported, size: 16})
				continue
			}
			if cell.All.N == 0 {
				d.cell(cw, 1, "FFFFFF", []run{{text: "–"}}, runFmt{color: colNotReported, size: 16})
				continue
			}
			v := 0.15 + 0.85*float64(cell.All.N)/float64(max(m.Max, 1))
			f := runFmt{size: 16}
			if v > 0.5 {
				f.color = "FFFFFF"
			}
			f.bold = true
			small.color = f.color
			d.body.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(cw) + `" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="` + heatColour(v) + `"/></w:tcPr>`)
			d.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/><w:keepNext/><w:jc w:val="center"/></w:pPr>`)
			d.runs([]run{{text: strconv.Itoa(cell.All.N)}}, f)
			d.body.WriteString(`</w:p><w:p><w:pPr><w:pStyle w:val="TableText"/><w:keepNext/><w:jc w:val="center"/></w:pPr>`)
			d.runs([]run{{text: cell.Split()}}, small)
			d.body.WriteString("</w:p></w:tc>")
		}
		d.body.WriteString("</w:tr>")
	}
	d.body.WriteString("</w:tbl>")
}

// spans turns percentages into whole grid spans adding up to total
// (largest remainder), so every row of a bar chart has the same width.
func spans(pcts []float64, total int) []int {
	out := make([]int, len(pcts))
	sum := 0
	rem := make([]float64, len(pcts))
	for i, p := range pcts {
		v := p * float64(total) / 100
		out[i] = int(v)
		rem[i] = v - float64(out[i])
		sum += out[i]
	}
	for sum < total {
		best := -1
		for i := range rem {
			if pcts[i] > 0 && (best < 0 || rem[i] > rem[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		out[best]++
		rem[best] = -1
		sum++
	}
	return out
}

const barCols = 50 // grid columns of a bar

func (d *docxWriter) barTable(lw int, extra int) int {
	unit := (docxContent - lw - extra) / barCols
	widths := []int{lw}
	for range barCols {
		widths = append(widths, unit)
	}
	if extra > 0 {
		widths = append(widths, extra)
	}
	d.tableStart("BarTable", widths)
	return unit
}

func (d *docxWriter) legend(items [][2]string) {
	d.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/><w:keepNext/></w:pPr>`)
	for _, it := range items {
		d.runs([]run{{text: "■ "}}, runFmt{color: it[1], size: 18})
		d.runs([]run{{text: it[0] + "   "}}, runFmt{size: 16})
	}
	d.body.WriteString("</w:p>")
}

func (d *docxWriter) rigorBars() {
	d.legend([][2]string{{"Met", colMet}, {"Partly met", colPartly}, {"Not met", colNotMet},
		{"Not reported", colNotReported}, {"Not appraised", colNotAppraised}})
	lw := docxContent * 3 / 10
	unit := d.barTable(lw, 0)
	for _, c := range d.b.Rigor.Criteria {
		pcts := []float64{c.MetPct, c.PartlyPct, c.NotMetPct, c.NotReportedPct, c.NotAppraisedPct}
		cols := []string{colMet, colPartly, colNotMet, colNotReported, colNotAppraised}
		d.body.WriteString("<w:tr>")
		d.cell(lw, 1, "", []run{{text: c.Name}}, runFmt{size: 16})
		for i, sp := range spans(pcts, barCols) {
			if sp == 0 {
				continue
			}
			var text []run
			fg := "FFFFFF"
			if cols[i] == colPartly || cols[i] == colNotAppraised {
				fg = colText
			}
			if pcts[i] >= 12 {
				text = []run{{text: pctText(pcts[i])}}
			}
			d.cell(unit*sp, sp, cols[i], text, runFmt{color: fg, size: 14})
		}
		d.body.WriteString("</w:tr>")
	}
	d.body.WriteString("</w:tbl>")
}

func (d *docxWriter) ratingBars() {
	lw := docxContent / 6
	extra := docxContent / 6
	unit := d.barTable(lw, extra)
	maxN := 1
	for _, r := range d.b.Rigor.Ratings {
		maxN = max(maxN, r.N)
	}
	cols := map[string]string{"high": colMet, "medium": colPartly, "low": colNotMet}
	for _, r := range d.b.Rigor.Ratings {
		col, ok := cols[r.Label]
		if !ok {
			col = colNotReported
		}
		sp := spans([]float64{float64(r.N) * 100 / float64(maxN), 100 - float64(r.N)*100/float64(maxN)}, barCols)
		d.body.WriteString("<w:tr>")
		d.cell(lw, 1, "", []run{{text: capitalise(r.Label)}}, runFmt{size: 16})
		if sp[0] > 0 {
			d.cell(unit*sp[0], sp[0], col, nil, runFmt{})
		}
		if sp[1] > 0 {
			d.cell(unit*sp[1], sp[1], "", nil, runFmt{})
		}
		d.cell(extra, 1, "", []run{{text: fmt.Sprintf("%d (%s)", r.N, pctText(r.Percent))}}, runFmt{size: 16})
		d.body.WriteString("</w:tr>")
	}
	d.body.WriteString("</w:tbl>")
}

// flow writes the screening flow as a table: the main path's boxes on the
// left with arrows down between them, the records leaving each stage in
// boxes on the right.
func (d *docxWriter) flow() {
	const border = `<w:tcBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="5B7FB5"/><w:left w:val="single" w:sz="6" w:space="0" w:color="5B7FB5"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="5B7FB5"/><w:right w:val="single" w:sz="6" w:space="0" w:color="5B7FB5"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="F7F9FC"/>`
	mw, aw := docxContent*52/100, docxContent*8/100
	sw := docxContent - mw - aw
	d.tableStart("BarTable", []int{mw, aw, sw})
	cell := func(w int, borders string, paras [][]run, bold int, align string) {
		d.body.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/>` + borders + `<w:vAlign w:val="center"/></w:tcPr>`)
		if len(paras) == 0 {
			paras = [][]run{nil}
		}
		for k, p := range paras {
			d.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/><w:keepNext/>`)
			if align != "" {
				d.body.WriteString(`<w:jc w:val="` + align + `"/>`)
			}
			d.body.WriteString(`</w:pPr>`)
			d.runs(p, runFmt{bold: k < bold, size: 17})
			d.body.WriteString("</w:p>")
		}
		d.body.WriteString("</w:tc>")
	}
	lines := func(bs []flowBox) ([][]run, int) {
		var out [][]run
		for i, b := range bs {
			if i > 0 {
				out = append(out, nil)
			}
			for _, l := range b.lines {
				out = append(out, []run{{text: l}})
			}
		}
		return out, 1
	}
	for r, row := range flowRows(d.b) {
		if r > 0 {
			d.body.WriteString("<w:tr>")
			cell(mw, "", [][]run{{{text: "↓"}}}, 0, "center")
			cell(aw, "", nil, 0, "")
			cell(sw, "", nil, 0, "")
			d.body.WriteString("</w:tr>")
		}
		d.body.WriteString("<w:tr>")
		main, _ := lines([]flowBox{row.main})
		main = append([][]run{{{text: row.stage, bold: true}}}, main...)
		cell(mw, border, main, 2, "")
		if len(row.side) > 0 {
			side, _ := lines(row.side)
			cell(aw, "", [][]run{{{text: "→"}}}, 0, "center")
			cell(sw, border, side, 1, "")
		} else {
			cell(aw, "", nil, 0, "")
			cell(sw, "", nil, 0, "")
		}
		d.body.WriteString("</w:tr>")
	}
	d.body.WriteString("</w:tbl>")
}
