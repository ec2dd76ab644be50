package pdftext

import (
	"math"
	"unicode/utf16"
)

// span is an open marked-content sequence; actual is its /ActualText, if any.
type span struct {
	actual    string
	hasActual bool
	start     int // index of the first glyph shown inside it
}

// readDictActualText reads an inline dictionary (after "<<") and returns its
// /ActualText string, skipping everything else, nested dictionaries included.
func readDictActualText(l *lexer) (string, bool) {
	depth := 1
	var text string
	found, want := false, false
	for n := 0; n < 1<<20; n++ {
		t := l.next()
		switch t.kind {
		case tkEOF:
			return text, found
		case tkDictOpen:
			depth++
			want = false
		case tkDictClose:
			depth--
			if depth == 0 {
				return text, found
			}
		case tkName:
			want = depth == 1 && t.s == "ActualText"
		case tkStr:
			if want {
				text, found = decodeTextString(t.s), true
			}
			want = false
		default:
			want = false
		}
	}
	return text, found
}

// decodeTextString decodes a PDF text string: UTF-16 with a byte-order mark,
// UTF-8 with one (PDF 2.0), else PDFDocEncoding (Latin-1 for the printable range).
func decodeTextString(s string) string {
	switch {
	case len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF:
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	case len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF:
		return s[3:]
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// beginSpan opens a marked-content sequence (BMC/BDC).
func (r *runner) beginSpan(actual string, has bool) {
	if len(r.spans) >= 256 {
		return
	}
	// Inside a sequence that already has replacement text, inner ones add nothing.
	for _, s := range r.spans {
		if s.hasActual {
			has = false
		}
	}
	r.spans = append(r.spans, span{actual: actual, hasActual: has, start: len(*r.glyphs)})
	if has {
		r.actual++
	}
}

// endSpan closes a sequence (EMC): glyphs shown inside one with /ActualText are
// replaced by a single run carrying that text, on the baseline of the span's
// widest glyph (its base letter, not a mark drawn above or below).
func (r *runner) endSpan() {
	n := len(r.spans)
	if n == 0 {
		return
	}
	s := r.spans[n-1]
	r.spans = r.spans[:n-1]
	if s.hasActual {
		r.actual--
	}
	gs := *r.glyphs
	if !s.hasActual || s.start >= len(gs) {
		return
	}
	first := gs[s.start]
	along := func(g glyph) float64 { return g.x*first.dx + g.y*first.dy }
	base := first
	lo, hi := along(first), along(first)+first.adv
	size := first.size
	for _, g := range gs[s.start:] {
		lo = math.Min(lo, along(g))
		hi = math.Max(hi, along(g)+g.adv)
		size = math.Max(size, g.size)
		if g.adv > base.adv {
			base = g
		}
	}
	run := base
	shift := lo - along(base)
	run.x, run.y = base.x+shift*first.dx, base.y+shift*first.dy
	run.dx, run.dy = first.dx, first.dy
	run.adv = hi - lo
	run.size = size
	run.text = s.actual
	run.spaceAfter = gs[len(gs)-1].spaceAfter
	*r.glyphs = append(gs[:s.start], run)
}
