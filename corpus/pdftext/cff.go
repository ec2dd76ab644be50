package pdftext

import (
	"encoding/binary"

	"github.com/go-text/typesetting/font/cff"
	"github.com/go-text/typesetting/font/opentype"
)

// cffEncoding reads the built-in encoding of a bare CFF font program (FontFile3,
// Type1C), which pdfLaTeX fonts rely on when the font dictionary has no
// /Encoding. ok is false when the font uses the standard encoding or cannot be read.
func cffEncoding(data []byte) (t *[256]string, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = nil, false
		}
	}()
	if len(data) < 4 {
		return nil, false
	}
	font, err := cff.Parse(data)
	if err != nil {
		return nil, false
	}
	off := int(data[2])           // header size
	_, off = cffIndex(data, off)  // Name INDEX
	top, _ := cffIndex(data, off) // Top DICT INDEX
	if len(top) == 0 {
		return nil, false
	}
	enc := cffDictOp(top[0], 16)
	if enc <= 1 || enc >= len(data) {
		return nil, false
	}
	var out [256]string
	format := data[enc] & 0x7f
	p := enc + 1
	gid := 1
	switch format {
	case 0:
		n := int(data[p])
		for i := 0; i < n && p+1+i < len(data); i++ {
			out[data[p+1+i]] = glyphRune(font.GlyphName(opentype.GID(gid)))
			gid++
		}
	case 1:
		n := int(data[p])
		for i := 0; i < n; i++ {
			q := p + 1 + 2*i
			if q+1 >= len(data) {
				break
			}
			first, left := int(data[q]), int(data[q+1])
			for c := first; c <= first+left && c < 256; c++ {
				out[c] = glyphRune(font.GlyphName(opentype.GID(gid)))
				gid++
			}
		}
	default:
		return nil, false
	}
	return &out, true
}

// cffIndex reads a CFF INDEX at off and returns its items and the offset after it.
func cffIndex(d []byte, off int) ([][]byte, int) {
	if off+2 > len(d) {
		return nil, len(d)
	}
	count := int(binary.BigEndian.Uint16(d[off:]))
	if count == 0 {
		return nil, off + 2
	}
	if off+3 > len(d) {
		return nil, len(d)
	}
	osz := int(d[off+2])
	readOff := func(i int) int {
		p := off + 3 + i*osz
		v := 0
		for k := 0; k < osz && p+k < len(d); k++ {
			v = v<<8 | int(d[p+k])
		}
		return v
	}
	base := off + 3 + (count+1)*osz - 1
	items := make([][]byte, 0, count)
	for i := 0; i < count; i++ {
		a, b := base+readOff(i), base+readOff(i+1)
		if a < 0 || b > len(d) || a > b {
			return items, len(d)
		}
		items = append(items, d[a:b])
	}
	return items, base + readOff(count)
}

// cffDictOp returns the last integer operand of operator op in a CFF DICT, or -1.
func cffDictOp(d []byte, op int) int {
	var operands []int
	for i := 0; i < len(d); {
		b := int(d[i])
		switch {
		case b <= 21:
			o := b
			i++
			if b == 12 && i < len(d) {
				o = 1200 + int(d[i])
				i++
			}
			if o == op && len(operands) > 0 {
				return operands[len(operands)-1]
			}
			operands = operands[:0]
		case b == 28 && i+2 < len(d):
			operands = append(operands, int(int16(binary.BigEndian.Uint16(d[i+1:]))))
			i += 3
		case b == 29 && i+4 < len(d):
			operands = append(operands, int(int32(binary.BigEndian.Uint32(d[i+1:]))))
			i += 5
		case b == 30:
			i++
			for i < len(d) {
				x := d[i]
				i++
				if x&0x0f == 0x0f || x>>4 == 0x0f {
					break
				}
			}
			operands = append(operands, 0)
		case b >= 32 && b <= 246:
			operands = append(operands, b-139)
			i++
		case b >= 247 && b <= 250 && i+1 < len(d):
			operands = append(operands, (b-247)*256+int(d[i+1])+108)
			i += 2
		case b >= 251 && b <= 254 && i+1 < len(d):
			operands = append(operands, -(b-251)*256-int(d[i+1])-108)
			i += 2
		default:
			i++
		}
	}
	return -1
}
