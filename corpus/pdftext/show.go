package pdftext

import (
	"math"
	"unicode"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
)

func (r *runner) show(s string) error {
	f := r.gs.font
	if f == nil {
		if r.x.fallback == nil {
			r.x.fallback = newFallbackFont()
		}
		f = r.x.fallback
	}
	r.x.stat.textOps++
	size, th := r.gs.size, r.gs.th
	r.codes = f.decode(s, r.codes[:0])
	// The text matrix in display space: its x axis is the writing direction,
	// its y axis gives the glyph size; each glyph only moves its origin.
	m := r.tm.mul(r.gs.ctm)
	ux, uy := m[0], m[1]
	scale := math.Hypot(ux, uy)
	gsize := size * math.Hypot(m[2], m[3]) * f.scale * 1000
	rise := r.gs.rise
	for _, c := range r.codes {
		adv := c.width*size + r.gs.tc
		if c.space {
			adv += r.gs.tw
		}
		adv *= th
		if isSpaceText(c.text) {
			if n := len(*r.glyphs); n > 0 {
				(*r.glyphs)[n-1].spaceAfter = true
			}
		} else if scale > 0 {
			g := glyph{
				x: snap(m[4] + rise*m[2]), y: snap(m[5] + rise*m[3]), dx: ux / scale, dy: uy / scale,
				adv: c.width * size * th * scale, size: gsize,
				cs: r.gs.tc * th * scale, show: r.x.shows, asc: f.asc, desc: f.desc, text: c.text,
			}
			if r.x.glyphLeft <= 0 {
				return errBudget
			}
			r.x.glyphLeft--
			if r.x.stat.drawn+r.x.stat.clipped >= maxPageGlyphs {
				return errPageGlyphs
			}
			switch {
			case !r.x.onPage(&g):
				r.x.stat.clipped++
			case r.actual > 0:
				// Inside /ActualText: the span's text replaces its glyphs,
				// readable or not (see endSpan).
				r.x.stat.drawn++
				if c.unknown || unreadableText(c.text) {
					g.text = ""
				}
				*r.glyphs = append(*r.glyphs, g)
			case c.text == "" && !c.unknown:
				// A glyph that is part of another character's drawing.
			case c.unknown || unreadableText(c.text):
				r.x.stat.drawn++
				r.x.stat.unreadable++
			default:
				r.x.stat.drawn++
				if c.guess {
					g.guess = true
					r.x.stat.guessed++
				}
				*r.glyphs = append(*r.glyphs, g)
			}
		}
		r.tm[4], r.tm[5] = r.tm[4]+adv*r.tm[0], r.tm[5]+adv*r.tm[1]
		m[4], m[5] = m[4]+adv*m[0], m[5]+adv*m[1]
	}
	return nil
}

// snap rounds a coordinate to 1/1024 pt, so that text placed at the same
// position by different matrices compares equal.
func snap(v float64) float64 { return math.Round(v*1024) / 1024 }

// onPage reports whether a glyph's box meets the displayed page (its crop box).
func (x *extractor) onPage(g *glyph) bool {
	if x.pageW <= 0 {
		return true
	}
	if m := 4*g.size + g.adv; g.x > m && g.y > m && g.x < x.pageW-m && g.y < x.pageH-m {
		return true // well inside
	}
	const tol = 1
	// Corners of the glyph's box: along the direction from 0 to adv, across it
	// from the descent to the ascent.
	px, py := -g.dy, g.dx
	a, d := g.asc*g.size, g.desc*g.size
	adv := math.Max(g.adv, 0.1*g.size)
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, along := range [2]float64{0, adv} {
		for _, across := range [2]float64{d, a} {
			cx := g.x + along*g.dx + across*px
			cy := g.y + along*g.dy + across*py
			minX, maxX = math.Min(minX, cx), math.Max(maxX, cx)
			minY, maxY = math.Min(minY, cy), math.Max(maxY, cy)
		}
	}
	return maxX >= -tol && minX <= x.pageW+tol && maxY >= -tol && minY <= x.pageH+tol
}

// isSpaceText reports text made only of white space.
func isSpaceText(s string) bool {
	if s == " " {
		return true
	}
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// formData reads a form XObject's content, keeping small forms decoded for
// the pages that draw them again (logos, running heads, page templates).
func (x *extractor) formData(xo pdf.Value, id uint64) ([]byte, error) {
	if f, ok := x.forms[id]; ok && id != 0 {
		x.stat.damaged = x.stat.damaged || f.damaged
		return f.data, nil
	}
	was := x.stat.damaged
	x.stat.damaged = false
	data, err := x.readStream(xo)
	damaged := x.stat.damaged
	x.stat.damaged = was || damaged
	if err == nil && id != 0 && len(data) < 1<<20 && x.formBytes < 32<<20 {
		if x.forms == nil {
			x.forms = map[uint64]cachedForm{}
		}
		x.forms[id] = cachedForm{data, damaged}
		x.formBytes += len(data)
	}
	return data, err
}

// cachedForm is a decoded form XObject.
type cachedForm struct {
	data    []byte
	damaged bool
}
