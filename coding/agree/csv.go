package agree

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// CSVError is a malformed reliability CSV file; Line and Column are 1-based
// (Column 0 when the whole line is at fault).
type CSVError struct {
	Line   int
	Column int
	Msg    string
	Err    error // underlying parse error, if any
}

// Error returns a plain sentence naming the line (and column).
func (e *CSVError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Unwrap returns the underlying error.
func (e *CSVError) Unwrap() error { return e.Err }

// CSVOptions tunes ReadCSVWith.
type CSVOptions struct {
	// Order, when non-empty, lists the category labels in ordinal order; every
	// non-missing cell must be one of them and the data become ordered labels.
	Order []string
	// Missing lists extra cell texts that mean "no value" (for example "NA"
	// or "."); an empty or blank cell is always missing. Case-sensitive.
	Missing []string
	// Comma is the field separator; 0 means ','.
	Comma rune
}

// ReadCSV reads reliability data: a header row whose first cell names the
// unit column (conventionally "unit") followed by one column per coder, then
// one row per unit with the unit's name and each coder's value; an empty
// cell is missing. If every value is a number the data are numeric
// (usable at every level of measurement). Otherwise the cells are category
// labels, listed in order of first appearance and unordered (nominal only);
// use ReadCSVWith and CSVOptions.Order for ordered labels.
func ReadCSV(r io.Reader) (*Data, error) {
	return ReadCSVWith(r, CSVOptions{})
}

// ReadCSVWith is ReadCSV with options.
func ReadCSVWith(r io.Reader, opt CSVOptions) (*Data, error) {
	cr := csv.NewReader(r)
	if opt.Comma != 0 {
		cr.Comma = opt.Comma
	}
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &CSVError{Line: 1, Msg: "the file is empty; want a header row: unit, coder names..."}
	}
	if err != nil {
		return nil, csvParseError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	if len(header) < 2 {
		return nil, &CSVError{Line: 1, Msg: "the header needs a unit column and at least one coder column"}
	}
	d := &Data{}
	seenCoder := map[string]int{}
	for i, h := range header[1:] {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, &CSVError{Line: 1, Column: i + 2, Msg: "empty coder name in the header"}
		}
		if j, dup := seenCoder[h]; dup {
			return nil, &CSVError{Line: 1, Column: i + 2, Msg: fmt.Sprintf("coder %q already named in column %d", h, j+2)}
		}
		seenCoder[h] = i
		d.Coders = append(d.Coders, h)
	}
	missing := map[string]bool{"": true}
	for _, m := range opt.Missing {
		missing[m] = true
	}
	type cellPos struct{ line, col int }
	var cells [][]string
	var pos [][]cellPos
	seenUnit := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvParseError(err)
		}
		line, _ := cr.FieldPos(0)
		unit := strings.TrimSpace(rec[0])
		if unit == "" {
			return nil, &CSVError{Line: line, Column: 1, Msg: "empty unit name"}
		}
		if prev, dup := seenUnit[unit]; dup {
			return nil, &CSVError{Line: line, Column: 1, Msg: fmt.Sprintf("unit %q already given on line %d", unit, prev)}
		}
		seenUnit[unit] = line
		d.Units = append(d.Units, unit)
		row := make([]string, len(rec)-1)
		p := make([]cellPos, len(rec)-1)
		for i, s := range rec[1:] {
			row[i] = strings.TrimSpace(s)
			l, c := cr.FieldPos(i + 1)
			p[i] = cellPos{l, c}
		}
		cells = append(cells, row)
		pos = append(pos, p)
	}
	if len(cells) == 0 {
		return nil, &CSVError{Line: 2, Msg: "no unit rows after the header"}
	}
	numeric := len(opt.Order) == 0
	if numeric {
	scan:
		for _, row := range cells {
			for _, s := range row {
				if missing[s] {
					continue
				}
				if _, ok := parseNumber(s); !ok {
					numeric = false
					break scan
				}
			}
		}
	}
	labelIndex := map[string]int{}
	if len(opt.Order) > 0 {
		for i, l := range opt.Order {
			l = strings.TrimSpace(l)
			if _, dup := labelIndex[l]; dup || l == "" {
				return nil, fmt.Errorf("category order: label %q is empty or listed twice", l)
			}
			labelIndex[l] = i
			d.Labels = append(d.Labels, l)
		}
		d.Ordered = true
	}
	d.Values = make([][]float64, len(cells))
	for u, row := range cells {
		vals := make([]float64, len(row))
		for c, s := range row {
			switch {
			case missing[s]:
				vals[c] = Missing
			case numeric:
				vals[c], _ = parseNumber(s)
			default:
				i, ok := labelIndex[s]
				if !ok {
					if d.Ordered {
						return nil, &CSVError{Line: pos[u][c].line, Column: pos[u][c].col,
							Msg: fmt.Sprintf("value %q is not one of the ordered categories %s", s, strings.Join(d.Labels, ", "))}
					}
					i = len(d.Labels)
					labelIndex[s] = i
					d.Labels = append(d.Labels, s)
				}
				vals[c] = float64(i)
			}
		}
		d.Values[u] = vals
	}
	return d, nil
}

func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func csvParseError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of cells; every row needs a unit name and one cell per coder"
		}
		return &CSVError{Line: pe.Line, Column: pe.Column, Msg: msg, Err: err}
	}
	return fmt.Errorf("read reliability csv: %w", err)
}

// labelsNumeric reports whether every label parses as a number.
func labelsNumeric(labels []string) bool {
	for _, l := range labels {
		if _, ok := parseNumber(l); !ok {
			return false
		}
	}
	return true
}

// labelValues returns the numbers the labels spell (labelsNumeric must hold).
func labelValues(labels []string) []float64 {
	v := make([]float64, len(labels))
	for i, l := range labels {
		v[i], _ = parseNumber(l)
	}
	return v
}
