package main

import (
	"fmt"
)

func init() {
	register(&verb{
		name: "text", args: "FILE STUDY", nargs: [2]int{2, 2},
		summary: "print a study's extracted text, pages separated by form feeds (as pdftotext does)",
		help:    "STUDY is a study's GUID or a unique prefix of its title or file name.",
		opts:    withoutFlags(runText),
	})
}

func runText(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	s, err := p.ResolveStudy(c.args[1])
	if err != nil {
		return err
	}
	t, err := p.Text(s.GUID)
	if err != nil {
		return err
	}
	if c.json {
		pages := make([]map[string]any, len(t.PageStarts))
		for i, start := range t.PageStarts {
			end := s.TextLen
			if i+1 < len(t.PageStarts) {
				end = t.PageStarts[i+1] - 1
			}
			pages[i] = map[string]any{"page": i + 1, "start": start, "end": end}
		}
		return c.printJSON(map[string]any{"study": s.GUID, "title": s.Title, "text": t.String, "pages": pages, "marks": t.Marks})
	}
	_, err = fmt.Fprint(c.stdout, t.String, "\f")
	return err
}
