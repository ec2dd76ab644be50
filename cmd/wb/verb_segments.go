package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "segments", args: "FILE", nargs: [2]int{1, 1},
		summary: "list coded segments by code, coder, study and attributes, with AND / NOT / co-occurrence",
		help: `--code C (repeatable) selects segments coded with any of the codes (OR); without it, every code
(or every code of --kind). Codes are given by GUID, name or path ("Themes/Debt bondage").
--and C keeps segments that have a passage coded C nearby, --not C those that have none; "nearby"
is set by --within: study (default: anywhere in the same study), paragraph (a paragraph the segment
touches; paragraphs end at blank lines and page breaks) or overlap. --overlaps C and --paragraph C
are --and with overlap and paragraph reach. --coder NAME limits segments and the co-occurring passages
to that coder. --sector, --country, --method, --status and --reportable filter studies.
--frequencies prints codings and studies per code instead (reportable studies unless --all).
--csv OUT or --xlsx OUT writes the result to a file.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.Var(&listFlag{}, "code", "code GUID, name or path (repeatable: any of them)")
			fs.Var(&listFlag{}, "study", "study GUID or title prefix (repeatable)")
			fs.Var(&listFlag{}, "and", "also a passage with this code nearby (repeatable)")
			fs.Var(&listFlag{}, "not", "no passage with this code nearby (repeatable)")
			fs.Var(&listFlag{}, "overlaps", "a passage with this code overlaps the segment (repeatable)")
			fs.Var(&listFlag{}, "paragraph", "a passage with this code in the same paragraph (repeatable)")
			fs.String("within", query.WithinStudy, "reach of --and and --not: study, paragraph or overlap")
			fs.String("kind", "", "only codes of this kind (theme, sector, rigor, other)")
			fs.Bool("subcodes", false, "a code also stands for its sub-codes")
			studyFilterFlags(fs)
			fs.Bool("frequencies", false, "print code frequencies instead of segments")
			fs.Bool("all", false, "with --frequencies: count every study, not only reportable ones")
			fs.String("csv", "", "write CSV to this file")
			fs.String("xlsx", "", "write an Excel workbook to this file")
		},
		run: runSegments,
	})
}

func runSegments(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	var q query.SegmentQuery
	if q.Codes, err = resolveCodes(t, flagList(c, "code")); err != nil {
		return err
	}
	if q.Coders, err = resolveCoders(p, coderFilter(c)); err != nil {
		return err
	}
	if q.Studies, err = resolveStudies(p, flagList(c, "study")); err != nil {
		return err
	}
	if q.Filter, err = studyFilter(c); err != nil {
		return err
	}
	q.Kind, q.Subcodes = strings.ToLower(flagStr(c, "kind")), flagOn(c, "subcodes")
	within := flagStr(c, "within")
	conds := []struct {
		flag, within string
		not          bool
	}{{"and", within, false}, {"not", within, true}, {"overlaps", query.WithinOverlap, false}, {"paragraph", query.WithinParagraph, false}}
	for _, cd := range conds {
		codes, err := resolveCodes(t, flagList(c, cd.flag))
		if err != nil {
			return err
		}
		for _, g := range codes {
			q.Where = append(q.Where, query.Condition{Code: g, Not: cd.not, Within: cd.within})
		}
	}
	csvOut, xlsxOut := flagStr(c, "csv"), flagStr(c, "xlsx")
	if flagOn(c, "frequencies") {
		return printFrequencies(c, p, q, csvOut, xlsxOut)
	}
	segs, err := query.Segments(p, q)
	if err != nil {
		return err
	}
	if csvOut != "" {
		if err := writeExport(csvOut, func(f io.Writer) error { return exchange.WriteSegmentsCSV(f, segs) }); err != nil {
			return err
		}
	}
	if xlsxOut != "" {
		if err := writeExport(xlsxOut, func(f io.Writer) error { return exchange.WriteSegmentsXLSX(f, segs) }); err != nil {
			return err
		}
	}
	if c.json {
		if segs == nil {
			segs = []query.Segment{}
		}
		return c.printJSON(segs)
	}
	if csvOut != "" || xlsxOut != "" {
		fmt.Fprintf(c.stdout, "%d segments written to %s\n", len(segs), strings.Trim(csvOut+" "+xlsxOut, " "))
		return nil
	}
	w := c.table()
	fmt.Fprintln(w, "STUDY\tPAGE\tCODE\tCODER\tQUOTE")
	for _, s := range segs {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\n", clip(s.StudyTitle, 40), s.Page, s.CodePath, s.CoderName, clip(s.Quote, 80))
	}
	w.Flush()
	fmt.Fprintf(c.stdout, "\n%d segments\n", len(segs))
	return nil
}

// printFrequencies prints or writes code frequencies for the segment query's coders and studies.
func printFrequencies(c *call, p *corpus.Project, q query.SegmentQuery, csvOut, xlsxOut string) error {
	fs, err := query.CodeFrequencies(p, query.FrequencyQuery{Kind: q.Kind, Coders: q.Coders, Filter: q.Filter,
		AllStudies: flagOn(c, "all")})
	if err != nil {
		return err
	}
	if csvOut != "" {
		if err := writeExport(csvOut, func(f io.Writer) error { return exchange.WriteFrequenciesCSV(f, fs) }); err != nil {
			return err
		}
	}
	if xlsxOut != "" {
		if err := writeExport(xlsxOut, func(f io.Writer) error { return exchange.WriteFrequenciesXLSX(f, fs) }); err != nil {
			return err
		}
	}
	if c.json {
		return c.printJSON(fs)
	}
	w := c.table()
	fmt.Fprintln(w, "CODE\tKIND\tCODINGS\tSTUDIES\tWITH SUB-CODES")
	for _, f := range fs {
		fmt.Fprintf(w, "%s%s\t%s\t%d\t%d\t%d / %d\n", strings.Repeat("  ", f.Depth), f.Name, f.Kind, f.Codings, f.Studies,
			f.CodingsWithSubs, f.StudiesWithSubs)
	}
	return w.Flush()
}
