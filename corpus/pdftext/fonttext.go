package pdftext

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// text decodes one code: the ToUnicode CMap, then the encoding (glyph names,
// UTF-16 or legacy CJK codes), then the embedded font program.
func (f *font) text(c uint32) codeText {
	if t, ok := f.cache[c]; ok {
		return t
	}
	var t codeText
	if f.toUni != nil {
		t.s, t.known = f.toUni.lookup(c)
	}
	if !t.known {
		switch {
		case !f.composite:
			t = f.simpleText(c)
		case f.utf16Enc:
			t.s, t.known = string(utf16Text(string([]byte{byte(c >> 8), byte(c)}))), true
		case f.legacy != nil:
			var b []byte
			for v := c; v > 0; v >>= 8 {
				b = append([]byte{byte(v)}, b...)
			}
			if len(b) == 0 {
				b = []byte{0}
			}
			if d, err := f.legacy.NewDecoder().Bytes(b); err == nil {
				t.s, t.known = string(d), true
			}
		default:
			cid := c
			if f.enc != nil {
				cid = f.enc.cid(c)
			}
			gid := cid
			if f.cidGID != nil {
				gid = 0
				if int(cid) < len(f.cidGID) {
					gid = uint32(f.cidGID[cid])
				}
			}
			if gid < 1<<16 {
				t.s, t.known = f.program().glyph(uint16(gid))
			}
		}
	}
	if len(f.cache) < 1<<16 {
		f.cache[c] = t
	}
	return t
}

// program returns the embedded font program, reading it on first use.
func (f *font) program() *program {
	if f.progLoad != nil {
		f.prog, f.progLoad = f.progLoad(), nil
	}
	return f.prog
}

// simpleText decodes a simple font's code.
func (f *font) simpleText(c uint32) codeText {
	if c > 255 {
		return codeText{}
	}
	if f.legacyThai() && c >= 0xA1 && c <= 0xFB {
		if r := charmap.Windows874.DecodeByte(byte(c)); r != utf8.RuneError {
			return codeText{s: string(r), known: true}
		}
	}
	s := f.simple[c]
	// The glyph the code draws, through the font program's own tables, when
	// the encoding says nothing useful, a symbolic TrueType font has none, or
	// the codes are glyph numbers (a subset font numbered from 1).
	if s == "" || (f.trueType && f.symbolic && !f.hasEnc) || f.customCodes {
		if gid, ok := f.simpleGID(c); ok {
			if t, known := f.program().glyph(gid); known {
				return codeText{s: t, known: true}
			}
			if f.customCodes {
				return codeText{} // the font draws a glyph we cannot name
			}
			return codeText{s, s != "", s != ""}
		}
	}
	return codeText{s: s, known: s != ""}
}

// simpleGID finds the glyph a simple font's code draws (PDF 32000 9.6.6.4 for
// TrueType; glyph names for CFF and Type 1 programs).
func (f *font) simpleGID(c uint32) (uint16, bool) {
	p := f.program()
	if p == nil {
		return 0, false
	}
	if nm := f.names[c]; nm != "" {
		if g, ok := p.names[nm]; ok {
			return g, true
		}
	}
	if !f.trueType {
		return 0, false
	}
	for _, code := range []uint32{0xF000 + c, c, 0xF100 + c, 0xF200 + c} {
		if g, ok := p.lookup(3, 0, code); ok {
			return g, true
		}
	}
	if g, ok := p.lookup(1, 0, c); ok {
		return g, true
	}
	if r := []rune(f.simple[c]); len(r) == 1 {
		if g, ok := p.lookup(3, 1, uint32(r[0])); ok {
			return g, true
		}
	}
	return p.lookup(3, 1, c)
}

// legacyThaiFonts are families that put Thai letters at TIS-620 codes in a
// Latin-1 or symbol character map.
var legacyThaiFonts = regexp.MustCompile(`(?i)^(Angsana|Browallia|Cordia|Dillenia|Eucrosia|Freesia|Iris|Jasmine|Kodchiang|Lily)UPC|^PSL|^DB ?[A-Z]|^JS[A-Z]|^CRU-|^Thai`)

// legacyThai reports whether a simple font's codes 0xA1-0xFB are Thai
// letters (TIS-620 / Windows-874): a font that declares Thai coverage (or is
// a known legacy Thai family) but whose Unicode map has no Thai.
func (f *font) legacyThai() bool {
	if f.thai != 0 || f.composite {
		return f.thai > 0
	}
	f.thai = -1
	if f.toUni != nil {
		return false
	}
	base := f.name
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[7:]
	}
	named := legacyThaiFonts.MatchString(base)
	var p *program
	if f.sfnt || named {
		p = f.program() // only a TrueType or OpenType program declares its code pages
	}
	declared := p != nil && p.thai
	if !declared && !named {
		return false
	}
	if p != nil {
		for _, key := range []uint32{3<<16 | 1, 3<<16 | 10, 3} { // (3,1) (3,10) (0,3)
			for r := range p.cmaps[key] {
				if r >= 0x0E01 && r <= 0x0E5B {
					return false // a Unicode Thai font: its codes mean what they say
				}
			}
		}
	}
	f.thai = 1
	return true
}
