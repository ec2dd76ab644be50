package main

import (
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "reconcile", args: "FILE", nargs: [2]int{1, 1},
		summary: "list coders' disagreements and record the team's consensus (team lead)",
		help: `--list shows every passage the coders coded differently and every rigor criterion they judged
differently, with the decision taken so far (progress is saved in the project).
--accept CODING-GUID[,GUID...] accepts reviewers' codings as the consensus (a consensus copy by the
current coder; the originals stay). --accept-span STUDY:CODE:START:END records an edited passage as
the consensus coding (STUDY a GUID or title prefix, CODE a name, path or GUID, offsets in characters).
--consensus STUDY --judge CRITERION=JUDGEMENT (repeatable) saves the team's consensus appraisal of a
study and marks those criteria decided. --mark ITEM --decision TEXT records any other decision on one
item (for example "not relevant").

Area codings of pages are listed too (after the passages): the areas the reviewers marked on one
page with one code, grouped by place, with who marked each and who did not (areas every reviewer
marked alike are left out). --accept-area AREA-GUID[,GUID...] accepts reviewers' area codings as the
consensus. Agreement figures (wb agreement) are computed on text only.`,
		opts: func() options { return &reconcileOptions{} },
	})
}

// reconcileOptions are the flags of wb reconcile.
type reconcileOptions struct {
	list, undecided    bool
	coders, code       string
	accept, acceptSpan string
	acceptArea         string
	consensus          string
	judge              listFlag
	mark, decision     string
	span               span              // --accept-span, set by check
	judgements         []criterionJudged // --judge, set by check
}

// span is a passage given as STUDY:CODE:START:END.
type span struct {
	study, code string
	start, end  int
}

// criterionJudged is one --judge CRITERION=JUDGEMENT.
type criterionJudged struct {
	criterion, judgement string
}

func (o *reconcileOptions) define(fs *flag.FlagSet) {
	fs.BoolVar(&o.list, "list", false, "list the disagreements with their decisions")
	fs.BoolVar(&o.undecided, "undecided", false, "with --list: only the items not yet decided")
	fs.StringVar(&o.coders, "coders", "", "compare these coders (names or GUIDs, comma-separated; default all)")
	fs.StringVar(&o.code, "code", "", "only this code (name, path or GUID)")
	fs.StringVar(&o.accept, "accept", "", "accept these codings (GUIDs, comma-separated) as the consensus")
	fs.StringVar(&o.acceptArea, "accept-area", "", "accept these area codings (GUIDs, comma-separated) as the consensus")
	fs.StringVar(&o.acceptSpan, "accept-span", "", "accept an edited passage STUDY:CODE:START:END as the consensus")
	fs.StringVar(&o.consensus, "consensus", "", "save the consensus appraisal of this study (with --judge)")
	fs.Var(&o.judge, "judge", "with --consensus: CRITERION=JUDGEMENT (met, partly met, not met, not reported; repeatable)")
	fs.StringVar(&o.mark, "mark", "", "item key to record a decision on (with --decision)")
	fs.StringVar(&o.decision, "decision", "", "the decision to record with --mark")
}

// check finds the one action and reads its values.
func (o *reconcileOptions) check() error {
	actions := 0
	for _, on := range []bool{o.list, o.accept != "", o.acceptArea != "", o.acceptSpan != "", o.consensus != "", o.mark != ""} {
		if on {
			actions++
		}
	}
	if actions != 1 {
		return usageError("give one of --list, --accept, --accept-area, --accept-span, --consensus or --mark")
	}
	switch {
	case o.acceptSpan != "":
		var err error
		o.span, err = parseSpan(o.acceptSpan)
		return err
	case o.consensus != "":
		for _, s := range o.judge {
			ref, val, ok := strings.Cut(s, "=")
			if !ok {
				return fmt.Errorf("--judge %q: write CRITERION=JUDGEMENT", s)
			}
			j, err := coding.NormaliseJudgement(val)
			if err != nil {
				return err
			}
			o.judgements = append(o.judgements, criterionJudged{strings.TrimSpace(ref), j})
		}
		if len(o.judgements) == 0 {
			return usageError("--consensus needs at least one --judge CRITERION=JUDGEMENT")
		}
	case o.mark != "":
		if o.decision = strings.TrimSpace(o.decision); o.decision == "" {
			return usageError("--mark needs --decision TEXT")
		}
	}
	return nil
}

