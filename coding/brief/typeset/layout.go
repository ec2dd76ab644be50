package typeset

import (
	"strings"
	"unicode"
)

// Glyph is a positioned glyph of a laid-out line, in points.
type Glyph struct {
	// ID is the glyph's index in its font.
	ID uint16
	// Advance is how far the pen moves after the glyph.
	Advance float64
	// DX and DY offset the glyph from the pen (DY up).
	DX, DY float64
	// Text is the text of the glyph's cluster on the cluster's first glyph,
	// "" on the others (for the PDF's ToUnicode map).
	Text string
	// First marks the first glyph of a cluster.
	First bool
}

// Run is a piece of a line in one font.
type Run struct {
	font *fontFile
	// Size is the font size in points.
	Size float64
	// Style is the requested style; italic is synthesised (slanted) when
	// the font has no italic, as for the Thai, Lao, Khmer and Myanmar fonts.
	Style Style
	// X is where the run starts from the line's start.
	X float64
	// Width is the run's advance.
	Width float64
	// InkLeft and InkRight bound the run's ink horizontally, from the
	// line's start (0 and 0 when the run draws nothing).
	InkLeft, InkRight float64
	// Glyphs are the run's glyphs in drawing order.
	Glyphs []Glyph
	// Text is the run's text.
	Text string
}

// FontName is the run font's PostScript name ("NotoSansThai-Regular").
func (r Run) FontName() string { return r.font.ps }

// FontFile is the bundled font file's name of the run.
func (r Run) FontFile() string { return r.font.name }

// SynthItalic reports whether the run's italic is made by slanting an
// upright font.
func (r Run) SynthItalic() bool { return r.Style.Italic && !r.font.italic }

// Line is a laid-out line of text.
type Line struct {
	// Runs are the line's runs, left to right.
	Runs []Run
	// Width is the line's advance without trailing spaces.
	Width float64
	// Ascent and Descent are how far the line's ink reaches above and
	// below the baseline (both positive), in points.
	Ascent, Descent float64
	// Text is the line's text, without trailing spaces.
	Text string
	// Start and End are the line's rune offsets in its paragraph.
	Start, End int
}

// Layout breaks a paragraph of styled spans into lines no wider than width
// points at size points (a word wider than width is cut between its
// graphemes). Line breaks ("\n") in the text end lines.
func (e *Engine) Layout(spans []Span, size, width float64) []Line {
	p := e.shape(spans)
	n := len(p.text)
	scale := size / unitsPerEm
	var lines []Line
	for s := 0; s < n; {
		best := -1
		for b := s + 1; b <= n; b++ {
			if !p.br.can[b] {
				continue
			}
			if p.width(s, b)*scale > width {
				break
			}
			best = b
			if p.br.must[b] {
				break
			}
		}
		if best < 0 { // the first piece is too wide: cut it between graphemes
			best = s + 1
			for best < n && !p.br.grapheme[best] {
				best++
			}
			for b := best + 1; b <= n; b++ {
				if p.br.grapheme[b] {
					if p.width(s, b)*scale > width {
						break
					}
					best = b
				}
			}
		}
		lines = append(lines, e.line(p, s, best, scale))
		s = best
	}
	return lines
}

// width is the advance of text[s:e] without trailing spaces, in
// thousandths of an em.
func (p *paragraph) width(s, e int) float64 {
	for e > s && unicode.IsSpace(p.text[e-1]) {
		e--
	}
	return p.cum[e] - p.cum[s]
}

// line builds the line text[s:e] from the paragraph's glyphs.
func (e *Engine) line(p *paragraph, s, end int, scale float64) Line {
	vis := end
	for vis > s && unicode.IsSpace(p.text[vis-1]) {
		vis--
	}
	l := Line{Start: s, End: end, Text: string(p.text[s:vis])}
	x := 0.0
	var cur *Run
	for _, g := range p.glyphs {
		if g.cluster < s || g.cluster >= vis {
			continue
		}
		if cur == nil || cur.font != g.font || cur.Style != g.style {
			l.Runs = append(l.Runs, Run{font: g.font, Size: scale * unitsPerEm, Style: g.style, X: x})
			cur = &l.Runs[len(l.Runs)-1]
		}
		if g.wide > 0 {
			left, right := x+g.left*scale, x+(g.left+g.wide)*scale
			if cur.InkLeft == 0 && cur.InkRight == 0 {
				cur.InkLeft, cur.InkRight = left, right
			} else {
				cur.InkLeft, cur.InkRight = min(cur.InkLeft, left), max(cur.InkRight, right)
			}
		}
		text := ""
		if g.first {
			text = string(p.text[g.cluster:min(g.cluster+max(g.runes, 1), vis)])
		}
		cur.Glyphs = append(cur.Glyphs, Glyph{ID: g.id, Advance: g.adv * scale, DX: g.dx * scale, DY: g.dy * scale, Text: text, First: g.first})
		cur.Width += g.adv * scale
		x += g.adv * scale
		l.Ascent = max(l.Ascent, g.top*scale)
		l.Descent = max(l.Descent, -g.bot*scale)
	}
	for i := range l.Runs {
		var b strings.Builder
		for _, g := range l.Runs[i].Glyphs {
			b.WriteString(g.Text)
		}
		l.Runs[i].Text = b.String()
	}
	l.Width = x
	return l
}

// Width returns the advance of text set on one line in a style at size
// points.
func (e *Engine) Width(text string, st Style, size float64) float64 {
	p := e.shape([]Span{{Text: text, Style: st}})
	return p.width(0, len(p.text)) * size / unitsPerEm
}

// MinWidth returns the width of the widest piece of text that no line
// break may cut (a word, or a Thai phrase's longest word) at size points.
func (e *Engine) MinWidth(text string, st Style, size float64) float64 {
	p := e.shape([]Span{{Text: text, Style: st}})
	w, last := 0.0, 0
	for b := 1; b <= len(p.text); b++ {
		if p.br.can[b] {
			w = max(w, p.width(last, b))
			last = b
		}
	}
	return w * size / unitsPerEm
}
