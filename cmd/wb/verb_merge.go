package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "merge", args: "MASTER REVIEWER-FILE...", nargs: [2]int{2, -1},
		summary: "merge reviewers' project files into the master project (team lead)",
		help: `Brings every study, code, coding, appraisal, memo, coder and exclusion reason of each reviewer
file into MASTER that MASTER lacks (by GUID). A study the reviewer imported separately is recognised
by its PDF (SHA-256) and its codings are moved onto the master's text; codings whose text is not in
the master's version are listed, not imported. Each file is one undo step; merging a file again
changes nothing.

Codebook conflicts (a code renamed, recoloured or moved; or a code with the name of a master code
but another identity) are listed and resolved by --resolve (default keep-master: the master's code
stays and the reviewer's codings go onto it) or per conflict with --conflict ID=ACTION, where ACTION
is keep-master, take-reviewer, keep-both or map:CODE-GUID. --dry-run shows what would happen.
A REFI-QDA archive (.qdpx) from another QDA program is merged the same way: it is imported into a
temporary project first (codings without an author are attributed to the current coder).`,
		opts: func() options { return &mergeOptions{} },
	})
}

// mergeOptions are the flags of wb merge.
type mergeOptions struct {
	dryRun    bool
	resolve   string
	conflicts listFlag
	res       merge.Resolutions // --resolve and --conflict, set by check
}

func (o *mergeOptions) define(fs *flag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "show the plan and the conflicts without changing the master")
	fs.StringVar(&o.resolve, "resolve", "keep-master", "default conflict resolution: keep-master, take-reviewer or keep-both")
	fs.Var(&o.conflicts, "conflict", "resolve one conflict: ID=ACTION (repeatable; ACTION keep-master, take-reviewer, keep-both or map:CODE)")
}

// check reads --resolve and --conflict into the resolutions.
func (o *mergeOptions) check() error {
	def, err := merge.ParseAction(o.resolve)
	if err != nil {
		return err
	}
	if def == merge.MapTo {
		return fmt.Errorf("--resolve map needs a target; use --conflict ID=map:CODE")
	}
	o.res = merge.Resolutions{Default: def, ByConflict: map[string]merge.Resolution{}}
	for _, s := range o.conflicts {
		id, act, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("--conflict %q: write ID=ACTION", s)
		}
		r := merge.Resolution{}
		if t, found := strings.CutPrefix(strings.TrimSpace(act), "map:"); found {
			r.Action, r.Target = merge.MapTo, strings.TrimSpace(t)
		} else if r.Action, err = merge.ParseAction(act); err != nil {
			return err
		}
		o.res.ByConflict[strings.TrimSpace(id)] = r
	}
	return nil
}

// openReviewer opens a reviewer file read-only; a file from an older
// version is upgraded (opened for writing once) first. A .qdpx archive is
// imported into a temporary project (see merge.OpenQDPX). The returned
// function closes the reviewer.
func openReviewer(c *call, m *corpus.Project, path string) (*corpus.Project, func(), error) {
	if merge.IsQDPX(path) {
		coder := m.CurrentCoder()
		if coder.GUID == "" { // --dry-run opens the master read-only, without a coder
			id, err := c.identity()
			if err != nil {
				id = corpus.CoderNamed("REFI-QDA import")
			}
			coder = id
		}
		r, rep, cleanup, err := merge.OpenQDPX(c.ctx, path, coder, nil)
		if err != nil {
			return nil, nil, err
		}
		for _, w := range rep.Warnings {
			fmt.Fprintf(c.stderr, "wb merge: %s: %s\n", filepath.Base(path), w)
		}
		return r, cleanup, nil
	}
	r, err := openProjectFile(c, path)
	if err != nil {
		return nil, nil, err
	}
	return r, func() { r.Close() }, nil
}

func openProjectFile(c *call, path string) (*corpus.Project, error) {
	r, err := corpus.Open(path, corpus.Options{ReadOnly: true})
	if err != nil && errors.Is(err, corpus.ErrReadOnly) {
		fmt.Fprintf(c.stderr, "wb merge: %s is from an older version; upgrading it first\n", path)
		w, err := corpus.Open(path, corpus.Options{})
		if err != nil {
			return nil, err
		}
		w.Close()
		return corpus.Open(path, corpus.Options{ReadOnly: true})
	}
	return r, err
}

func (o *mergeOptions) run(c *call) error {
	m, err := c.open(!o.dryRun)
	if err != nil {
		return err
	}
	defer m.Close()
	var reports []*merge.Report
	var plans []*merge.Proposal
	for _, path := range c.args[1:] {
		rep, plan, err := o.mergeOne(c, m, path)
		if err != nil {
			return err
		}
		reports, plans = append(reports, rep), append(plans, plan)
	}
	if c.json {
		if o.dryRun {
			out := make([]map[string]any, len(plans))
			for i, p := range plans {
				out[i] = map[string]any{"source": p.Source, "reviewer": p.Reviewer, "conflicts": p.Conflicts, "preview": p.Preview}
			}
			return c.printJSON(out)
		}
		return c.printJSON(reports)
	}
	return nil
}

// mergeOne plans (and unless --dry-run applies) one reviewer file and prints the outcome.
func (o *mergeOptions) mergeOne(c *call, m *corpus.Project, path string) (*merge.Report, *merge.Proposal, error) {
	if err := merge.CheckReviewerPath(m, path); err != nil {
		return nil, nil, usageError("%s is the master project itself: merge the reviewers' files into it, not the master into itself", path)
	}
	r, closeReviewer, err := openReviewer(c, m, path)
	if err != nil {
		return nil, nil, err
	}
	defer closeReviewer()
	plan, err := merge.Plan(c.ctx, m, r)
	if err != nil {
		return nil, nil, err
	}
	plan.Source = path
	if o.dryRun {
		preview, err := plan.PreviewWith(c.ctx, m, o.res)
		if err != nil {
			return nil, nil, err
		}
		plan.Preview = preview
		if !c.json {
			fmt.Fprintf(c.stdout, "Dry run (nothing changed):\n%s\n", preview)
		}
		return preview, plan, nil
	}
	bar := newProgressBar(c.stderr, !c.json && isTerminal(os.Stderr))
	rep, err := merge.Apply(c.ctx, m, plan, o.res, func(done, total int) { bar.update(done, total, filepath.Base(path)) })
	bar.done()
	if err != nil {
		return nil, nil, err
	}
	if !c.json {
		fmt.Fprintln(c.stdout, rep)
	}
	return rep, plan, nil
}
