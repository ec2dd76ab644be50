package main

import (
	"fmt"

	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "recover", args: "FILE OUT.ewb", nargs: [2]int{2, 2},
		summary: "save what can be read of a damaged project into a new, sound file",
		help: `Copies the damaged FILE's tables into OUT row by row, skipping the pages that cannot be read,
and reports what was saved and what was lost (per table). Rows that point at lost rows (codings
of a lost study, ...) are removed and listed; a study whose PDF was lost keeps its text and
codings. The copy gets a new identity and an empty undo history; FILE is only read.
Exit status: 0 when everything was saved, 3 when OUT was written but something was lost (see
the report), 1 when nothing could be written.`,
		opts: withoutFlags(runRecover),
	})
}

func runRecover(c *call) error {
	rep, err := corpus.Recover(c.ctx, c.args[0], c.args[1], nil)
	if err != nil {
		return err
	}
	if c.json {
		rep.Mended, rep.Notes = nonNil(rep.Mended), nonNil(rep.Notes)
		if err := c.printJSON(rep); err != nil {
			return err
		}
	} else {
		fmt.Fprint(c.stdout, rep)
	}
	if !rep.Complete() {
		return exitError{code: 3, msg: fmt.Sprintf("%s: some of %s could not be saved (see the report above); open %s to continue", rep.To, rep.From, rep.To)}
	}
	return nil
}
