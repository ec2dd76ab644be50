package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/cellsafe"
)

// ErrInvalidCSV is wrapped by every *CSVError.
var ErrInvalidCSV = errors.New("the CSV file cannot be imported")

// CSVProblem is one problem in an imported CSV file.
type CSVProblem struct {
	Line    int    // 1-based line of the record (the header is line 1)
	Column  string // column name, "" when the whole row is concerned
	Message string // plain sentence
}

// CSVError lists every problem found in an imported CSV file; nothing was
// imported. It unwraps to ErrInvalidCSV.
type CSVError struct {
	Problems []CSVProblem
}

// Error lists the first problems with their line numbers.
func (e *CSVError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v (nothing was changed; correct these lines and import it again): ", ErrInvalidCSV)
	for i, p := range e.Problems {
		if i == 10 {
			fmt.Fprintf(&b, "; and %d more problems", len(e.Problems)-10)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "line %d", p.Line)
		if p.Column != "" {
			fmt.Fprintf(&b, ", column %s", p.Column)
		}
		b.WriteString(": " + p.Message)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalidCSV) true.
func (e *CSVError) Unwrap() error { return ErrInvalidCSV }

// attributeCSVHeader is the header ExportAttributesCSV writes: the study's
// identity and read-only context, then AttributeFields.
func attributeCSVHeader() []string {
	return append([]string{"guid", "file_name", "status"}, coding.AttributeFields...)
}

// ExportAttributesCSV writes every study's attributes as CSV (UTF-8, comma
// separated, header row): guid, file_name, status, then AttributeFields;
// authors, countries and sectors are joined with "; ". Cells a spreadsheet
// would take for a formula are escaped (see internal/cellsafe).
func ExportAttributesCSV(p *corpus.Project, w io.Writer) error {
	studies, err := p.Studies()
	if err != nil {
		return fmt.Errorf("export attributes: %w", err)
	}
	cw := cellsafe.NewWriter(w)
	cw.Write(attributeCSVHeader())
	for _, s := range studies {
		rec := []string{s.GUID, s.FileName, s.Status}
		for _, f := range coding.AttributeFields {
			rec = append(rec, coding.AttributeValue(s.Attributes, f))
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export attributes: %w", err)
	}
	return nil
}

// ImportResult summarises an attribute import.
type ImportResult struct {
	Rows    int // data rows read
	Changed int // studies whose attributes changed
}

// ImportAttributesCSV reads attributes from CSV (the layout of
// ExportAttributesCSV; comma, semicolon or tab separated; a UTF-8 byte order
// mark is ignored) and saves them as one action. The header names the
// columns (any order, case-insensitive; file_name and status are ignored).
// Each row is matched to a study by its guid cell, else by its title cell
// (case-insensitive, must be unique). Every attribute column present is set,
// an empty cell clearing the field; absent columns are left alone. A row
// with fewer fields than the header is refused, not read as empty cells
// (which would clear those fields). Cells escaped by the export come back
// as they were. All problems are collected with their line numbers in a
// *CSVError and then nothing is changed.
func ImportAttributesCSV(p *corpus.Project, r io.Reader) (ImportResult, error) {
	var res ImportResult
	records, lines, err := readCSV(r)
	if err != nil {
		return res, err
	}
	if len(records) == 0 {
		return res, &CSVError{Problems: []CSVProblem{{Line: 1, Message: "the file is empty; it needs a header row"}}}
	}
	studies, err := p.Studies()
	if err != nil {
		return res, fmt.Errorf("import attributes: %w", err)
	}
	byGUID := map[string]corpus.Study{}
	byTitle := map[string][]corpus.Study{}
	for _, s := range studies {
		byGUID[s.GUID] = s
		k := strings.ToLower(strings.TrimSpace(s.Title))
		byTitle[k] = append(byTitle[k], s)
	}
	var problems []CSVProblem
	header := records[0]
	guidCol, titleCol := -1, -1
	fields := make([]string, len(header)) // canonical field per column, "" = ignored
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch h {
		case "guid", "id":
			guidCol = i
			continue
		case "file_name", "file", "status", "":
			continue
		}
		f, err := coding.CanonicalField(h)
		if err != nil {
			problems = append(problems, CSVProblem{Line: 1, Column: header[i], Message: err.Error()})
			continue
		}
		if f == coding.FieldTitle {
			titleCol = i
		}
		fields[i] = f
	}
	if guidCol < 0 && titleCol < 0 {
		problems = append(problems, CSVProblem{Line: 1, Message: "the header needs a guid or a title column to find the studies"})
	}
	if len(problems) > 0 {
		return res, &CSVError{Problems: problems}
	}
	type change struct {
		study string
		attrs corpus.Attributes
	}
	var changes []change
	used := map[string]int{}
	for n, rec := range records[1:] {
		line := lines[n+1]
		if blankRecord(rec) {
			continue
		}
		res.Rows++
		if pr, ok := rowWidthProblem(line, rec, len(header)); !ok {
			problems = append(problems, pr)
			continue
		}
		cell := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return cellsafe.Unescape(strings.TrimSpace(rec[i]))
		}
		s, ok := byGUID[strings.ToLower(cell(guidCol))]
		if !ok {
			t := strings.ToLower(cell(titleCol))
			switch m := byTitle[t]; {
			case t == "" && cell(guidCol) != "":
				problems = append(problems, CSVProblem{line, "guid", fmt.Sprintf("no study has GUID %q and the row has no title", cell(guidCol))})
				continue
			case t == "":
				problems = append(problems, CSVProblem{line, "", "the row has neither a GUID nor a title"})
				continue
			case len(m) == 0:
				problems = append(problems, CSVProblem{line, "title", fmt.Sprintf("no study is titled %q", cell(titleCol))})
				continue
			case len(m) > 1:
				problems = append(problems, CSVProblem{line, "title", fmt.Sprintf("%d studies are titled %q; add the guid column", len(m), cell(titleCol))})
				continue
			default:
				s = m[0]
			}
		}
		if prev, dup := used[s.GUID]; dup {
			problems = append(problems, CSVProblem{line, "", fmt.Sprintf("study %q is already on line %d", s.Title, prev)})
			continue
		}
		used[s.GUID] = line
		var patch coding.AttributePatch
		bad := false
		for i, f := range fields {
			if f == "" {
				continue
			}
			if err := patch.Set(f, cell(i)); err != nil {
				problems = append(problems, CSVProblem{line, header[i], plainAttrError(err)})
				bad = true
			}
		}
		if bad {
			continue
		}
		next := patch.Apply(s.Attributes)
		if err := coding.ValidateAttributes(&next); err != nil {
			problems = append(problems, CSVProblem{line, "", plainAttrError(err)})
			continue
		}
		if !coding.SameAttributes(s.Attributes, next) {
			changes = append(changes, change{s.GUID, next})
		}
	}
	if len(problems) > 0 {
		return res, &CSVError{Problems: problems}
	}
	if len(changes) == 0 {
		return res, nil
	}
	err = p.Do(fmt.Sprintf("Import attributes of %d studies", len(changes)), func(tx *corpus.Tx) error {
		for _, c := range changes {
			if err := tx.SetAttributes(c.study, c.attrs); err != nil {
				return fmt.Errorf("import attributes of study %s: %w", c.study, err)
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Changed = len(changes)
	return res, nil
}

// plainAttrError drops the sentinel prefix for a line-numbered message.
func plainAttrError(err error) string {
	s := err.Error()
	for _, p := range []string{coding.ErrInvalidAttribute.Error() + ": ", coding.ErrInvalidAttribute.Error() + " "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// rowWidthProblem checks that a row has a field for every column of the
// header: a short row (a line cut off, a separator lost) would otherwise
// read as empty cells and clear those fields. Extra fields are accepted
// when they are empty (as spreadsheets write them).
func rowWidthProblem(line int, rec []string, columns int) (CSVProblem, bool) {
	if len(rec) < columns {
		return CSVProblem{Line: line, Message: fmt.Sprintf(
			"the row has %d fields but the header has %d columns, so it cannot say which fields to keep and which to clear; "+
				"give the row all %d fields (an empty field between two separators clears that field) or remove it",
			len(rec), columns, columns)}, false
	}
	for i := columns; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			return CSVProblem{Line: line, Message: fmt.Sprintf(
				"the row has %d fields but the header has %d columns; name the extra columns in the header or remove the extra fields",
				len(rec), columns)}, false
		}
	}
	return CSVProblem{}, true
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readCSV reads all records, detecting the separator from the header line.
func readCSV(r io.Reader) ([][]string, []int, error) {
	br := bufio.NewReader(r)
	data, err := io.ReadAll(br)
	if err != nil {
		return nil, nil, fmt.Errorf("read CSV: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first := data
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	switch c, s, t := bytes.Count(first, []byte(",")), bytes.Count(first, []byte(";")), bytes.Count(first, []byte("\t")); {
	case t > c && t > s:
		cr.Comma = '\t'
	case s > c:
		cr.Comma = ';'
	}
	var out [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, lines, nil
		}
		if err != nil {
			line := len(out) + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			return nil, nil, &CSVError{Problems: []CSVProblem{{Line: line, Message: err.Error()}}}
		}
		l, _ := cr.FieldPos(0)
		out = append(out, rec)
		lines = append(lines, l)
	}
}
