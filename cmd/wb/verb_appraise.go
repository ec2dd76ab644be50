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
		name: "appraise", args: "FILE", nargs: [2]int{1, 1},
		summary: "appraise a study's rigor: judge criteria, link evidence, override the rating, show the form",
		help: `--study S --criterion C --judgement J [--reason TEXT] records your judgement of one rigor
criterion (J: met, partly met, not met, not reported; an empty J clears it). --link CODING
(repeatable, with --criterion) links passages coded with the criterion as evidence.
--override RATING --override-reason TEXT replaces the rule's rating (high, medium, low) with yours;
--override "" removes it. Without these, shows your appraisal form with the rating and the rule.
Appraisal is blind: you see only your own appraisal; --all shows every reviewer's (for the lead).
The reviewer is the coder (--coder NAME, $EWB_CODER or the saved identity).`,
		opts: func() options { return &appraiseOptions{} },
	})
}

// appraiseOptions are the flags of wb appraise.
type appraiseOptions struct {
	study, criterion    string
	judgement, override optString // given with an empty value they clear
	reason              string
	overrideReason      string
	links               listFlag
	all                 bool
}

func (o *appraiseOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.study, "study", "", "study GUID or title prefix")
	fs.StringVar(&o.criterion, "criterion", "", "rigor criterion: code GUID, name or path")
	fs.Var(&o.judgement, "judgement", "met, partly met, not met or not reported")
	fs.StringVar(&o.reason, "reason", "", "justification of the judgement")
	fs.Var(&o.links, "link", "coding GUID to link as evidence (repeatable)")
	fs.Var(&o.override, "override", "your overall rating instead of the rule's (high, medium, low)")
	fs.StringVar(&o.overrideReason, "override-reason", "", "why the rating is overridden")
	fs.BoolVar(&o.all, "all", false, "show every reviewer's appraisal and the consensus")
}

func (o *appraiseOptions) check() error {
	if o.study == "" {
		return usageError("--study is required")
	}
	if o.criterion == "" && (o.judgement.set || len(o.links) > 0) {
		return usageError("--judgement and --link need --criterion")
	}
	return nil
}

func (o *appraiseOptions) run(c *call) error {
	write := o.judgement.set || o.override.set || len(o.links) > 0
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	s, err := p.ResolveStudy(o.study)
	if err != nil {
		return err
	}
	me, err := c.identity()
	if err != nil {
		return err
	}
	if known, ok := p.CoderByName(me.Name); ok {
		me = known
	}
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	if write {
		if o.criterion != "" {
			code, err := t.Resolve(o.criterion)
			if err != nil {
				return err
			}
			if o.judgement.set {
				if err := coding.SetJudgement(p, s.GUID, code.GUID, o.judgement.v, o.reason); err != nil {
					return err
				}
			}
			if len(o.links) > 0 {
				if err := coding.LinkEvidence(p, s.GUID, code.GUID, o.links...); err != nil {
					return err
				}
			}
		}
		if o.override.set {
			a, err := coding.AppraisalOf(p, s.GUID, me.GUID)
			if err != nil {
				return err
			}
			if a.GUID == "" {
				return exitError{code: 1, msg: "judge some criteria before overriding the rating"}
			}
			if err := coding.OverrideRating(p, a.GUID, o.override.v, o.overrideReason); err != nil {
				return err
			}
		}
	}
	crits, err := coding.Criteria(p)
	if err != nil {
		return err
	}
	var apps []coding.Appraisal
	if o.all {
		if apps, err = coding.Appraisals(p, s.GUID); err != nil {
			return err
		}
	} else {
		a, err := coding.AppraisalOf(p, s.GUID, me.GUID)
		if err != nil {
			return err
		}
		apps = []coding.Appraisal{a}
	}
	names := map[string]string{}
	if cs, err := p.Coders(); err == nil {
		for _, cd := range cs {
			names[cd.GUID] = cd.Name
		}
	}
	if c.json {
		out := make([]map[string]any, 0, len(apps))
		for _, a := range apps {
			out = append(out, appraisalJSON(s, a, crits, names))
		}
		if !o.all {
			return c.printJSON(out[0])
		}
		return c.printJSON(out)
	}
	fmt.Fprintf(c.stdout, "Study: %s\n", s.Title)
	for _, a := range apps {
		printAppraisal(c, a, crits, names)
	}
	fmt.Fprintf(c.stdout, "\n%s\n", coding.RatingRule)
	return nil
}

func appraisalJSON(s corpus.Study, a coding.Appraisal, crits []coding.Criterion, names map[string]string) map[string]any {
	r := coding.Rate(crits, a.Judgements)
	rows := make([]map[string]any, 0, len(crits))
	for _, cr := range crits {
		j := a.Judgements[cr.GUID]
		links := j.Links
		if links == nil {
			links = []string{}
		}
		rows = append(rows, map[string]any{"criterion": cr.GUID, "path": cr.Path, "core": cr.Core,
			"judgement": j.Judgement, "justification": j.Justification, "links": links})
	}
	return map[string]any{"study": s.GUID, "title": s.Title, "appraisal": a.GUID, "coder": a.Coder,
		"coder_name": names[a.Coder], "consensus": a.Consensus, "criteria": rows, "rating": r.Rating, "why": r.Why,
		"judged": r.Judged, "total": r.Criteria, "override": a.Override, "override_reason": a.OverrideReason,
		"final_rating": a.FinalRating(), "rule": coding.RatingRule}
}

func printAppraisal(c *call, a coding.Appraisal, crits []coding.Criterion, names map[string]string) {
	who := names[a.Coder]
	if who == "" {
		who = a.Coder
	}
	if a.Consensus {
		who = "consensus (saved by " + who + ")"
	}
	fmt.Fprintf(c.stdout, "\nReviewer: %s\n", who)
	if a.GUID == "" {
		fmt.Fprintln(c.stdout, "Not started.")
	}
	w := c.table()
	fmt.Fprintln(w, "CRITERION\tCORE\tJUDGEMENT\tEVIDENCE\tJUSTIFICATION")
	for _, cr := range crits {
		j := a.Judgements[cr.GUID]
		core, verdict := "", j.Judgement
		if cr.Core {
			core = "core"
		}
		if verdict == "" {
			verdict = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", clip(cr.Path, 50), core, verdict, len(j.Links), clip(j.Justification, 60))
	}
	w.Flush()
	r := coding.Rate(crits, a.Judgements)
	rating := r.Rating
	if rating == "" {
		rating = "none yet"
	}
	fmt.Fprintf(c.stdout, "Rating by the rule: %s (%s)\n", rating, r.Why)
	if a.Override != "" {
		fmt.Fprintf(c.stdout, "Overridden: %s (%s)\n", a.Override, a.OverrideReason)
	}
	if f := a.FinalRating(); f != "" {
		fmt.Fprintf(c.stdout, "Final rating: %s\n", strings.ToUpper(f[:1])+f[1:])
	}
}
