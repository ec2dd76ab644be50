// Package pdfread is the one view of a PDF's objects that the text
// interpreter reads, with two object layers behind it.
//
// github.com/ledongthuc/pdf reads well-formed files: its cross-reference and
// trailer parsing, its objects (references resolved), its stream decoding and,
// where it supports them, its decryption (OpenLib). The tolerant pdfobj layer
// is the repair path for what the library cannot read (OpenOwn): a broken
// cross-reference table rebuilt by scanning, PDF 2.0 headers and bytes before
// "%PDF-", hybrid files, filters and encryption the library lacks, damaged
// streams. A caller reads a document through OpenLib first and, when it
// declines the file or reports Trouble on a page, reads the file (or that page)
// again through OpenOwn.
//
// Both layers present the same small interface: Value (dictionaries, arrays,
// names, numbers, strings, streams' decoded bytes, references resolved) and
// Doc (the trailer and the pages). A Doc and its Values are not safe for
// concurrent use; open one per goroutine.
package pdfread

import (
	"github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfobj"
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

// Value is a PDF value as the interpreter reads it. Accessors of the wrong
// kind return zero results (Key of a number is null, Name of a dictionary is
// ""), so a walk through a document needs no error checks; references are
// followed by Key and Index.
type Value interface {
	// Kind returns the value's kind.
	Kind() Kind
	// IsNull reports whether the value is null (or missing).
	IsNull() bool
	// Key returns a dictionary's (or a stream dictionary's) entry.
	Key(key string) Value
	// Keys returns a dictionary's keys (in no particular order).
	Keys() []string
	// Index returns an array's element i.
	Index(i int) Value
	// Len returns an array's length.
	Len() int
	// Name returns a name without its slash.
	Name() string
	// Int64 returns a number, a real truncated.
	Int64() int64
	// Float64 returns a number.
	Float64() float64
	// RawString returns a string's bytes.
	RawString() string
	// Text decodes a text string (UTF-16BE or UTF-8 with a byte-order mark,
	// else PDFDocEncoding).
	Text() string
	// ID identifies the indirect object that holds the value (0 when not known).
	ID() uint64
	// RefID identifies the object a dictionary entry refers to, without
	// reading it (0 for a direct value or an absent entry).
	RefID(key string) uint64
	// RefIDAt identifies the object array element i refers to, without reading it.
	RefIDAt(i int) uint64
	// Data returns a stream's decoded bytes: ErrTooLarge beyond max bytes,
	// ErrDamaged with what could be decoded when the data is damaged (or
	// cannot be decoded by this layer), ErrNotStream for other kinds.
	Data(max int64) ([]byte, error)
}

// Doc is an open PDF file.
type Doc interface {
	// Trailer returns the trailer dictionary.
	Trailer() Value
	// Pages returns the page objects in order and the page tree's own /Count.
	Pages() (pages []Value, claimed int)
	// Repaired reports whether the file's structure had to be rebuilt (in
	// whole or for some objects) by scanning.
	Repaired() bool
	// Trouble reports, and forgets, whether something read since the last
	// call could not be read by this layer: a reference that leads nowhere,
	// a malformed object, a stream it cannot decode. A page read with trouble
	// should be read again through the repair layer.
	Trouble() bool
}

// Errors of the object layers.
var (
	// ErrNotPDF means no "%PDF-" header was found near the start of the data.
	ErrNotPDF = pdfobj.ErrNotPDF
	// ErrPassword means the file is encrypted and the password (or the empty one) does not open it.
	ErrPassword = pdfobj.ErrPassword
	// ErrEncryption means the file uses a security handler that cannot be read.
	ErrEncryption = pdfobj.ErrEncryption
	// ErrStructure means no document catalog could be found, even by scanning.
	ErrStructure = pdfobj.ErrStructure
	// ErrTooLarge means a decoded stream exceeds the caller's limit.
	ErrTooLarge = pdfobj.ErrTooLarge
	// ErrDamaged means a stream's data could only partly be decoded.
	ErrDamaged = pdfobj.ErrDamaged
	// ErrNotStream means Data was called on another kind of value.
	ErrNotStream = pdfobj.ErrNotStream
)

// MaxPages bounds the pages read from one file.
const MaxPages = pdfobj.MaxPages

// Inherited looks a key up on a page or its ancestors (bounded, so a /Parent
// cycle cannot loop).
func Inherited(v Value, key string) Value {
	for hops := 0; hops < 64 && !v.IsNull(); hops++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return null{}
}

// walkPages returns the page objects under a page tree root in order,
// guarded against cycles and absurd depth.
func walkPages(root Value) []Value {
	var pages []Value
	seen := map[uint64]bool{}
	var walk func(v Value, depth int)
	walk = func(v Value, depth int) {
		if depth > 64 || len(pages) >= MaxPages || v.Kind() != Dict {
			return
		}
		if id := v.ID(); id != 0 {
			if seen[id] {
				return
			}
			seen[id] = true
		}
		kids := v.Key("Kids")
		t := v.Key("Type").Name()
		if t == "Page" || (t != "Pages" && kids.Kind() != Array &&
			(v.Key("Contents").Kind() != Null || v.Key("MediaBox").Kind() == Array || v.Key("Resources").Kind() == Dict)) {
			pages = append(pages, v)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	return pages
}

// null is the null value.
type null struct{}

func (null) Kind() Kind                 { return Null }
func (null) IsNull() bool               { return true }
func (null) Key(string) Value           { return null{} }
func (null) Keys() []string             { return nil }
func (null) Index(int) Value            { return null{} }
func (null) Len() int                   { return 0 }
func (null) Name() string               { return "" }
func (null) Int64() int64               { return 0 }
func (null) Float64() float64           { return 0 }
func (null) RawString() string          { return "" }
func (null) Text() string               { return "" }
func (null) ID() uint64                 { return 0 }
func (null) RefID(string) uint64        { return 0 }
func (null) RefIDAt(int) uint64         { return 0 }
func (null) Data(int64) ([]byte, error) { return nil, ErrNotStream }
