package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
)

func init() {
	register(&verb{
		name: "confidence", args: "FILE", nargs: [2]int{1, 1},
		summary: "judge the confidence in each finding (GRADE-CERQual) or list the findings with their automatic summary",
		help: `Without --level, lists every finding (theme) of the brief's scope with its studies, the automatic
summary of methodological limitations, coherence, adequacy and relevance, the level they suggest and the
judgement recorded (--json: the findings with the GUIDs of their studies).
With --theme T --level high|moderate|low|"very low" --why TEXT, records the review's judgement of that
finding (one undoable action; it replaces an earlier one). --limitations, --coherence, --adequacy and
--relevance (none, minor, moderate or serious) record the reviewers' concern about a component where it
differs from the automatic summary. --clear removes the judgement of --theme.
The scope is the whole review, or the brief of --sector and --country (repeatable), as wb brief --per
writes it; a brief without a judgement of its own uses the whole review's.`,
		opts: func() options { return &confidenceOptions{} },
	})
}

// confidenceOptions are the flags of wb confidence.
type confidenceOptions struct {
	theme, level, why                           string
	limitations, coherence, adequacy, relevance string
	sectors, countries                          listFlag
	clear                                       bool
	scope                                       string // brief.ScopeKey of --sector/--country, set by check
}

func (o *confidenceOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.theme, "theme", "", "the finding: a theme code's GUID, name or path")
	fs.StringVar(&o.level, "level", "", `confidence: high, moderate, low or "very low"`)
	fs.StringVar(&o.why, "why", "", "the explanation of the judgement")
	fs.StringVar(&o.limitations, "limitations", "", "concern about methodological limitations: none, minor, moderate, serious")
	fs.StringVar(&o.coherence, "coherence", "", "concern about coherence")
	fs.StringVar(&o.adequacy, "adequacy", "", "concern about adequacy")
	fs.StringVar(&o.relevance, "relevance", "", "concern about relevance")
	fs.Var(&o.sectors, "sector", "scope: the brief of this sector (repeatable)")
	fs.Var(&o.countries, "country", "scope: the brief of this country (repeatable)")
	fs.BoolVar(&o.clear, "clear", false, "remove the judgement of --theme")
}

// check validates the level and concerns before the project is opened.
func (o *confidenceOptions) check() error {
	o.scope = brief.ScopeKey(brief.Filter{Sectors: o.sectors, Countries: o.countries})
	if o.clear && o.theme == "" {
		return usageError("--clear needs --theme")
	}
	if o.level == "" {
		if o.why != "" || o.limitations+o.coherence+o.adequacy+o.relevance != "" {
			return usageError("give --level with --why and the concerns")
		}
		return nil
	}
	if o.clear {
		return usageError("--clear and --level do not go together")
	}
	if o.theme == "" {
		return usageError("--level needs --theme")
	}
	l, err := coding.NormaliseConfidence(o.level)
	if err != nil {
		return usageError("--level: %v", err)
	}
	o.level = l
	for _, c := range []*string{&o.limitations, &o.coherence, &o.adequacy, &o.relevance} {
		if *c, err = coding.NormaliseConcern(*c); err != nil {
			return usageError("%v", err)
		}
	}
	if strings.TrimSpace(o.why) == "" {
		return usageError("say why with --why: %v", coding.ErrNoExplanation)
	}
	return nil
}

func (o *confidenceOptions) run(c *call) error {
	write := o.level != "" || o.clear
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	if write {
		code, err := coding.ResolveCode(p, o.theme)
		if err != nil {
			return err
		}
		if o.clear {
			if err := coding.ClearConfidence(p, code.GUID, o.scope); err != nil {
				return err
			}
			if !c.json {
				fmt.Fprintf(c.stdout, "Cleared the confidence judgement of %s for %s.\n", code.Name, brief.ScopeLabel(o.scope))
				return nil
			}
		} else {
			err := coding.SetConfidence(p, coding.Confidence{Theme: code.GUID, Scope: o.scope, Level: o.level, Explanation: o.why,
				Limitations: o.limitations, Coherence: o.coherence, Adequacy: o.adequacy, Relevance: o.relevance})
			if err != nil {
				return err
			}
			if !c.json {
				fmt.Fprintf(c.stdout, "%s: %s confidence for %s.\n", code.Name, o.level, brief.ScopeLabel(o.scope))
				return nil
			}
		}
	}
	data, err := brief.FromProject(c.ctx, p, brief.ProjectOptions{SkipAgreement: true})
	if err != nil {
		return err
	}
	b, err := brief.Build(data, brief.Filter{Sectors: o.sectors, Countries: o.countries})
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"scope": b.ScopeKey, "findings": nonNil(b.Findings)})
	}
	w := c.table()
	fmt.Fprintf(c.stdout, "Findings of %s (%s):\n\n", b.ScopeLabel, nounCount(b.Scope.Studies.N, "study", "studies"))
	fmt.Fprintln(w, "FINDING\tSTUDIES\tLIMITATIONS\tCOHERENCE\tADEQUACY\tRELEVANCE\tSUGGESTED\tJUDGED")
	for _, f := range b.Findings {
		judged := "not yet"
		if f.Confidence.Judged {
			judged = f.Confidence.Level
		}
		concern := func(x brief.Component) string {
			if x.Concern == "" {
				return "?"
			}
			s := x.Concern
			if s == brief.ConcernNone {
				s = "none"
			}
			if x.Recorded {
				s += "*"
			}
			return s
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", clip(f.Name, 40), f.Studies.N, concern(f.Limitations), concern(f.Coherence),
			concern(f.Adequacy), concern(f.Relevance), f.Suggested, judged)
	}
	w.Flush()
	fmt.Fprintln(c.stdout, "\nConcerns: none, minor, moderate, serious; * recorded by a reviewer; ? not assessed. --json gives the reasons.")
	return nil
}
