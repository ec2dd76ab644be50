package main

import (
	"fmt"

	"github.com/evidence-workbench/workbench/coding"
)

func init() {
	register(&verb{
		name: "info", args: "FILE", nargs: [2]int{1, 1},
		summary: "show what a project holds: studies, pages, codes, codings, coders, appraisals, schema version",
		opts:    withoutFlags(runInfo),
	})
}

func runInfo(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	st, err := coding.Stats(p)
	if err != nil {
		return err
	}
	coders, err := p.Coders()
	if err != nil {
		return err
	}
	names := make([]string, len(coders))
	for i, cd := range coders {
		names[i] = cd.Name
	}
	if c.json {
		return c.printJSON(map[string]any{
			"file": p.Path(), "name": st.Name, "guid": st.GUID, "schema_version": st.SchemaVersion,
			"studies": st.Studies, "pages": st.Pages, "codes": st.Codes, "codings": st.Codings, "areas": st.Areas,
			"coders": names, "appraisals": st.Appraisals, "memos": st.Memos, "generation": st.Generation,
		})
	}
	w := c.table()
	fmt.Fprintf(w, "Project\t%s\n", st.Name)
	fmt.Fprintf(w, "File\t%s\n", p.Path())
	fmt.Fprintf(w, "GUID\t%s\n", st.GUID)
	fmt.Fprintf(w, "Schema version\t%d\n", st.SchemaVersion)
	fmt.Fprintf(w, "Studies\t%d\n", st.Studies)
	fmt.Fprintf(w, "Pages\t%d\n", st.Pages)
	fmt.Fprintf(w, "Codes\t%d\n", st.Codes)
	fmt.Fprintf(w, "Codings\t%d\n", st.Codings)
	fmt.Fprintf(w, "Area codings\t%d\n", st.Areas)
	fmt.Fprintf(w, "Coders\t%d %v\n", st.Coders, names)
	fmt.Fprintf(w, "Appraisals\t%d\n", st.Appraisals)
	fmt.Fprintf(w, "Memos\t%d\n", st.Memos)
	return w.Flush()
}
