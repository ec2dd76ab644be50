package exchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/internal/cellsafe"
	"github.com/xuri/excelize/v2"
)

// sheet is one exported table: a name (the XLSX sheet), a header and rows of
// strings and ints.
type sheet struct {
	name   string
	header []string
	rows   [][]any
	widths []float64 // column widths in XLSX (0 = default)
}

// writeSheetCSV writes a sheet as CSV, every text cell (the header too)
// escaped against formula injection.
func writeSheetCSV(w io.Writer, s sheet) error {
	cw := cellsafe.NewWriter(w)
	cw.Write(s.header)
	rec := make([]string, 0, len(s.header))
	for _, r := range s.rows {
		rec = rec[:0]
		for _, v := range r {
			switch x := v.(type) {
			case string:
				rec = append(rec, x)
			case int:
				rec = append(rec, strconv.Itoa(x))
			default:
				rec = append(rec, fmt.Sprint(x))
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s CSV: %w", strings.ToLower(s.name), err)
	}
	return nil
}

// writeSheetsXLSX writes the sheets as one workbook with a bold, frozen
// header row; text cells are escaped against formula injection as in CSV.
func writeSheetsXLSX(w io.Writer, sheets ...sheet) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write workbook: %v", r)
		}
	}()
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return fmt.Errorf("write workbook: %w", err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
		for c, wd := range s.widths {
			if wd > 0 {
				sw.SetColWidth(c+1, c+1, wd)
			}
		}
		sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		head := make([]any, len(s.header))
		for c, h := range s.header {
			head[c] = excelize.Cell{StyleID: bold, Value: cellsafe.Escape(h)}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return fmt.Errorf("write sheet %s: %w", s.name, err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			vals := make([]any, len(row))
			for c, v := range row {
				if str, ok := v.(string); ok {
					v = cellsafe.Escape(xlsxText(str))
				}
				vals[c] = v
			}
			if err := sw.SetRow(cell, vals); err != nil {
				return fmt.Errorf("write sheet %s: %w", s.name, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("write sheet %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// xlsxText makes text fit a spreadsheet cell: a page break (form feed)
// becomes a line break, other control characters XML cannot carry are
// dropped, and the text is cut to Excel's 32,767 characters per cell.
func xlsxText(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) >= 0 {
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '\f':
				return '\n'
			case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
				return -1
			}
			return r
		}, s)
	}
	if utf8.RuneCountInString(s) > 32767 {
		s = string([]rune(s)[:32767])
	}
	return s
}

func segmentsSheet(segs []query.Segment) sheet {
	s := sheet{name: "Segments",
		header: []string{"study", "study_guid", "code", "code_guid", "coder", "page", "start", "end", "quote", "memo", "coding_guid"},
		widths: []float64{40, 10, 30, 10, 16, 6, 8, 8, 80, 30, 10}}
	for _, g := range segs {
		s.rows = append(s.rows, []any{g.StudyTitle, g.Study, g.CodePath, g.Code, g.CoderName, g.Page, g.Start, g.End, g.Quote, g.Memo, g.Coding})
	}
	return s
}

// WriteSegmentsCSV writes segments as CSV, one row each: study, study_guid,
// code (path), code_guid, coder, page, start, end, quote, memo, coding_guid.
func WriteSegmentsCSV(w io.Writer, segs []query.Segment) error {
	return writeSheetCSV(w, segmentsSheet(segs))
}

// WriteSegmentsXLSX writes segments as an Excel workbook with one sheet,
// "Segments", laid out as WriteSegmentsCSV.
func WriteSegmentsXLSX(w io.Writer, segs []query.Segment) error {
	return writeSheetsXLSX(w, segmentsSheet(segs))
}

func frequenciesSheet(fs []query.Frequency) sheet {
	s := sheet{name: "Frequencies",
		header: []string{"code", "kind", "codings", "studies", "codings_with_subcodes", "studies_with_subcodes", "areas", "code_guid"},
		widths: []float64{50, 10, 10, 10, 22, 22, 8, 38}}
	for _, f := range fs {
		s.rows = append(s.rows, []any{f.Path, f.Kind, f.Codings, f.Studies, f.CodingsWithSubs, f.StudiesWithSubs, f.Areas, f.Code})
	}
	return s
}

// WriteFrequenciesCSV writes code frequencies as CSV: code (path), kind,
// codings, studies, codings_with_subcodes, studies_with_subcodes, areas (of
// the codings, the area codings of pages), code_guid.
func WriteFrequenciesCSV(w io.Writer, fs []query.Frequency) error {
	return writeSheetCSV(w, frequenciesSheet(fs))
}

// WriteFrequenciesXLSX writes code frequencies as an Excel workbook with one
// sheet, "Frequencies", laid out as WriteFrequenciesCSV.
func WriteFrequenciesXLSX(w io.Writer, fs []query.Frequency) error {
	return writeSheetsXLSX(w, frequenciesSheet(fs))
}

// matrixSheet lays one count of a matrix out as a grid with totals.
func matrixSheet(m *query.Matrix, name string, count func(query.Cell) int) sheet {
	s := sheet{name: name, header: append(append([]string{"code"}, m.Cols...), "total"), widths: []float64{45}}
	for r, row := range m.Rows {
		vals := []any{row.Path}
		for c := range m.Cols {
			vals = append(vals, count(m.Cells[r][c]))
		}
		s.rows = append(s.rows, append(vals, count(m.RowTotals[r])))
	}
	vals := []any{"total"}
	for c := range m.Cols {
		vals = append(vals, count(m.ColTotals[c]))
	}
	s.rows = append(s.rows, append(vals, count(m.Total)))
	return s
}

// WriteMatrixCSV writes a matrix as CSV: one row per code (its path) and a
// final "total" row; for each column value two columns, "VALUE codings" and
// "VALUE studies", then "total codings" and "total studies".
func WriteMatrixCSV(w io.Writer, m *query.Matrix) error {
	s := sheet{name: "Matrix", header: []string{"code"}}
	for _, c := range append(append([]string{}, m.Cols...), "total") {
		s.header = append(s.header, c+" codings", c+" studies")
	}
	add := func(label string, cells []query.Cell, total query.Cell) {
		vals := []any{label}
		for _, c := range append(cells, total) {
			vals = append(vals, c.Codings, c.Studies)
		}
		s.rows = append(s.rows, vals)
	}
	for r, row := range m.Rows {
		add(row.Path, m.Cells[r], m.RowTotals[r])
	}
	add("total", m.ColTotals, m.Total)
	return writeSheetCSV(w, s)
}

// WriteMatrixXLSX writes a matrix as an Excel workbook with two sheets of
// the same grid, "Codings" and "Studies" (code paths down, column values
// across, totals in the last row and column).
func WriteMatrixXLSX(w io.Writer, m *query.Matrix) error {
	return writeSheetsXLSX(w,
		matrixSheet(m, "Codings", func(c query.Cell) int { return c.Codings }),
		matrixSheet(m, "Studies", func(c query.Cell) int { return c.Studies }))
}
