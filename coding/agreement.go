package coding

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus"
)

// Units of project-level coding agreement (AgreementOptions.Unit).
const (
	UnitChar      = "char"      // every character (code point) of the study texts
	UnitSentence  = "sentence"  // every sentence (see SentenceStarts)
	UnitParagraph = "paragraph" // every paragraph (see agree.ParagraphStarts)
	UnitStudy     = "study"     // every study-code pair: did the coder use the code in the study at all
)

// ErrAgreementUnit means an agreement unit is not char, sentence, paragraph or study.
var ErrAgreementUnit = errors.New("the unit of agreement is char, sentence, paragraph or study")

// Missing-data rules of project-level coding agreement (AgreementOptions.Absent):
// what a coder who coded nothing at all in a study said about it.
const (
	// AbsentMissing (the default): a coder who coded something in a study but
	// not a code there has said "no" to that code; a coder who coded nothing
	// in the study is missing there, as if they had not read it.
	AbsentMissing = "missing"
	// AbsentZero: a coder who coded nothing in a study has said "no" to every
	// code there too, for teams where every coder read every study.
	AbsentZero = "zero"
)

// ErrAbsent means a missing-data rule is not "missing" or "zero".
var ErrAbsent = errors.New(`the rule for a coder with no codings in a study is "missing" or "zero"`)

// ParseAbsent normalises a missing-data rule ("" is AbsentMissing).
func ParseAbsent(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", AbsentMissing:
		return AbsentMissing, nil
	case AbsentZero, "no":
		return AbsentZero, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrAbsent)
}

// MissingRule states a missing-data rule in a sentence for people.
func MissingRule(absent string) string {
	if absent == AbsentZero {
		return `A coder who coded nothing in a study has said "no" to every code there, like a coder who coded only other codes; ` +
			"only studies none of the compared coders coded are left out."
	}
	return `A coder who coded something in a study but not a code has said "no" to that code there; ` +
		"a coder who coded nothing in a study is missing there, so units only one coder could code carry no agreement and are left out of the statistics."
}

// ParseUnit normalises an agreement unit name ("character" and "characters"
// are accepted for char, plurals for the others).
func ParseUnit(s string) (string, error) {
	switch strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "s") {
	case "", "char", "character":
		return UnitChar, nil
	case "sentence":
		return UnitSentence, nil
	case "paragraph":
		return UnitParagraph, nil
	case "study", "studie":
		return UnitStudy, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrAgreementUnit)
}

// AgreementOptions select what Agreement and Disagreements compare.
type AgreementOptions struct {
	// Coders are coder GUIDs or names (case-insensitive); empty means every
	// coder with at least one non-consensus coding (or appraisal).
	Coders []string
	// Unit is UnitChar (default), UnitSentence, UnitParagraph or UnitStudy.
	Unit string
	// Code restricts the comparison to one code (GUID, name or path); empty means every code used.
	Code string
	// Study restricts the comparison to one study (GUID); empty means every study.
	Study string
	// CodedOnly leaves out units nobody coded, so long uncoded stretches do not inflate agreement.
	CodedOnly bool
	// Absent is the missing-data rule for a coder who coded nothing in a
	// study: AbsentMissing (default, "") or AbsentZero.
	Absent string
	// Bootstrap is the number of bootstrap resamples for the interval of
	// Krippendorff's alpha (agree.DefaultResamples is usual); 0 skips it.
	Bootstrap int
	// Progress, when set, is called with studies done and the total.
	Progress func(done, total int)
}

