package coding

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/evidence-workbench/workbench/corpus"
)

// CoreCriteria are the names of the core rigor criteria of the default
// codebook (assets.DefaultTemplate): design and methods, sampling, consent
// and do-no-harm, analysis. A criterion of any codebook is core when its name
// matches one of these after normalisation (see IsCoreCriterion).
var CoreCriteria = []string{
	"Design and methods described",
	"Sampling explained",
	"Informed consent and do-no-harm",
	"Analysis transparent",
}

// Rating rule thresholds (see RatingRule).
const (
	HighMetShare = 0.75 // at least this share of all criteria met for high
	LowMetShare  = 0.40 // fewer than this share met gives low
	LowCoreWeak  = 2    // this many core criteria not met / not reported gives low
)

// RatingRule is the overall rigor rating rule in words, shown on the
// appraisal form and in docs/appraisal.md.
const RatingRule = `Overall rating (computed once every criterion is judged):
  low    if 2 or more core criteria are "not met" or "not reported", or fewer than 40% of all criteria are "met";
  high   otherwise, if no core criterion is "not met" or "not reported" and at least 75% of all criteria are "met";
  medium otherwise.
Core criteria: design and methods, sampling, informed consent and do-no-harm, analysis (by name, as in the
default codebook). "Partly met" counts neither as met nor against a core criterion. A codebook without any
core criterion is rated by the percentages alone. A reviewer may override the rating, giving a reason.`

// normCriterion folds a criterion name for matching: lower case, every run
// of non-letters/digits one space, "&" read as "and".
func normCriterion(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// IsCoreCriterion reports whether a criterion name is one of CoreCriteria,
// ignoring case, punctuation and spacing ("Informed consent & do no harm"
// matches "Informed consent and do-no-harm").
func IsCoreCriterion(name string) bool {
	n := normCriterion(name)
	return slices.ContainsFunc(CoreCriteria, func(c string) bool { return normCriterion(c) == n })
}

// Criterion is one rigor criterion of the codebook: a leaf code of kind rigor.
type Criterion struct {
	Code        // the criterion's code
	Path string // "Rigor/Sampling explained"
	Core bool   // one of CoreCriteria
}

// Criteria returns the codebook's rigor criteria (codes of kind rigor with
// no sub-codes) in display order.
func Criteria(p *corpus.Project) ([]Criterion, error) {
	t, err := LoadCodeTree(p)
	if err != nil {
		return nil, fmt.Errorf("read rigor criteria: %w", err)
	}
	return CriteriaOf(t), nil
}

// CriteriaOf lists the rigor criteria of a code tree: its leaf codes of
// kind rigor, in codebook order.
func CriteriaOf(t *CodeTree) []Criterion {
	var out []Criterion
	for _, c := range t.Codes {
		if c.Kind == KindRigor && len(t.Children(c.GUID)) == 0 {
			out = append(out, Criterion{Code: c, Path: t.Path(c.GUID), Core: IsCoreCriterion(c.Name)})
		}
	}
	return out
}

// RatingResult is the rule's verdict on a set of judgements with the counts behind it.
type RatingResult struct {
	Rating    string // RatingHigh, RatingMedium, RatingLow, or "" while incomplete
	Criteria  int    // criteria in the codebook
	Judged    int    // criteria with a judgement
	Met       int    // criteria judged met
	CoreTotal int    // core criteria in the codebook
	CoreWeak  int    // core criteria judged not met or not reported
	Why       string // the rule's reason in one sentence
}

// Complete reports whether every criterion is judged.
func (r RatingResult) Complete() bool { return r.Criteria > 0 && r.Judged == r.Criteria }

// Rate applies RatingRule to judgements (keyed by criterion GUID) over the
// given criteria; judgements of codes that are not criteria are ignored. The
// rating is "" until every criterion is judged.
func Rate(criteria []Criterion, judgements map[string]Judgement) RatingResult {
	r := RatingResult{Criteria: len(criteria)}
	for _, c := range criteria {
		if c.Core {
			r.CoreTotal++
		}
		j := judgements[c.GUID].Judgement
		if j == "" {
			continue
		}
		r.Judged++
		if j == Met {
			r.Met++
		}
		if c.Core && (j == NotMet || j == NotReported) {
			r.CoreWeak++
		}
	}
	if r.Criteria == 0 {
		r.Why = "the codebook has no rigor criteria"
		return r
	}
	if !r.Complete() {
		r.Why = fmt.Sprintf("%d of %d criteria judged; the rating is given when all are", r.Judged, r.Criteria)
		return r
	}
	share := float64(r.Met) / float64(r.Criteria)
	met := fmt.Sprintf("%d of %d criteria met (%.0f%%)", r.Met, r.Criteria, 100*share)
	switch {
	case r.CoreWeak >= LowCoreWeak:
		r.Rating = RatingLow
		r.Why = fmt.Sprintf("%d core criteria not met or not reported", r.CoreWeak)
	case share < LowMetShare:
		r.Rating = RatingLow
		r.Why = met + ", fewer than 40%"
	case r.CoreWeak == 0 && share >= HighMetShare:
		r.Rating = RatingHigh
		r.Why = met + " and every core criterion at least partly met"
		if r.CoreTotal == 0 {
			r.Why = met + " (no core criteria in this codebook)"
		}
	default:
		r.Rating = RatingMedium
		if r.CoreWeak > 0 {
			r.Why = fmt.Sprintf("%s; 1 core criterion not met or not reported", met)
		} else {
			r.Why = met + ", fewer than 75%"
		}
	}
	return r
}

// NormaliseJudgement returns the canonical judgement for s (case, spaces,
// "-" and "_" ignored; "partly" and "partial" accepted), "" for an empty s,
// or ErrInvalidJudgement.
func NormaliseJudgement(s string) (string, error) {
	k := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " "))
	switch k {
	case "":
		return "", nil
	case "partly", "partial", "partially met":
		return PartlyMet, nil
	case "nr", "not stated":
		return NotReported, nil
	case "yes":
		return Met, nil
	case "no":
		return NotMet, nil
	}
	if slices.Contains(Judgements, k) {
		return k, nil
	}
	return "", fmt.Errorf("%w %q (use %s)", ErrInvalidJudgement, s, strings.Join(Judgements, ", "))
}

// NormaliseRating returns the canonical rating for s or ErrInvalidRating.
func NormaliseRating(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch k {
	case RatingHigh, RatingMedium, RatingLow:
		return k, nil
	case "moderate":
		return RatingMedium, nil
	}
	return "", fmt.Errorf("%w %q (use high, medium or low)", ErrInvalidRating, s)
}

// JudgementOrder is the ordinal scale used for appraisal agreement, best
// first: met > partly met > not met > not reported. "Not reported" is placed
// last, below "not met": a criterion the study does not report cannot be
// credited at all, so it is the weakest judgement, and a reviewer who says
// "not met" where another says "not reported" disagrees by the smallest
// possible step. An empty judgement is missing, not a category.
var JudgementOrder = []string{Met, PartlyMet, NotMet, NotReported}

// RatingOrder is the ordinal scale of overall ratings for appraisal agreement.
var RatingOrder = []string{RatingHigh, RatingMedium, RatingLow}
