package main

import (
	"fmt"
)

func init() {
	register(&verb{
		name: "check", args: "FILE", nargs: [2]int{1, 1},
		summary: "check a project file's integrity (SQLite and the project's own references)",
		help: `Reads the whole file: SQLite's integrity check, then every rule of the project (each coding
belongs to a study and a code that exist, ...). Each problem is printed with the file's name; the
exit status is 1 when there are any. A damaged file is only read: save what can be read with
"wb recover FILE NEW.ewb", or restore it from a backup.`,
		opts: withoutFlags(runCheck),
	})
}

func runCheck(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	problems, checkErr := p.Check(c.ctx)
	if c.json {
		if problems == nil {
			problems = []string{}
		}
		out := map[string]any{"file": p.Path(), "ok": len(problems) == 0 && checkErr == nil, "problems": problems}
		if checkErr != nil {
			out["error"] = checkErr.Error()
		}
		if err := c.printJSON(out); err != nil {
			return err
		}
	} else {
		if len(problems) == 0 && checkErr == nil {
			fmt.Fprintf(c.stdout, "%s: ok\n", p.Path())
		}
		for _, pr := range problems {
			fmt.Fprintf(c.stdout, "%s: %s\n", p.Path(), pr)
		}
	}
	if checkErr != nil {
		return checkErr
	}
	if len(problems) > 0 {
		damaged := false
		for _, pr := range problems {
			if len(pr) > 7 && pr[:7] == "sqlite:" {
				damaged = true
			}
		}
		advice := "see the guide's troubleshooting section"
		if damaged {
			advice = fmt.Sprintf("the file is damaged: restore it from a backup, or save what can be read with \"wb recover %s NEW.ewb\"", p.Path())
		}
		return exitError{code: 1, msg: fmt.Sprintf("%s: %d problems found; %s", p.Path(), len(problems), advice)}
	}
	return nil
}
