package main

import (
	"fmt"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
)

func init() {
	register(&verb{
		name: "demo", args: "FILE", nargs: [2]int{1, 1},
		summary: "write the bundled demo project (10 study PDFs, codebook, codings, one appraisal)",
		opts:    withoutFlags(runDemo),
	})
}

func runDemo(c *call) error {
	if err := demo.Build(c.ctx, c.args[0]); err != nil {
		return err
	}
	p, err := corpus.Open(c.args[0], corpus.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer p.Close()
	st, err := coding.Stats(p)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"file": c.args[0], "studies": st.Studies, "codings": st.Codings, "appraisals": st.Appraisals})
	}
	fmt.Fprintf(c.stdout, "Wrote %s: %d studies, %d pages, %d codes, %d codings, %d appraisal\n", c.args[0], st.Studies, st.Pages, st.Codes, st.Codings, st.Appraisals)
	return nil
}