// parseSpan reads STUDY:CODE:START:END (the code may itself hold colons).
func parseSpan(s string) (span, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 4 {
		return span{}, fmt.Errorf("--accept-span %q: write STUDY:CODE:START:END", s)
	}
	n := len(parts)
	start, err := strconv.Atoi(strings.TrimSpace(parts[n-2]))
	end := 0
	if err == nil {
		end, err = strconv.Atoi(strings.TrimSpace(parts[n-1]))
	}
	if err != nil {
		return span{}, fmt.Errorf("--accept-span %q: START and END are character offsets", s)
	}
	return span{strings.TrimSpace(parts[0]), strings.Join(parts[1:n-2], ":"), start, end}, nil
}

func (o *reconcileOptions) run(c *call) error {
	if o.list {
		return o.printList(c)
	}
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	switch {
	case o.accept != "":
		cs, err := merge.AcceptCoding(p, splitComma(o.accept)...)
		if err != nil {
			return err
		}
		return reconcileDone(c, cs)
	case o.acceptArea != "":
		as, err := merge.AcceptArea(p, splitComma(o.acceptArea)...)
		if err != nil {
			return err
		}
		return reconcileAreasDone(c, as)
	case o.acceptSpan != "":
		st, err := p.ResolveStudy(o.span.study)
		if err != nil {
			return err
		}
		code, err := coding.ResolveCode(p, o.span.code)
		if err != nil {
			return err
		}
		cd, err := merge.AcceptSpan(p, st.GUID, code.GUID, o.span.start, o.span.end)
		if err != nil {
			return err
		}
		return reconcileDone(c, []coding.Coding{cd})
	case o.consensus != "":
		return o.saveAppraisal(c, p)
	}
	if err := merge.MarkDecided(p, o.decision, o.mark); err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]string{"item": o.mark, "decision": o.decision})
	}
	fmt.Fprintf(c.stdout, "Recorded: %s\n", o.decision)
	return nil
}

func reconcileDone(c *call, cs []coding.Coding) error {
	if c.json {
		out := make([]map[string]any, len(cs))
		for i, cd := range cs {
			out[i] = map[string]any{"guid": cd.GUID, "study": cd.Study, "code": cd.Code, "start": cd.Start, "end": cd.End,
				"quote": cd.Quote, "consensus": cd.Consensus}
		}
		return c.printJSON(out)
	}
	for _, cd := range cs {
		fmt.Fprintf(c.stdout, "Consensus coding %s: %d-%d %q\n", cd.GUID, cd.Start, cd.End, clip(cd.Quote, 70))
	}
	return nil
}

