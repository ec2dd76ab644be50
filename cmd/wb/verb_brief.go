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
--date TEXT prints a date line under the title. --json prints the brief's numbers with their studies.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("format", "", "md, html, docx or pdf (default: from the output file's extension)")
			fs.String("o", "", "output file")
			fs.String("template", "", "template file to use instead of the default")
			fs.Bool("print-template", false, "print the default template of --format and stop")
			fs.Var(&listFlag{}, "sector", "only studies with this sector (repeatable)")
			fs.Var(&listFlag{}, "country", "only studies with this country (repeatable)")
			fs.Var(&listFlag{}, "method", "only studies with this method (repeatable)")
			fs.String("from", "", "only studies published in or after this year")
			fs.String("to", "", "only studies published in or before this year")
			fs.String("min-rigor", "", "only studies rated at least high, medium or low")
			fs.Bool("consensus-only", false, "only consensus appraisals and codings")
			fs.String("title", "", "the brief's title")
			fs.String("date", "", "date line under the title")
			fs.Bool("no-agreement", false, "do not compute inter-coder agreement")
		},
		run: runBrief,
	})
}

// briefFilter reads the brief's filter flags.
func briefFilter(c *call) (brief.Filter, error) {
	f := brief.Filter{Sectors: flagList(c, "sector"), Countries: flagList(c, "country"),
		MinRigor: strings.ToLower(flagStr(c, "min-rigor")), ConsensusOnly: flagOn(c, "consensus-only")}
	for _, m := range flagList(c, "method") {
		nm, err := coding.NormaliseMethod(m)
		if err != nil {
			return f, exitError{code: 2, msg: fmt.Sprintf("--method: %v", err)}
		}
		f.Methods = append(f.Methods, nm)
	}
	year := func(name string) (int, error) {
		s := flagStr(c, name)
		if s == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(s)
		if err != nil || y < 0 {
			return 0, exitError{code: 2, msg: fmt.Sprintf("--%s %q is not a year", name, s)}
		}
		return y, nil
	}
	var err error
	if f.YearFrom, err = year("from"); err != nil {
		return f, err
	}
	f.YearTo, err = year("to")
	return f, err
}

func runBrief(c *call) error {
	out := flagStr(c, "o")
	fs := flagStr(c, "format")
	if fs == "" && out != "" {
		fs = filepath.Ext(out)
	}
	if fs == "" {
		fs = "md"
	}
	format, err := brief.ParseFormat(fs)
	if err != nil {
		return exitError{code: 2, msg: err.Error()}
	}
	if flagOn(c, "print-template") {
		t, err := brief.DefaultTemplate(format)
		if err != nil {
			return err
		}
		fmt.Fprint(c.stdout, t)
		return nil
	}
	if out == "" && !c.json {
		return exitError{code: 2, msg: "give the output file with -o OUT (or --json for the numbers)"}
	}
	filter, err := briefFilter(c)
	if err != nil {
		return err
	}
	var tmpl string
	if tf := flagStr(c, "template"); tf != "" {
		b, err := os.ReadFile(tf)
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
	data, err := brief.FromProject(c.ctx, p, brief.ProjectOptions{SkipAgreement: flagOn(c, "no-agreement")})
	if err != nil {
		return err
	}
	data.Title, data.Date = flagStr(c, "title"), flagStr(c, "date")
	b, err := brief.Build(data, filter)
	if err != nil {
		return err
	}
	if out != "" {
		if err := writeExport(out, func(f io.Writer) error { return brief.Render(f, b, format, tmpl) }); err != nil {
			return err
		}
	}
	if c.json {
		return c.printJSON(b)
	}
	fmt.Fprintf(c.stdout, "Wrote %s (%s): %s, themes for %s, %s, %s\n", out, format,
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
