package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "brief", args: "FILE", nargs: [2]int{1, 1},
		summary: "draft an evidence brief (Markdown, HTML, Word or PDF) from the coded, appraised studies",
		help: `Writes the brief to -o OUT in --format md, html, docx or pdf (default: from OUT's extension).
The brief covers the reportable studies (included and later) matching the filters: --sector, --country and
--method (repeatable: any of them), --from and --to (publication years), --min-rigor high|medium|low and
--consensus-only (only studies with a consensus appraisal, and only consensus codings). Each filter says in
the brief how many studies it left out, and the evidence map keeps every country and sector of the review.
--per sector (or country) writes a series: one brief per sector (or country) into the folder -o OUT, each
named after its value. --themes N lists N themes per sector in full (default 5, 0 for all; the others are
named) and --quotes N quotes per theme (default 2, 0 for all).
--template FILE uses an author's Go template instead of the default (see "wb brief --print-template"); a
Markdown template works for every format. --date TEXT prints a date line under the title.
--citation author-year|apa chooses the citation style (default author-year: "Nguyen and Tran 2018"; apa:
APA 7, "Nguyen & Tran, 2018"). --json prints the brief's numbers with the GUIDs of the studies behind each.
Coded tables, figures and other areas of pages are listed with their themes ("Table on p. 12 of
Smith 2019") and shown as images cropped from the PDF at 150 dpi, with that description as caption, in
every format (--no-area-images lists them without their images).`,
		opts: func() options { return &briefOptions{} },
	})
}

// briefOptions are the flags of wb brief.
type briefOptions struct {
	formatName, out, template   string
	printTemplate               bool
	sectors, countries, methods listFlag
	from, to, minRigor          string
	consensusOnly, noAgreement  bool
	noAreaImages                bool
	title, date                 string
	citation                    string
	per                         string
	themes, quotes              int
	format                      brief.Format // --format or -o's extension, set by check
	filter                      brief.Filter // the filter flags, set by check
}

func (o *briefOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.formatName, "format", "", "md, html, docx or pdf (default: from the output file's extension)")
	fs.StringVar(&o.out, "o", "", "output file")
	fs.StringVar(&o.template, "template", "", "template file to use instead of the default")
	fs.BoolVar(&o.printTemplate, "print-template", false, "print the default template of --format and stop")
	fs.Var(&o.sectors, "sector", "only studies with this sector (repeatable)")
	fs.Var(&o.countries, "country", "only studies with this country (repeatable)")
	fs.Var(&o.methods, "method", "only studies with this method (repeatable)")
	fs.StringVar(&o.from, "from", "", "only studies published in or after this year")
	fs.StringVar(&o.to, "to", "", "only studies published in or before this year")
	fs.StringVar(&o.minRigor, "min-rigor", "", "only studies rated at least high, medium or low")
	fs.BoolVar(&o.consensusOnly, "consensus-only", false, "only consensus appraisals and codings")
	fs.StringVar(&o.title, "title", "", "the brief's title")
	fs.StringVar(&o.date, "date", "", "date line under the title")
	fs.BoolVar(&o.noAgreement, "no-agreement", false, "do not compute inter-coder agreement")
	fs.BoolVar(&o.noAreaImages, "no-area-images", false, "list coded areas of pages without their images")
	fs.StringVar(&o.citation, "citation", "", "citation style: author-year (default) or apa")
	fs.StringVar(&o.per, "per", "", "write one brief per sector or per country into the folder -o")
	fs.IntVar(&o.themes, "themes", brief.DefaultMaxThemes, "themes per sector listed in full (0: all)")
	fs.IntVar(&o.quotes, "quotes", brief.DefaultMaxQuotes, "quotes per theme (0: all)")
}

// check resolves the format and reads the filter flags.
func (o *briefOptions) check() error {
	o.per = strings.ToLower(strings.TrimSpace(o.per))
	if o.per != "" && o.per != brief.PerSector && o.per != brief.PerCountry {
		return usageError("--per %q: give sector or country", o.per)
	}
	name := o.formatName
	if name == "" && o.out != "" && o.per == "" {
		name = filepath.Ext(o.out)
	}
	if name == "" {
		name = "md"
	}
	var err error
	if o.format, err = brief.ParseFormat(name); err != nil {
		return usageError("%s", err)
	}
	o.filter = brief.Filter{Sectors: o.sectors, Countries: o.countries, MinRigor: strings.ToLower(o.minRigor),
		ConsensusOnly: o.consensusOnly, MaxThemes: capFlag(o.themes), MaxQuotes: capFlag(o.quotes)}
	if o.themes < 0 || o.quotes < 0 {
		return usageError("--themes and --quotes take 0 (all) or more")
	}
	if o.filter.Citation, err = brief.ParseCitationStyle(o.citation); err != nil {
		return usageError("--citation: %s is not author-year or apa", o.citation)
	}
	for _, m := range o.methods {
		nm, err := coding.NormaliseMethod(m)
		if err != nil {
			return usageError("--method: %v", err)
		}
		o.filter.Methods = append(o.filter.Methods, nm)
	}
	year := func(flag, s string) (int, error) {
		if s == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(s)
		if err != nil || y < 0 {
			return 0, usageError("--%s %q is not a year", flag, s)
		}
		return y, nil
	}
	if o.filter.YearFrom, err = year("from", o.from); err != nil {
		return err
	}
	o.filter.YearTo, err = year("to", o.to)
	return err
}

