package pdftext

import (
	"bytes"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfobj"
	ttf "github.com/go-text/typesetting/font"
)

// glyphTexts inverts an embedded TrueType program's cmap (glyph id to text), for
// composite fonts that come without a ToUnicode CMap. nil when unavailable.
func (x *extractor) glyphTexts(fontFile pdf.Value) (m map[uint32]string) {
	defer func() {
		if recover() != nil {
			m = nil
		}
	}()
	data, err := x.readStream(fontFile)
	if err != nil {
		return nil
	}
	face, err := ttf.ParseTTF(bytes.NewReader(data))
	if err != nil || face.Font == nil || face.Cmap == nil {
		return nil
	}
	m = map[uint32]string{}
	it := face.Cmap.Iter()
	for n := 0; it.Next() && n < 1<<17; n++ {
		r, gid := it.Char()
		if r < 0x20 || (r >= 0xE000 && r <= 0xF8FF) {
			continue // control and private-use code points say nothing
		}
		if old, ok := m[uint32(gid)]; !ok || []rune(old)[0] > r {
			m[uint32(gid)] = string(r)
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// cidToGID reads a CIDFontType2's CIDToGIDMap stream (nil means identity).
func (x *extractor) cidToGID(v pdf.Value) []uint16 {
	if v.Kind() != pdf.Stream {
		return nil
	}
	data, err := x.readStream(v)
	if err != nil {
		return nil
	}
	out := make([]uint16, len(data)/2)
	for i := range out {
		out[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
	}
	return out
}
