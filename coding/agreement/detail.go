package agreement

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus"
)

// appraisalAgreement compares the coders' judgements per criterion and their
// overall ratings, on the ordinal scales coding.JudgementOrder and coding.RatingOrder.
func appraisalAgreement(p *corpus.Project, coders []corpus.Coder, study string, tree *coding.CodeTree, resamples int) ([]AppraisalRow, error) {
	if len(coders) < 2 {
		return nil, nil
	}
	idx := map[string]int{}
	for i, c := range coders {
		idx[c.GUID] = i
	}
	as, err := coding.ReviewerAppraisals(p, study)
	if err != nil {
		return nil, fmt.Errorf("appraisal agreement: %w", err)
	}
	rated := map[string][]float64{}
	row := func(m map[string][]float64, k string) []float64 {
		r, ok := m[k]
		if !ok {
			r = make([]float64, len(coders))
			for i := range r {
				r[i] = agree.Missing
			}
			m[k] = r
		}
		return r
	}
	byCrit := map[string]map[string][]float64{}
	for _, a := range as {
		ci, ok := idx[a.Coder]
		if !ok {
			continue
		}
		if v := rank(coding.RatingOrder, a.FinalRating()); v >= 0 {
			row(rated, a.Study)[ci] = float64(v)
		}
		for crit, j := range a.Judgements {
			v := rank(coding.JudgementOrder, j.Judgement)
			if v < 0 {
				continue
			}
			m := byCrit[crit]
			if m == nil {
				m = map[string][]float64{}
				byCrit[crit] = m
			}
			row(m, a.Study)[ci] = float64(v)
		}
	}
	if len(byCrit) == 0 && len(rated) == 0 {
		return nil, nil
	}
	names := make([]string, len(coders))
	for i, c := range coders {
		names[i] = c.Name
	}
	pooled := map[string][]float64{}
	for crit, m := range byCrit {
		for st, r := range m {
			pooled[st+"|"+crit] = r
		}
	}
	out := []AppraisalRow{ordinalRow("", "All criteria", names, coding.JudgementOrder, pooled, resamples),
		ordinalRow("rating", "Overall rating", names, coding.RatingOrder, rated, resamples)}
	crits := make([]string, 0, len(byCrit))
	for c := range byCrit {
		crits = append(crits, c)
	}
	sort.Slice(crits, func(i, j int) bool { return codeName(tree, crits[i]) < codeName(tree, crits[j]) })
	for _, c := range crits {
		out = append(out, ordinalRow(c, codeName(tree, c), names, coding.JudgementOrder, byCrit[c], resamples))
	}
	return out, nil
}

func rank(order []string, v string) int {
	for i, o := range order {
		if strings.EqualFold(o, strings.TrimSpace(v)) {
			return i
		}
	}
	return -1
}

// ordinalRow computes percent agreement, ordinal alpha (bootstrapped with
// resamples when > 0) and (for two coders) linearly weighted kappa of units
// -> coder values (rank indices).
func ordinalRow(key, name string, coders, labels []string, units map[string][]float64, resamples int) AppraisalRow {
	nan := math.NaN()
	r := AppraisalRow{Key: key, Name: name, Percent: nan, Alpha: nan, AlphaLow: nan, AlphaHigh: nan,
		BelowTentative: nan, BelowReliable: nan, Kappa: nan}
	d := &agree.Data{Coders: coders, Labels: labels, Ordered: true}
	keys := make([]string, 0, len(units))
	for k := range units {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := units[k]
		d.Units = append(d.Units, k)
		d.Values = append(d.Values, v)
		n := 0
		for _, x := range v {
			if !agree.IsMissing(x) {
				n++
			}
		}
		if n >= 2 {
			r.Units++
		}
	}
	if r.Units == 0 {
		return r
	}
	if e, err := agree.PercentAgreement(d); err == nil {
		r.Percent = e.Value
	}
	if e, err := agree.Alpha(d, agree.Ordinal); err == nil {
		r.Alpha = e.Value
		if resamples > 0 {
			iv, err := agree.BootstrapAlpha(d, agree.Ordinal, agree.BootstrapOptions{Resamples: resamples, Seed: bootSeed("appraisal|" + key)})
			if err == nil {
				setInterval(&r.AlphaLow, &r.AlphaHigh, &r.BelowTentative, &r.BelowReliable, iv)
			}
		}
	}
	if len(coders) == 2 {
		if e, err := agree.WeightedKappa(d, 0, 1, agree.Linear); err == nil {
			r.Kappa = e.Value
		}
	}
	return r
}

// Kinds of disagreement.
const (
	DisagreePassage   = "passage"   // coders coded a passage differently
	DisagreeAppraisal = "appraisal" // coders judged a rigor criterion differently
)

// Disagreement is one item for the lead to reconcile: a passage some coders
// coded with a code and others did not, or a rigor criterion of a study the
// coders judged differently.
type Disagreement struct {
	// Item is a stable key: "study|code|start|end" for a passage,
	// "appraisal|study|criterion" for a judgement.
	Item       string
	Kind       string // DisagreePassage or DisagreeAppraisal
	Study      string // study GUID
	StudyTitle string // study title
	Code       string // code GUID (the criterion for an appraisal)
	CodeName   string // code path
	Start, End int    // passage [Start, End) in code points (0, 0 for an appraisal)
	Quote      string // the passage's text
	CodedBy    []string
	NotCodedBy []string
	// Codings are the GUIDs of the reviewers' codings with this code that
	// overlap the passage, the versions the lead may accept.
	Codings []string
	// Judgements maps coder name to judgement (appraisal disagreements only).
	Judgements map[string]string
}

