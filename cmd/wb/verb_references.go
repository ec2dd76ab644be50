package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/corpus/names"
)

func init() {
	register(&verb{
		name: "references", args: "FILE REFS.ris|REFS.bib", nargs: [2]int{2, 2},
		summary: "fill and correct study metadata from a reference manager's RIS or BibTeX export",
		help: `Reads references exported from Zotero, EndNote, Mendeley or JabRef (RIS or BibTeX, told apart
by content) and matches each to a study: by DOI (the study's, or one printed in its first pages),
else by title (the same title ignoring case, accents and punctuation, else a similar one that is
not ambiguous and whose year agrees within a year). Each study takes at most one reference.
Title, authors, year and DOI take the reference's values; publisher, publication type and language
are filled only when empty; review attributes (countries, sectors, method...) are not touched.
All changes are one action (wb undo reverts them). Prints every match with its changes and every
reference left unmatched with the reason. --dry-run shows the same report and saves nothing.`,
		opts: func() options { return &referencesOptions{} },
	})
}

// referencesOptions are the flags of wb references.
type referencesOptions struct {
	dryRun bool
}

func (o *referencesOptions) define(fs *flag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "report the matches and changes without saving them")
}

func (o *referencesOptions) check() error { return nil }

func (o *referencesOptions) run(c *call) error {
	path := c.args[1]
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	refs, err := exchange.ParseReferences(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	p, err := c.open(!o.dryRun)
	if err != nil {
		return err
	}
	defer p.Close()
	rep, err := exchange.ImportReferences(c.ctx, p, refs, exchange.ReferenceOptions{DryRun: o.dryRun,
		Label: "Import references from " + filepath.Base(path)})
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(referencesJSON(rep))
	}
	w := c.stdout
	for _, m := range rep.Matched {
		how := m.By
		if m.By == exchange.MatchSimilarTitle {
			how = fmt.Sprintf("%s, %.0f%%", m.By, 100*m.Score)
		}
		fmt.Fprintf(w, "line %d: %q matches %q (%s)\n", m.Reference.Line, clip(m.Reference.Title, 60), clip(m.StudyTitle, 60), how)
		for _, ch := range m.Changes {
			old := ch.Old
			if old == "" {
				old = "(empty)"
			}
			fmt.Fprintf(w, "    %s: %s -> %s\n", ch.Field, clip(old, 70), clip(ch.New, 70))
		}
		if len(m.Changes) == 0 {
			fmt.Fprintln(w, "    nothing to change")
		}
	}
	for _, u := range rep.Unmatched {
		fmt.Fprintf(w, "line %d: %q not matched: %s\n", u.Reference.Line, clip(u.Reference.Title, 60), u.Reason)
	}
	verb := "changed"
	if rep.DryRun {
		verb = "would change"
	}
	fmt.Fprintf(w, "\n%d references: %d matched, %d not matched; %s %d %s\n", rep.References, len(rep.Matched),
		len(rep.Unmatched), verb, rep.Changed, plural(rep.Changed, "study", "studies"))
	if rep.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was saved.")
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// referencesJSON is the report as JSON.
func referencesJSON(rep *exchange.ReferenceReport) map[string]any {
	ref := func(r exchange.Reference) map[string]any {
		return map[string]any{"line": r.Line, "key": r.Key, "title": r.Title, "year": r.Year, "doi": r.DOI,
			"authors": strings.Join(names.Fulls(r.Authors), "; ")}
	}
	matched := make([]map[string]any, 0, len(rep.Matched))
	for _, m := range rep.Matched {
		ch := make([]map[string]string, 0, len(m.Changes))
		for _, c := range m.Changes {
			ch = append(ch, map[string]string{"field": c.Field, "old": c.Old, "new": c.New})
		}
		matched = append(matched, map[string]any{"reference": ref(m.Reference), "study": m.Study, "study_title": m.StudyTitle,
			"by": m.By, "score": m.Score, "changes": ch})
	}
	unmatched := make([]map[string]any, 0, len(rep.Unmatched))
	for _, u := range rep.Unmatched {
		unmatched = append(unmatched, map[string]any{"reference": ref(u.Reference), "reason": u.Reason})
	}
	return map[string]any{"references": rep.References, "matched": matched, "unmatched": unmatched,
		"changed": rep.Changed, "dry_run": rep.DryRun}
}
