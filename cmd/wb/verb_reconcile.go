package main

import (
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
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
item (for example "not relevant").`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.Bool("list", false, "list the disagreements with their decisions")
			fs.Bool("undecided", false, "with --list: only the items not yet decided")
			fs.String("coders", "", "compare these coders (names or GUIDs, comma-separated; default all)")
			fs.String("code", "", "only this code (name, path or GUID)")
			fs.String("accept", "", "accept these codings (GUIDs, comma-separated) as the consensus")
			fs.String("accept-span", "", "accept an edited passage STUDY:CODE:START:END as the consensus")
			fs.String("consensus", "", "save the consensus appraisal of this study (with --judge)")
			fs.Var(&twList{}, "judge", "with --consensus: CRITERION=JUDGEMENT (met, partly met, not met, not reported; repeatable)")
			fs.String("mark", "", "item key to record a decision on (with --decision)")
			fs.String("decision", "", "the decision to record with --mark")
		},
		run: runReconcile,
	})
}

// parseSpan reads STUDY:CODE:START:END (the code may itself hold colons).
func parseSpan(s string) (study, code string, start, end int, err error) {
	parts := strings.Split(s, ":")
	if len(parts) < 4 {
		return "", "", 0, 0, fmt.Errorf("--accept-span %q: write STUDY:CODE:START:END", s)
	}
	n := len(parts)
	if start, err = strconv.Atoi(strings.TrimSpace(parts[n-2])); err == nil {
		end, err = strconv.Atoi(strings.TrimSpace(parts[n-1]))
	}
	if err != nil {
		return "", "", 0, 0, fmt.Errorf("--accept-span %q: START and END are character offsets", s)
	}
	return strings.TrimSpace(parts[0]), strings.Join(parts[1:n-2], ":"), start, end, nil
}

func runReconcile(c *call) error {
	actions := 0
	for _, f := range []string{"list", "accept", "accept-span", "consensus", "mark"} {
		if v := twStr(c, f); v != "" && v != "false" {
			actions++
		}
	}
	if actions != 1 {
		return exitError{code: 2, msg: "give one of --list, --accept, --accept-span, --consensus or --mark"}
	}
	if twOn(c, "list") {
		return reconcileList(c)
	}
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	switch {
	case twStr(c, "accept") != "":
		cs, err := merge.AcceptCoding(p, splitComma(twStr(c, "accept"))...)
		if err != nil {
			return err
		}
		return reconcileDone(c, cs)
	case twStr(c, "accept-span") != "":
		ref, codeRef, start, end, err := parseSpan(twStr(c, "accept-span"))
		if err != nil {
			return err
		}
		st, err := p.ResolveStudy(ref)
		if err != nil {
			return err
		}
		code, err := coding.ResolveCode(p, codeRef)
		if err != nil {
			return err
		}
		cd, err := merge.AcceptSpan(p, st.GUID, code.GUID, start, end)
		if err != nil {
			return err
		}
		return reconcileDone(c, []coding.Coding{cd})
	case twStr(c, "consensus") != "":
		return reconcileAppraisal(c, p)
	}
	dec := strings.TrimSpace(twStr(c, "decision"))
	if dec == "" {
		return exitError{code: 2, msg: "--mark needs --decision TEXT"}
	}
	if err := merge.MarkDecided(p, dec, twStr(c, "mark")); err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]string{"item": twStr(c, "mark"), "decision": dec})
	}
	fmt.Fprintf(c.stdout, "Recorded: %s\n", dec)
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
		fmt.Fprintf(c.stdout, "Consensus coding %s: %d-%d %q\n", cd.GUID, cd.Start, cd.End, twClip(cd.Quote, 70))
	}
	return nil
}

func reconcileList(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	items, err := merge.Items(c.ctx, p, coding.AgreementOptions{Coders: splitComma(twStr(c, "coders")), Code: twStr(c, "code")})
	if err != nil {
		return err
	}
	if twOn(c, "undecided") {
		kept := items[:0]
		for _, it := range items {
			if it.Decision == "" {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	decided := 0
	for _, it := range items {
		if it.Decision != "" {
			decided++
		}
	}
	if c.json {
		out := make([]map[string]any, len(items))
		for i, it := range items {
			m := map[string]any{"item": it.Item, "kind": it.Kind, "study": it.Study, "study_title": it.StudyTitle,
				"code": it.Code, "code_name": it.CodeName, "decision": it.Decision, "decided_by": it.DecidedBy, "decided_at": it.DecidedAt}
			if it.Kind == coding.DisagreePassage {
				m["start"], m["end"], m["quote"] = it.Start, it.End, it.Quote
				m["coded_by"], m["not_coded_by"], m["codings"] = it.CodedBy, it.NotCodedBy, it.Codings
			} else {
				m["judgements"] = it.Judgements
			}
			out[i] = m
		}
		return c.printJSON(out)
	}
	fmt.Fprintf(c.stdout, "%d disagreements, %d decided\n", len(items), decided)
	for _, it := range items {
		state := "OPEN"
		if it.Decision != "" {
			state = "DONE: " + it.Decision
		}
		fmt.Fprintf(c.stdout, "\n[%s] %s\n  %q, %s\n", state, it.Item, twClip(it.StudyTitle, 60), it.CodeName)
		if it.Kind == coding.DisagreePassage {
			fmt.Fprintf(c.stdout, "  %d-%d %q\n  coded by %s; not by %s\n  codings: %s\n", it.Start, it.End, twClip(it.Quote, 100),
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
	return nil
}

// twClip shortens s to n characters on one line.
func twClip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// reconcileAppraisal saves the consensus appraisal given by --consensus and --judge.
func reconcileAppraisal(c *call, p *corpus.Project) error {
	st, err := p.ResolveStudy(twStr(c, "consensus"))
	if err != nil {
		return err
	}
	js := map[string]coding.Judgement{}
	for _, s := range twFlags(c, "judge") {
		ref, val, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("--judge %q: write CRITERION=JUDGEMENT", s)
		}
		crit, err := coding.ResolveCode(p, strings.TrimSpace(ref))
		if err != nil {
			return err
		}
		j, err := coding.NormaliseJudgement(val)
		if err != nil {
			return err
		}
		js[crit.GUID] = coding.Judgement{Judgement: j}
	}
	if len(js) == 0 {
		return exitError{code: 2, msg: "--consensus needs at least one --judge CRITERION=JUDGEMENT"}
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
