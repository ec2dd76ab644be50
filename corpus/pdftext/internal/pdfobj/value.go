// Package pdfobj reads the object structure of a PDF file: the cross-reference
// data (tables, streams, hybrid files, incremental updates), indirect objects,
// object streams, stream filters and the standard security handler.
//
// It is built to read damaged files the way mature readers do: a broken or
// missing cross-reference table is rebuilt by scanning the file for objects,
// objects that are not where the table says are looked up in the rebuilt
// table, a stream whose /Length is wrong ends at its "endstream", a damaged
// compressed stream yields what could be decoded (and says so), PDF 2.0 files
// and files with bytes before "%PDF-" open, and a page tree that cannot be
// walked is replaced by the page objects found in the file.
//
// A Reader is not safe for concurrent use; open one per goroutine. Values are
// views into their Reader.
package pdfobj

import (
	"strconv"
	"unicode/utf16"
)

// Kind is the type of a PDF value.
type Kind uint8

// The kinds of PDF values.
const (
	Null    Kind = iota // null, or a missing or unresolvable value
	Bool                // true or false
	Integer             // a whole number
	Real                // a number with a fraction
	String              // a string's bytes (decrypted)
	Name                // a name such as /Type
	Dict                // a dictionary
	Array               // an array
	Stream              // a stream: a dictionary with data
)

// ref is an indirect reference (object number and generation).
type ref struct {
	id  uint32
	gen uint16
}

// name is a PDF name; str is a PDF string's bytes (decrypted).
type (
	name  string
	str   string
	dict  map[name]any
	array []any
)

// stream is a stream object: its dictionary and where its data starts.
type stream struct {
	hdr    dict
	off    int // first byte of the data in Reader.data
	length int // resolved data length, -1 until known
	ref    ref // the object the stream is
}

// Value is a PDF value read from a Reader. The zero Value is null.
type Value struct {
	r    *Reader
	ref  ref // the indirect object holding this value (zero when not known)
	data any
}

// Kind returns the value's kind.
func (v Value) Kind() Kind {
	switch v.data.(type) {
	case bool:
		return Bool
	case int64:
		return Integer
	case float64:
		return Real
	case str:
		return String
	case name:
		return Name
	case dict:
		return Dict
	case array:
		return Array
	case *stream:
		return Stream
	}
	return Null
}

// IsNull reports whether the value is null (or missing).
func (v Value) IsNull() bool { return v.data == nil }

// Key returns the entry of a dictionary (or of a stream's dictionary),
// following an indirect reference; null when absent.
func (v Value) Key(key string) Value {
	var d dict
	switch x := v.data.(type) {
	case dict:
		d = x
	case *stream:
		d = x.hdr
	default:
		return Value{}
	}
	e, ok := d[name(key)]
	if !ok {
		return Value{}
	}
	return v.r.value(v.ref, e)
}

// Keys returns a dictionary's keys (in no particular order).
func (v Value) Keys() []string {
	var d dict
	switch x := v.data.(type) {
	case dict:
		d = x
	case *stream:
		d = x.hdr
	}
	out := make([]string, 0, len(d))
	for k := range d {
		out = append(out, string(k))
	}
	return out
}

// Index returns element i of an array, following an indirect reference; null
// when out of range or not an array.
func (v Value) Index(i int) Value {
	a, ok := v.data.(array)
	if !ok || i < 0 || i >= len(a) {
		return Value{}
	}
	return v.r.value(v.ref, a[i])
}

// Len returns an array's length (0 for other kinds).
func (v Value) Len() int {
	a, _ := v.data.(array)
	return len(a)
}

// Name returns a name's text ("" for other kinds).
func (v Value) Name() string {
	n, _ := v.data.(name)
	return string(n)
}

// Int64 returns an integer (a real is truncated; 0 for other kinds).
func (v Value) Int64() int64 {
	switch x := v.data.(type) {
	case int64:
		return x
	case float64:
		if x > -1e18 && x < 1e18 {
			return int64(x)
		}
	}
	return 0
}

// Float64 returns a number (0 for other kinds).
func (v Value) Float64() float64 {
	switch x := v.data.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

// Bool returns a boolean (false for other kinds).
func (v Value) Bool() bool {
	b, _ := v.data.(bool)
	return b
}

// RawString returns a string's bytes ("" for other kinds).
func (v Value) RawString() string {
	s, _ := v.data.(str)
	return string(s)
}

// Text decodes a text string: UTF-16BE or UTF-8 with a byte-order mark, else
// PDFDocEncoding.
func (v Value) Text() string { return DecodeText(v.RawString()) }

// ID identifies the indirect object that holds the value (object number and
// generation), or 0 when the value was not read from an indirect object.
func (v Value) ID() uint64 {
	if v.ref.id == 0 {
		return 0
	}
	return uint64(v.ref.id)<<16 | uint64(v.ref.gen)
}

// RefID returns the identity of the object a dictionary entry refers to,
// without reading it; 0 when the entry is absent or a direct value.
func (v Value) RefID(key string) uint64 {
	var d dict
	switch x := v.data.(type) {
	case dict:
		d = x
	case *stream:
		d = x.hdr
	}
	if r, ok := d[name(key)].(ref); ok {
		return uint64(r.id)<<16 | uint64(r.gen)
	}
	return 0
}

// String formats the value briefly (for debugging and tests).
func (v Value) String() string {
	switch x := v.data.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case str:
		return strconv.Quote(string(x))
	case name:
		return "/" + string(x)
	case dict:
		return "<<dict>>"
	case array:
		return "[array]"
	case *stream:
		return "<<stream>>"
	}
	return "?"
}

// pdfDoc maps PDFDocEncoding bytes 0x18-0x1F and 0x80-0xAD that differ from Latin-1.
var pdfDoc = map[byte]rune{
	0x18: 0x02D8, 0x19: 0x02C7, 0x1A: 0x02C6, 0x1B: 0x02D9, 0x1C: 0x02DD, 0x1D: 0x02DB, 0x1E: 0x02DA, 0x1F: 0x02DC,
	0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
	0x88: 0x2039, 0x89: 0x203A, 0x8A: 0x2212, 0x8B: 0x2030, 0x8C: 0x201E, 0x8D: 0x201C, 0x8E: 0x201D, 0x8F: 0x2018,
	0x90: 0x2019, 0x91: 0x201A, 0x92: 0x2122, 0x93: 0xFB01, 0x94: 0xFB02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
	0x98: 0x0178, 0x99: 0x017D, 0x9A: 0x0131, 0x9B: 0x0142, 0x9C: 0x0153, 0x9D: 0x0161, 0x9E: 0x017E, 0xA0: 0x20AC,
}

// DecodeText decodes a PDF text string: UTF-16BE with a byte-order mark,
// UTF-8 with one (PDF 2.0), else PDFDocEncoding.
func DecodeText(s string) string {
	switch {
	case len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF:
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	case len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF:
		return s[3:]
	}
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c, ok := pdfDoc[s[i]]; ok {
			r = append(r, c)
		} else {
			r = append(r, rune(s[i]))
		}
	}
	return string(r)
}

// RefIDAt returns the identity of the object array element i refers to,
// without reading it; 0 when it is a direct value or out of range.
func (v Value) RefIDAt(i int) uint64 {
	a, _ := v.data.(array)
	if i < 0 || i >= len(a) {
		return 0
	}
	if r, ok := a[i].(ref); ok {
		return uint64(r.id)<<16 | uint64(r.gen)
	}
	return 0
}