// PassageItem returns the stable reconciliation key of a passage disagreement.
func PassageItem(study, code string, start, end int) string {
	return study + "|" + code + "|" + strconv.Itoa(start) + "|" + strconv.Itoa(end)
}

// AppraisalItem returns the stable reconciliation key of an appraisal disagreement.
func AppraisalItem(study, criterion string) string {
	return "appraisal|" + study + "|" + criterion
}

// Disagreements lists the passages where the chosen coders' codings differ
// (maximal passages with the same set of coders coding them, from
// agree.Disagreements) with study titles, code paths, quotes and the codings
// involved, followed by the rigor criteria the coders judged differently.
// Units and CodedOnly in opts are ignored: passages are in code points.
func Disagreements(ctx context.Context, p *corpus.Project, opts Options) ([]Disagreement, error) {
	in, err := buildAgreementInput(ctx, p, Options{Coders: opts.Coders, Code: opts.Code, Study: opts.Study})
	if err != nil {
		return nil, err
	}
	var out []Disagreement
	if len(in.coders) >= 2 && len(in.corpus.Studies) > 0 {
		var prog func(agree.Progress)
		if opts.Progress != nil {
			prog = func(pr agree.Progress) { opts.Progress(pr.Done, pr.Total) }
		}
		ds, err := agree.Disagreements(ctx, in.corpus, agree.UnitiseOptions{}, prog)
		if err != nil {
			return nil, fmt.Errorf("disagreements: %w", err)
		}
		var curStudy string
		var t []rune
		coderGUID := map[string]string{}
		for _, c := range in.coders {
			coderGUID[c.Name] = c.GUID
		}
		for _, d := range ds {
			if d.Study != curStudy { // passages come study by study
				text, err := p.Text(d.Study)
				if err != nil {
					return nil, fmt.Errorf("disagreements: %w", err)
				}
				curStudy, t = d.Study, []rune(text.String)
			}
			quote := ""
			if d.Start >= 0 && d.End <= len(t) && d.Start < d.End {
				quote = string(t[d.Start:d.End])
			}
			dis := Disagreement{Item: PassageItem(d.Study, d.Code, d.Start, d.End), Kind: DisagreePassage,
				Study: d.Study, StudyTitle: in.titles[d.Study], Code: d.Code, CodeName: codeName(in.tree, d.Code),
				Start: d.Start, End: d.End, Quote: quote, CodedBy: d.CodedBy, NotCodedBy: d.NotCodedBy}
			st := &in.corpus.Studies[d.StudyIndex]
			for i, sp := range st.Spans {
				if sp.Code == d.Code && sp.Start < d.End && sp.End > d.Start {
					dis.Codings = append(dis.Codings, in.guids[d.StudyIndex][i])
				}
			}
			out = append(out, dis)
		}
	}
	app, err := appraisalDisagreements(p, in, opts.Study)
	if err != nil {
		return nil, err
	}
	return append(out, app...), nil
}

// appraisalDisagreements lists the study-criterion pairs the chosen coders
// judged differently (at least two judgements, not all the same).
func appraisalDisagreements(p *corpus.Project, in *agreementInput, study string) ([]Disagreement, error) {
	if len(in.coders) < 2 {
		return nil, nil
	}
	names := map[string]string{}
	for _, c := range in.coders {
		names[c.GUID] = c.Name
	}
	as, err := coding.ReviewerAppraisals(p, study)
	if err != nil {
		return nil, fmt.Errorf("disagreements: %w", err)
	}
	type key struct{ study, criterion string }
	judged := map[key]map[string]string{}
	for _, a := range as {
		name, ok := names[a.Coder]
		if !ok {
			continue
		}
		for crit, j := range a.Judgements {
			if rank(coding.JudgementOrder, j.Judgement) < 0 {
				continue
			}
			k := key{a.Study, crit}
			if judged[k] == nil {
				judged[k] = map[string]string{}
			}
			judged[k][name] = j.Judgement
		}
	}
	var out []Disagreement
	for k, js := range judged {
		vals := slices.Sorted(maps.Values(js))
		if len(vals) < 2 || vals[0] == vals[len(vals)-1] {
			continue
		}
		title := in.titles[k.study]
		if title == "" {
			if s, err := p.Study(k.study); err == nil {
				title = s.Title
				in.titles[k.study] = title
			}
		}
		out = append(out, Disagreement{Item: AppraisalItem(k.study, k.criterion), Kind: DisagreeAppraisal,
			Study: k.study, StudyTitle: title, Code: k.criterion, CodeName: codeName(in.tree, k.criterion), Judgements: js})
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := strings.ToLower(out[i].StudyTitle), strings.ToLower(out[j].StudyTitle); a != b {
			return a < b
		}
		if out[i].Study != out[j].Study {
			return out[i].Study < out[j].Study
		}
		return out[i].CodeName < out[j].CodeName
	})
	return out, nil
}