// AgreementRow holds the coefficients of one slice of the data (everything,
// one code or one study). A coefficient that is undefined for the data (too
// few coders, nothing pairable, no variation) is NaN.
type AgreementRow struct {
	Key       string  // code or study GUID; "" for the overall row
	Name      string  // code path or study title
	Units     float64 // units compared (characters, segments or study-code pairs)
	Pairable  float64 // units at least two coders could code: the basis of the coefficients
	Coded     float64 // units at least one coder coded
	Unanimous float64 // units every reviewing coder treated alike
	Alpha     float64 // Krippendorff's alpha (nominal, binary coded/not coded)
	// AlphaLow and AlphaHigh bound the bootstrapped 95% interval of Alpha;
	// BelowTentative and BelowReliable are the probabilities that alpha is
	// below 0.667 and 0.8. NaN without a bootstrap or when it does not apply.
	AlphaLow, AlphaHigh           float64
	BelowTentative, BelowReliable float64
	Cohen                         float64 // Cohen's kappa (two coders only; NaN otherwise)
	Fleiss                        float64 // Fleiss' kappa
	Percent                       float64 // pairwise percent agreement, 0..1
}

// AppraisalRow is the agreement of the coders' judgements of one rigor
// criterion (or of the overall rating) over the studies they appraised.
type AppraisalRow struct {
	Key   string  // criterion code GUID; "rating" for the overall rating, "" for all criteria pooled
	Name  string  // criterion path, "Overall rating" or "All criteria"
	Units int     // studies (study-criterion pairs when pooled) judged by at least two coders
	Alpha float64 // Krippendorff's alpha, ordinal metric
	// AlphaLow, AlphaHigh, BelowTentative and BelowReliable are as in AgreementRow.
	AlphaLow, AlphaHigh           float64
	BelowTentative, BelowReliable float64
	Kappa                         float64 // Cohen's weighted kappa with linear weights (two coders only; NaN otherwise)
	Percent                       float64 // pairwise percent agreement on identical judgements
}

