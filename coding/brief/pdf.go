package brief

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"
)

// PDF layout in points on A4.
const (
	pdfMargin = 56.0
	pdfBody   = 10.0 // body font size
	pdfLine   = 14.0 // body line height
)

// pdfFixedTime is written as the creation date so output is reproducible.
var pdfFixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type pdfWriter struct {
	p     *fpdf.Fpdf
	b     *Brief
	fam   string
	tr    func(string) string
	figs  map[string]*figure
	pageH float64
	width float64
	// outline is the level of the last PDF bookmark (-1 before the first).
	outline int
}

func hexRGB(h string) (int, int, int) {
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 6 {
		return 0, 0, 0
	}
	return int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)
}

// writePDF lays out the blocks with fpdf, in DejaVu Sans Condensed when
// installed (see FontDirs) or else the core Helvetica font.
func writePDF(w io.Writer, b *Brief, blocks []block, figs map[string]*figure) error {
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCreationDate(pdfFixedTime)
	p.SetModificationDate(pdfFixedTime)
	p.SetCatalogSort(true)
	fam, tr := setupFonts(p)
	d := &pdfWriter{p: p, b: b, fam: fam, tr: tr, figs: figs, outline: -1}
	p.SetTitle(b.Title, true)
	p.SetCreator("Evidence Workbench", true)
	p.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	p.SetAutoPageBreak(true, pdfMargin)
	p.AliasNbPages("{nb}")
	pw, ph := p.GetPageSize()
	d.pageH, d.width = ph, pw-2*pdfMargin
	p.SetFooterFunc(func() {
		p.SetY(-pdfMargin + 18)
		p.SetFont(d.fam, "", 8)
		p.SetTextColor(120, 120, 120)
		p.CellFormat(d.width/2, 10, d.tr(clip(b.Title, 70)), "", 0, "L", false, 0, "")
		p.CellFormat(d.width/2, 10, fmt.Sprintf("Page %d of {nb}", p.PageNo()), "", 0, "R", false, 0, "")
	})
	p.AddPage()
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
		if err := p.Error(); err != nil {
			return fmt.Errorf("write pdf: %w", err)
		}
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

func (d *pdfWriter) color(h string) {
	d.p.SetTextColor(hexRGB(h))
}

// room starts a new page unless h points fit above the bottom margin.
func (d *pdfWriter) room(h float64) {
	if d.p.GetY()+h > d.pageH-pdfMargin {
		d.p.AddPage()
	}
}

func (d *pdfWriter) block(bl block, first bool) {
	p := d.p
	switch bl.kind {
	case bHeading:
		size := map[int]float64{1: 16, 2: 13, 3: 11.5}[bl.level]
		if bl.level == 1 && first {
			size = 22
		}
		p.Ln(size * 0.6)
		d.color("1f3864")
		if bl.level == 3 {
			d.color("2f5496")
		}
		p.SetFont(d.fam, "B", size)
		// Outline levels may not skip: a custom template that starts at
		// "##" still gets a level-0 entry.
		lvl := min(bl.level-1, d.outline+1)
		d.outline = lvl
		p.Bookmark(d.tr(plainText(bl.runs)), lvl, -1)
		p.MultiCell(d.width, size*1.25, d.tr(plainText(bl.runs)), "", "L", false)
		p.Ln(size * 0.3)
	case bPara:
		d.runs(bl.runs, pdfBody, "222222", "")
		p.Ln(pdfLine + 4)
	case bBullet:
		d.room(pdfLine)
		x := p.GetX()
		p.SetFont(d.fam, "", pdfBody)
		d.color("222222")
		p.Text(pdfMargin+3, p.GetY()+pdfLine*0.72, d.tr("•"))
		p.SetLeftMargin(pdfMargin + 14)
		p.SetX(pdfMargin + 14)
		d.runs(bl.runs, pdfBody, "222222", "")
		p.SetLeftMargin(pdfMargin)
		p.SetX(x)
		p.Ln(pdfLine + 2)
	case bQuote:
		d.room(pdfLine * 2)
		y0, page := p.GetY(), p.PageNo()
		p.SetLeftMargin(pdfMargin + 20)
		p.SetRightMargin(pdfMargin + 20)
		p.SetX(pdfMargin + 20)
		d.runs(bl.runs, pdfBody-0.5, "404040", "I")
		p.SetLeftMargin(pdfMargin)
		p.SetRightMargin(pdfMargin)
		p.Ln(pdfLine)
		if p.PageNo() == page {
			p.SetDrawColor(hexRGB("8eaadb"))
			p.SetLineWidth(2)
			p.Line(pdfMargin+8, y0+1, pdfMargin+8, p.GetY()-3)
			p.SetLineWidth(0.5)
		}
		p.Ln(4)
	case bTable:
		d.table(bl)
	case bFigure:
		d.figure(bl)
	}
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
			return min(f.h*scale, d.pageH-2*pdfMargin-80) + 30
		}
	case bHeading:
		return 40
	}
	return 2*pdfLine + 4
}

// runs writes inline runs with Write, which wraps at the margins.
func (d *pdfWriter) runs(rs []run, size float64, col, style string) {
	d.color(col)
	for _, r := range rs {
		s := style
		if r.bold {
			s += "B"
		}
		if r.italic && style != "I" {
			s += "I"
		}
		d.p.SetFont(d.fam, s, size)
		d.p.Write(size*1.4, d.tr(r.text))
	}
}

