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
		opts: func() options { return &mapOptions{} },
	})
}

// mapOptions are the flags of wb map.
type mapOptions struct {
	rows, cols     string // map dimensions, normalised by check
	all            bool
	filter         studyFlags
	svg, png, xlsx string
}

func (o *mapOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.rows, "rows", query.DimCountry, "row dimension")
	fs.StringVar(&o.cols, "cols", query.DimSector, "column dimension")
	fs.BoolVar(&o.all, "all", false, "count every study, not only reportable ones")
	o.filter.define(fs)
	fs.StringVar(&o.svg, "svg", "", "write an SVG picture to this file")
	fs.StringVar(&o.png, "png", "", "write a PNG picture to this file")
	fs.StringVar(&o.xlsx, "xlsx", "", "write an Excel workbook to this file")
}

func (o *mapOptions) check() error {
	var err error
	for _, d := range []*string{&o.rows, &o.cols} {
		if *d, err = brief.ParseMapDimension(*d); err != nil {
			return usageError("%s", err)
		}
	}
	return o.filter.check()
}

func (o *mapOptions) run(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	m, err := brief.BuildEvidenceMap(p, brief.EvidenceMapQuery{Rows: o.rows, Cols: o.cols, AllStudies: o.all, Filter: o.filter.value})
	if err != nil {
		return err
	}
	st := brief.DefaultMapStyle()
	written, err := writeFiles(
		outFile{o.svg, func(w io.Writer) error { return brief.WriteEvidenceMapSVG(w, m, st) }},
		outFile{o.png, func(w io.Writer) error { return brief.WriteEvidenceMapPNG(w, m, st) }},
		outFile{o.xlsx, func(w io.Writer) error { return brief.WriteEvidenceMapXLSX(w, m, st) }})
	if err != nil {
		return err
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
