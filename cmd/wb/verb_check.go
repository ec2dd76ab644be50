package main

import "fmt"

func init() {
	register(&verb{
		name: "check", args: "FILE", nargs: [2]int{1, 1},
		summary: "check a project file's integrity (SQLite and the project's own references)",
		opts:    withoutFlags(runCheck),
	})
}

func runCheck(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	problems, err := p.Check(c.ctx)
	if err != nil {
		return err
	}
	if c.json {
		if problems == nil {
			problems = []string{}
		}
		if err := c.printJSON(map[string]any{"file": p.Path(), "ok": len(problems) == 0, "problems": problems}); err != nil {
			return err
		}
	} else if len(problems) == 0 {
		fmt.Fprintf(c.stdout, "%s: ok\n", p.Path())
	} else {
		for _, pr := range problems {
			fmt.Fprintf(c.stdout, "%s: %s\n", p.Path(), pr)
		}
	}
	if len(problems) > 0 {
		return exitError{code: 1, msg: fmt.Sprintf("%d problems found", len(problems))}
	}
	return nil
}
