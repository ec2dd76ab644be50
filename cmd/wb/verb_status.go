package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "status", args: "FILE", nargs: [2]int{1, 1},
		summary: "show or set studies' review status and manage the list of exclusion reasons",
		help: `Statuses: ` + strings.Join(corpus.Statuses, ", ") + `.
--study S (repeatable) --set STATUS moves the studies in one action; --set excluded needs
--reason R, one of the project's exclusion reasons (--reasons lists them, --add-reason and
--remove-reason edit the list). Without --set, lists the studies with their status and appraisal
progress (filter with --status, --sector, --country, --method, --reportable).`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.Var(&listFlag{}, "study", "study GUID or title prefix (repeatable)")
			fs.String("set", "", "new status")
			fs.String("reason", "", "exclusion reason (with --set excluded)")
			fs.Bool("reasons", false, "list the exclusion reasons")
			fs.String("add-reason", "", "add an exclusion reason to the list")
			fs.String("remove-reason", "", "remove an exclusion reason from the list")
			studyFilterFlags(fs)
		},
		run: runStatus,
	})
}

func runStatus(c *call) error {
	set, add, remove := flagStr(c, "set"), flagStr(c, "add-reason"), flagStr(c, "remove-reason")
	p, err := c.open(set != "" || add != "" || remove != "")
	if err != nil {
		return err
	}
	defer p.Close()
	switch {
	case add != "":
		if _, err := coding.AddExclusionReason(p, add); err != nil {
			return err
		}
		return printReasons(c, p)
	case remove != "":
		if err := coding.RemoveExclusionReason(p, remove); err != nil {
			return err
		}
		return printReasons(c, p)
	case flagOn(c, "reasons"):
		return printReasons(c, p)
	}
	studies, err := resolveStudies(p, flagList(c, "study"))
	if err != nil {
		return err
	}
	if set != "" {
		if len(studies) == 0 {
			return exitError{code: 2, msg: "--set needs --study (repeat --study for several studies)"}
		}
		if err := coding.SetStatus(p, studies, set, flagStr(c, "reason")); err != nil {
			return err
		}
		st, _ := coding.NormaliseStatus(set)
		if c.json {
			return c.printJSON(map[string]any{"studies": studies, "status": st})
		}
		fmt.Fprintf(c.stdout, "%d studies marked %s\n", len(studies), st)
		return nil
	}
	f, err := studyFilter(c)
	if err != nil {
		return err
	}
	all, err := p.Studies()
	if err != nil {
		return err
	}
	list := coding.FilterStudies(all, f)
	if len(studies) > 0 {
		keep := map[string]bool{}
		for _, s := range studies {
			keep[s] = true
		}
		list = filterGUIDs(list, keep)
	}
	apps, err := coding.AppraisalStatuses(p)
	if err != nil {
		return err
	}
	if c.json {
		out := make([]map[string]any, 0, len(list))
		for _, s := range list {
			a := apps[s.GUID]
			out = append(out, map[string]any{"guid": s.GUID, "title": s.Title, "status": s.Status,
				"exclusion_reason": s.ExclusionReason, "reportable": coding.Reportable(s.Status),
				"appraisal_reviewers": a.Reviewers, "appraisal_complete": a.Complete})
		}
		return c.printJSON(out)
	}
	w := c.table()
	fmt.Fprintln(w, "TITLE\tSTATUS\tREASON\tAPPRAISALS")
	counts := map[string]int{}
	for _, s := range list {
		a := apps[s.GUID]
		ap := "-"
		if a.Reviewers > 0 {
			ap = fmt.Sprintf("%d of %d complete", a.Complete, a.Reviewers)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", clip(s.Title, 50), s.Status, clip(s.ExclusionReason, 30), ap)
		counts[s.Status]++
	}
	w.Flush()
	var parts []string
	for _, st := range corpus.Statuses {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	fmt.Fprintf(c.stdout, "\n%d studies: %s\n", len(list), strings.Join(parts, ", "))
	return nil
}

func filterGUIDs(list []corpus.Study, keep map[string]bool) []corpus.Study {
	var out []corpus.Study
	for _, s := range list {
		if keep[s.GUID] {
			out = append(out, s)
		}
	}
	return out
}

func printReasons(c *call, p *corpus.Project) error {
	rs, err := coding.ExclusionReasons(p)
	if err != nil {
		return err
	}
	if c.json {
		if rs == nil {
			rs = []coding.ExclusionReason{}
		}
		return c.printJSON(rs)
	}
	if len(rs) == 0 {
		fmt.Fprintln(c.stdout, "No exclusion reasons yet: add them with --add-reason.")
		return nil
	}
	w := c.table()
	fmt.Fprintln(w, "REASON\tSTUDIES")
	for _, r := range rs {
		fmt.Fprintf(w, "%s\t%d\n", r.Name, r.Studies)
	}
	return w.Flush()
}
