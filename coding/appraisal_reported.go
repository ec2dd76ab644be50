package coding

import (
	"fmt"
	"slices"

	"github.com/evidence-workbench/workbench/corpus"
)

// ReportedAppraisal is the appraisal of a study that reports, briefs and
// the evidence map count.
type ReportedAppraisal struct {
	// Rating is "high", "medium", "low" or "" (not rated).
	Rating string
	// Judgements maps criterion GUIDs to judgements (Met, PartlyMet...).
	Judgements map[string]string
	// Consensus reports that the reviewers' consensus appraisal is used.
	Consensus bool
	// Reviewers is the number of reviewers' own appraisals with at least
	// one judgement.
	Reviewers int
}

// ReportedAppraisals returns, for every study with an appraisal, the
// appraisal that counts in reports:
//
//  1. the consensus appraisal when it has at least one judgement: its final
//     rating (the override when set) and its judgements;
//  2. else, when exactly one reviewer has judged the study, that reviewer's
//     final rating and judgements;
//  3. else, with several reviewers and no consensus yet, the conservative
//     median: the rating is the median of the reviewers' final ratings
//     (reviewers without a complete appraisal are left out), and each
//     criterion's judgement the median of the judgements given; with an
//     even number the lower (worse) of the two middle values is taken, so
//     two reviewers who disagree yield the worse verdict.
//
// Ratings are recomputed by the rule against the current codebook. Studies
// absent from the map have no appraisal.
func ReportedAppraisals(p *corpus.Project) (map[string]ReportedAppraisal, error) {
	all, err := AllAppraisals(p)
	if err != nil {
		return nil, fmt.Errorf("reported appraisals: %w", err)
	}
	byStudy := map[string][]Appraisal{}
	for _, a := range all {
		byStudy[a.Study] = append(byStudy[a.Study], a)
	}
	out := make(map[string]ReportedAppraisal, len(byStudy))
	for study, as := range byStudy {
		out[study] = reportedOf(as)
	}
	return out, nil
}

// reportedOf applies the ReportedAppraisals rule to one study's appraisals.
func reportedOf(as []Appraisal) ReportedAppraisal {
	var reviewers []Appraisal
	for _, a := range as {
		if judgedCount(a) == 0 {
			continue
		}
		if a.Consensus {
			return ReportedAppraisal{Rating: a.FinalRating(), Judgements: judgementMap(a), Consensus: true,
				Reviewers: countReviewers(as)}
		}
		reviewers = append(reviewers, a)
	}
	r := ReportedAppraisal{Reviewers: len(reviewers), Judgements: map[string]string{}}
	switch len(reviewers) {
	case 0:
		return r
	case 1:
		r.Rating, r.Judgements = reviewers[0].FinalRating(), judgementMap(reviewers[0])
		return r
	}
	var ratings []string
	perCriterion := map[string][]string{}
	for _, a := range reviewers {
		if fr := a.FinalRating(); fr != "" {
			ratings = append(ratings, fr)
		}
		for crit, j := range a.Judgements {
			if j.Judgement != "" {
				perCriterion[crit] = append(perCriterion[crit], j.Judgement)
			}
		}
	}
	r.Rating = conservativeMedian(ratings, RatingOrder)
	for crit, js := range perCriterion {
		r.Judgements[crit] = conservativeMedian(js, JudgementOrder)
	}
	return r
}

func judgedCount(a Appraisal) int {
	n := 0
	for _, j := range a.Judgements {
		if j.Judgement != "" {
			n++
		}
	}
	return n
}

func countReviewers(as []Appraisal) int {
	n := 0
	for _, a := range as {
		if !a.Consensus && judgedCount(a) > 0 {
			n++
		}
	}
	return n
}

func judgementMap(a Appraisal) map[string]string {
	m := make(map[string]string, len(a.Judgements))
	for crit, j := range a.Judgements {
		if j.Judgement != "" {
			m[crit] = j.Judgement
		}
	}
	return m
}

// conservativeMedian returns the median of values on an ordinal scale
// listed best first; with an even count the worse middle value. Values not
// on the scale are ignored.
func conservativeMedian(values, order []string) string {
	ranks := make([]int, 0, len(values))
	for _, v := range values {
		if i := slices.Index(order, v); i >= 0 {
			ranks = append(ranks, i)
		}
	}
	if len(ranks) == 0 {
		return ""
	}
	slices.Sort(ranks)
	return order[ranks[len(ranks)/2]]
}
