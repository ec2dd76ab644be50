package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/coding/query"
)

func init() {
	register(&verb{
		name: "map", args: "FILE", nargs: [2]int{1, 1},
		summary: "evidence map: studies counted by two of country, sector, method, year, theme, rigor...",
		help: `Rows and columns are one of ` + strings.Join(brief.MapDimensions, ", ") + `
(default: country x sector). theme is the theme codes applied in a study; rigor its reported rating
(the consensus appraisal, else the only reviewer's, else the reviewers' conservative median).
A study with several values (two countries) counts in each; totals count it once. Each cell shows the
studies and their rigor: "3 H1 M1 L0 ?1" (high, medium, low, not rated).
--svg OUT, --png OUT and --xlsx OUT write the map as a picture or workbook. Only reportable studies
(included and later) count unless --all. --json prints every cell with its studies.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("rows", query.DimCountry, "row dimension")
			fs.String("cols", query.DimSector, "column dimension")
			fs.Bool("all", false, "count every study, not only reportable ones")
			studyFilterFlags(fs)
			fs.String("svg", "", "write an SVG picture to this file")
			fs.String("png", "", "write a PNG picture to this file")
			fs.String("xlsx", "", "write an Excel workbook to this file")
		},
		run: runMap,
	})
}

func runMap(c *call) error {
	q := brief.EvidenceMapQuery{Rows: flagStr(c, "rows"), Cols: flagStr(c, "cols"), AllStudies: flagOn(c, "all")}
	var err error
	for _, d := range []*string{&q.Rows, &q.Cols} {
		if *d, err = brief.ParseMapDimension(*d); err != nil {
			return exitError{code: 2, msg: err.Error()}
		}
	}
	if q.Filter, err = studyFilter(c); err != nil {
		return err
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	m, err := brief.BuildEvidenceMap(p, q)
	if err != nil {
		return err
	}
	st := brief.DefaultMapStyle()
	var written []string
	for _, out := range []struct {
		flag  string
		write func(f io.Writer) error
	}{
		{"svg", func(f io.Writer) error { return brief.WriteEvidenceMapSVG(f, m, st) }},
		{"png", func(f io.Writer) error { return brief.WriteEvidenceMapPNG(f, m, st) }},
		{"xlsx", func(f io.Writer) error { return brief.WriteEvidenceMapXLSX(f, m, st) }},
	} {
		if path := flagStr(c, out.flag); path != "" {
			if err := writeExport(path, out.write); err != nil {
				return err
			}
			written = append(written, path)
		}
	}
	if c.json {
		return c.printJSON(m)
	}
	if len(written) > 0 {
		fmt.Fprintf(c.stdout, "%d x %d evidence map of %d studies written to %s\n", len(m.RowLabels), len(m.ColLabels),
			m.Total.N(), strings.Join(written, ", "))
		return nil
	}
	cellText := func(x brief.MapCell) string {
		if x.N() == 0 {
			return "-"
		}
		return fmt.Sprintf("%d %s", x.N(), x.RigorMark())
	}
	rows := make([]string, len(m.RowLabels))
	for r, row := range m.RowLabels {
		rows[r] = clip(row, 32)
	}
	c.printGrid(gridOf(fmt.Sprintf("%s \\ %s", strings.ToUpper(m.Rows), m.Cols), rows, m.ColLabels, 22,
		m.Cells, m.RowTotals, m.ColTotals, m.Total, cellText))
	fmt.Fprintln(c.stdout, "\nCells: studies, then H/M/L studies rated high/medium/low rigor (?: not rated).")
	return nil
}
