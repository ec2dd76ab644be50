// Package pdftext extracts faithful, positioned-layout text from PDF files.
//
// It reads well-formed files' objects with github.com/ledongthuc/pdf and
// what that library cannot read with its own tolerant object layer
// (internal/pdfobj: cross-reference tables and streams rebuilt by scanning when
// damaged, object streams, PDF 2.0, filters and the standard security handler
// with a password), per document and, when the library fails on a page, per
// page (internal/pdfread holds the interface both present); it interprets
// content streams itself: text and transformation matrices,
// character and word spacing, horizontal scaling, rise, TJ offsets, Form
// XObjects, annotation appearances, ToUnicode CMaps, simple and composite (CID)
// fonts, and fonts without a usable map (the embedded font program's tables,
// standard encodings, the Adobe glyph list, Symbol and ZapfDingbats, legacy
// Thai encodings). Text is clipped to the page's crop box and read in the
// page's displayed orientation. Glyphs are laid out into words, lines, blocks
// and a column-aware reading order; combining marks stay with their base and
// pre-base vowels of Khmer, Myanmar and Indic scripts return to logical order.
//
// Every page reports what it draws against what was read (Page.Stats), so a
// caller never takes a document that lost text for a complete one.
//
// Output conventions: a document's text is its pages' texts joined by a form feed
// "\f"; within a page, lines are joined by "\n" and paragraphs (and layout
// blocks) are separated by one empty line ("\n\n"). Offsets are Unicode code
// points. Running headers, footers, page numbers and printer's line numbers
// stay in the text and are reported as Marks so a viewer can hide them and a
// search index leave them out.
package pdftext

import (
	"errors"
	"time"
)

// Options tunes one extraction. Zero values mean sane defaults.
type Options struct {
	// Timeout bounds the whole extraction of one file (default 60s).
	Timeout time.Duration
	// MaxStreamBytes caps the total decompressed stream bytes read from one file
	// (default 1 GiB).
	MaxStreamBytes int64
	// MaxGlyphs caps the number of glyphs kept from one file (default 20 million).
	MaxGlyphs int
	// MaxFileBytes refuses larger inputs outright (default 2 GiB).
	MaxFileBytes int64
	// Progress, when set, is called after each page from the extracting
	// goroutine (not the caller's); it must be quick and safe for that.
	Progress func(Progress)
	// Password opens an encrypted file (the empty password is always tried first).
	Password string
}

// Progress reports how many of a document's pages have been extracted.
type Progress struct {
	Done, Total int
}

const (
	defaultTimeout     = 60 * time.Second
	defaultStreamBytes = 1 << 30
	defaultGlyphs      = 20_000_000
	defaultFileBytes   = 2 << 30
)

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	if o.MaxStreamBytes <= 0 {
		o.MaxStreamBytes = defaultStreamBytes
	}
	if o.MaxGlyphs <= 0 {
		o.MaxGlyphs = defaultGlyphs
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = defaultFileBytes
	}
	return o
}

// Document is an extracted PDF.
type Document struct {
	// Text is the pages' texts joined by "\f".
	Text string
	// Pages maps each page to its code-point range in Text.
	Pages []Page
	// Marks are running headers, footers, page numbers and printer's line
	// numbers found in Text.
	Marks []Mark
	// Meta is the document's bibliographic metadata.
	Meta Metadata
	// Warnings are plain sentences about problems that did not stop extraction
	// (pages that could not be read, text that could not be decoded, a missing
	// text layer, ...). A document without warnings and without Condition
	// lost no text that its pages draw.
	Warnings []string
	// Normalised is true when the file's structure had to be repaired (its
	// cross-reference data rebuilt by scanning, in whole or in part).
	Normalised bool
	// Path says which object layer read the pages.
	Path ReadPath
	// Condition is non-nil when the document came back with a warning-level
	// condition, such as an *Error of Kind NoText for a scanned document.
	Condition error
}

// Page is one page's place in Document.Text.
type Page struct {
	// Number is the 1-based page number.
	Number int
	// Start and End are the code-point range [Start, End) of the page in Text.
	Start, End int
	// Err is set when the page could not be read; its text is then empty.
	Err error
	// Stats compares what the page draws with what was read from it.
	Stats PageStats
	// Width and Height are the displayed page's size in points (its crop
	// box, turned by the page's rotation).
	Width, Height float64
	// Boxes has one box per code point of the page's text (Text[Start:End])
	// in the displayed page's frame: origin at its top left corner, y
	// downwards, in points. Spaces the extractor put between words get the
	// gap between them; line and paragraph breaks get an empty box. A
	// character made of several glyphs gets their union.
	Boxes []Box
}

// ReadPath says which object layer read a document's pages.
type ReadPath int

