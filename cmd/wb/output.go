package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/evidence-workbench/workbench/internal/atomicfile"
)

// printJSON writes v as indented JSON.
func (c *call) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table returns a tab-aligned writer; call Flush when done.
func (c *call) table() *tabwriter.Writer {
	return tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
}

// clip shortens s to n code points for a table, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// nonNil returns l, or an empty list for JSON's [] instead of null.
func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

// writeExport writes a file through fn, replacing it only when fn succeeds;
// the file follows the umask (see internal/atomicfile).
func writeExport(path string, fn func(w io.Writer) error) error {
	return atomicfile.WriteTo(path, fn)
}

// outFile is one output file a verb may write: the path given by its flag
// (empty when not asked for) and the writer of its format.
type outFile struct {
	path  string
	write func(w io.Writer) error
}

// writeFiles writes the files asked for, in order, each replaced only when
// its writer succeeds, and returns their paths.
func writeFiles(outs ...outFile) ([]string, error) {
	var written []string
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		if err := writeExport(o.path, o.write); err != nil {
			return written, err
		}
		written = append(written, o.path)
	}
	return written, nil
}

// tableFlags are the --csv OUT and --xlsx OUT flags of the table verbs.
type tableFlags struct {
	csv, xlsx string
}

func (o *tableFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&o.csv, "csv", "", "write CSV to this file")
	fs.StringVar(&o.xlsx, "xlsx", "", "write an Excel workbook to this file")
}

// write writes the table as CSV and as a workbook to the files asked for
// and returns their paths.
func (o tableFlags) write(csv, xlsx func(w io.Writer) error) ([]string, error) {
	return writeFiles(outFile{o.csv, csv}, outFile{o.xlsx, xlsx})
}

// grid is a two-way table of text cells with row and column totals, as
// `wb matrix` and `wb map` print it.
type grid struct {
	corner    string     // top-left header
	rows      []string   // row labels
	cols      []string   // column labels (already clipped)
	cells     [][]string // cells[row][col]
	rowTotals []string   // one per row
	colTotals []string   // one per column
	total     string     // grand total
}

// gridOf renders typed cells and totals with cellText.
func gridOf[C any](corner string, rows, cols []string, colWidth int, cells [][]C, rowTotals, colTotals []C, total C, cellText func(C) string) grid {
	g := grid{corner: corner, rows: rows, total: cellText(total)}
	for _, c := range cols {
		g.cols = append(g.cols, clip(c, colWidth))
	}
	for r := range rows {
		line := make([]string, len(cols))
		for c := range cols {
			line[c] = cellText(cells[r][c])
		}
		g.cells = append(g.cells, line)
		g.rowTotals = append(g.rowTotals, cellText(rowTotals[r]))
	}
	for c := range cols {
		g.colTotals = append(g.colTotals, cellText(colTotals[c]))
	}
	return g
}

// printGrid writes the grid as an aligned table.
func (c *call) printGrid(g grid) {
	w := c.table()
	fmt.Fprint(w, g.corner)
	for _, col := range g.cols {
		fmt.Fprintf(w, "\t%s", col)
	}
	fmt.Fprintln(w, "\tTOTAL")
	for r, row := range g.rows {
		fmt.Fprint(w, row)
		for _, cell := range g.cells[r] {
			fmt.Fprintf(w, "\t%s", cell)
		}
		fmt.Fprintf(w, "\t%s\n", g.rowTotals[r])
	}
	fmt.Fprint(w, "TOTAL")
	for _, t := range g.colTotals {
		fmt.Fprintf(w, "\t%s", t)
	}
	fmt.Fprintf(w, "\t%s\n", g.total)
	w.Flush()
}

// progressBar draws a one-line progress bar on a terminal; elsewhere it is silent.
type progressBar struct {
	w  io.Writer
	on bool
}

func newProgressBar(w io.Writer, on bool) *progressBar { return &progressBar{w: w, on: on} }

func (b *progressBar) update(done, total int, note string) {
	if !b.on || total == 0 {
		return
	}
	const width = 30
	n := done * width / total
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d %s ", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total, note)
}

func (b *progressBar) done() {
	if b.on {
		fmt.Fprintln(b.w)
	}
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