// AgreementResult is the project-level agreement of the chosen coders.
type AgreementResult struct {
	Unit   string // the unit compared
	Absent string // the missing-data rule, AbsentMissing or AbsentZero
	// Resamples is the number of bootstrap resamples behind the intervals of
	// alpha (0: none).
	Resamples int
	Coders    []corpus.Coder // the coders compared, in column order
	Overall   AgreementRow   // all codes and studies together
	ByCode    []AgreementRow // one row per code, by code path
	ByStudy   []AgreementRow // one row per study, by title
	// Appraisal holds the agreement of the rigor appraisals: all criteria
	// pooled first, then the overall rating, then one row per criterion.
	Appraisal []AppraisalRow
	// OutOfText counts codings skipped because their range lies outside the study text.
	OutOfText int
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

// agreementInput is the coded corpus built from a project.
type agreementInput struct {
	coders   []corpus.Coder
	corpus   *agree.Corpus
	guids    [][]string // coding GUID of every span, parallel to corpus.Studies[i].Spans
	titles   map[string]string
	tree     *CodeTree
	outside  int
	unit     string
	absent   string
	codeGUID string
}

// Agreement computes the inter-coder agreement of the project's codings
// (reviewers' codings only; consensus codings are the reconciled result and
// are left out) and of its rigor appraisals. A coder counts as having
// reviewed a study when they coded anything in it; coders who did not are
// missing there rather than "did not code". At sentence and paragraph level
// a unit counts as coded by a coder when any of their codings overlaps it.
func Agreement(ctx context.Context, p *corpus.Project, opts AgreementOptions) (*AgreementResult, error) {
	in, err := buildAgreementInput(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	res := &AgreementResult{Unit: in.unit, Absent: in.absent, Resamples: max(opts.Bootstrap, 0), Coders: in.coders, OutOfText: in.outside}
	res.Overall = emptyRow("", "All codes")
	if len(in.coders) >= 2 && len(in.corpus.Studies) > 0 {
		level := agree.CharacterLevel
		switch in.unit {
		case UnitSentence, UnitParagraph:
			level = agree.SegmentLevel
		case UnitStudy:
			level = agree.StudyLevel
		}
		var prog func(agree.Progress)
		if opts.Progress != nil {
			prog = func(pr agree.Progress) { opts.Progress(pr.Done, pr.Total) }
		}
		u, err := agree.Unitise(ctx, in.corpus, agree.UnitiseOptions{Level: level, CodedOnly: opts.CodedOnly}, prog)
		if err != nil {
			return nil, fmt.Errorf("agreement: %w", err)
		}
		res.Overall = tallyRow(u.Overall, "", "All codes", res.Resamples)
		for i, code := range u.Codes {
			res.ByCode = append(res.ByCode, tallyRow(u.ByCode[i], code, codeName(in.tree, code), res.Resamples))
		}
		for i, st := range u.Studies {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("agreement: %w", err)
			}
			res.ByStudy = append(res.ByStudy, tallyRow(u.ByStudy[i], st, in.titles[st], res.Resamples))
		}
		sort.SliceStable(res.ByCode, func(i, j int) bool { return res.ByCode[i].Name < res.ByCode[j].Name })
		sort.SliceStable(res.ByStudy, func(i, j int) bool {
			return strings.ToLower(res.ByStudy[i].Name) < strings.ToLower(res.ByStudy[j].Name)
		})
	}
	res.Appraisal, err = appraisalAgreement(p, in.coders, opts.Study, in.tree, res.Resamples)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func codeName(t *CodeTree, guid string) string {
	if n := t.Path(guid); n != "" {
		return n
	}
	return guid
}

// emptyRow is a row with every coefficient undefined.
func emptyRow(key, name string) AgreementRow {
	nan := math.NaN()
	return AgreementRow{Key: key, Name: name, Alpha: nan, AlphaLow: nan, AlphaHigh: nan, BelowTentative: nan,
		BelowReliable: nan, Cohen: nan, Fleiss: nan, Percent: nan}
}

// bootSeed is the fixed seed of a row's bootstrap: the same key always
// draws the same random numbers.
func bootSeed(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte("agreement|" + key))
	return h.Sum64()
}

func tallyRow(t *agree.Tally, key, name string, resamples int) AgreementRow {
	s := t.SummaryWith(agree.BootstrapOptions{Resamples: resamples, Seed: bootSeed(key)})
	r := emptyRow(key, name)
	r.Units, r.Pairable, r.Coded, r.Unanimous = s.Units, s.Pairable, s.Coded, s.Unanimous
	if s.PercentErr == nil {
		r.Percent = s.Percent.Value
	}
	if s.AlphaErr == nil {
		r.Alpha = s.Alpha.Value
	}
	setInterval(&r.AlphaLow, &r.AlphaHigh, &r.BelowTentative, &r.BelowReliable, s.Interval)
	d := t.Data()
	if len(d.Coders) == 2 {
		if k, err := agree.CohenKappa(d, 0, 1); err == nil {
			r.Cohen = k.Value
		}
	}
	if k, err := agree.FleissKappa(d); err == nil {
		r.Fleiss = k.Value
	}
	return r
}

// setInterval copies a bootstrapped interval into a row's fields (left NaN
// when it does not apply).
func setInterval(low, high, tentative, reliable *float64, iv agree.AlphaInterval) {
	if iv.Applies() {
		*low, *high, *tentative, *reliable = iv.Lower, iv.Upper, iv.BelowTentative, iv.BelowReliable
	}
}

// resolveCoders turns GUIDs or names into the project's coders; with no
// references it returns the coders who have non-consensus codings or
// appraisals, by name.
func resolveCoders(p *corpus.Project, refs []string) ([]corpus.Coder, error) {
	all, err := p.Coders()
	if err != nil {
		return nil, fmt.Errorf("agreement: %w", err)
	}
	if len(refs) == 0 {
		used := map[string]bool{}
		rows, err := p.DB().Query(`SELECT DISTINCT coder FROM codings WHERE consensus = 0
			UNION SELECT DISTINCT coder FROM appraisals WHERE consensus = 0`)
		if err != nil {
			return nil, fmt.Errorf("agreement: %w", err)
		}
		for rows.Next() {
			var g string
			if err := rows.Scan(&g); err != nil {
				rows.Close()
				return nil, fmt.Errorf("agreement: %w", err)
			}
			used[g] = true
		}
		rows.Close()
		var out []corpus.Coder
		for _, c := range all {
			if used[c.GUID] {
				out = append(out, c)
			}
		}
		return out, rows.Err()
	}
	var out []corpus.Coder
	seen := map[string]bool{}
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		found := false
		for _, c := range all {
			if strings.EqualFold(c.GUID, ref) || strings.EqualFold(c.Name, ref) {
				if !seen[c.GUID] {
					out = append(out, c)
					seen[c.GUID] = true
				}
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("coder %q: %w", ref, corpus.ErrNotFound)
		}
	}
	return out, nil
}

// buildAgreementInput reads the codings of the chosen coders into an agree.Corpus.
func buildAgreementInput(ctx context.Context, p *corpus.Project, opts AgreementOptions) (*agreementInput, error) {
	unit, err := ParseUnit(opts.Unit)
	if err != nil {
		return nil, err
	}
	absent, err := ParseAbsent(opts.Absent)
	if err != nil {
		return nil, err
	}
	in := &agreementInput{unit: unit, absent: absent, titles: map[string]string{}}
	if in.tree, err = LoadCodeTree(p); err != nil {
		return nil, err
	}
	if opts.Code != "" {
		c, err := in.tree.Resolve(opts.Code)
		if err != nil {
			return nil, err
		}
		in.codeGUID = c.GUID
	}
	if in.coders, err = resolveCoders(p, opts.Coders); err != nil {
		return nil, err
	}
	names := make([]string, len(in.coders))
	idx := map[string]int{}
	for i, c := range in.coders {
		names[i] = c.Name
		idx[c.GUID] = i
	}
	in.corpus = &agree.Corpus{Coders: names}
	if in.codeGUID != "" {
		in.corpus.Codes = []string{in.codeGUID}
	}
	q := `SELECT c.guid, c.study, c.code, c.start, c."end", c.coder, s.text_len, s.title FROM codings c
		JOIN studies s ON s.guid = c.study WHERE c.consensus = 0`
	var args []any
	if opts.Study != "" {
		q += ` AND c.study = ?`
		args = append(args, opts.Study)
	}
	rows, err := p.DB().QueryContext(ctx, q+` ORDER BY s.title COLLATE NOCASE, c.study`, args...)
	if err != nil {
		return nil, fmt.Errorf("agreement: read codings: %w", err)
	}
	defer rows.Close()
	var cur *agree.Study
	var reviewed uint64
	finish := func() {
		if cur == nil || absent == AbsentZero { // nil Coders: every compared coder reviewed the study
			return
		}
		for i := range in.coders {
			if reviewed&(1<<i) != 0 {
				cur.Coders = append(cur.Coders, i)
			}
		}
	}
	for rows.Next() {
		var guid, study, code, coder, title string
		var start, end, length int
		if err := rows.Scan(&guid, &study, &code, &start, &end, &coder, &length, &title); err != nil {
			return nil, fmt.Errorf("agreement: read codings: %w", err)
		}
		ci, ok := idx[coder]
		if !ok {
			continue
		}
		if cur == nil || cur.ID != study {
			finish()
			in.corpus.Studies = append(in.corpus.Studies, agree.Study{ID: study, Length: length})
			cur = &in.corpus.Studies[len(in.corpus.Studies)-1]
			in.guids = append(in.guids, nil)
			in.titles[study] = title
			reviewed = 0
		}
		if ci < 64 {
			reviewed |= 1 << ci
		}
		if start < 0 || end <= start || end > length {
			in.outside++
			continue
		}
		if in.codeGUID != "" && code != in.codeGUID {
			continue
		}
		cur.Spans = append(cur.Spans, agree.Span{Code: code, Coder: ci, Start: start, End: end})
		in.guids[len(in.guids)-1] = append(in.guids[len(in.guids)-1], guid)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("agreement: read codings: %w", err)
	}
	finish()
	if unit == UnitSentence || unit == UnitParagraph {
		for i := range in.corpus.Studies {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("agreement: %w", err)
			}
			st := &in.corpus.Studies[i]
			t, err := p.Text(st.ID)
			if err != nil {
				return nil, fmt.Errorf("agreement: %w", err)
			}
			if unit == UnitSentence {
				st.Segments = SentenceStarts(t.String)
			} else {
				st.Segments = agree.ParagraphStarts(t.String)
			}
		}
	}
	return in, nil
}
