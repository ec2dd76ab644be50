package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("export", "", "write the codebook to OUT.qdc or OUT.csv")
			fs.String("import", "", "merge the codebook in IN.qdc or IN.csv into the project")
			fs.String("template", "", "add a codebook template: ID, name, \"default\" or a JSON file")
			fs.String("save-template", "", "save the codebook as a template with this name")
			fs.Bool("templates", false, "list the available codebook templates")
			fs.String("add", "", "add a code at this path")
			fs.String("edit", "", "edit this code's fields")
			fs.String("move", "", "move this code (with --to)")
			fs.String("merge", "", "merge this code (with --into)")
			fs.String("delete", "", "delete this code with its sub-codes and codings")
			fs.String("to", "", "new parent for --move (\"/\" for the top level)")
			fs.Int("position", -1, "place among the new siblings for --move (0 first; default last)")
			fs.String("into", "", "code that --merge merges into")
			fs.String("name", "", "new name (--edit)")
			fs.String("color", "", "colour #rrggbb (--add, --edit)")
			fs.String("kind", "", "rigor, theme, sector or other (--add, --edit)")
			fs.String("definition", "", "what the code means (--add, --edit)")
			fs.String("inclusion", "", "when to apply it (--add, --edit)")
			fs.String("exclusion", "", "when not to apply it (--add, --edit)")
			fs.Int("pin", 0, "number key 1-9 for the code, 0 to unpin (--add, --edit)")
		},
		run: runCodebook,
	})
}

// codebookActions are the flags that each select one thing the verb does.
var codebookActions = []string{"export", "import", "template", "save-template", "templates", "add", "edit", "move", "merge", "delete"}

func runCodebook(c *call) error {
	action := ""
	for _, a := range codebookActions {
		if setFlag(c, a) {
			if action != "" {
				return exitError{code: 2, msg: "give only one of --" + strings.Join(codebookActions, ", --")}
			}
			action = a
		}
	}
	if action == "templates" {
		return listTemplates(c)
	}
	write := action != "" && action != "export" && action != "save-template"
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	if action == "" {
		return printCodebook(c, p)
	}
	arg := flagStr(c, action)
	switch action {
	case "export":
		return exportCodebook(c, p, arg)
	case "import":
		return importCodebookFile(c, p, arg)
	case "template":
		return applyTemplate(c, p, arg)
	case "save-template":
		return saveTemplate(c, p, arg)
	}
	return editCodebook(c, p, action, arg)
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

func exportCodebook(c *call, p *corpus.Project, out string) error {
	format, err := exchangeFormat(out)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if format == "qdc" {
		err = exchange.ExportCodebookQDC(p, &buf)
	} else {
		err = exchange.ExportCodebookCSV(p, &buf)
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

// applyFieldFlags copies the code fields given on the command line.
func applyFieldFlags(c *call, k *coding.Code) {
	for _, f := range []struct {
		name string
		dst  *string
	}{{"name", &k.Name}, {"color", &k.Color}, {"kind", &k.Kind}, {"definition", &k.Definition},
		{"inclusion", &k.Inclusion}, {"exclusion", &k.Exclusion}} {
		if setFlag(c, f.name) {
			*f.dst = flagStr(c, f.name)
		}
	}
	if setFlag(c, "pin") {
		k.Pinned, _ = strconv.Atoi(flagStr(c, "pin"))
	}
}

// editCodebook adds, edits, moves, merges or deletes a code.
func editCodebook(c *call, p *corpus.Project, action, ref string) error {
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	var code coding.Code
	if action != "add" {
		if code, err = t.Resolve(ref); err != nil {
			return err
		}
	}
	before := t.Path(code.GUID)
	var done string
	switch action {
	case "add":
		path := strings.Trim(ref, "/ ")
		k := coding.Code{Name: path}
		if i := strings.LastIndex(path, "/"); i >= 0 {
			parent, err := t.Resolve(path[:i])
			if err != nil {
				return fmt.Errorf("parent of %q: %w", path, err)
			}
			// A sub-code starts with its parent's kind and colour.
			k = coding.Code{Parent: parent.GUID, Name: strings.TrimSpace(path[i+1:]), Kind: parent.Kind, Color: parent.Color}
		}
		if setFlag(c, "name") {
			return exitError{code: 2, msg: "--add takes the name from its path; --name goes with --edit"}
		}
		applyFieldFlags(c, &k)
		if code.GUID, err = coding.CreateCode(p, k); err != nil {
			return err
		}
		done = "Added"
	case "edit":
		applyFieldFlags(c, &code)
		if err := coding.UpdateCode(p, code); err != nil {
			return err
		}
		done = "Edited"
	case "move":
		if !setFlag(c, "to") {
			return exitError{code: 2, msg: "--move needs --to PARENT (\"/\" for the top level)"}
		}
		parent := ""
		if to := strings.Trim(flagStr(c, "to"), "/ "); to != "" {
			pc, err := t.Resolve(to)
			if err != nil {
				return fmt.Errorf("--to: %w", err)
			}
			parent = pc.GUID
		}
		pos, _ := strconv.Atoi(flagStr(c, "position"))
		if err := coding.MoveCode(p, code.GUID, parent, pos); err != nil {
			return err
		}
		done = "Moved"
	case "merge":
		if flagStr(c, "into") == "" {
			return exitError{code: 2, msg: "--merge needs --into CODE"}
		}
		into, err := t.Resolve(flagStr(c, "into"))
		if err != nil {
			return fmt.Errorf("--into: %w", err)
		}
		if err := coding.MergeCodes(p, code.GUID, into.GUID); err != nil {
			return err
		}
		code, done = into, "Merged "+before+" into"
	case "delete":
		if err := coding.DeleteCode(p, code.GUID); err != nil {
			return err
		}
		if c.json {
			return c.printJSON(map[string]any{"action": action, "deleted": code.GUID, "path": before})
		}
		fmt.Fprintf(c.stdout, "Deleted %s with its sub-codes and codings (%s)\n", before, code.GUID)
		return nil
	}
	t, err = coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	k, _ := t.Get(code.GUID)
	if c.json {
		counts, err := coding.CodeCounts(p)
		if err != nil {
			return err
		}
		return c.printJSON(map[string]any{"action": action, "code": toCodeJSON(t, k, counts)})
	}
	fmt.Fprintf(c.stdout, "%s %s (%s)\n", done, t.Path(k.GUID), k.GUID)
	return nil
}
