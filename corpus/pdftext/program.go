package pdftext

import (
	"bytes"
	"encoding/binary"
	"strings"

	ttf "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/cff"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// program is what an embedded font program says about its glyphs, for text
// whose PDF font has no usable map to Unicode.
type program struct {
	// text maps a glyph id to its text: from the Unicode cmap (inverted), the
	// glyph names (post table, CFF charset) and the glyph substitutions (a
	// ligature's text is its components'). An empty string marks a glyph that
	// is part of another character's drawing (the second half of a split vowel).
	text map[uint16]string
	// cmaps are the font's character maps by (platform<<16 | encoding).
	cmaps map[uint32]map[uint32]uint16
	// names maps glyph names to glyph ids (post table or CFF charset).
	names map[string]uint16
	// thai is true when the font declares Thai coverage (OS/2 code page 874
	// or the Thai Unicode range): legacy Thai fonts put Thai at TIS-620 codes.
	thai bool
}

// glyph returns the text of a glyph id and whether it is known.
func (p *program) glyph(gid uint16) (string, bool) {
	if p == nil {
		return "", false
	}
	s, ok := p.text[gid]
	return s, ok
}

// lookup finds a code in the cmap for platform/encoding.
func (p *program) lookup(platform, enc uint16, code uint32) (uint16, bool) {
	if p == nil {
		return 0, false
	}
	m := p.cmaps[uint32(platform)<<16|uint32(enc)]
	g, ok := m[code]
	return g, ok && g != 0
}

// parseProgram reads a TrueType or OpenType (FontFile2, FontFile3/OpenType) or
// bare CFF (FontFile3/Type1C, CIDFontType0C) program; nil when unreadable.
func parseProgram(data []byte) (p *program) {
	defer func() {
		if recover() != nil {
			p = nil
		}
	}()
	if len(data) < 12 {
		return nil
	}
	p = &program{text: map[uint16]string{}, cmaps: map[uint32]map[uint32]uint16{}, names: map[string]uint16{}}
	if data[0] == 1 && data[1] == 0 { // a bare CFF font
		c, err := cff.Parse(data)
		if err != nil {
			return nil
		}
		for gid := range c.Charstrings {
			if nm := c.GlyphName(opentype.GID(gid)); nm != "" {
				p.names[nm] = uint16(gid)
				if s := glyphRune(nm); s != "" {
					p.text[uint16(gid)] = s
				}
			}
		}
		return p
	}
	tabs := sfntTables(data)
	p.readCmaps(tabs["cmap"])
	if os2 := tabs["OS/2"]; len(os2) >= 86 {
		uni1 := binary.BigEndian.Uint32(os2[42:])
		cp1 := binary.BigEndian.Uint32(os2[78:])
		p.thai = uni1&(1<<24) != 0 || cp1&(1<<16) != 0
	}
	face, err := ttf.ParseTTF(bytes.NewReader(data))
	var font *ttf.Font
	if err == nil && face != nil {
		font = face.Font
	}
	// Unicode cmaps, inverted: the smallest code point wins, control and
	// private-use code points say nothing.
	for _, key := range []uint32{3<<16 | 10, 4, 6, 3<<16 | 1, 3, 0, 1, 2} { // (3,10) (0,4) (0,6) (3,1) (0,3) (0,0) (0,1) (0,2)
		for r, gid := range p.cmaps[key] {
			if r < 0x20 || (r >= 0xE000 && r <= 0xF8FF) || r > 0x10FFFF || gid == 0 {
				continue
			}
			if old, ok := p.text[gid]; !ok || []rune(old)[0] > rune(r) {
				p.text[gid] = string(rune(r))
			}
		}
	}
	if font != nil {
		glyphs := 1 << 16
		if maxp := tabs["maxp"]; len(maxp) >= 6 {
			glyphs = int(binary.BigEndian.Uint16(maxp[4:]))
		}
		for gid := 0; gid < glyphs; gid++ {
			nm := font.GlyphName(ttf.GID(gid))
			if nm == "" {
				continue
			}
			p.names[nm] = uint16(gid)
			if _, ok := p.text[uint16(gid)]; !ok {
				if s := glyphRune(nm); s != "" && !privateUse(s) {
					p.text[uint16(gid)] = s
				}
			}
		}
		p.substitutions(font)
	}
	return p
}

func privateUse(s string) bool {
	for _, r := range s {
		if r >= 0xE000 && r <= 0xF8FF {
			return true
		}
	}
	return false
}

// substitutions extends the glyph texts through the font's glyph
// substitutions: a substitute glyph reads as its source, a ligature as its
// components, the parts of a decomposition as the whole (on its first part).
func (p *program) substitutions(f *ttf.Font) {
	set := func(g tables.GlyphID, s string) bool {
		if _, ok := p.text[uint16(g)]; ok || g == 0 {
			return false
		}
		p.text[uint16(g)] = s
		return true
	}
	// Substitutions that keep the text (single, alternate, ligature) run to a
	// fixed point before decompositions, which can only say less.
	phase := func(st tables.GSUBLookup) int {
		switch s := st.(type) {
		case tables.LigatureSubs:
			return 1
		case tables.MultipleSubs:
			for _, seq := range s.Sequences {
				if len(seq.SubstituteGlyphIDs) != 1 {
					return 2
				}
			}
		}
		return 0
	}
	idle := 0
	for pass := 0; pass < 30 && idle < 3; pass++ {
		changed := false
		for _, lk := range f.GSUB.Lookups {
			for _, st := range lk.Subtables {
				if phase(st) != pass%3 {
					continue
				}
				switch s := st.(type) {
				case tables.SingleSubs:
					for i, g := range coverage(s.Data.Cov()) {
						src, ok := p.text[uint16(g)]
						if !ok {
							continue
						}
						switch d := s.Data.(type) {
						case tables.SingleSubstData1:
							changed = set(tables.GlyphID(int(g)+int(d.DeltaGlyphID)), src) || changed
						case tables.SingleSubstData2:
							if i < len(d.SubstituteGlyphIDs) {
								changed = set(d.SubstituteGlyphIDs[i], src) || changed
							}
						}
					}
				case tables.AlternateSubs:
					for i, g := range coverage(s.Coverage) {
						src, ok := p.text[uint16(g)]
						if !ok || i >= len(s.AlternateSets) {
							continue
						}
						for _, a := range s.AlternateSets[i].AlternateGlyphIDs {
							changed = set(a, src) || changed
						}
					}
				case tables.MultipleSubs:
					for i, g := range coverage(s.Coverage) {
						src, ok := p.text[uint16(g)]
						if !ok || i >= len(s.Sequences) {
							continue
						}
						// Parts without text of their own: when the source
						// glyph (or one reading the same) is among the parts,
						// the others are pieces of its drawing and read as
						// nothing; else the first carries the whole.
						seq := s.Sequences[i].SubstituteGlyphIDs
						rest := src
						for _, part := range seq {
							t, known := p.text[uint16(part)]
							switch {
							case part == g:
								rest = ""
							case known && t != "" && strings.HasPrefix(rest, t):
								rest = rest[len(t):]
							case known && t != "" && strings.HasSuffix(rest, t):
								rest = rest[:len(rest)-len(t)]
							}
						}
						for _, part := range seq {
							if _, known := p.text[uint16(part)]; known {
								continue
							}
							changed = set(part, rest) || changed
							rest = ""
						}
					}
				case tables.LigatureSubs:
					for i, g := range coverage(s.Coverage) {
						head, ok := p.text[uint16(g)]
						if !ok || i >= len(s.LigatureSets) {
							continue
						}
					ligs:
						for _, lig := range s.LigatureSets[i].Ligatures {
							text := head
							for _, c := range lig.ComponentGlyphIDs {
								t, ok := p.text[uint16(c)]
								if !ok {
									continue ligs
								}
								text += t
							}
							changed = set(lig.LigatureGlyph, text) || changed
						}
					}
				case tables.ReverseChainSingleSubs:
					for i, g := range coverage(s.Cov()) {
						if src, ok := p.text[uint16(g)]; ok && i < len(s.SubstituteGlyphIDs) {
							changed = set(s.SubstituteGlyphIDs[i], src) || changed
						}
					}
				}
			}
		}
		if changed {
			idle = 0
		} else {
			idle++
		}
	}
}

// coverage lists a coverage table's glyphs in coverage-index order.
func coverage(c tables.Coverage) []tables.GlyphID {
	switch c := c.(type) {
	case tables.Coverage1:
		return c.Glyphs
	case tables.Coverage2:
		var out []tables.GlyphID
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID) && len(out) < 1<<16; g++ {
				out = append(out, tables.GlyphID(g))
			}
		}
		return out
	}
	return nil
}

