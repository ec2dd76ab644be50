package exchange

import (
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

// CodebookCSVColumns are the columns ExportCodebookCSV writes, in order.
var CodebookCSVColumns = []string{"guid", "path", "name", "kind", "color", "definition", "inclusion", "exclusion"}

// ExportCodebookCSV writes the codebook as CSV (UTF-8, comma separated,
// header row CodebookCSVColumns), one code per row in display order; path is
// the code's names from the top level joined by "/". Cells a spreadsheet
// would take for a formula are escaped (see internal/cellsafe).
func ExportCodebookCSV(p *corpus.Project, w io.Writer) error {
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return fmt.Errorf("export codebook: %w", err)
	}
	cw := cellsafe.NewWriter(w)
	cw.Write(CodebookCSVColumns)
	for _, c := range t.Codes {
		cw.Write([]string{c.GUID, t.Path(c.GUID), c.Name, c.Kind, c.Color, c.Definition, c.Inclusion, c.Exclusion})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export codebook: %w", err)
	}
	return nil
}

// ImportCodebookCSV merges a codebook CSV (the columns of
// CodebookCSVColumns in any order; path is required, the others optional;
// comma, semicolon or tab separated) into the codebook as one action. A row
// whose guid is in the project updates that code; else a row whose path
// exists updates that code; else a code is created under its parent path
// (which must be in the file or the codebook). Blank cells of kind and
// color keep the current value; a row with fewer fields than the header is
// refused (its missing cells would clear definitions). Every problem is
// reported with its line in a *CSVError, and then nothing is imported.
func ImportCodebookCSV(p *corpus.Project, r io.Reader) (CodebookImport, error) {
	items, err := parseCodebookCSV(r)
	if err != nil {
		return CodebookImport{}, err
	}
	return importCodebook(p, "Import codebook", items, true)
}

// parseCodebookCSV reads and checks the rows.
func parseCodebookCSV(r io.Reader) ([]importCode, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read codebook CSV: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	first, _, _ := bytes.Cut(data, []byte("\n"))
	switch c, s, t := bytes.Count(first, []byte(",")), bytes.Count(first, []byte(";")), bytes.Count(first, []byte("\t")); {
	case t > c && t > s:
		cr.Comma = '\t'
	case s > c:
		cr.Comma = ';'
	}
	fail := func(line int, col, msg string) error {
		return &CSVError{Problems: []CSVProblem{{Line: line, Column: col, Message: msg}}}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fail(1, "", "the file is empty; the first line must name the columns (path, name, kind, color, ...)")
	}
	if err != nil {
		return nil, csvReadProblem(err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, k := range CodebookCSVColumns {
			known = known || k == h
		}
		if h == "colour" {
			h, known = "color", true
		}
		if !known {
			return nil, fail(1, h, fmt.Sprintf("unknown column %q (columns are %s)", h, strings.Join(CodebookCSVColumns, ", ")))
		}
		if _, dup := col[h]; dup {
			return nil, fail(1, h, fmt.Sprintf("column %q appears twice", h))
		}
		col[h] = i
	}
	if _, ok := col["path"]; !ok {
		return nil, fail(1, "path", "the header has no path column")
	}
	var items []importCode
	var problems []CSVProblem
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvReadProblem(err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(name string) (string, bool) {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return "", ok
			}
			return cellsafe.Unescape(strings.TrimSpace(rec[i])), true
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if pr, ok := rowWidthProblem(line, rec, len(header)); !ok {
			problems = append(problems, pr)
			continue
		}
		ic, probs := csvRowCode(line, cell)
		if len(probs) > 0 {
			problems = append(problems, probs...)
			continue
		}
		if prev, dup := seen[ic.key]; dup {
			problems = append(problems, CSVProblem{Line: line, Column: "path", Message: fmt.Sprintf("%q is also on line %d", ic.path, prev)})
			continue
		}
		seen[ic.key] = line
		items = append(items, ic)
	}
	if len(problems) > 0 {
		return nil, &CSVError{Problems: problems}
	}
	if len(items) == 0 {
		return nil, fail(2, "", "the file has no codes")
	}
	return items, nil
}

// csvRowCode turns one row into an importCode.
func csvRowCode(line int, cell func(string) (string, bool)) (importCode, []CSVProblem) {
	var probs []CSVProblem
	bad := func(colName, msg string) {
		probs = append(probs, CSVProblem{Line: line, Column: colName, Message: msg})
	}
	path, _ := cell("path")
	name, _ := cell("name")
	path = strings.Trim(path, "/ ")
	if path == "" {
		bad("path", "the path is empty")
		return importCode{}, probs
	}
	if name == "" {
		if i := strings.LastIndex(path, "/"); i >= 0 {
			name = strings.TrimSpace(path[i+1:])
		} else {
			name = path
		}
	}
	parent := ""
	switch {
	case strings.EqualFold(coding.NormPath(path), coding.NormPath(name)):
	case strings.HasSuffix(coding.NormPath(path), "/"+coding.NormPath(name)):
		parent = strings.TrimSpace(path[:len(path)-len(name)])
		parent = strings.TrimSuffix(strings.TrimSpace(parent), "/")
	default:
		bad("name", fmt.Sprintf("the name %q is not the last part of the path %q", name, path))
	}
	ic := importCode{line: line, name: name, path: path, key: coding.NormPath(path), parentKey: ""}
	if parent != "" {
		ic.parentKey = coding.NormPath(parent)
	}
	if g, ok := cell("guid"); ok && g != "" {
		g = strings.ToLower(strings.Trim(g, "{} "))
		if !isUUID(g) {
			bad("guid", fmt.Sprintf("%q is not a GUID (leave it empty for a new code)", g))
		}
		ic.guid = g
	}
	opt := func(colName string, keepBlank bool) *string {
		v, ok := cell(colName)
		if !ok || (keepBlank && v == "") {
			return nil
		}
		return &v
	}
	ic.kind, ic.color = opt("kind", true), opt("color", true)
	ic.definition, ic.inclusion, ic.exclusion = opt("definition", false), opt("inclusion", false), opt("exclusion", false)
	check := coding.Code{Name: name}
	applyImported(&check, ic)
	if err := coding.ValidateCode(&check); err != nil {
		switch {
		case errors.Is(err, coding.ErrCodeColor):
			bad("color", err.Error())
		case errors.Is(err, coding.ErrCodeKind):
			bad("kind", err.Error())
		default:
			bad("name", err.Error())
		}
	}
	return ic, probs
}

// csvReadProblem turns a CSV syntax error into a *CSVError with its line.
func csvReadProblem(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{Problems: []CSVProblem{{Line: pe.StartLine, Message: fmt.Sprintf("the CSV is malformed: %v", pe.Err)}}}
	}
	return fmt.Errorf("read codebook CSV: %w", err)
}

// isUUID reports whether s is a UUID in the canonical 8-4-4-4-12 form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
				return false
			}
		}
	}
	return true
}
