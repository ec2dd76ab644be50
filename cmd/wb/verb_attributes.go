package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

func init() {
	register(&verb{
		name: "attributes", args: "FILE", nargs: [2]int{1, 1},
		summary: "show, edit, export or import study attributes (countries, sectors, year, method, ...)",
		help: `Without options, lists every study's attributes. --study S (repeatable) limits the list; with
--set FIELD=VALUE (repeatable) it changes those studies in one action (undo reverts it as a whole).
Fields: ` + strings.Join(coding.AttributeFields, ", ") + `.
Authors, countries and sectors take several values separated by "; "; FIELD+=VALUE adds values and
FIELD-=VALUE removes them, e.g. --set "sectors+=Agriculture". Write each author as the name is written
("Nguyen Van Minh; Tran Thi Lan; Daw Hnin Wai; Sophea Chan") or as "Family, Given"; the written order
and the family name are guessed by the name's convention (Vietnamese, Chinese and Khmer family name
first, Burmese names whole, Thai- and Lao-script names cited in full). Mark what the guess gets wrong:
"/Li/ Wei" or "Wei /Li/" names the family name in the written order, "{May Lin Chen}" is a name cited
whole, "{Anurak /Phromsiri/}" is cited by the full name (Thai practice). One study's listing shows how
its authors are cited. Method is one of
` + strings.Join(coding.Methods, ", ") + `. An empty VALUE clears the field.
--export OUT.csv writes every study's attributes; --import IN.csv reads them back (rows matched by
guid, else by title; all or nothing, problems reported with their line numbers).`,
		opts: func() options { return &attributesOptions{} },
	})
}

// attributesOptions are the flags of wb attributes.
type attributesOptions struct {
	studies, sets    listFlag
	export, importIn string
	patch            coding.AttributePatch // the --set edits, set by check
}

func (o *attributesOptions) define(fs *flag.FlagSet) {
	fs.Var(&o.studies, "study", "study GUID or title prefix (repeatable)")
	fs.Var(&o.sets, "set", "FIELD=VALUE to set (repeatable); FIELD+=VALUE adds, FIELD-=VALUE removes")
	fs.StringVar(&o.export, "export", "", "write all studies' attributes to this CSV file")
	fs.StringVar(&o.importIn, "import", "", "read attributes from this CSV file")
}

// check reads the --set edits (--import goes first and leaves them unused).
func (o *attributesOptions) check() error {
	if o.importIn != "" || len(o.sets) == 0 {
		return nil
	}
	if len(o.studies) == 0 {
		return usageError("--set needs --study (repeat --study for several studies)")
	}
	for _, kv := range o.sets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return usageError("--set %q: write FIELD=VALUE", kv)
		}
		if err := o.patch.Set(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (o *attributesOptions) run(c *call) error {
	write := len(o.sets) > 0 || o.importIn != ""
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	studies, err := resolveStudies(p, o.studies)
	if err != nil {
		return err
	}
	if o.importIn != "" {
		f, err := os.Open(o.importIn)
		if err != nil {
			return err
		}
		res, err := exchange.ImportAttributesCSV(p, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("import attributes from %s: %w", o.importIn, err)
		}
		if c.json {
			return c.printJSON(map[string]any{"rows": res.Rows, "changed": res.Changed})
		}
		fmt.Fprintf(c.stdout, "%d rows read, %d studies changed\n", res.Rows, res.Changed)
		return nil
	}
	if len(o.sets) > 0 {
		n, err := coding.BulkEdit(p, studies, o.patch)
		if err != nil {
			return err
		}
		if c.json {
			return c.printJSON(map[string]any{"studies": len(studies), "changed": n})
		}
		fmt.Fprintf(c.stdout, "%d of %d studies changed\n", n, len(studies))
		return nil
	}
	if o.export != "" {
		if err := writeExport(o.export, func(w io.Writer) error { return exchange.ExportAttributesCSV(p, w) }); err != nil {
			return err
		}
		if !c.json {
			fmt.Fprintf(c.stdout, "Attributes written to %s\n", o.export)
			return nil
		}
	}
	all, err := p.Studies()
	if err != nil {
		return err
	}
	if len(studies) > 0 {
		keep := map[string]bool{}
		for _, s := range studies {
			keep[s] = true
		}
		var sel []corpus.Study
		for _, s := range all {
			if keep[s.GUID] {
				sel = append(sel, s)
			}
		}
		all = sel
	}
	if c.json {
		out := make([]map[string]any, 0, len(all))
		for _, s := range all {
			row := map[string]any{"guid": s.GUID, "file_name": s.FileName, "status": s.Status}
			for _, f := range coding.AttributeFields {
				row[f] = jsonAttribute(s.Attributes, f)
			}
			out = append(out, row)
		}
		return c.printJSON(out)
	}
	if len(studies) == 1 && len(all) == 1 {
		w := c.table()
		fmt.Fprintf(w, "guid\t%s\nfile_name\t%s\nstatus\t%s\n", all[0].GUID, all[0].FileName, all[0].Status)
		for _, f := range coding.AttributeFields {
			fmt.Fprintf(w, "%s\t%s\n", f, coding.AttributeValue(all[0].Attributes, f))
			if f == coding.FieldAuthors && len(all[0].Authors) > 0 {
				fmt.Fprintf(w, "  cited as\t%s\n", citedNames(all[0].Authors))
			}
		}
		return w.Flush()
	}
	w := c.table()
	fmt.Fprintln(w, "TITLE\tYEAR\tMETHOD\tCOUNTRIES\tSECTORS\tSTATUS")
	for _, s := range all {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", clip(s.Title, 50), coding.AttributeValue(s.Attributes, coding.FieldYear),
			s.Method, clip(coding.JoinMulti(s.Countries), 30), clip(coding.JoinMulti(s.Sectors), 40), s.Status)
	}
	w.Flush()
	fmt.Fprintf(c.stdout, "\n%d studies\n", len(all))
	return nil
}

// jsonAttribute returns a field as a JSON value: lists as arrays, numbers as numbers.
func jsonAttribute(a corpus.Attributes, field string) any {
	switch field {
	case coding.FieldAuthors:
		return nonNil(a.Authors)
	case coding.FieldCountries:
		return nonNil(a.Countries)
	case coding.FieldSectors:
		return nonNil(a.Sectors)
	case coding.FieldYear:
		return a.Year
	case coding.FieldSampleSize:
		return a.SampleSize
	}
	return coding.AttributeValue(a, field)
}

// citedNames lists how each author is cited: "Nguyen (Van Minh); Tran
// (Thi Lan); Daw Hnin Wai (whole name)".
func citedNames(authors []names.Author) string {
	parts := make([]string, 0, len(authors))
	for _, a := range authors {
		switch {
		case a.Single():
			parts = append(parts, a.Cited()+" (whole name)")
		case a.Order == names.FullName:
			parts = append(parts, a.Cited()+" (full name, family "+a.Family+")")
		case a.Given != "":
			parts = append(parts, a.Cited()+" ("+a.Given+")")
		default:
			parts = append(parts, a.Cited())
		}
	}
	return strings.Join(parts, "; ")
}
