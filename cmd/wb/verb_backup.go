package main

import (
	"fmt"
	"os"
)

func init() {
	register(&verb{
		name: "backup", args: "FILE OUT.ewb", nargs: [2]int{2, 2},
		summary: "write a consistent copy of a project, one whole file, even while it is open elsewhere",
		help: `The way to back up or e-mail a project: the copy is one file with everything saved so far
(nothing waits in a -wal file beside it), made from one consistent moment while the desktop
program or another wb keeps working on the project. It is written beside OUT, checked and only
then renamed to OUT; OUT must not exist. The copy keeps the project's identity (it is the same
project): to hand out a reviewer's file, use the desktop program's File > Save a Copy As….`,
		opts: withoutFlags(runBackup),
	})
}

func runBackup(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	out := c.args[1]
	if err := p.Backup(c.ctx, out); err != nil {
		return err
	}
	st, err := p.Stats()
	if err != nil {
		return err
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"file": p.Path(), "backup": out, "bytes": info.Size(), "studies": st.Studies, "generation": st.Generation})
	}
	fmt.Fprintf(c.stdout, "Backed up %s to %s (%d studies, %s): one whole file, safe to copy or e-mail.\n",
		p.Path(), out, st.Studies, byteSize(info.Size()))
	return nil
}

// byteSize formats a size for people.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
