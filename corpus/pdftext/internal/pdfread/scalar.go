package pdfread

import "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfobj"

// scalar is a boolean, number, name or string read through the library.
type scalar struct {
	kind Kind
	i    int64   // an integer
	num  float64 // a number
	s    string  // a name or a string's bytes
}

func (v scalar) Kind() Kind        { return v.kind }
func (v scalar) IsNull() bool      { return false }
func (scalar) Key(string) Value    { return null{} }
func (scalar) Keys() []string      { return nil }
func (scalar) Index(int) Value     { return null{} }
func (scalar) Len() int            { return 0 }
func (scalar) ID() uint64          { return 0 }
func (scalar) RefID(string) uint64 { return 0 }
func (scalar) RefIDAt(int) uint64  { return 0 }
func (scalar) Data(int64) ([]byte, error) {
	return nil, ErrNotStream
}

func (v scalar) Name() string {
	if v.kind != Name {
		return ""
	}
	return v.s
}

// Int64 truncates a real, as the repair layer does.
func (v scalar) Int64() int64 {
	switch {
	case v.kind == Integer:
		return v.i
	case v.kind == Real && v.num > -1e18 && v.num < 1e18:
		return int64(v.num)
	}
	return 0
}

func (v scalar) Float64() float64 {
	if v.kind != Integer && v.kind != Real {
		return 0
	}
	return v.num
}

func (v scalar) RawString() string {
	if v.kind != String {
		return ""
	}
	return v.s
}

// Text decodes as the repair layer does (the library lacks UTF-8 text strings).
func (v scalar) Text() string { return pdfobj.DecodeText(v.RawString()) }
