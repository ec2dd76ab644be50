package pdftext

import (
	"math"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// spacingAccents are the spacing accents typesetters draw over (or under) a
// letter, with the combining marks they stand for: TeX sets \"{\i} as a
// diaeresis glyph over a dotless i.
var spacingAccents = map[rune]rune{
	'¨': 0x0308, // diaeresis
	'´': 0x0301, // acute
	'`': 0x0300, // grave
	'˜': 0x0303, // tilde
	'~': 0x0303,
	'¯': 0x0304, // macron
	'ˉ': 0x0304,
	'¸': 0x0327, // cedilla
	'˚': 0x030A, // ring
	'ˆ': 0x0302, // circumflex
	'^': 0x0302,
	'ˇ': 0x030C, // caron
	'˘': 0x0306, // breve
	'˙': 0x0307, // dot above
	'˝': 0x030B, // double acute
	'˛': 0x0328, // ogonek
}

// accentMark returns the combining mark a glyph's text stands for when it is
// a lone accent: a spacing accent or a combining diacritical mark.
func accentMark(s string) (rune, bool) {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || n != len(s) {
		return 0, false
	}
	if m, ok := spacingAccents[r]; ok {
		return m, true
	}
	return r, r >= 0x0300 && r <= 0x036F
}

// accentBase reports a glyph an accent may sit on: one letter of a script
// written with such accents (Latin, Greek, Cyrillic). Other scripts' marks
// (Thai, Khmer, ...) keep their own rules (wordlets, logicalOrder).
func accentBase(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && n == len(s) && unicode.IsLetter(r) &&
		(unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r))
}

// placeAccents attaches each accent drawn over (or under) the glyph before
// or after it in content order to that glyph, as a combining mark after its
// letter: "na¨ıve" becomes "naïve" (composed when lines are rendered), a
// dotless i or j under an accent above regains its dot. An accent overlaps
// its letter's centre; an accent in the flow of text does not, and stays.
// gs is filtered in place.
func placeAccents(gs []pglyph) []pglyph {
	first := -1
	for i := range gs {
		if _, ok := accentMark(gs[i].text); ok {
			first = i
			break
		}
	}
	if first < 0 {
		return gs // no accent: nothing to move
	}
	out := gs[:first]
	for i := first; i < len(gs); i++ {
		g := gs[i]
		mark, ok := accentMark(g.text)
		if !ok {
			out = append(out, g)
			continue
		}
		cx := g.x + g.w/2
		best, bestD := -1, math.MaxFloat64
		for _, j := range [2]int{i + 1, i - 1} {
			if j < 0 || j >= len(gs) || (j == i-1 && len(out) == 0) {
				continue
			}
			b := &gs[j]
			if j == i-1 {
				b = &out[len(out)-1]
			}
			tol := 0.1 * b.size
			if !accentBase(b.text) || math.Abs(b.y-g.y) > b.size || cx < b.x-tol || cx > b.x+b.w+tol {
				continue
			}
			if d := math.Abs(cx - (b.x + b.w/2)); d < bestD {
				best, bestD = j, d
			}
		}
		if best < 0 {
			out = append(out, g)
			continue
		}
		b := &gs[best]
		if best == i-1 {
			b = &out[len(out)-1]
		}
		above := norm.NFD.PropertiesString(string(mark)).CCC() == 230
		switch {
		case above && b.text == "ı":
			b.text = "i"
		case above && b.text == "ȷ":
			b.text = "j"
		}
		b.text += string(mark)
		b.bx = append(b.bx[:len(b.bx):len(b.bx)], g.bx...)
		b.spaceAfter = b.spaceAfter || best == i-1 && g.spaceAfter
	}
	return out
}
