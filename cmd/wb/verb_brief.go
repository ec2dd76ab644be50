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
)

func init() {
	register(&verb{
		name: "brief", args: "FILE", nargs: [2]int{1, 1},
		summary: "draft an evidence brief (Markdown, HTML, Word or PDF) from the coded, appraised studies",
		help: `Writes the brief to -o OUT in --format md, html, docx or pdf (default: from OUT's extension).
The brief covers the reportable studies (included and later) matching the filters: --sector, --country and
--method (repeatable: any of them), --from and --to (publication years), --min-rigor high|medium|low and
--consensus-only (only studies with a consensus appraisal, and only consensus codings).
--template FILE uses an author's Go template instead of the default (see "wb brief --print-template").
--date TEXT prints a date line under the title. --citation author-year|apa chooses the citation style
(default author-year: "Nguyen and Tran 2018"; apa: APA 7, "Nguyen & Tran, 2018"). --json prints the
brief's numbers with their studies.
Coded tables, figures and other areas of pages are listed with their themes ("Table on p. 12 of
Smith 2019"); Markdown and HTML briefs show them as images cropped from the PDF at 150 dpi
(--no-area-images leaves the images out; Word and PDF briefs list them without images).`,
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
}

// check resolves the format and reads the filter flags.
func (o *briefOptions) check() error {
	name := o.formatName
	if name == "" && o.out != "" {
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
		ConsensusOnly: o.consensusOnly}
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
	b, err := brief.Build(data, o.filter)
	if err != nil {
		return err
	}
	if o.out != "" && (o.format == brief.Markdown || o.format == brief.HTML) && !o.noAreaImages {
		problems, err := brief.AttachAreaImages(c.ctx, p, b, 0)
		if err != nil {
			return err
		}
		for _, pr := range problems {
			fmt.Fprintf(c.stderr, "Note: %s\n", pr)
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
	fmt.Fprintf(c.stdout, "Wrote %s (%s): %s, themes for %s, %s, %s\n", o.out, o.format,
		nounCount(b.Scope.Studies.N, "study", "studies"), nounCount(len(b.Themes), "sector", "sectors"),
		nounCount(len(b.Gaps), "gap", "gaps"), nounCount(len(b.References), "reference", "references"))
	return nil
}

// nounCount writes a number with the singular or plural noun.
func nounCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
