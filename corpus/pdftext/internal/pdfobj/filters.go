package pdfobj

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"sync"
)

var errCorrupt = errors.New("corrupt data")

// decode applies one filter. On damaged input it returns what it could decode
// with a non-nil error.
func decode(filter string, b []byte, parms Value, max int64) ([]byte, error) {
	switch filter {
	case "FlateDecode", "Fl":
		out, err := inflate(b, max)
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		out2, perr := predict(out, parms)
		if err == nil {
			err = perr
		}
		return out2, err
	case "LZWDecode", "LZW":
		early := 1
		if e := parms.Key("EarlyChange"); e.Kind() == Integer {
			early = int(e.Int64())
		}
		out, err := lzw(b, early, max)
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		out2, perr := predict(out, parms)
		if err == nil {
			err = perr
		}
		return out2, err
	case "ASCIIHexDecode", "AHx":
		return asciiHex(b), nil
	case "ASCII85Decode", "A85":
		return ascii85(b)
	case "RunLengthDecode", "RL":
		return runLength(b, max)
	case "Crypt":
		return b, nil // decrypted already (only the Identity crypt filter reaches here)
	case "DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF":
		return nil, ErrImage
	}
	return nil, ErrFilter
}

// flateReaders recycles deflate decoders (each holds a 32 KiB window).
var flateReaders = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// inflateRaw decodes raw deflate data into out (up to max+1 bytes).
func inflateRaw(b []byte, out *bytes.Buffer, max int64) error {
	fr := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(fr)
	if err := fr.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
		return err
	}
	_, err := out.ReadFrom(io.LimitReader(fr, max+1))
	return err
}

// inflate decompresses zlib (or raw deflate) data, keeping what precedes any
// damage. A missing checksum or a stream cut at its very end is not damage:
// many producers write such streams and every reader accepts them. The
// checksum is not verified (readers ignore it too).
func inflate(b []byte, max int64) ([]byte, error) {
	zlibHeader := len(b) >= 2 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0 && b[0]&0x0f == 8 && b[1]&0x20 == 0
	data := b
	if zlibHeader {
		data = b[2:]
	}
	var out bytes.Buffer
	if n := int64(len(b)) * 8; n < max && n > 0 {
		out.Grow(int(n))
	}
	err := inflateRaw(data, &out, max)
	if int64(out.Len()) > max {
		return nil, ErrTooLarge
	}
	if err == nil {
		return out.Bytes(), nil
	}
	if !zlibHeader && out.Len() == 0 && len(b) > 2 {
		// A header this reader did not recognise over good deflate data.
		out.Reset()
		if err2 := inflateRaw(b[2:], &out, max); err2 == nil || (errors.Is(err2, io.ErrUnexpectedEOF) && out.Len() > 0) {
			return out.Bytes(), nil
		}
	}
	return out.Bytes(), errCorrupt
}

// predict undoes a PNG or TIFF predictor.
func predict(b []byte, parms Value) ([]byte, error) {
	pred := parms.Key("Predictor").Int64()
	if pred <= 1 {
		return b, nil
	}
	colors := int(parms.Key("Colors").Int64())
	if colors <= 0 {
		colors = 1
	}
	bpc := int(parms.Key("BitsPerComponent").Int64())
	if bpc <= 0 {
		bpc = 8
	}
	cols := int(parms.Key("Columns").Int64())
	if cols <= 0 {
		cols = 1
	}
	if colors > 64 || bpc > 16 || cols > 1<<20 {
		return b, errCorrupt
	}
	bpp := (colors*bpc + 7) / 8
	rowLen := (colors*bpc*cols + 7) / 8
	if pred == 2 {
		if bpc != 8 {
			return b, nil
		}
		out := append([]byte(nil), b...)
		for r := 0; r+rowLen <= len(out); r += rowLen {
			for i := bpp; i < rowLen; i++ {
				out[r+i] += out[r+i-bpp]
			}
		}
		return out, nil
	}
	out := make([]byte, 0, len(b))
	prev := make([]byte, rowLen)
	row := make([]byte, rowLen)
	var err error
	for p := 0; p < len(b); p += rowLen + 1 {
		ft := b[p]
		n := copy(row, b[p+1:])
		if n < rowLen {
			clear(row[n:])
			if n == 0 {
				break
			}
		}
		switch ft {
		case 0:
		case 1:
			for i := bpp; i < rowLen; i++ {
				row[i] += row[i-bpp]
			}
		case 2:
			for i := range row {
				row[i] += prev[i]
			}
		case 3:
			for i := range row {
				left := 0
				if i >= bpp {
					left = int(row[i-bpp])
				}
				row[i] += byte((left + int(prev[i])) / 2)
			}
		case 4:
			for i := range row {
				var a, c int
				if i >= bpp {
					a, c = int(row[i-bpp]), int(prev[i-bpp])
				}
				row[i] += paeth(a, int(prev[i]), c)
			}
		default:
			err = errCorrupt
		}
		out = append(out, row[:n]...)
		prev, row = row, prev
	}
	return out, err
}

