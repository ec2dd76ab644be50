package typeset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// sfnt is a parsed TrueType font file: its tables by tag.
type sfnt struct {
	tables map[string][]byte
}

func parseSFNT(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, errors.New("font file too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	f := &sfnt{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errors.New("font table directory cut short")
		}
		tag := string(data[rec : rec+4])
		off, ln := binary.BigEndian.Uint32(data[rec+8:]), binary.BigEndian.Uint32(data[rec+12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("font table %s out of the file", tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("font has no %s table (only TrueType outlines can be embedded)", t)
		}
	}
	return f, nil
}

func (f *sfnt) numGlyphs() int  { return int(binary.BigEndian.Uint16(f.tables["maxp"][4:])) }
func (f *sfnt) unitsPerEm() int { return int(binary.BigEndian.Uint16(f.tables["head"][18:])) }

// glyphData returns the glyf bytes of a glyph.
func (f *sfnt) glyphData(gid int) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	if gid < 0 || gid >= f.numGlyphs() {
		return nil
	}
	var a, b int
	if int16(binary.BigEndian.Uint16(f.tables["head"][50:])) == 0 {
		if 2*gid+4 > len(loca) {
			return nil
		}
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*gid:])), 2*int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	} else {
		if 4*gid+8 > len(loca) {
			return nil
		}
		a, b = int(binary.BigEndian.Uint32(loca[4*gid:])), int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	}
	if a >= b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// components lists the glyphs a composite glyph is made of.
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []int
	for p := 10; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return out
}

// subset returns a TrueType file with the same glyph indices whose glyf
// table keeps only the outlines of used (and their components, and
// .notdef); other glyphs are empty. Layout and hinting tables are left out
// (the PDF positions every glyph itself).
func (f *sfnt) subset(used map[int]bool) []byte {
	keep := map[int]bool{0: true}
	var add func(int)
	add = func(g int) {
		if keep[g] || g >= f.numGlyphs() {
			return
		}
		keep[g] = true
		for _, c := range components(f.glyphData(g)) {
			add(c)
		}
	}
	for g := range used {
		add(g)
	}
	for g := range keep {
		for _, c := range components(f.glyphData(g)) {
			add(c)
		}
	}
	n := f.numGlyphs()
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	for g := 0; g < n; g++ {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if keep[g] {
			glyf = append(glyf, f.glyphData(g)...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000)
	if p := f.tables["post"]; len(p) >= 32 {
		copy(post[4:16], p[4:16]) // italic angle, underline position and thickness
	}
	// A cmap with no mappings: the PDF maps character codes to glyphs.
	cmap := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12,
		0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 0, 1, 0, 0}
	tables := map[string][]byte{"head": head, "hhea": f.tables["hhea"], "maxp": f.tables["maxp"],
		"hmtx": f.tables["hmtx"], "loca": loca, "glyf": glyf, "post": post, "cmap": cmap}
	for _, t := range []string{"name", "OS/2"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	out := writeSFNT(tables)
	// checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
	headOff := tableOffset(out, "head")
	binary.BigEndian.PutUint32(out[headOff+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// writeSFNT lays tables out in tag order with a table directory.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-sr*16))
	for i, t := range tags {
		b := tables[t]
		rec := 12 + 16*i
		copy(out[rec:], t)
		binary.BigEndian.PutUint32(out[rec+4:], checksum(b))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func tableOffset(font []byte, tag string) int {
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if string(font[rec:rec+4]) == tag {
			return int(binary.BigEndian.Uint32(font[rec+8:]))
		}
	}
	return 0
}
