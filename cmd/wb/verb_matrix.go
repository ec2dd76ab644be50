package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
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
		opts: func() options { return &matrixOptions{} },
	})
}

// matrixOptions are the flags of wb matrix.
type matrixOptions struct {
	rows, cols, kind string
	codes            listFlag
	rollup, all      bool
	filter           studyFlags
	out              tableFlags
}

func (o *matrixOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.rows, "rows", "code", "what the rows are (code)")
	fs.StringVar(&o.cols, "cols", query.DimSector, "column dimension: "+strings.Join(query.Dimensions, ", "))
	fs.StringVar(&o.kind, "kind", "", "rows: the codes of this kind (default theme when no --code)")
	fs.Var(&o.codes, "code", "rows: this code (repeatable)")
	fs.BoolVar(&o.rollup, "rollup", false, "a row also counts its sub-codes' codings")
	fs.BoolVar(&o.all, "all", false, "count every study, not only reportable ones")
	o.filter.define(fs)
	o.out.define(fs)
}

func (o *matrixOptions) check() error {
	if r := strings.ToLower(o.rows); r != "code" && r != "codes" {
		return usageError("--rows %s: rows are codes (--rows code)", r)
	}
	o.cols, o.kind = strings.ToLower(o.cols), strings.ToLower(o.kind)
	if o.cols == "publication type" || o.cols == "pub_type" {
		o.cols = query.DimPubType
	}
	if !slices.Contains(query.Dimensions, o.cols) {
		return fmt.Errorf("%w: columns %q (use one of %s)", query.ErrInvalidQuery, o.cols, strings.Join(query.Dimensions, ", "))
	}
	return o.filter.check()
}

func (o *matrixOptions) run(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	q := query.MatrixQuery{Cols: o.cols, Kind: o.kind, RollUp: o.rollup, AllStudies: o.all, Filter: o.filter.value}
	if q.Codes, err = resolveCodes(t, o.codes); err != nil {
		return err
	}
	if len(q.Codes) == 0 && q.Kind == "" {
		q.Kind = coding.KindTheme
	}
	if q.Coders, err = resolveCoders(p, c.coderFilter()); err != nil {
		return err
	}
	m, err := query.CodeMatrix(p, q)
	if err != nil {
		return err
	}
	written, err := o.out.write(func(w io.Writer) error { return exchange.WriteMatrixCSV(w, m) },
		func(w io.Writer) error { return exchange.WriteMatrixXLSX(w, m) })
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(m)
	}
	if len(written) > 0 {
		fmt.Fprintf(c.stdout, "%d x %d matrix written to %s\n", len(m.Rows), len(m.Cols), strings.Join(written, " "))
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
