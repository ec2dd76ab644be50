package brief

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A figure is drawn as a list of simple shapes in points, so that the SVG
// (HTML, Markdown) and PDF writers draw the same chart.
type shape struct {
	rect       bool
	x, y, w, h float64 // rect: box; text: x, baseline y
	fill       string  // rect fill, "" for none
	stroke     string  // rect outline, "" for none
	text       string
	size       float64
	anchor     string // "start", "middle", "end"
	bold       bool
	color      string
}

type figure struct {
	name    string
	caption string
	w, h    float64
	shapes  []shape
}

func (f *figure) box(x, y, w, h float64, fill, stroke string) {
	f.shapes = append(f.shapes, shape{rect: true, x: x, y: y, w: w, h: h, fill: fill, stroke: stroke})
}

func (f *figure) label(x, y float64, text string, size float64, anchor, color string, bold bool) {
	f.shapes = append(f.shapes, shape{x: x, y: y, text: text, size: size, anchor: anchor, color: color, bold: bold})
}

// Judgement colours, shared by every format.
var (
	colMet          = "2e7d32"
	colPartly       = "f9a825"
	colNotMet       = "c62828"
	colNotReported  = "8d8d8d"
	colNotAppraised = "dddddd"
	colText         = "222222"
	colGrid         = "b0b0b0"
)

// textWidth estimates a Helvetica string's width in points.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * 0.52
}

// clip shortens s to at most n runes with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// heatColour interpolates from a pale to a dark blue by v in [0,1].
func heatColour(v float64) string {
	lo, hi := [3]float64{0xe8, 0xf0, 0xfa}, [3]float64{0x17, 0x3f, 0x8a}
	var out [3]int
	for i := range out {
		out[i] = int(math.Round(lo[i] + (hi[i]-lo[i])*v))
	}
	return fmt.Sprintf("%02x%02x%02x", out[0], out[1], out[2])
}

// figureWidth is the width charts are designed for: the PDF text width.
const figureWidth = 483.0

// heatmapFigure draws the evidence map: a cell per country x sector, shaded
// by the number of studies, with the high/medium/low split beneath. Cell
// sizes adapt so that up to about eight sectors fit the page width.
func heatmapFigure(m *CountrySectorMap) *figure {
	const lw, top = 112.0, 48.0
	n := max(len(m.Sectors), 1)
	cw := min(84, max(44, (figureWidth-lw-4)/float64(n)))
	ch := 30.0
	if len(m.Countries) > 20 {
		ch = 24
	}
	head := min(8.5, (cw-4)/(float64(longestWord(m.Sectors))*0.55))
	f := &figure{name: "heatmap", caption: "Evidence map: included studies per country and sector (H/M/L = high, medium, low rigor)."}
	f.w = lw + cw*float64(len(m.Sectors)) + 4
	f.h = top + ch*float64(len(m.Countries)) + 4
	perLine := max(int((cw-4)/(head*0.52)), 4)
	for j, s := range m.Sectors {
		x := lw + cw*float64(j) + cw/2
		lines := wrapWords(s, perLine)
		if len(lines) > 3 {
			lines = append(lines[:2], clip(strings.Join(lines[2:], " "), perLine))
		}
		y := top - 14 - head*1.15*float64(len(lines)-1)
		for k, line := range lines {
			f.label(x, y+float64(k)*head*1.15, line, head, "middle", colText, true)
		}
		f.label(x, top-4, "n="+strconv.Itoa(m.SectorTotals[j].N), 7, "middle", colNotReported, false)
	}
	split := min(7, (cw-4)/(9*0.52))
	for i, c := range m.Countries {
		y := top + ch*float64(i)
		f.label(lw-6, y+ch/2+3, clip(c, 24), 8.5, "end", colText, false)
		for j := range m.Sectors {
			cell := m.Cells[i][j]
			x := lw + cw*float64(j)
			if cell.All.N == 0 {
				f.box(x, y, cw, ch, "ffffff", colGrid)
				f.label(x+cw/2, y+ch/2+3, "–", 9, "middle", colNotReported, false)
				continue
			}
			v := 0.15 + 0.85*float64(cell.All.N)/float64(max(m.Max, 1))
			fg := colText
			if v > 0.5 {
				fg = "ffffff"
			}
			f.box(x, y, cw, ch, heatColour(v), colGrid)
			f.label(x+cw/2, y+ch*0.45, strconv.Itoa(cell.All.N), 10, "middle", fg, true)
			f.label(x+cw/2, y+ch*0.82, fmt.Sprintf("H%d M%d L%d", cell.High.N, cell.Medium.N, cell.Low.N), split, "middle", fg, false)
		}
	}
	return f
}

func longestWord(v []string) int {
	n := 1
	for _, s := range v {
		for _, w := range strings.Fields(s) {
			n = max(n, utf8.RuneCountInString(w))
		}
	}
	return n
}

