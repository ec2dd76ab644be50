package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "codebook", args: "FILE", nargs: [2]int{1, 1},
		summary: "show and edit the codebook (tree with GUIDs and counts); import, export, templates",
		help: `Without flags, lists every code as an indented tree with its kind, colour, number of
codings and studies, and GUID. --export OUT.qdc|OUT.csv writes the codebook as a REFI-QDA
codebook or a CSV table (columns guid, path, name, kind, color, definition, inclusion,
exclusion). --import IN.qdc|IN.csv merges a codebook into the project as one undoable
action: codes are matched by GUID, then by path; new codes are added, changed ones updated.
--template ID adds a codebook template (an embedded template ID or name, "default", the
name of one of your saved templates, or a template JSON file). --save-template NAME saves
the codebook as one of your templates (in the templates folder of the configuration
directory). --templates lists the available templates.

Editing (each one undoable action; CODE is a GUID, name or "Parent/Child" path):
  --add PATH            new code; its parent path must exist ("Rigor/New criterion")
  --edit CODE           change the fields given with --name, --color, --kind, --definition,
                        --inclusion, --exclusion, --pin (these also go with --add)
  --move CODE --to PARENT [--position N]   PARENT "/" is the top level; N counts from 0
  --merge CODE --into CODE                 codings and sub-codes of the first go to the second
  --delete CODE         the code, its sub-codes and their codings`,
		opts: func() options { return &codebookOptions{} },
	})
}

// codebookOptions are the flags of wb codebook.
type codebookOptions struct {
	export, importIn, template, saveTemplate optString
	templates                                bool
	add, edit, move, merge, delete           optString
	to                                       optString
	position                                 int
	into                                     string
	name, color, kind                        optString
	definition, inclusion, exclusion         optString
	pin                                      optInt
	action, arg                              string // the one action and its value, set by check
	format                                   string // "qdc" or "csv" for --export and --import, set by check
}

func (o *codebookOptions) define(fs *flag.FlagSet) {
	fs.Var(&o.export, "export", "write the codebook to OUT.qdc or OUT.csv")
	fs.Var(&o.importIn, "import", "merge the codebook in IN.qdc or IN.csv into the project")
	fs.Var(&o.template, "template", "add a codebook template: ID, name, \"default\" or a JSON file")
	fs.Var(&o.saveTemplate, "save-template", "save the codebook as a template with this name")
	fs.BoolVar(&o.templates, "templates", false, "list the available codebook templates")
	fs.Var(&o.add, "add", "add a code at this path")
	fs.Var(&o.edit, "edit", "edit this code's fields")
	fs.Var(&o.move, "move", "move this code (with --to)")
	fs.Var(&o.merge, "merge", "merge this code (with --into)")
	fs.Var(&o.delete, "delete", "delete this code with its sub-codes and codings")
	fs.Var(&o.to, "to", "new parent for --move (\"/\" for the top level)")
	fs.IntVar(&o.position, "position", -1, "place among the new siblings for --move (0 first; default last)")
	fs.StringVar(&o.into, "into", "", "code that --merge merges into")
	fs.Var(&o.name, "name", "new name (--edit)")
	fs.Var(&o.color, "color", "colour #rrggbb (--add, --edit)")
	fs.Var(&o.kind, "kind", "rigor, theme, sector or other (--add, --edit)")
	fs.Var(&o.definition, "definition", "what the code means (--add, --edit)")
	fs.Var(&o.inclusion, "inclusion", "when to apply it (--add, --edit)")
	fs.Var(&o.exclusion, "exclusion", "when not to apply it (--add, --edit)")
	fs.Var(&o.pin, "pin", "number key 1-9 for the code, 0 to unpin (--add, --edit)")
}

// check finds the one action and checks the flags that go with it.
func (o *codebookOptions) check() error {
	actions := []struct {
		name string
		v    optString
	}{{"export", o.export}, {"import", o.importIn}, {"template", o.template}, {"save-template", o.saveTemplate},
		{"templates", optString{set: o.templates}}, {"add", o.add}, {"edit", o.edit}, {"move", o.move},
		{"merge", o.merge}, {"delete", o.delete}}
	for _, a := range actions {
		if !a.v.set {
			continue
		}
		if o.action != "" {
			names := make([]string, len(actions))
			for i, a := range actions {
				names[i] = a.name
			}
			return usageError("give only one of --%s", strings.Join(names, ", --"))
		}
		o.action, o.arg = a.name, a.v.v
	}
	var err error
	switch o.action {
	case "export", "import":
		o.format, err = exchangeFormat(o.arg)
	case "add":
		if o.name.set {
			err = usageError("--add takes the name from its path; --name goes with --edit")
		}
	case "move":
		if !o.to.set {
			err = usageError("--move needs --to PARENT (\"/\" for the top level)")
		}
	case "merge":
		if o.into == "" {
			err = usageError("--merge needs --into CODE")
		}
	}
	return err
}

func (o *codebookOptions) run(c *call) error {
	if o.action == "templates" {
		return listTemplates(c)
	}
	write := o.action != "" && o.action != "export" && o.action != "save-template"
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	switch o.action {
	case "":
		return printCodebook(c, p)
	case "export":
		return exportCodebook(c, p, o.arg, o.format)
	case "import":
		return importCodebookFile(c, p, o.arg, o.format)
	case "template":
		return applyTemplate(c, p, o.arg)
	case "save-template":
		return saveTemplate(c, p, o.arg)
	}
	return o.editCodebook(c, p)
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

func toCodeJSON(t *coding.CodeTree, k coding.Code, counts map[string]coding.CodeCount) codeJSON {
	n := counts[k.GUID]
	return codeJSON{GUID: k.GUID, Parent: k.Parent, Path: t.Path(k.GUID), Name: k.Name,
		Depth: t.Depth(k.GUID), Kind: k.Kind, Color: k.Color, Definition: k.Definition, Inclusion: k.Inclusion,
		Exclusion: k.Exclusion, Pinned: k.Pinned, Codings: n.Codings, Studies: n.Studies}
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
			out = append(out, toCodeJSON(t, k, counts))
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

func exportCodebook(c *call, p *corpus.Project, out, format string) error {
	var buf bytes.Buffer
	var err error
	if format == "qdc" {
		err = exchange.ExportCodebookQDC(p, &buf)
	} else {
		err = exchange.ExportCodebookCSV(p, &buf)
	}
	if err != nil {
		return err
	}
	if err := writeExport(out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	codes, _ := coding.Codebook(p)
	if c.json {
		return c.printJSON(map[string]any{"file": out, "format": format, "codes": len(codes)})
	}
	fmt.Fprintf(c.stdout, "Wrote %d codes to %s\n", len(codes), out)
	return nil
}

func importCodebookFile(c *call, p *corpus.Project, in, format string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var rep exchange.CodebookImport
	if format == "qdc" {
		rep, err = exchange.ImportCodebookQDC(p, f)
	} else {
		rep, err = exchange.ImportCodebookCSV(p, f)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if c.json {
		return c.printJSON(map[string]any{"file": in, "added": nonNil(rep.Added), "updated": nonNil(rep.Updated),
			"unchanged": rep.Unchanged, "warnings": nonNil(rep.Warnings)})
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