// printList lists the disagreements.
func (o *reconcileOptions) printList(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	items, err := merge.Items(c.ctx, p, agreement.Options{Coders: splitComma(o.coders), Code: o.code})
	if err != nil {
		return err
	}
	if o.undecided {
		kept := items[:0]
		for _, it := range items {
			if it.Decision == "" {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	areas, err := o.areaItems(p)
	if err != nil {
		return err
	}
	decided := 0
	for _, it := range items {
		if it.Decision != "" {
			decided++
		}
	}
	for _, it := range areas {
		if it.Decision != "" {
			decided++
		}
	}
	if c.json {
		out := make([]map[string]any, len(items), len(items)+len(areas))
		for i, it := range items {
			m := map[string]any{"item": it.Item, "kind": it.Kind, "study": it.Study, "study_title": it.StudyTitle,
				"code": it.Code, "code_name": it.CodeName, "decision": it.Decision, "decided_by": it.DecidedBy, "decided_at": it.DecidedAt}
			if it.Kind == agreement.DisagreePassage {
				m["start"], m["end"], m["quote"] = it.Start, it.End, it.Quote
				m["coded_by"], m["not_coded_by"], m["codings"] = it.CodedBy, it.NotCodedBy, it.Codings
			} else {
				m["judgements"] = it.Judgements
			}
			out[i] = m
		}
		for _, it := range areas {
			out = append(out, map[string]any{"item": it.Item, "kind": merge.KindArea, "study": it.Study, "study_title": it.StudyTitle,
				"code": it.Code, "code_name": it.CodeName, "decision": it.Decision, "decided_by": it.DecidedBy, "decided_at": it.DecidedAt,
				"page": it.Page, "rect": it.Rect, "label": it.Label, "coded_by": it.CodedBy, "not_coded_by": it.NotCodedBy,
				"areas": it.Areas, "consensus": it.Consensus})
		}
		return c.printJSON(out)
	}
	fmt.Fprintf(c.stdout, "%d disagreements, %d decided\n", len(items)+len(areas), decided)
	for _, it := range items {
		state := "OPEN"
		if it.Decision != "" {
			state = "DONE: " + it.Decision
		}
		fmt.Fprintf(c.stdout, "\n[%s] %s\n  %q, %s\n", state, it.Item, clip(it.StudyTitle, 60), it.CodeName)
		if it.Kind == agreement.DisagreePassage {
			fmt.Fprintf(c.stdout, "  %d-%d %q\n  coded by %s; not by %s\n  codings: %s\n", it.Start, it.End, clip(it.Quote, 100),
				strings.Join(it.CodedBy, ", "), strings.Join(it.NotCodedBy, ", "), strings.Join(it.Codings, ", "))
			continue
		}
		var js []string
		for who, j := range it.Judgements {
			js = append(js, who+": "+j)
		}
		sort.Strings(js)
		fmt.Fprintf(c.stdout, "  judgements: %s\n", strings.Join(js, "; "))
	}
	for _, it := range areas {
		state := "OPEN"
		if it.Decision != "" {
			state = "DONE: " + it.Decision
		}
		fmt.Fprintf(c.stdout, "\n[%s] %s\n  %q, %s\n  %s, corners %s pt\n  marked by %s; not by %s\n  area codings: %s\n", state, it.Item,
			clip(it.StudyTitle, 60), it.CodeName, it.Describe(), it.Rect, strings.Join(it.CodedBy, ", "), strings.Join(it.NotCodedBy, ", "),
			strings.Join(it.Areas, ", "))
	}
	return nil
}

// areaItems lists the area items to reconcile: those not every reviewer
// marked alike, of --code when given, undecided ones with --undecided.
func (o *reconcileOptions) areaItems(p *corpus.Project) ([]merge.AreaItem, error) {
	all, err := merge.AreaItems(p)
	if err != nil {
		return nil, err
	}
	code := ""
	if o.code != "" {
		cd, err := coding.ResolveCode(p, o.code)
		if err != nil {
			return nil, err
		}
		code = cd.GUID
	}
	var out []merge.AreaItem
	for _, it := range all {
		if it.Agreed && it.Decision == "" || code != "" && it.Code != code || o.undecided && it.Decision != "" {
			continue
		}
		out = append(out, it)
	}
	return out, nil
}

func reconcileAreasDone(c *call, as []coding.Area) error {
	if c.json {
		out := make([]map[string]any, len(as))
		for i, a := range as {
			out[i] = map[string]any{"guid": a.GUID, "study": a.Study, "code": a.Code, "page": a.Page + 1, "rect": a.Rect,
				"label": a.Label, "consensus": a.Consensus}
		}
		return c.printJSON(out)
	}
	if len(as) == 0 {
		fmt.Fprintln(c.stdout, "Nothing new: the consensus already has these areas.")
	}
	for _, a := range as {
		fmt.Fprintf(c.stdout, "Consensus area coding %s: %s, corners %s pt\n", a.GUID, a.Describe(), a.Rect)
	}
	return nil
}

// saveAppraisal saves the consensus appraisal given by --consensus and --judge.
func (o *reconcileOptions) saveAppraisal(c *call, p *corpus.Project) error {
	st, err := p.ResolveStudy(o.consensus)
	if err != nil {
		return err
	}
	js := map[string]coding.Judgement{}
	for _, j := range o.judgements {
		crit, err := coding.ResolveCode(p, j.criterion)
		if err != nil {
			return err
		}
		js[crit.GUID] = coding.Judgement{Judgement: j.judgement}
	}
	guid, err := merge.ConsensusAppraisal(p, st.GUID, js)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"appraisal": guid, "study": st.GUID, "criteria": len(js)})
	}
	fmt.Fprintf(c.stdout, "Consensus appraisal %s of %q: %d criteria\n", guid, st.Title, len(js))
	return nil
}
