package pdftext

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// isMarkText reports glyph text that attaches to the glyph before it: it
// starts with a combining mark (a vowel sign, tone mark, Khmer coeng
// subscript, Myanmar medial, diacritic).
func isMarkText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError && unicode.Is(unicode.M, r)
}

// preBase reports characters that shaping draws before the consonant they
// follow in Unicode (logical) order: Khmer, Myanmar and Indic pre-base vowel
// signs and medials. Thai and Lao pre-base vowels are not among them: Unicode
// stores those in visual order.
func preBase(r rune) bool {
	switch r {
	case 0x17C1, 0x17C2, 0x17C3, // Khmer e, ae, ai
		0x17BE, 0x17BF, 0x17C0, 0x17C4, 0x17C5, // Khmer split vowels (drawn as one pre-base piece)
		0x1031, 0x103C, 0x1084, // Myanmar e, medial ra, Shan e
		0x093F, 0x094E, // Devanagari i
		0x09BF, 0x09C7, 0x09C8, // Bengali
		0x0A3F,         // Gurmukhi i
		0x0ABF,         // Gujarati i
		0x0B47, 0x0B48, // Oriya
		0x0BC6, 0x0BC7, 0x0BC8, // Tamil
		0x0C46,                 // Telugu (none pre-base in practice; kept for symmetry)
		0x0D46, 0x0D47, 0x0D48, // Malayalam
		0x0DD9, 0x0DDA, 0x0DDB: // Sinhala
		return true
	}
	return false
}

// isPreBasePiece reports a glyph's text that shaping moved before its
// consonant: pre-base vowels and the Khmer coeng ro subscript.
func isPreBasePiece(text []rune) bool {
	switch {
	case len(text) == 0:
		return false
	case len(text) == 2 && text[0] == 0x17D2 && text[1] == 0x179A: // coeng ro
		return true
	}
	for _, r := range text {
		if !preBase(r) {
			return false
		}
	}
	return true
}

// followsBase reports glyph text that belongs between a consonant and its
// pre-base vowel in logical order: subscript consonants (Khmer coeng,
// Myanmar virama stacking) and Myanmar medials.
func followsBase(text []rune) bool {
	if len(text) == 0 {
		return false
	}
	switch r := text[0]; {
	case r == 0x17D2 || r == 0x1039: // coeng, Myanmar virama (stacked consonant)
		return true
	case r >= 0x103B && r <= 0x103E: // Myanmar medials
		return true
	case r == 0x17CC || r == 0x17C9 || r == 0x17CA: // Khmer robat, muusikatoan, triisap
		return true
	}
	return false
}

// isBase reports a consonant (or independent vowel) that carries marks.
func isBase(text []rune) bool {
	return len(text) > 0 && unicode.IsLetter(text[0]) && !unicode.Is(unicode.M, text[0])
}

// logicalOrder moves pre-base pieces (glyphs that shaping drew before their
// consonant) after the consonant and its subscripts, so the text reads in
// Unicode order. parts are the rune offsets where each glyph's text starts.
func logicalOrder(text string, bx []cbox, parts []int) (string, []cbox) {
	rs := []rune(text)
	if len(bx) != len(rs) {
		return text, bx
	}
	type piece struct {
		rs []rune
		bx []cbox
	}
	pieces := make([]piece, 0, len(parts))
	found := false
	for i, st := range parts {
		end := len(rs)
		if i+1 < len(parts) {
			end = parts[i+1]
		}
		if st > end || end > len(rs) {
			return text, bx
		}
		p := piece{rs[st:end], bx[st:end]}
		if isPreBasePiece(p.rs) {
			found = true
		}
		if len(p.rs) == 1 && (p.rs[0] == 0x17D2 || p.rs[0] == 0x1039) {
			// A subscript sign drawn on its own: the text was not shaped, so
			// its glyphs stand in Unicode order already.
			return text, bx
		}
		pieces = append(pieces, p)
	}
	if !found {
		return text, bx
	}
	var nr []rune
	var nb []cbox
	for i := 0; i < len(pieces); {
		if !isPreBasePiece(pieces[i].rs) {
			nr, nb = append(nr, pieces[i].rs...), append(nb, pieces[i].bx...)
			i++
			continue
		}
		j := i
		for j < len(pieces) && isPreBasePiece(pieces[j].rs) {
			j++
		}
		if j >= len(pieces) || !isBase(pieces[j].rs) {
			// No consonant after them: leave them where they are.
			for _, p := range pieces[i:j] {
				nr, nb = append(nr, p.rs...), append(nb, p.bx...)
			}
			i = j
			continue
		}
		// The syllable: its consonant, then its dependent signs in canonical
		// order (subscripts and medials, vowels, other signs), the pre-base
		// pieces among them.
		base := pieces[j]
		nr, nb = append(nr, base.rs[:1]...), append(nb, base.bx[:1]...)
		var deps []rune
		var dbx []cbox
		deps, dbx = append(deps, base.rs[1:]...), append(dbx, base.bx[1:]...)
		k := j + 1
		for k < len(pieces) && followsBase(pieces[k].rs) {
			deps, dbx = append(deps, pieces[k].rs...), append(dbx, pieces[k].bx...)
			k++
		}
		for _, p := range pieces[i:j] {
			deps, dbx = append(deps, p.rs...), append(dbx, p.bx...)
		}
		for k < len(pieces) && !isBase(pieces[k].rs) && !isPreBasePiece(pieces[k].rs) {
			deps, dbx = append(deps, pieces[k].rs...), append(dbx, pieces[k].bx...)
			k++
		}
		deps, dbx = canonicalSigns(deps, dbx)
		nr, nb = append(nr, deps...), append(nb, dbx...)
		i = k
	}
	return string(nr), nb
}