func (d *pdfWriter) table(bl block) {
	p := d.p
	n := 0
	for _, r := range bl.rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	const pad = 3.0
	size := 8.0
	var ws []float64
	for {
		var ok bool
		ws, ok = fitColumns(bl.rows, n, d.width, pad, func(s string, bold bool) float64 {
			st := ""
			if bold {
				st = "B"
			}
			p.SetFont(d.fam, st, size)
			return p.GetStringWidth(d.tr(s))
		})
		if ok || size <= 6 {
			break
		}
		size -= 0.5
	}
	lh := size * 1.25
	p.SetDrawColor(hexRGB("a6a6a6"))
	p.SetLineWidth(0.5)
	var drawRow func(row [][]run, header bool)
	drawRow = func(row [][]run, header bool) {
		style := ""
		if header {
			style = "B"
		}
		p.SetFont(d.fam, style, size)
		lines := make([][][]byte, n)
		h := 0.0
		for j := 0; j < n; j++ {
			text := ""
			if j < len(row) {
				text = plainText(row[j])
				if len(row[j]) > 0 && row[j][0].bold {
					p.SetFont(d.fam, "B", size)
				}
			}
			lines[j] = p.SplitLines([]byte(d.tr(text)), ws[j]-2*pad+2*p.GetCellMargin()+0.5)
			p.SetFont(d.fam, style, size)
			h = max(h, float64(len(lines[j]))*lh+2*pad)
		}
		if p.GetY()+h > d.pageH-pdfMargin {
			p.AddPage()
			if !header && bl.header {
				drawRow(bl.rows[0], true) // repeat the header on the new page
				p.SetFont(d.fam, "", size)
			}
		}
		x, y := pdfMargin, p.GetY()
		for j := 0; j < n; j++ {
			if header {
				p.SetFillColor(hexRGB("d9e2f3"))
				p.Rect(x, y, ws[j], h, "FD")
			} else {
				p.Rect(x, y, ws[j], h, "D")
			}
			bold := header || (j < len(row) && len(row[j]) > 0 && row[j][0].bold)
			if bold {
				p.SetFont(d.fam, "B", size)
			} else {
				p.SetFont(d.fam, "", size)
			}
			d.color("222222")
			for k, l := range lines[j] {
				p.Text(x+pad, y+pad+lh*float64(k)+lh*0.75, string(l))
			}
			x += ws[j]
		}
		p.SetXY(pdfMargin, y+h)
	}
	// Keep a header (or the first rows) with at least two rows below it.
	d.room(3*(lh+2*pad) + 2)
	for i, row := range bl.rows {
		drawRow(row, i == 0 && bl.header)
	}
	p.Ln(pdfLine)
}

// figure draws a chart's shapes scaled to the text width (and down to the
// page height when taller).
func (d *pdfWriter) figure(bl block) {
	f, ok := d.figs[bl.name]
	if !ok {
		return
	}
	p := d.p
	scale := min(1.0, d.width/f.w)
	avail := d.pageH - 2*pdfMargin - 40
	if f.h*scale > avail {
		scale = avail / f.h
	}
	d.room(f.h*scale + 30)
	x0, y0 := pdfMargin+(d.width-f.w*scale)/2, p.GetY()+4
	p.SetLineWidth(0.4)
	for _, s := range f.shapes {
		if s.line {
			p.SetDrawColor(hexRGB(s.stroke))
			p.SetLineWidth(0.8 * scale)
			p.Line(x0+s.x*scale, y0+s.y*scale, x0+(s.x+s.w)*scale, y0+(s.y+s.h)*scale)
			if s.arrow {
				var pts []fpdf.PointType
				for _, c := range s.arrowHead() {
					pts = append(pts, fpdf.PointType{X: x0 + c[0]*scale, Y: y0 + c[1]*scale})
				}
				p.SetFillColor(hexRGB(s.stroke))
				p.Polygon(pts, "F")
			}
			p.SetLineWidth(0.4)
			continue
		}
		if s.rect {
			style := ""
			if s.fill != "" {
				p.SetFillColor(hexRGB(s.fill))
				style += "F"
			}
			if s.stroke != "" {
				p.SetDrawColor(hexRGB(s.stroke))
				style += "D"
			}
			if style != "" {
				p.Rect(x0+s.x*scale, y0+s.y*scale, s.w*scale, s.h*scale, style)
			}
			continue
		}
		st := ""
		if s.bold {
			st = "B"
		}
		p.SetFont(d.fam, st, s.size*scale)
		d.color(s.color)
		t := d.tr(s.text)
		x := x0 + s.x*scale
		switch s.anchor {
		case "middle":
			x -= p.GetStringWidth(t) / 2
		case "end":
			x -= p.GetStringWidth(t)
		}
		p.Text(x, y0+s.y*scale, t)
	}
	p.SetXY(pdfMargin, y0+f.h*scale+6)
	p.SetFont(d.fam, "I", 8.5)
	d.color("595959")
	p.MultiCell(d.width, 11, d.tr(plainText(bl.runs)), "", "L", false)
	p.Ln(pdfLine)
}
