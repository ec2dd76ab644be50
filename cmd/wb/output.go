package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/evidence-workbench/workbench/corpus"
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

// errorJSON is an error as --json prints it, on stderr.
type errorJSON struct {
	Error  string             `json:"error"`            // the plain message
	Kind   string             `json:"kind"`             // see errorKind
	File   string             `json:"file,omitempty"`   // the file the error is about, else the verb's project
	Verb   string             `json:"verb"`             // the verb that failed
	Status int                `json:"status"`           // the exit status
	Holder *corpus.LockHolder `json:"holder,omitempty"` // who has the project open, for kind "locked"
}

// fail reports a verb's error (on stderr: a line, or with --json a JSON
// object) and returns the exit status.
func (c *call) fail(err error) int {
	status, msg := 1, err.Error()
	var ex exitError
	if errors.As(err, &ex) {
		status, msg = ex.code, ex.msg
	}
	var sig interrupted
	if cause := context.Cause(c.ctx); c.ctx.Err() != nil && errors.As(cause, &sig) {
		status, msg = sig.status(), fmt.Sprintf("%s: stopped before it finished; work not saved was rolled back", sig)
		err = cause
	}
	if !c.json {
		if msg != "" {
			fmt.Fprintf(c.stderr, "wb %s: %s\n", c.v.name, msg)
		}
		return status
	}
	e := errorJSON{Error: msg, Kind: errorKind(err, status), File: errorFile(err), Verb: c.v.name, Status: status}
	if e.File == "" && len(c.args) > 0 && c.v.args != "" && strings.HasPrefix(c.v.args, "FILE") {
		e.File = c.args[0]
	}
	var le *corpus.LockedError
	if errors.As(err, &le) && le.Holder != (corpus.LockHolder{}) {
		e.Holder = &le.Holder
	}
	b, _ := json.Marshal(e)
	fmt.Fprintf(c.stderr, "%s\n", b)
	return status
}

// errorKind names the condition for scripts: usage, not-project,
// newer-version, damaged, locked, read-only, cannot-write, disk-full,
// exists, not-found, interrupted or error.
func errorKind(err error, status int) string {
	var sig interrupted
	switch {
	case errors.As(err, &sig):
		return "interrupted"
	case status == 2:
		return "usage"
	case errors.Is(err, corpus.ErrNotProject):
		return "not-project"
	case errors.Is(err, corpus.ErrNewerVersion):
		return "newer-version"
	case corpus.IsDamage(err):
		return "damaged"
	case errors.Is(err, corpus.ErrLocked):
		return "locked"
	case errors.Is(err, corpus.ErrCannotWrite):
		return "cannot-write"
	case errors.Is(err, corpus.ErrReadOnly):
		return "read-only"
	case errors.Is(err, corpus.ErrDiskFull):
		return "disk-full"
	case errors.Is(err, corpus.ErrExists):
		return "exists"
	case errors.Is(err, corpus.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return "not-found"
	}
	return "error"
}

// errorFile returns the file an error names, when it carries one.
func errorFile(err error) string {
	var oe *corpus.OpenError
	var re *corpus.ReadOnlyError
	var pe *fs.PathError
	switch {
	case errors.As(err, &oe):
		return oe.Path
	case errors.As(err, &re):
		return re.Path
	case errors.As(err, &pe):
		return pe.Path
	}
	return ""
}

// note writes a one-line note on stderr (a JSON object with --json).
func (c *call) note(format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	if c.json {
		b, _ := json.Marshal(map[string]string{"note": msg, "verb": c.v.name})
		fmt.Fprintf(c.stderr, "%s\n", b)
		return
	}
	fmt.Fprintf(c.stderr, "wb %s: note: %s\n", c.v.name, msg)
}