// The object layers' paths.
const (
	// ReadLibrary means github.com/ledongthuc/pdf read every page.
	ReadLibrary ReadPath = iota + 1
	// ReadLibraryRepaired means the library read the document and the pages
	// it could not read (in whole or in part) were read again, better, by the
	// own tolerant layer.
	ReadLibraryRepaired
	// ReadOwn means the own layer read the document through the file's
	// cross-reference data (the library declined the file or read less).
	ReadOwn
	// ReadRebuilt means the own layer read the document from a
	// cross-reference table rebuilt by scanning the file.
	ReadRebuilt
)

// String names the path.
func (p ReadPath) String() string {
	switch p {
	case ReadLibrary:
		return "library"
	case ReadLibraryRepaired:
		return "library+repair"
	case ReadOwn:
		return "own"
	case ReadRebuilt:
		return "rebuilt"
	}
	return "unknown"
}

// MarkKind says what a Mark is.
type MarkKind int

// The kinds of marks.
const (
	// Header is a running header repeated at the top of pages.
	Header MarkKind = iota + 1
	// Footer is a running footer repeated at the bottom of pages.
	Footer
	// PageNumber is a printed page number.
	PageNumber
	// LineNumber is a printer's line number in the margin.
	LineNumber
)

// String names the mark kind.
func (k MarkKind) String() string {
	switch k {
	case Header:
		return "header"
	case Footer:
		return "footer"
	case PageNumber:
		return "page number"
	case LineNumber:
		return "line number"
	}
	return "unknown"
}

// Mark is a code-point range [Start, End) of Document.Text holding a running
// header, footer, page number or printer's line number.
type Mark struct {
	Start, End int
	Kind       MarkKind
}

// Metadata is a document's title, authors and year, and where they came from.
type Metadata struct {
	Title   string
	Authors []string
	// Year is a year printed as a date on the first page (a copyright or
	// publication line, else the latest date line, never after the file was
	// made), else the file's XMP publication date, else the year the file was
	// created, else the first year in the first page's text (year.go).
	Year int
	// Source is "info" (the PDF Info dictionary), "xmp" (the XMP packet),
	// "page" (first-page heuristics), a combination such as "info+page", or "".
	Source string
}

// Kind classifies an extraction problem.
type Kind int

// The kinds of extraction problems.
const (
	// NotPDF means the data is not a PDF file.
	NotPDF Kind = iota + 1
	// Encrypted means the file needs a password.
	Encrypted
	// Broken means the file is damaged beyond repair.
	Broken
	// NoText means no page has a text layer (a scan); a warning-level condition.
	NoText
	// TooLarge means the file exceeds a size budget.
	TooLarge
	// Timeout means extraction ran out of time or was cancelled.
	Timeout
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case NotPDF:
		return "not a PDF"
	case Encrypted:
		return "encrypted"
	case Broken:
		return "broken"
	case NoText:
		return "no text"
	case TooLarge:
		return "too large"
	case Timeout:
		return "timeout"
	}
	return "unknown"
}

// Error is an extraction problem with a plain message for the user.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

// Error returns the plain message (the technical cause is kept in Err).
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error of the same Kind, so errors.Is(err, &Error{Kind: NoText}) works.
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Kind == e.Kind && t.Msg == "" || t == e
	}
	return false
}

// KindOf returns the Kind of an extraction error, or 0.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

// NeedsPassword reports an extraction error that the file's password would
// get past: the file is protected by the standard security handler and the
// password given (or none) does not open it.
func NeedsPassword(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == Encrypted && e.Msg != msgUnsupportedCrypt
}

// Messages for the user.
const (
	msgEncrypted        = "password protected: import it again with its password"
	msgWrongPassword    = "password protected: the password given does not open it"
	msgUnsupportedCrypt = "protected by a certificate or an unknown method: save an unprotected copy and import that"
	msgNoText           = "scanned, no text: imported for appraisal, passages cannot be coded yet"
	msgBroken           = "damaged PDF: no pages could be read from it"
	msgNotPDF           = "not a PDF file"
	msgTooLarge         = "PDF too large to import"
	msgTimeout          = "PDF took too long to read"
)

func newError(k Kind, err error) *Error {
	msg := map[Kind]string{Encrypted: msgEncrypted, NoText: msgNoText, Broken: msgBroken,
		NotPDF: msgNotPDF, TooLarge: msgTooLarge, Timeout: msgTimeout}[k]
	return &Error{Kind: k, Msg: msg, Err: err}
}

// PageText returns page i's text (0-based index into Pages), or "" when out of range.
func (d *Document) PageText(i int) string {
	if d == nil || i < 0 || i >= len(d.Pages) {
		return ""
	}
	p := d.Pages[i]
	if p.Start < 0 || p.Start > p.End {
		return ""
	}
	// Walk to the code-point offsets without converting the whole text.
	n, from := 0, -1
	for b := range d.Text {
		if n == p.Start {
			from = b
		}
		if n == p.End {
			if from < 0 {
				return ""
			}
			return d.Text[from:b]
		}
		n++
	}
	if n == p.End && from >= 0 {
		return d.Text[from:]
	}
	return ""
}