// sfntTables reads an sfnt table directory.
func sfntTables(d []byte) map[string][]byte {
	out := map[string][]byte{}
	if len(d) < 12 {
		return out
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	for i := 0; i < n && 12+16*i+16 <= len(d); i++ {
		rec := d[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) <= uint64(len(d)) {
			out[string(rec[:4])] = d[off : off+length]
		}
	}
	return out
}

// readCmaps reads the cmap subtables of formats 0, 4, 6 and 12.
func (p *program) readCmaps(t []byte) {
	if len(t) < 4 {
		return
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	for i := 0; i < n && 4+8*i+8 <= len(t); i++ {
		rec := t[4+8*i:]
		key := uint32(binary.BigEndian.Uint16(rec))<<16 | uint32(binary.BigEndian.Uint16(rec[2:]))
		off := binary.BigEndian.Uint32(rec[4:])
		if int(off)+4 > len(t) {
			continue
		}
		if m := cmapSubtable(t[off:]); len(m) > 0 {
			p.cmaps[key] = m
		}
	}
}

func cmapSubtable(s []byte) map[uint32]uint16 {
	u16 := func(i int) int {
		if i+2 > len(s) {
			return 0
		}
		return int(binary.BigEndian.Uint16(s[i:]))
	}
	m := map[uint32]uint16{}
	switch u16(0) {
	case 0:
		for c := 0; c < 256 && 6+c < len(s); c++ {
			if g := s[6+c]; g != 0 {
				m[uint32(c)] = uint16(g)
			}
		}
	case 4:
		seg := u16(6) / 2
		ends, starts, deltas, ranges := 14, 16+2*seg, 16+4*seg, 16+6*seg
		for k := 0; k < seg; k++ {
			end, start := u16(ends+2*k), u16(starts+2*k)
			delta, ro := u16(deltas+2*k), u16(ranges+2*k)
			for c := start; c <= end && c < 0xFFFF && len(m) < 1<<17; c++ {
				var g int
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else {
					at := ranges + 2*k + ro + 2*(c-start)
					if g = u16(at); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				if g != 0 {
					m[uint32(c)] = uint16(g)
				}
			}
		}
	case 6:
		first, count := u16(6), u16(8)
		for k := 0; k < count && len(m) < 1<<17; k++ {
			if g := u16(10 + 2*k); g != 0 {
				m[uint32(first+k)] = uint16(g)
			}
		}
	case 12:
		if len(s) < 16 {
			return m
		}
		groups := int(binary.BigEndian.Uint32(s[12:]))
		for k := 0; k < groups && 16+12*k+12 <= len(s); k++ {
			g := s[16+12*k:]
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			for c := start; c <= end && len(m) < 1<<17; c++ {
				m[c] = uint16(gid + c - start)
			}
		}
	}
	return m
}
