// Package cellsafe defuses text a spreadsheet would run as a formula when a
// CSV or XLSX export is opened (formula or "CSV" injection): every exported
// cell goes through Escape, and CSV imports undo it with Unescape, so a value
// survives an export and a re-import unchanged.
package cellsafe

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

// number matches a plain decimal number, which a spreadsheet reads as a
// number and never as a formula (a negative coefficient stays "-0.25").
var number = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// risky reports whether s, with any leading apostrophes removed, starts like
// a formula: =, +, -, @, a tab or a carriage return (a plain number aside).
func risky(s string) bool {
	t := strings.TrimLeft(s, "'")
	if t == "" {
		return false
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return !number.MatchString(t)
	}
	return false
}

// Escape returns s with an apostrophe in front when a spreadsheet would
// take it for a formula (it then shows the text as typed). A value that
// already starts with apostrophes before such a character gets one more, so
// Unescape always gives the value back.
func Escape(s string) string {
	if risky(s) {
		return "'" + s
	}
	return s
}

// Unescape undoes Escape: it removes the apostrophe Escape added, and leaves
// every other value alone.
func Unescape(s string) string {
	if strings.HasPrefix(s, "'") && risky(s[1:]) {
		return s[1:]
	}
	return s
}

// EscapeRecord escapes every cell of rec into a new slice.
func EscapeRecord(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = Escape(c)
	}
	return out
}

// Writer is a csv.Writer whose Write and WriteAll escape every cell; all CSV
// exports write through one.
type Writer struct {
	*csv.Writer
}

// NewWriter returns a Writer writing comma-separated records to w.
func NewWriter(w io.Writer) Writer { return Writer{csv.NewWriter(w)} }

// Write writes one record with every cell escaped.
func (w Writer) Write(rec []string) error { return w.Writer.Write(EscapeRecord(rec)) }

// WriteAll writes the records with every cell escaped and flushes.
func (w Writer) WriteAll(recs [][]string) error {
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
