package pdftext

import (
	_ "embed" // glyph list
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"
)

// glyphlist.txt maps PostScript glyph names to code points (one "name HEX" pair a
// line). It is derived from the Adobe Glyph List as shipped (BSD licence) in
// github.com/ledongthuc/pdf's name.go, which keeps it unexported.
//
//go:embed glyphlist.txt
var glyphListData string

var (
	glyphOnce sync.Once
	glyphMap  map[string]rune
)

// glyphRune resolves a glyph name to text: the glyph list, then the uniXXXX,
// uXXXX[XX] and ligature naming conventions ("f_i"), then ".suffix" variants.
func glyphRune(nm string) string {
	glyphOnce.Do(func() {
		glyphMap = make(map[string]rune, 4400)
		for _, line := range strings.Split(glyphListData, "\n") {
			sp := strings.IndexByte(line, ' ')
			if sp <= 0 {
				continue
			}
			v, err := strconv.ParseUint(strings.TrimSpace(line[sp+1:]), 16, 32)
			if err == nil {
				glyphMap[line[:sp]] = rune(v)
			}
		}
	})
	if r, ok := glyphMap[nm]; ok {
		return string(r)
	}
	if dot := strings.IndexByte(nm, '.'); dot > 0 {
		return glyphRune(nm[:dot])
	}
	if strings.Contains(nm, "_") {
		var b strings.Builder
		for _, part := range strings.Split(nm, "_") {
			s := glyphRune(part)
			if s == "" {
				return ""
			}
			b.WriteString(s)
		}
		return b.String()
	}
	if strings.HasPrefix(nm, "uni") && len(nm) >= 7 && (len(nm)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i+4 <= len(nm); i += 4 {
			v, err := strconv.ParseUint(nm[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if len(nm) >= 5 && len(nm) <= 7 && nm[0] == 'u' {
		if v, err := strconv.ParseUint(nm[1:], 16, 32); err == nil && v < 0x110000 {
			return string(rune(v))
		}
	}
	// TeX fonts sometimes name glyphs by number, e.g. "g42" or "cid123"; nothing to map.
	return ""
}

// baseEncoding returns a 256-entry code-to-text table for a named simple-font encoding.
func baseEncoding(name string) *[256]string {
	switch name {
	case "WinAnsiEncoding":
		return tableFromCharmap(&winAnsiOnce, &winAnsiTable, charmap.Windows1252)
	case "MacRomanEncoding":
		return tableFromCharmap(&macRomanOnce, &macRomanTable, charmap.Macintosh)
	case "MacExpertEncoding", "StandardEncoding":
		return standardTable()
	}
	return nil
}

var (
	winAnsiOnce, macRomanOnce, stdOnce    sync.Once
	winAnsiTable, macRomanTable, stdTable [256]string
)

func tableFromCharmap(once *sync.Once, t *[256]string, cm *charmap.Charmap) *[256]string {
	once.Do(func() {
		for i := 0; i < 256; i++ {
			r := cm.DecodeByte(byte(i))
			if r == '\uFFFD' || (r < 0x20 && r != '\t') || (r >= 0x7F && r < 0xA0) {
				continue
			}
			t[i] = string(r)
		}
		if cm == charmap.Windows1252 {
			// In WinAnsiEncoding 0xAD draws the hyphen glyph (PDF 32000 annex D),
			// not an invisible soft hyphen.
			t[0xA0] = " "
			t[0xAD] = "-"
		}
	})
	return t
}

// standardHigh lists Adobe StandardEncoding above 0x7F (code, glyph name pairs).
var standardHigh = map[byte]string{
	0xA1: "exclamdown", 0xA2: "cent", 0xA3: "sterling", 0xA4: "fraction", 0xA5: "yen",
	0xA6: "florin", 0xA7: "section", 0xA8: "currency", 0xA9: "quotesingle",
	0xAA: "quotedblleft", 0xAB: "guillemotleft", 0xAC: "guilsinglleft",
	0xAD: "guilsinglright", 0xAE: "fi", 0xAF: "fl", 0xB1: "endash", 0xB2: "dagger",
	0xB3: "daggerdbl", 0xB4: "periodcentered", 0xB6: "paragraph", 0xB7: "bullet",
	0xB8: "quotesinglbase", 0xB9: "quotedblbase", 0xBA: "quotedblright",
	0xBB: "guillemotright", 0xBC: "ellipsis", 0xBD: "perthousand", 0xBF: "questiondown",
	0xC1: "grave", 0xC2: "acute", 0xC3: "circumflex", 0xC4: "tilde", 0xC5: "macron",
	0xC6: "breve", 0xC7: "dotaccent", 0xC8: "dieresis", 0xCA: "ring", 0xCB: "cedilla",
	0xCD: "hungarumlaut", 0xCE: "ogonek", 0xCF: "caron", 0xD0: "emdash", 0xE1: "AE",
	0xE3: "ordfeminine", 0xE8: "Lslash", 0xE9: "Oslash", 0xEA: "OE", 0xEB: "ordmasculine",
	0xF1: "ae", 0xF5: "dotlessi", 0xF8: "lslash", 0xF9: "oslash", 0xFA: "oe", 0xFB: "germandbls",
}

func standardTable() *[256]string {
	stdOnce.Do(func() {
		for i := 0x20; i < 0x7F; i++ {
			stdTable[i] = string(rune(i))
		}
		stdTable[0x27] = "\u2019"
		stdTable[0x60] = "\u2018"
		for c, nm := range standardHigh {
			stdTable[c] = glyphRune(nm)
		}
	})
	return &stdTable
}

// winAnsiCode maps text back to a WinAnsi code, for core-font width look-ups.
func winAnsiCode(s string) (int, bool) {
	r := []rune(s)
	if len(r) != 1 {
		return 0, false
	}
	b, ok := charmap.Windows1252.EncodeRune(r[0])
	return int(b), ok
}
