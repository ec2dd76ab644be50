package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/query"
)

func init() {
	register(&verb{
		name: "matrix", args: "FILE", nargs: [2]int{1, 1},
		summary: "code x attribute matrix: codings and studies per code and sector, country, method, year, coder or status",
		help: `Rows are codes: those of --kind (default theme), or the --code list. Columns are the values of
--cols: ` + strings.Join(query.Dimensions, ", ") + `. A study with several sectors or countries counts in
each of its columns; totals count every coding and study once. Each cell shows "codings/studies".
Only reportable studies (included and later) count unless --all is given.
--csv OUT or --xlsx OUT writes the matrix to a file (the workbook has a Codings and a Studies sheet).
--coder NAME counts only that coder's codings.
--json prints every cell with the GUIDs of its codings and studies.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("rows", "code", "what the rows are (code)")
			fs.String("cols", query.DimSector, "column dimension: "+strings.Join(query.Dimensions, ", "))
			fs.String("kind", "", "rows: the codes of this kind (default theme when no --code)")
			fs.Var(&listFlag{}, "code", "rows: this code (repeatable)")
			fs.Bool("rollup", false, "a row also counts its sub-codes' codings")
			fs.Bool("all", false, "count every study, not only reportable ones")
			studyFilterFlags(fs)
			fs.String("csv", "", "write CSV to this file")
			fs.String("xlsx", "", "write an Excel workbook to this file")
		},
		run: runMatrix,
	})
}

func runMatrix(c *call) error {
	if r := strings.ToLower(flagStr(c, "rows")); r != "code" && r != "codes" {
		return exitError{code: 2, msg: fmt.Sprintf("--rows %s: rows are codes (--rows code)", r)}
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	q := query.MatrixQuery{Cols: strings.ToLower(flagStr(c, "cols")), Kind: strings.ToLower(flagStr(c, "kind")),
		RollUp: flagOn(c, "rollup"), AllStudies: flagOn(c, "all")}
	if q.Cols == "publication type" || q.Cols == "pub_type" {
		q.Cols = query.DimPubType
	}
	if q.Codes, err = resolveCodes(t, flagList(c, "code")); err != nil {
		return err
	}
	if len(q.Codes) == 0 && q.Kind == "" {
		q.Kind = coding.KindTheme
	}
	if q.Coders, err = resolveCoders(p, coderFilter(c)); err != nil {
		return err
	}
	if q.Filter, err = studyFilter(c); err != nil {
		return err
	}
	m, err := query.CodeMatrix(p, q)
	if err != nil {
		return err
	}
	csvOut, xlsxOut := flagStr(c, "csv"), flagStr(c, "xlsx")
	if csvOut != "" {
		if err := writeExport(csvOut, func(f io.Writer) error { return exchange.WriteMatrixCSV(f, m) }); err != nil {
			return err
		}
	}
	if xlsxOut != "" {
		if err := writeExport(xlsxOut, func(f io.Writer) error { return exchange.WriteMatrixXLSX(f, m) }); err != nil {
			return err
		}
	}
	if c.json {
		return c.printJSON(m)
	}
	if csvOut != "" || xlsxOut != "" {
		fmt.Fprintf(c.stdout, "%d x %d matrix written to %s\n", len(m.Rows), len(m.Cols), strings.Trim(csvOut+" "+xlsxOut, " "))
		return nil
	}
	cellText := func(x query.Cell) string {
		if x.Codings == 0 {
			return "-"
		}
		return fmt.Sprintf("%d/%d", x.Codings, x.Studies)
	}
	rows := make([]string, len(m.Rows))
	for r, row := range m.Rows {
		rows[r] = strings.Repeat("  ", row.Depth) + clip(row.Name, 40)
	}
	c.printGrid(gridOf("CODE", rows, m.Cols, 24, m.Cells, m.RowTotals, m.ColTotals, m.Total, cellText))
	fmt.Fprintln(c.stdout, "\nCells are codings/studies.")
	return nil
}