// signWeight ranks a dependent sign of a Khmer or Myanmar syllable in Unicode
// storage order; a subscript (coeng or virama with its consonant) is one unit.
func signWeight(r rune) int {
	switch {
	case r == 0x17D2 || r == 0x1039: // subscript consonant (with the next rune)
		return 1
	case r == 0x17CC: // Khmer robat
		return 0
	case r >= 0x103B && r <= 0x103E: // Myanmar medials
		return 2
	case r == 0x1031:
		return 3
	case r == 0x102D || r == 0x102E || r == 0x1032:
		return 4
	case r == 0x102F || r == 0x1030:
		return 5
	case r == 0x102B || r == 0x102C:
		return 6
	case r == 0x1036:
		return 7
	case r == 0x1037 || r == 0x103A || r == 0x1038:
		return 8
	case r >= 0x17B6 && r <= 0x17C5: // Khmer vowels
		return 3
	case r >= 0x17C6 && r <= 0x17DD: // Khmer signs
		return 8
	}
	return 9
}

// canonicalSigns sorts a syllable's dependent signs into storage order,
// keeping subscripts (coeng or virama and their consonant) together and in
// the order found.
func canonicalSigns(rs []rune, bx []cbox) ([]rune, []cbox) {
	type unit struct {
		rs []rune
		bx []cbox
		w  int
	}
	var units []unit
	for i := 0; i < len(rs); i++ {
		n := 1
		if (rs[i] == 0x17D2 || rs[i] == 0x1039) && i+1 < len(rs) {
			n = 2
		}
		units = append(units, unit{rs[i : i+n], bx[i : i+n], signWeight(rs[i])})
		i += n - 1
	}
	sort.SliceStable(units, func(a, b int) bool { return units[a].w < units[b].w })
	or := make([]rune, 0, len(rs))
	ob := make([]cbox, 0, len(bx))
	for _, u := range units {
		or, ob = append(or, u.rs...), append(ob, u.bx...)
	}
	return or, ob
}

// thaiPresentation maps the private-use Thai presentation forms that
// Windows-era Thai fonts (and their ToUnicode maps) use for shifted tone
// marks and vowels back to the Thai characters.
var thaiPresentation = map[rune]rune{
	0xF700: 0x0E10, 0xF701: 0x0E34, 0xF702: 0x0E35, 0xF703: 0x0E36, 0xF704: 0x0E37,
	0xF705: 0x0E48, 0xF706: 0x0E49, 0xF707: 0x0E4A, 0xF708: 0x0E4B, 0xF709: 0x0E4C,
	0xF70A: 0x0E48, 0xF70B: 0x0E49, 0xF70C: 0x0E4A, 0xF70D: 0x0E4B, 0xF70E: 0x0E4C,
	0xF70F: 0x0E0D, 0xF710: 0x0E31, 0xF711: 0x0E4D, 0xF712: 0x0E47, 0xF713: 0x0E48,
	0xF714: 0x0E49, 0xF715: 0x0E4A, 0xF716: 0x0E4B, 0xF717: 0x0E4C, 0xF718: 0x0E38,
	0xF719: 0x0E39, 0xF71A: 0x0E3A,
}

