package typeset

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
)

// writeFont writes a used font as six objects from id: the Type 0 font, its
// CIDFontType2 descendant, the font descriptor, the embedded subset
// (FontFile2), the CID-to-glyph map and the ToUnicode CMap.
func (d *Doc) writeFont(w *writer, df *docFont, id int) error {
	sf, err := parseSFNT(df.f.data)
	if err != nil {
		return fmt.Errorf("embed %s: %w", df.f.name, err)
	}
	used := map[int]bool{}
	for _, k := range df.keys {
		used[int(k.gid)] = true
	}
	sub := sf.subset(used)
	// The subset tag: six capital letters from the font and its glyphs.
	h := sha256.New()
	h.Write([]byte(df.f.ps))
	for _, k := range df.keys {
		binary.Write(h, binary.BigEndian, k.gid)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := string(tag) + "+" + df.f.ps
	upem := float64(sf.unitsPerEm())
	scale := func(v int16) string { return num(float64(v) * 1000 / upem) }
	head, hhea := sf.tables["head"], sf.tables["hhea"]
	i16 := func(b []byte, off int) int16 { return int16(binary.BigEndian.Uint16(b[off:])) }
	bbox := fmt.Sprintf("[%s %s %s %s]", scale(i16(head, 36)), scale(i16(head, 38)), scale(i16(head, 40)), scale(i16(head, 42)))
	ascent, descent := i16(hhea, 4), i16(hhea, 6)
	capHeight := ascent
	if os2 := sf.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capHeight = i16(os2, 88)
	}
	italic := 0.0
	if p := sf.tables["post"]; len(p) >= 8 {
		italic = float64(int32(binary.BigEndian.Uint32(p[4:]))) / 65536
	}
	flags := 4 // symbolic: the glyphs are reached through the CID map
	if df.f.italic {
		flags |= 64
	}
	var widths strings.Builder
	widths.WriteString("[1 [")
	for i, k := range df.keys {
		if i > 0 {
			widths.WriteByte(' ')
		}
		widths.WriteString(num(d.e.advance(df.f, k.gid)))
	}
	widths.WriteString("]]")
	w.obj(id, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		base, id+1, id+5))
	w.obj(id+1, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 0 /W %s /CIDToGIDMap %d 0 R >>",
		base, id+2, widths.String(), id+4))
	w.obj(id+2, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox %s /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R >>",
		base, flags, bbox, num(italic), scale(ascent), scale(descent), scale(capHeight), id+3))
	w.stream(id+3, fmt.Sprintf(" /Length1 %d", len(sub)), sub, true)
	cidToGID := make([]byte, 2*(len(df.keys)+1))
	for i, k := range df.keys {
		binary.BigEndian.PutUint16(cidToGID[2*(i+1):], k.gid)
	}
	w.stream(id+4, "", cidToGID, true)
	w.stream(id+5, "", toUnicode(df), true)
	return nil
}

// toUnicode writes the CMap from CIDs to the text each glyph stands for
// (UTF-16BE); glyphs that are not the first of their cluster stand for no
// text.
func toUnicode(df *docFont) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
	b.WriteString("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
	b.WriteString("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
	b.WriteString("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(df.keys); start += 100 {
		end := min(start+100, len(df.keys))
		fmt.Fprintf(&b, "%d beginbfchar\n", end-start)
		for i := start; i < end; i++ {
			fmt.Fprintf(&b, "<%04X> <", i+1)
			for _, u := range utf16.Encode([]rune(df.keys[i].text)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}
