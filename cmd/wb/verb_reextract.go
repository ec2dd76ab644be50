package main

import (
	"flag"
	"fmt"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "reextract", args: "FILE [STUDY]", nargs: [2]int{1, 2},
		summary: "extract a study's stored PDF again, re-anchoring its codings by their text",
		help: `Use after an extractor improvement. Codings move with their quoted text; the ones whose
passage no longer occurs are listed and left as they were. One undo step per study.`,
		opts: func() options { return &reextractOptions{} },
	})
}

// reextractOptions are the flags of wb reextract.
type reextractOptions struct {
	all bool
}

func (o *reextractOptions) define(fs *flag.FlagSet) {
	fs.BoolVar(&o.all, "all", false, "re-extract every study")
}

func (o *reextractOptions) check() error { return nil }

func (o *reextractOptions) run(c *call) error {
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	var studies []corpus.Study
	switch {
	case o.all:
		if studies, err = p.Studies(); err != nil {
			return err
		}
	case len(c.args) == 2:
		s, err := p.ResolveStudy(c.args[1])
		if err != nil {
			return err
		}
		studies = []corpus.Study{s}
	default:
		return exitError{code: 2, msg: "name a STUDY or pass --all"}
	}
	var results []coding.ReextractResult
	lost := 0
	for _, s := range studies {
		r, err := coding.Reextract(c.ctx, p, s.GUID)
		if err != nil {
			return err
		}
		results = append(results, r)
		lost += len(r.Lost)
		if !c.json {
			fmt.Fprintf(c.stdout, "%s: %d pages, changed=%v, refreshed=%v, %d codings moved, %d unchanged, %d could not be re-anchored\n",
				s.Title, r.Pages, r.Changed, r.Refreshed, r.Moved, r.Unchanged, len(r.Lost))
			for _, l := range r.Lost {
				fmt.Fprintf(c.stdout, "  lost: coding %s at %d-%d %q\n", l.GUID, l.Start, l.End, l.Quote)
			}
		}
	}
	if c.json {
		return c.printJSON(results)
	}
	return nil
}