// scriptFixes repairs spellings that drawing splits: Thai and Lao sara am
// drawn as nikhahit (with any tone mark) and sara aa, and a Khmer split
// vowel drawn as its pre-base piece (sign e) and the vowel itself.
func scriptFixes(rs []rune, bx []cbox) ([]rune, []cbox) {
	need, syllables := false, false
	for _, r := range rs {
		if r == 0x0E4D || r == 0x0ECD || r == 0x17C1 {
			need = true
		}
		if (r >= 0x1780 && r <= 0x17FF) || (r >= 0x1000 && r <= 0x109F) {
			syllables = true
		}
	}
	if syllables {
		rs, bx = canonicalSyllables(rs, bx)
	}
	if !need {
		return rs, bx
	}
	out := rs[:0:0]
	ob := bx[:0:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case 0x0E4D, 0x0ECD: // nikhahit: tone marks then sara aa make sara am
			aa, am, tlo, thi := rune(0x0E32), rune(0x0E33), rune(0x0E48), rune(0x0E4B)
			if r == 0x0ECD {
				aa, am, tlo, thi = 0x0EB2, 0x0EB3, 0x0EC8, 0x0ECB
			}
			j := i + 1
			for j < len(rs) && rs[j] >= tlo && rs[j] <= thi {
				j++
			}
			if j < len(rs) && rs[j] == aa {
				u := bx[i]
				for k := i + 1; k < j; k++ {
					out, ob = append(out, rs[k]), append(ob, bx[k])
				}
				out, ob = append(out, am), append(ob, union(u, bx[j]))
				i = j
				continue
			}
		case 0x17C1:
			// Sign e drawn as the left piece of a split vowel: with the
			// vowel's right piece (or the vowel itself) it is that vowel.
			if n := len(out); n > 0 && isKhmerSplit(out[n-1]) {
				ob[n-1] = union(ob[n-1], bx[i])
				continue
			}
			if i+1 < len(rs) {
				switch rs[i+1] {
				case 0x17BE, 0x17BF, 0x17C0, 0x17C4, 0x17C5:
					out, ob = append(out, rs[i+1]), append(ob, union(bx[i], bx[i+1]))
					i++
					continue
				case 0x17B8: // e + ii drawn = oe
					out, ob = append(out, 0x17BE), append(ob, union(bx[i], bx[i+1]))
					i++
					continue
				case 0x17B6: // e + aa drawn = oo
					out, ob = append(out, 0x17C4), append(ob, union(bx[i], bx[i+1]))
					i++
					continue
				}
			}
		}
		out, ob = append(out, r), append(ob, bx[i])
	}
	return out, ob
}

// isKhmerSplit reports the Khmer vowels drawn in two pieces, sign e on the left.
func isKhmerSplit(r rune) bool {
	switch r {
	case 0x17BE, 0x17BF, 0x17C0, 0x17C4, 0x17C5:
		return true
	}
	return false
}

// canonicalSyllables puts the dependent signs of every Khmer and Myanmar
// syllable into storage order (see canonicalSigns).
func canonicalSyllables(rs []rune, bx []cbox) ([]rune, []cbox) {
	out := make([]rune, 0, len(rs))
	ob := make([]cbox, 0, len(bx))
	for i := 0; i < len(rs); {
		out, ob = append(out, rs[i]), append(ob, bx[i])
		j := i + 1
		for j < len(rs) && (unicode.Is(unicode.M, rs[j]) || ((rs[j-1] == 0x17D2 || rs[j-1] == 0x1039) && j-1 > i)) {
			j++
		}
		if j-i > 2 && (rs[i] >= 0x1780 && rs[i] <= 0x17FF || rs[i] >= 0x1000 && rs[i] <= 0x109F) {
			d, db := canonicalSigns(append([]rune(nil), rs[i+1:j]...), append([]cbox(nil), bx[i+1:j]...))
			out, ob = append(out, d...), append(ob, db...)
		} else {
			out, ob = append(out, rs[i+1:j]...), append(ob, bx[i+1:j]...)
		}
		i = j
	}
	return out, ob
}
