package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "codebook", args: "FILE", nargs: [2]int{1, 1},
		summary: "show the codebook as a tree with GUIDs and counts; import, export, apply or save templates",
		help: `Without flags, lists every code as an indented tree with its kind, colour, number of
codings and studies, and GUID. --export OUT.qdc|OUT.csv writes the codebook as a REFI-QDA
codebook or a CSV table (columns guid, path, name, kind, color, definition, inclusion,
exclusion). --import IN.qdc|IN.csv merges a codebook into the project as one undoable
action: codes are matched by GUID, then by path; new codes are added, changed ones updated.
--template ID adds a codebook template (an embedded template ID or name, "default", the
name of one of your saved templates, or a template JSON file). --save-template NAME saves
the codebook as one of your templates (in the templates folder of the configuration
directory). --templates lists the available templates.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("export", "", "write the codebook to OUT.qdc or OUT.csv")
			fs.String("import", "", "merge the codebook in IN.qdc or IN.csv into the project")
			fs.String("template", "", "add a codebook template: ID, name, \"default\" or a JSON file")
			fs.String("save-template", "", "save the codebook as a template with this name")
			fs.Bool("templates", false, "list the available codebook templates")
		},
		run: runCodebook,
	})
}

func runCodebook(c *call) error {
	exp, imp, tpl, save := flagStr(c, "export"), flagStr(c, "import"), flagStr(c, "template"), flagStr(c, "save-template")
	actions := 0
	for _, s := range []string{exp, imp, tpl, save} {
		if s != "" {
			actions++
		}
	}
	if flagOn(c, "templates") {
		actions++
	}
	if actions > 1 {
		return exitError{code: 2, msg: "give one of --export, --import, --template, --save-template, --templates"}
	}
	if flagOn(c, "templates") {
		return listTemplates(c)
	}
	write := imp != "" || tpl != ""
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	switch {
	case exp != "":
		return exportCodebook(c, p, exp)
	case imp != "":
		return importCodebookFile(c, p, imp)
	case tpl != "":
		return applyTemplate(c, p, tpl)
	case save != "":
		return saveTemplate(c, p, save)
	}
	return printCodebook(c, p)
}

// codeJSON is one code in --json output.
type codeJSON struct {
	GUID       string `json:"guid"`
	Parent     string `json:"parent"`
	Path       string `json:"path"`
	Name       string `json:"name"`
	Depth      int    `json:"depth"`
	Kind       string `json:"kind"`
	Color      string `json:"color"`
	Definition string `json:"definition"`
	Inclusion  string `json:"inclusion"`
	Exclusion  string `json:"exclusion"`
	Pinned     int    `json:"pinned"`
	Codings    int    `json:"codings"`
	Studies    int    `json:"studies"`
}

func printCodebook(c *call, p *corpus.Project) error {
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	counts, err := coding.CodeCounts(p)
	if err != nil {
		return err
	}
	if c.json {
		out := make([]codeJSON, 0, len(t.Codes))
		for _, k := range t.Codes {
			n := counts[k.GUID]
			out = append(out, codeJSON{GUID: k.GUID, Parent: k.Parent, Path: t.Path(k.GUID), Name: k.Name,
				Depth: t.Depth(k.GUID), Kind: k.Kind, Color: k.Color, Definition: k.Definition, Inclusion: k.Inclusion,
				Exclusion: k.Exclusion, Pinned: k.Pinned, Codings: n.Codings, Studies: n.Studies})
		}
		return c.printJSON(map[string]any{"codes": out})
	}
	if len(t.Codes) == 0 {
		fmt.Fprintln(c.stdout, "The codebook is empty (add a template with --template default).")
		return nil
	}
	w := c.table()
	fmt.Fprintln(w, "CODE\tKIND\tCOLOUR\tCODINGS\tSTUDIES\tGUID")
	for _, k := range t.Codes {
		name := strings.Repeat("  ", t.Depth(k.GUID)) + k.Name
		if k.Pinned > 0 {
			name += fmt.Sprintf(" [%d]", k.Pinned)
		}
		n := counts[k.GUID]
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\n", name, k.Kind, k.Color, n.Codings, n.Studies, k.GUID)
	}
	return w.Flush()
}

// exchangeFormat returns "qdc" or "csv" from a file name.
func exchangeFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdc":
		return "qdc", nil
	case ".csv":
		return "csv", nil
	}
	return "", exitError{code: 2, msg: fmt.Sprintf("%s: use a .qdc (REFI-QDA) or .csv file name", path)}
}

func exportCodebook(c *call, p *corpus.Project, out string) error {
	format, err := exchangeFormat(out)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "qdc" {
		err = coding.ExportCodebookQDC(p, &buf)
	} else {
		err = coding.ExportCodebookCSV(p, &buf)
	}
	if err != nil {
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	codes, _ := coding.Codebook(p)
	if c.json {
		return c.printJSON(map[string]any{"file": out, "format": format, "codes": len(codes)})
	}
	fmt.Fprintf(c.stdout, "Wrote %d codes to %s\n", len(codes), out)
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same folder.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func importCodebookFile(c *call, p *corpus.Project, in string) error {
	format, err := exchangeFormat(in)
	if err != nil {
		return err
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var rep coding.CodebookImport
	if format == "qdc" {
		rep, err = coding.ImportCodebookQDC(p, f)
	} else {
		rep, err = coding.ImportCodebookCSV(p, f)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if c.json {
		return c.printJSON(map[string]any{"file": in, "added": nonNilStrings(rep.Added), "updated": nonNilStrings(rep.Updated),
			"unchanged": rep.Unchanged, "warnings": nonNilStrings(rep.Warnings)})
	}
	fmt.Fprintf(c.stdout, "Imported %s: %d added, %d updated, %d unchanged\n", in, len(rep.Added), len(rep.Updated), rep.Unchanged)
	for _, a := range rep.Added {
		fmt.Fprintf(c.stdout, "  added    %s\n", a)
	}
	for _, u := range rep.Updated {
		fmt.Fprintf(c.stdout, "  updated  %s\n", u)
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(c.stderr, "warning: %s\n", w)
	}
	return nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func applyTemplate(c *call, p *corpus.Project, ref string) error {
	t, err := assets.DefaultTemplate(), error(nil)
	if ref != "default" {
		// findTemplate (verb_new.go) knows built-in IDs, saved templates and files.
		if t, err = findTemplate(ref); err != nil {
			return err
		}
	}
	n, err := coding.ApplyTemplate(p, t)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"template": t.ID, "name": t.Name, "added": n})
	}
	fmt.Fprintf(c.stdout, "Added %d codes from the template %q\n", n, t.Name)
	return nil
}

func saveTemplate(c *call, p *corpus.Project, name string) error {
	dir, err := coding.UserTemplatesDir()
	if err != nil {
		return err
	}
	path, err := coding.SaveTemplate(p, name, dir)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"name": name, "file": path})
	}
	fmt.Fprintf(c.stdout, "Saved the codebook as the template %q in %s\n", name, path)
	return nil
}

func listTemplates(c *call) error {
	builtin, err := assets.Templates()
	if err != nil {
		return err
	}
	var user []assets.Template
	var userErr error
	if dir, err := coding.UserTemplatesDir(); err == nil {
		user, userErr = coding.UserTemplates(dir)
	}
	type row struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Source string `json:"source"`
		Codes  int    `json:"codes"`
	}
	var rows []row
	for i, set := range [][]assets.Template{builtin, user} {
		for _, t := range set {
			n := 0
			t.Walk(func([]string, assets.TemplateCode) bool { n++; return true })
			rows = append(rows, row{t.ID, t.Name, []string{"built-in", "yours"}[i], n})
		}
	}
	if userErr != nil {
		fmt.Fprintf(c.stderr, "warning: %v\n", userErr)
	}
	if c.json {
		return c.printJSON(map[string]any{"templates": rows})
	}
	w := c.table()
	fmt.Fprintln(w, "ID\tNAME\tSOURCE\tCODES")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\n", r.ID, r.Name, r.Source, r.Codes)
	}
	return w.Flush()
}