func (o *briefOptions) run(c *call) error {
	if o.printTemplate {
		t, err := brief.DefaultTemplate(o.format)
		if err != nil {
			return err
		}
		fmt.Fprint(c.stdout, t)
		return nil
	}
	if o.out == "" && !c.json {
		return exitError{code: 2, msg: "give the output file with -o OUT (or --json for the numbers)"}
	}
	var tmpl string
	if o.template != "" {
		b, err := os.ReadFile(o.template)
		if err != nil {
			return fmt.Errorf("read template: %w", err)
		}
		tmpl = string(b)
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	data, err := brief.FromProject(c.ctx, p, brief.ProjectOptions{SkipAgreement: o.noAgreement})
	if err != nil {
		return err
	}
	data.Title, data.Date = o.title, o.date
	if o.per != "" {
		return o.runSeries(c, p, data, tmpl)
	}
	b, err := brief.Build(data, o.filter)
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := o.attachAreaImages(c, p, b); err != nil {
			return err
		}
	}
	if o.out != "" {
		if err := writeExport(o.out, func(w io.Writer) error { return brief.Render(w, b, o.format, tmpl) }); err != nil {
			return err
		}
	}
	if c.json {
		return c.printJSON(b)
	}
	fmt.Fprintf(c.stdout, "Wrote %s (%s): %s\n", o.out, o.format, summary(b))
	return nil
}

// summary describes a written brief in one line.
func summary(b *brief.Brief) string {
	s := fmt.Sprintf("%s, %s, themes for %s, %s, %s", nounCount(b.Scope.Studies.N, "study", "studies"),
		nounCount(len(b.Findings), "finding", "findings"), nounCount(len(b.Themes), "sector", "sectors"),
		nounCount(len(b.Gaps), "gap", "gaps"), nounCount(len(b.References), "reference", "references"))
	if n := b.Scope.FilteredOut.N; n > 0 {
		s += fmt.Sprintf("; the filters left out %d of the %d included studies", n, n+b.Scope.Studies.N)
	}
	return s
}

// capFlag turns a --themes/--quotes value into a Filter cap (0: all).
func capFlag(n int) int {
	if n == 0 {
		return brief.NoLimit
	}
	return n
}

// seriesFile is one brief of a series as --json reports it.
type seriesFile struct {
	Value string       `json:"value"`
	File  string       `json:"file,omitempty"`
	Brief *brief.Brief `json:"brief"`
}

// runSeries writes one brief per sector or country into the folder o.out.
func (o *briefOptions) runSeries(c *call, p *corpus.Project, data brief.Data, tmpl string) error {
	s, err := brief.BuildSeries(data, o.filter, o.per)
	if err != nil {
		return err
	}
	var files []seriesFile
	if o.out != "" {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return fmt.Errorf("create folder for the briefs: %w", err)
		}
	}
	used := map[string]int{}
	for _, it := range s.Items {
		f := seriesFile{Value: it.Value, Brief: it.Brief}
		if o.out != "" {
			stem := brief.FileName(it.Value)
			if used[stem]++; used[stem] > 1 {
				stem += fmt.Sprintf("-%d", used[stem])
			}
			f.File = filepath.Join(o.out, stem+"."+string(o.format))
			b := it.Brief
			if err := o.attachAreaImages(c, p, b); err != nil {
				return err
			}
			if err := writeExport(f.File, func(w io.Writer) error { return brief.Render(w, b, o.format, tmpl) }); err != nil {
				return err
			}
			if !c.json {
				fmt.Fprintf(c.stdout, "Wrote %s: %s\n", f.File, summary(b))
			}
		}
		files = append(files, f)
	}
	if c.json {
		return c.printJSON(map[string]any{"per": s.Per, "briefs": files, "skipped": nonNil(s.Skipped), "unassigned": s.Unassigned})
	}
	if len(s.Skipped) > 0 {
		fmt.Fprintf(c.stdout, "No brief for %s: no study matching the filters covers %s.\n", strings.Join(s.Skipped, ", "),
			map[bool]string{true: "it", false: "them"}[len(s.Skipped) == 1])
	}
	if n := s.Unassigned.N; n > 0 {
		fmt.Fprintf(c.stdout, "%s no %s and %s in none of these briefs.\n", nounCount(n, "study reports", "studies report"), s.Per,
			map[bool]string{true: "is", false: "are"}[n == 1])
	}
	return nil
}

// nounCount writes a number with the singular or plural noun.
func nounCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// attachAreaImages crops the areas the brief lists out of their pages,
// unless --no-area-images; an area that cannot be drawn is named in a note.
func (o *briefOptions) attachAreaImages(c *call, p *corpus.Project, b *brief.Brief) error {
	if o.noAreaImages {
		return nil
	}
	problems, err := brief.AttachAreaImages(c.ctx, p, b, 0)
	for _, pr := range problems {
		fmt.Fprintf(c.stderr, "Note: %s\n", pr)
	}
	return err
}
