package pdfobj

import (
	"bytes"
	"errors"
)

// Errors from Value.Data.
var (
	// ErrTooLarge means the decoded stream exceeds the caller's limit.
	ErrTooLarge = errors.New("stream larger than allowed")
	// ErrNotStream means Data was called on another kind of value.
	ErrNotStream = errors.New("not a stream")
	// ErrImage means the stream is image data in a format this reader does not decode.
	ErrImage = errors.New("image data")
	// ErrFilter means the stream uses an unknown filter.
	ErrFilter = errors.New("unknown stream filter")
	// ErrDamaged means the stream's data could only partly be decoded; the
	// part that could is returned with it.
	ErrDamaged = errors.New("damaged stream data")
)

// Raw returns a stream's encoded bytes (decrypted), ending at "endstream" when
// the /Length entry is wrong.
func (v Value) Raw() ([]byte, error) {
	s, ok := v.data.(*stream)
	if !ok {
		return nil, ErrNotStream
	}
	r := v.r
	b := r.streamBytes(s)
	if r.sec != nil && s.ref != r.encRef && s.hdr["Type"] != name("XRef") && !r.sec.skipStream(s.hdr) {
		b = r.sec.decryptStream(s.ref, b)
	}
	return b, nil
}

// Data returns a stream's decoded bytes. A stream that could only partly be
// decoded returns what could with ErrDamaged (and marks the reader Damaged);
// more than max decoded bytes return ErrTooLarge.
func (v Value) Data(max int64) ([]byte, error) {
	b, err := v.Raw()
	if err != nil {
		return nil, err
	}
	filters, parms := v.Key("Filter"), v.Key("DecodeParms")
	if parms.IsNull() {
		parms = v.Key("DP")
	}
	var names []string
	var ps []Value
	switch filters.Kind() {
	case Name:
		names, ps = []string{filters.Name()}, []Value{parms}
	case Array:
		for i := 0; i < filters.Len() && i < 16; i++ {
			names = append(names, filters.Index(i).Name())
			p := parms
			if parms.Kind() == Array {
				p = parms.Index(i)
			}
			ps = append(ps, p)
		}
	}
	for i, f := range names {
		var ferr error
		b, ferr = decode(f, b, ps[i], max)
		if ferr != nil {
			if errors.Is(ferr, ErrTooLarge) || errors.Is(ferr, ErrImage) || errors.Is(ferr, ErrFilter) {
				return nil, ferr
			}
			err = ErrDamaged
		}
	}
	if int64(len(b)) > max {
		return nil, ErrTooLarge
	}
	if err != nil {
		v.r.damaged = true
	}
	return b, err
}

// IsImage reports whether a stream's (last) filter is an image format.
func (v Value) IsImage() bool {
	f := v.Key("Filter")
	if f.Kind() == Array {
		f = f.Index(f.Len() - 1)
	}
	switch f.Name() {
	case "DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF":
		return true
	}
	return false
}

// streamBytes finds a stream's encoded data: /Length bytes when "endstream"
// follows them, else up to the next "endstream".
func (r *Reader) streamBytes(s *stream) []byte {
	d := r.data
	if s.off > len(d) {
		return nil
	}
	if s.length >= 0 {
		return d[s.off : s.off+s.length]
	}
	n := -1
	switch l := s.hdr["Length"].(type) {
	case int64:
		n = int(l)
	case float64:
		n = int(l)
	case ref:
		if r.depth < 32 {
			if x, ok := r.resolve(l).(int64); ok {
				n = int(x)
			}
		}
	}
	if n >= 0 && s.off+n <= len(d) && endstreamAt(d, s.off+n) {
		s.length = n
		return d[s.off : s.off+n]
	}
	k := bytes.Index(d[s.off:], []byte("endstream"))
	end := len(d)
	if k >= 0 {
		end = s.off + k
		// The end-of-line marker before "endstream" is not data.
		if end > s.off && d[end-1] == '\n' {
			end--
		}
		if end > s.off && d[end-1] == '\r' {
			end--
		}
	} else if n >= 0 && s.off+n <= len(d) {
		end = s.off + n // no "endstream" at all: trust the length
	}
	s.length = end - s.off
	return d[s.off:end]
}

// endstreamAt reports whether "endstream" follows position i (after white space).
func endstreamAt(d []byte, i int) bool {
	for k := 0; k < 4 && i < len(d) && isWhite(d[i]); k++ {
		i++
	}
	return bytes.HasPrefix(d[i:], []byte("endstream"))
}
