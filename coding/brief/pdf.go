package brief

import (
	"fmt"
	"io"
	"time"

	"github.com/evidence-workbench/workbench/coding/brief/typeset"
)

// PDF layout in points on A4.
const (
	pdfMargin = 56.0
	pdfBody   = 10.0 // body font size
	pdfLine   = 14.0 // body line height
	pdfPageW  = 595.28
	pdfPageH  = 841.89
)

// pdfFixedTime is written as the creation date so output is reproducible.
var pdfFixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pdfWriter lays the blocks out on A4 pages: text shaped and broken into
// lines by typeset in the bundled Noto fonts, shapes drawn directly.
type pdfWriter struct {
	e     *typeset.Engine
	doc   *typeset.Doc
	page  *typeset.Page
	b     *Brief
	figs  map[string]*figure
	y     float64 // the cursor, from the top of the page
	left  float64 // the current left and right margins, from the page's left edge
	right float64
	width float64 // the text width between the page margins
	// outline is the level of the last PDF bookmark (-1 before the first).
	outline int
}

// writePDF lays out the blocks and writes the PDF.
func writePDF(w io.Writer, b *Brief, blocks []block, figs map[string]*figure) error {
	d, err := layoutPDF(b, blocks, figs)
	if err != nil {
		return err
	}
	if _, err := d.doc.WriteTo(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// layoutPDF lays the blocks out on pages, with a footer on every page.
func layoutPDF(b *Brief, blocks []block, figs map[string]*figure) (*pdfWriter, error) {
	e, err := typeset.NewEngine()
	if err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	doc := typeset.NewDoc(e)
	doc.Title, doc.Creator, doc.Created = b.Title, "Evidence Workbench", pdfFixedTime
	d := &pdfWriter{e: e, doc: doc, b: b, figs: figs, outline: -1,
		left: pdfMargin, right: pdfPageW - pdfMargin, width: pdfPageW - 2*pdfMargin}
	d.newPage()
	first := true
	for i, bl := range blocks {
		if bl.kind == bHeading {
			// Keep a heading with the start of what follows it.
			need := 0.0
			if i+1 < len(blocks) {
				need = d.startHeight(blocks[i+1])
			}
			size := map[int]float64{1: 16, 2: 13, 3: 11.5}[bl.level]
			d.room(size*2.2 + need)
		}
		d.block(bl, first)
		if bl.kind == bHeading {
			first = false
		}
	}
	pages := doc.Pages()
	for _, p := range pages {
		y := pdfPageH - pdfMargin + 18 + 7.5
		d.textAt(p, clip(b.Title, 70), typeset.Style{}, 8, pdfMargin, y, "787878", 0)
		d.textAt(p, fmt.Sprintf("Page %d of %d", p.Number(), len(pages)), typeset.Style{}, 8, pdfPageW-pdfMargin, y, "787878", 1)
	}
	return d, nil
}

func pdfColor(h string) typeset.Color { return typeset.Hex(h) }

// newPage starts a page with the cursor at the top margin.
func (d *pdfWriter) newPage() {
	d.page = d.doc.AddPage(pdfPageW, pdfPageH)
	d.y = pdfMargin
}

// room starts a new page unless h points fit above the bottom margin.
func (d *pdfWriter) room(h float64) {
	if d.y+h > pdfPageH-pdfMargin {
		d.newPage()
	}
}

// textAt draws one line of text with its baseline at y: from x (align 0),
// centred on x (0.5) or ending at x (1).
func (d *pdfWriter) textAt(p *typeset.Page, s string, st typeset.Style, size, x, y float64, col string, align float64) float64 {
	lines := d.e.Layout([]typeset.Span{{Text: s, Style: st}}, size, 1e6)
	if len(lines) == 0 {
		return 0
	}
	l := lines[0]
	p.Text(l, x-align*l.Width, y, pdfColor(col))
	return l.Width
}

// pdfSpans turns inline runs into styled spans (base adds to every run).
func pdfSpans(rs []run, base typeset.Style) []typeset.Span {
	out := make([]typeset.Span, 0, len(rs))
	for _, r := range rs {
		out = append(out, typeset.Span{Text: r.text, Style: typeset.Style{Bold: base.Bold || r.bold, Italic: base.Italic || r.italic}})
	}
	return out
}

// paragraph sets spans between the current margins at the cursor, moving
// to a new page when a line does not fit; a line whose ink is taller than
// lineH (stacked Burmese) gets the room it needs. It returns the line
// segments drawn per page (page, top, bottom), for decorations.
func (d *pdfWriter) paragraph(sp []typeset.Span, size, lineH float64, col string) []pageSpan {
	var out []pageSpan
	for _, l := range d.e.Layout(sp, size, d.right-d.left) {
		h := max(lineH, l.Ascent+l.Descent+size*0.25)
		if d.y+h > pdfPageH-pdfMargin {
			d.newPage()
		}
		// The baseline sits where a line of height lineH puts it, lower
		// when the line's ink reaches higher.
		base := d.y + max(lineH*0.5+size*0.35, l.Ascent+size*0.1)
		d.page.Text(l, d.left, base, pdfColor(col))
		if len(out) == 0 || out[len(out)-1].page != d.page {
			out = append(out, pageSpan{page: d.page, top: d.y})
		}
		d.y += h
		out[len(out)-1].bottom = d.y
	}
	return out
}

// pageSpan is the part of a paragraph on one page.
type pageSpan struct {
	page        *typeset.Page
	top, bottom float64
}

func (d *pdfWriter) block(bl block, first bool) {
	switch bl.kind {
	case bHeading:
		size := map[int]float64{1: 16, 2: 13, 3: 11.5}[bl.level]
		if bl.level == 1 && first {
			size = 22
		}
		d.y += size * 0.6
		col := "1f3864"
		if bl.level == 3 {
			col = "2f5496"
		}
		// Outline levels may not skip: a custom template that starts at
		// "##" still gets a level-0 entry.
		lvl := min(bl.level-1, d.outline+1)
		d.outline = lvl
		d.doc.Outline(plainText(bl.runs), lvl, d.page, d.y)
		d.paragraph([]typeset.Span{{Text: plainText(bl.runs), Style: typeset.Style{Bold: true}}}, size, size*1.25, col)
		d.y += size * 0.3
	case bPara:
		d.paragraph(pdfSpans(bl.runs, typeset.Style{}), pdfBody, pdfBody*1.4, "222222")
		d.y += 4
	case bBullet:
		d.room(pdfLine)
		d.textAt(d.page, "•", typeset.Style{}, pdfBody, pdfMargin+3, d.y+pdfLine*0.72, "222222", 0)
		d.left = pdfMargin + 14
		d.paragraph(pdfSpans(bl.runs, typeset.Style{}), pdfBody, pdfBody*1.4, "222222")
		d.left = pdfMargin
		d.y += 2
	case bQuote:
		d.room(pdfLine * 2)
		d.left, d.right = pdfMargin+20, pdfPageW-pdfMargin-20
		segs := d.paragraph(pdfSpans(bl.runs, typeset.Style{Italic: true}), pdfBody-0.5, (pdfBody-0.5)*1.4, "404040")
		d.left, d.right = pdfMargin, pdfPageW-pdfMargin
		for _, s := range segs {
			s.page.Line(pdfMargin+8, s.top+1, pdfMargin+8, s.bottom-1, pdfColor("8eaadb"), 2)
		}
		d.y += 4
	case bTable:
		d.table(bl)
	case bFigure:
		d.figure(bl)
	case bImage:
		d.image(bl)
	}
}

func (d *pdfWriter) table(bl block) {
	n := 0
	for _, r := range bl.rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	const pad = 3.0
	size := 8.0
	style := func(bold bool) typeset.Style { return typeset.Style{Bold: bold} }
	var ws []float64
	for {
		var ok bool
		ws, ok = fitColumns(bl.rows, n, d.width, pad,
			func(s string, bold bool) float64 { return d.e.Width(s, style(bold), size) },
			func(s string, bold bool) float64 { return d.e.MinWidth(s, style(bold), size) })
		if ok || size <= 6 {
			break
		}
		size -= 0.5
	}
	lh := size * 1.25
	grid := pdfColor("a6a6a6")
	headFill := pdfColor("d9e2f3")
	var drawRow func(row [][]run, header bool)
	drawRow = func(row [][]run, header bool) {
		lines := make([][]typeset.Line, n)
		h := 0.0
		for j := 0; j < n; j++ {
			var cell []typeset.Span
			if j < len(row) {
				bold := header || len(row[j]) > 0 && row[j][0].bold
				cell = []typeset.Span{{Text: plainText(row[j]), Style: style(bold)}}
			}
			if len(cell) > 0 && cell[0].Text != "" {
				lines[j] = d.e.Layout(cell, size, ws[j]-2*pad+0.5)
			}
			rowH := 0.0
			for _, l := range lines[j] {
				rowH += max(lh, l.Ascent+l.Descent+size*0.2)
			}
			h = max(h, rowH+2*pad)
		}
		h = max(h, lh+2*pad)
		if d.y+h > pdfPageH-pdfMargin {
			d.newPage()
			if !header && bl.header {
				drawRow(bl.rows[0], true) // repeat the header on the new page
			}
		}
		x, y := pdfMargin, d.y
		for j := 0; j < n; j++ {
			if header {
				d.page.Rect(x, y, ws[j], h, &headFill, &grid, 0.5)
			} else {
				d.page.Rect(x, y, ws[j], h, nil, &grid, 0.5)
			}
			ly := y + pad
			for _, l := range lines[j] {
				lineH := max(lh, l.Ascent+l.Descent+size*0.2)
				d.page.Text(l, x+pad, ly+max(lh*0.75, l.Ascent+size*0.1), pdfColor("222222"))
				ly += lineH
			}
			x += ws[j]
		}
		d.y = y + h
	}
	// Keep a header (or the first rows) with at least two rows below it.
	d.room(3*(lh+2*pad) + 2)
	for i, row := range bl.rows {
		drawRow(row, i == 0 && bl.header)
	}
	d.y += pdfLine
}

// startHeight estimates the height of the start of a block that must not
// be separated from the heading above it: two lines of text, a table's
// header with two rows, a whole figure.
func (d *pdfWriter) startHeight(bl block) float64 {
	switch bl.kind {
	case bTable:
		rows := min(len(bl.rows), 3)
		return float64(rows)*(8*1.25*2+6) + 4
	case bFigure:
		if f, ok := d.figs[bl.name]; ok {
			scale := min(1.0, d.width/f.w)
			return min(f.h*scale, pdfPageH-2*pdfMargin-80) + 30
		}
	case bImage:
		_, h := d.imageSize(bl)
		return h + 30
	case bHeading:
		return 40
	}
	return 2*pdfLine + 4
}

// figure draws a chart's shapes scaled to the text width (and down to the
// page height when taller).
func (d *pdfWriter) figure(bl block) {
	f, ok := d.figs[bl.name]
	if !ok {
		return
	}
	scale := min(1.0, d.width/f.w)
	avail := pdfPageH - 2*pdfMargin - 40
	if f.h*scale > avail {
		scale = avail / f.h
	}
	d.room(f.h*scale + 30)
	x0, y0 := pdfMargin+(d.width-f.w*scale)/2, d.y+4
	for _, s := range f.shapes {
		if s.line {
			c := pdfColor(s.stroke)
			d.page.Line(x0+s.x*scale, y0+s.y*scale, x0+(s.x+s.w)*scale, y0+(s.y+s.h)*scale, c, 0.8*scale)
			if s.arrow {
				var pts [][2]float64
				for _, h := range s.arrowHead() {
					pts = append(pts, [2]float64{x0 + h[0]*scale, y0 + h[1]*scale})
				}
				d.page.Polygon(pts, c)
			}
			continue
		}
		if s.rect {
			var fill, stroke *typeset.Color
			if s.fill != "" {
				c := pdfColor(s.fill)
				fill = &c
			}
			if s.stroke != "" {
				c := pdfColor(s.stroke)
				stroke = &c
			}
			d.page.Rect(x0+s.x*scale, y0+s.y*scale, s.w*scale, s.h*scale, fill, stroke, 0.4)
			continue
		}
		align := 0.0
		switch s.anchor {
		case "middle":
			align = 0.5
		case "end":
			align = 1
		}
		d.textAt(d.page, s.text, typeset.Style{Bold: s.bold}, s.size*scale, x0+s.x*scale, y0+s.y*scale, s.color, align)
	}
	d.y = y0 + f.h*scale + 6
	d.paragraph([]typeset.Span{{Text: plainText(bl.runs), Style: typeset.Style{Italic: true}}}, 8.5, 11, "595959")
	d.y += pdfLine
}
