package main

import "fmt"

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