func paeth(a, b, c int) byte {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	switch {
	case pa <= pb && pa <= pc:
		return byte(a)
	case pb <= pc:
		return byte(b)
	}
	return byte(c)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func asciiHex(b []byte) []byte {
	out := make([]byte, 0, len(b)/2)
	hi := -1
	for _, c := range b {
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
			continue
		}
		out = append(out, byte(hi<<4|v))
		hi = -1
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out
}

func ascii85(b []byte) ([]byte, error) {
	if bytes.HasPrefix(b, []byte("<~")) {
		b = b[2:]
	}
	out := make([]byte, 0, len(b)*4/5)
	var group [5]byte
	n := 0
	flush := func(k int) {
		var v uint32
		for i := 0; i < 5; i++ {
			c := byte('u')
			if i < k {
				c = group[i]
			}
			v = v*85 + uint32(c-'!')
		}
		bs := []byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		out = append(out, bs[:k-1]...)
	}
	for _, c := range b {
		switch {
		case c == '~':
			if n > 1 {
				flush(n)
			}
			return out, nil
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
		case c >= '!' && c <= 'u':
			group[n] = c
			n++
			if n == 5 {
				flush(5)
				n = 0
			}
		case isWhite(c):
		default:
			return out, errCorrupt
		}
	}
	if n > 1 {
		flush(n)
	}
	return out, nil
}

func runLength(b []byte, max int64) ([]byte, error) {
	var out []byte
	for i := 0; i < len(b); {
		n := int(b[i])
		i++
		switch {
		case n == 128:
			return out, nil
		case n < 128:
			end := i + n + 1
			if end > len(b) {
				out = append(out, b[i:]...)
				return out, errCorrupt
			}
			out = append(out, b[i:end]...)
			i = end
		default:
			if i >= len(b) {
				return out, errCorrupt
			}
			for k := 0; k < 257-n; k++ {
				out = append(out, b[i])
			}
			i++
		}
		if int64(len(out)) > max {
			return nil, ErrTooLarge
		}
	}
	return out, nil
}

// lzw decodes LZW data as PDF uses it (MSB first, 9-12 bit codes).
func lzw(b []byte, early int, max int64) ([]byte, error) {
	const clear, eod = 256, 257
	type ent struct {
		prefix int
		c      byte
		length int
	}
	table := make([]ent, 4096)
	for i := 0; i < 256; i++ {
		table[i] = ent{-1, byte(i), 1}
	}
	next, width := 258, 9
	var out []byte
	prev := -1
	var bits uint32
	nbits := 0
	pos := 0
	tmp := make([]byte, 0, 64)
	emit := func(code int) byte {
		tmp = tmp[:0]
		for c := code; c >= 0; c = table[c].prefix {
			tmp = append(tmp, table[c].c)
			if len(tmp) > 4096 {
				break
			}
		}
		for i := len(tmp) - 1; i >= 0; i-- {
			out = append(out, tmp[i])
		}
		return tmp[len(tmp)-1]
	}
	for {
		for nbits < width && pos < len(b) {
			bits = bits<<8 | uint32(b[pos])
			pos++
			nbits += 8
		}
		if nbits < width {
			return out, nil
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		switch {
		case code == clear:
			next, width, prev = 258, 9, -1
			continue
		case code == eod:
			return out, nil
		}
		if prev < 0 {
			if code > 255 {
				return out, errCorrupt
			}
			emit(code)
			prev = code
			continue
		}
		var first byte
		switch {
		case code < next:
			first = emit(code)
		case code == next:
			f := emit(prev)
			out = append(out, f)
			first = f
		default:
			return out, errCorrupt
		}
		if next < 4096 {
			table[next] = ent{prev, first, table[prev].length + 1}
			next++
		}
		if next+early >= 1<<width && width < 12 {
			width++
		}
		prev = code
		if int64(len(out)) > max {
			return nil, ErrTooLarge
		}
	}
}
