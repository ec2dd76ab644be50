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
		opts: func() options { return &statusOptions{} },
	})
}

// statusOptions are the flags of wb status.
type statusOptions struct {
	studies                 listFlag
	set, reason             string
	reasons                 bool
	addReason, removeReason string
	filter                  studyFlags
}

func (o *statusOptions) define(fs *flag.FlagSet) {
	fs.Var(&o.studies, "study", "study GUID or title prefix (repeatable)")
	fs.StringVar(&o.set, "set", "", "new status")
	fs.StringVar(&o.reason, "reason", "", "exclusion reason (with --set excluded)")
	fs.BoolVar(&o.reasons, "reasons", false, "list the exclusion reasons")
	fs.StringVar(&o.addReason, "add-reason", "", "add an exclusion reason to the list")
	fs.StringVar(&o.removeReason, "remove-reason", "", "remove an exclusion reason from the list")
	o.filter.define(fs)
}

// check normalises --set (unused when a reason list flag is given) and reads
// the filter flags.
func (o *statusOptions) check() error {
	if o.set != "" && o.addReason == "" && o.removeReason == "" && !o.reasons {
		if len(o.studies) == 0 {
			return usageError("--set needs --study (repeat --study for several studies)")
		}
		st, err := coding.NormaliseStatus(o.set)
		if err != nil {
			return err
		}
		o.set = st
	}
	return o.filter.check()
}

func (o *statusOptions) run(c *call) error {
	p, err := c.open(o.set != "" || o.addReason != "" || o.removeReason != "")
	if err != nil {
		return err
	}
	defer p.Close()
	switch {
	case o.addReason != "":
		if _, err := coding.AddExclusionReason(p, o.addReason); err != nil {
			return err
		}
		return printReasons(c, p)
	case o.removeReason != "":
		if err := coding.RemoveExclusionReason(p, o.removeReason); err != nil {
			return err
		}
		return printReasons(c, p)
	case o.reasons:
		return printReasons(c, p)
	}
	studies, err := resolveStudies(p, o.studies)
	if err != nil {
		return err
	}
	if o.set != "" {
		if err := coding.SetStatus(p, studies, o.set, o.reason); err != nil {
			return err
		}
		if c.json {
			return c.printJSON(map[string]any{"studies": studies, "status": o.set})
		}
		fmt.Fprintf(c.stdout, "%d studies marked %s\n", len(studies), o.set)
		return nil
	}
	all, err := p.Studies()
	if err != nil {
		return err
	}
	list := coding.FilterStudies(all, o.filter.value)
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
