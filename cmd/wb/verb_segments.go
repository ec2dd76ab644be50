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
Area codings of pages are segments too, listed as "[table on p. 3, corners X1,Y1,X2,Y2 pt]" (JSON:
"area" with page and corners in points from the page's top left); in --and/--not conditions an
area stands for the text of its page (two areas: same page; for overlap, intersecting).
--frequencies prints codings and studies per code instead (reportable studies unless --all).
--csv OUT or --xlsx OUT writes the result to a file.`,
		opts: func() options { return &segmentsOptions{} },
	})
}

// segmentsOptions are the flags of wb segments.
type segmentsOptions struct {
	codes, studies                listFlag
	and, not, overlaps, paragraph listFlag
	within, kind                  string
	subcodes, frequencies, all    bool
	filter                        studyFlags
	out                           tableFlags
}

func (o *segmentsOptions) define(fs *flag.FlagSet) {
	fs.Var(&o.codes, "code", "code GUID, name or path (repeatable: any of them)")
	fs.Var(&o.studies, "study", "study GUID or title prefix (repeatable)")
	fs.Var(&o.and, "and", "also a passage with this code nearby (repeatable)")
	fs.Var(&o.not, "not", "no passage with this code nearby (repeatable)")
	fs.Var(&o.overlaps, "overlaps", "a passage with this code overlaps the segment (repeatable)")
	fs.Var(&o.paragraph, "paragraph", "a passage with this code in the same paragraph (repeatable)")
	fs.StringVar(&o.within, "within", query.WithinStudy, "reach of --and and --not: study, paragraph or overlap")
	fs.StringVar(&o.kind, "kind", "", "only codes of this kind (theme, sector, rigor, other)")
	fs.BoolVar(&o.subcodes, "subcodes", false, "a code also stands for its sub-codes")
	o.filter.define(fs)
	fs.BoolVar(&o.frequencies, "frequencies", false, "print code frequencies instead of segments")
	fs.BoolVar(&o.all, "all", false, "with --frequencies: count every study, not only reportable ones")
	o.out.define(fs)
}

func (o *segmentsOptions) check() error {
	switch o.within {
	case query.WithinStudy, query.WithinParagraph, query.WithinOverlap:
	default:
		return fmt.Errorf("%w: --within %q (use study, paragraph or overlap)", query.ErrInvalidQuery, o.within)
	}
	o.kind = strings.ToLower(o.kind)
	return o.filter.check()
}

func (o *segmentsOptions) run(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	q := query.SegmentQuery{Kind: o.kind, Subcodes: o.subcodes, Filter: o.filter.value}
	if q.Codes, err = resolveCodes(t, o.codes); err != nil {
		return err
	}
	if q.Coders, err = resolveCoders(p, c.coderFilter()); err != nil {
		return err
	}
	if q.Studies, err = resolveStudies(p, o.studies); err != nil {
		return err
	}
	for _, cd := range []struct {
		refs   []string
		within string
		not    bool
	}{{o.and, o.within, false}, {o.not, o.within, true}, {o.overlaps, query.WithinOverlap, false}, {o.paragraph, query.WithinParagraph, false}} {
		codes, err := resolveCodes(t, cd.refs)
		if err != nil {
			return err
		}
		for _, g := range codes {
			q.Where = append(q.Where, query.Condition{Code: g, Not: cd.not, Within: cd.within})
		}
	}
	if o.frequencies {
		return o.printFrequencies(c, p, q)
	}
	segs, err := query.Segments(p, q)
	if err != nil {
		return err
	}
	written, err := o.out.write(func(w io.Writer) error { return exchange.WriteSegmentsCSV(w, segs) },
		func(w io.Writer) error { return exchange.WriteSegmentsXLSX(w, segs) })
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(nonNil(segs))
	}
	if len(written) > 0 {
		fmt.Fprintf(c.stdout, "%d segments written to %s\n", len(segs), strings.Join(written, " "))
		return nil
	}
	w := c.table()
	fmt.Fprintln(w, "STUDY\tPAGE\tCODE\tCODER\tQUOTE")
	for _, s := range segs {
		quote := clip(s.Quote, 80)
		if s.Area != nil {
			quote = fmt.Sprintf("[%s, corners %s pt]", s.Quote, s.Area.Rect())
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\n", clip(s.StudyTitle, 40), s.Page, s.CodePath, s.CoderName, quote)
	}
	w.Flush()
	fmt.Fprintf(c.stdout, "\n%d segments\n", len(segs))
	return nil
}

// printFrequencies prints or writes code frequencies for the segment query's coders and studies.
func (o *segmentsOptions) printFrequencies(c *call, p *corpus.Project, q query.SegmentQuery) error {
	fs, err := query.CodeFrequencies(p, query.FrequencyQuery{Kind: q.Kind, Coders: q.Coders, Filter: q.Filter,
		AllStudies: o.all})
	if err != nil {
		return err
	}
	if _, err := o.out.write(func(w io.Writer) error { return exchange.WriteFrequenciesCSV(w, fs) },
		func(w io.Writer) error { return exchange.WriteFrequenciesXLSX(w, fs) }); err != nil {
		return err
	}
	if c.json {
		return c.printJSON(fs)
	}
	w := c.table()
	fmt.Fprintln(w, "CODE\tKIND\tCODINGS\tOF WHICH AREAS\tSTUDIES\tWITH SUB-CODES")
	for _, f := range fs {
		fmt.Fprintf(w, "%s%s\t%s\t%d\t%d\t%d\t%d / %d\n", strings.Repeat("  ", f.Depth), f.Name, f.Kind, f.Codings, f.Areas, f.Studies,
			f.CodingsWithSubs, f.StudiesWithSubs)
	}
	return w.Flush()
}