// wrapWords splits s into lines of about n runes.
func wrapWords(s string, n int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > n {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func legend(f *figure, x, y float64, items [][2]string) {
	for _, it := range items {
		f.box(x, y-8, 9, 9, it[1], "")
		f.label(x+12, y, it[0], 8, "start", colText, false)
		x += 18 + textWidth(it[0], 8)
	}
}

// rigorFigure draws one 100% stacked bar per criterion.
func rigorFigure(r *Rigor) *figure {
	const lw, bw, bh, gap, top = 170.0, 300.0, 14.0, 8.0, 26.0
	f := &figure{name: "rigor", caption: "Rigor: share of studies per judgement on each criterion."}
	f.w = lw + bw + 10
	f.h = top + (bh+gap)*float64(len(r.Criteria)) + 4
	legend(f, 0, 10, [][2]string{{"Met", colMet}, {"Partly met", colPartly}, {"Not met", colNotMet},
		{"Not reported", colNotReported}, {"Not appraised", colNotAppraised}})
	for i, c := range r.Criteria {
		y := top + (bh+gap)*float64(i)
		f.label(lw-6, y+bh-4, clip(c.Name, 34), 8, "end", colText, false)
		x := lw
		for _, seg := range []struct {
			p   float64
			col string
		}{{c.MetPct, colMet}, {c.PartlyPct, colPartly}, {c.NotMetPct, colNotMet},
			{c.NotReportedPct, colNotReported}, {c.NotAppraisedPct, colNotAppraised}} {
			w := bw * seg.p / 100
			if w <= 0 {
				continue
			}
			f.box(x, y, w, bh, seg.col, "")
			if seg.p >= 9 {
				fg := "ffffff"
				if seg.col == colNotAppraised || seg.col == colPartly {
					fg = colText
				}
				f.label(x+w/2, y+bh-4, fmt.Sprintf("%.0f%%", seg.p), 7.5, "middle", fg, false)
			}
			x += w
		}
		f.box(lw, y, bw, bh, "", colGrid)
	}
	return f
}

// ratingsFigure draws one horizontal bar per overall rating.
func ratingsFigure(r *Rigor) *figure {
	const lw, bw, bh, gap = 70.0, 300.0, 16.0, 6.0
	f := &figure{name: "ratings", caption: "Overall rigor ratings of the included studies."}
	f.w = lw + bw + 60
	f.h = (bh+gap)*float64(len(r.Ratings)) + 4
	maxN := 1
	for _, l := range r.Ratings {
		maxN = max(maxN, l.N)
	}
	cols := map[string]string{"high": colMet, "medium": colPartly, "low": colNotMet}
	for i, l := range r.Ratings {
		y := (bh + gap) * float64(i)
		f.label(lw-6, y+bh-4, capitalise(l.Label), 8.5, "end", colText, false)
		w := bw * float64(l.N) / float64(maxN)
		col, ok := cols[l.Label]
		if !ok {
			col = colNotReported
		}
		if w > 0 {
			f.box(lw, y, w, bh, col, "")
		}
		f.label(lw+w+5, y+bh-4, fmt.Sprintf("%d (%.0f%%)", l.N, l.Percent), 8, "start", colText, false)
	}
	return f
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// figures returns the brief's figures by name.
func figures(b *Brief) map[string]*figure {
	return map[string]*figure{
		"heatmap": heatmapFigure(&b.Map),
		"rigor":   rigorFigure(&b.Rigor),
		"ratings": ratingsFigure(&b.Rigor),
	}
}

func num(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// svgScale converts the figure's points to CSS pixels at screen size.
const svgScale = 1.4

// svg renders the figure as a standalone SVG element.
func (f *figure) svg() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="%s" font-family="Noto Sans, Helvetica, Arial, Noto Sans Thai, Noto Sans Lao, Noto Sans Khmer, Noto Sans Myanmar, Leelawadee UI, Myanmar Text, sans-serif">`,
		num(f.w*svgScale), num(f.h*svgScale), num(f.w), num(f.h), xmlEscape(f.caption))
	for _, s := range f.shapes {
		if s.rect {
			fill, stroke := "none", "none"
			if s.fill != "" {
				fill = "#" + s.fill
			}
			if s.stroke != "" {
				stroke = "#" + s.stroke
			}
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="%s" stroke-width="0.5"/>`,
				num(s.x), num(s.y), num(s.w), num(s.h), fill, stroke)
			continue
		}
		weight := ""
		if s.bold {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" text-anchor="%s" fill="#%s"%s>%s</text>`,
			num(s.x), num(s.y), num(s.size), s.anchor, s.color, weight, xmlEscape(s.text))
	}
	b.WriteString("</svg>")
	return b.String()
}

var xmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// xmlEscape escapes text for XML and drops characters XML 1.0 forbids.
func xmlEscape(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r <= 0xDFFF)) {
			return r
		}
		return -1
	}, s)
	return xmlReplacer.Replace(s)
}
