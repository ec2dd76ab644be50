package coding

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Conditions of appraisals a user can fix.
var (
	// ErrInvalidJudgement means a judgement is not one of Judgements.
	ErrInvalidJudgement = errors.New("unknown judgement")
	// ErrInvalidRating means a rating is not high, medium or low.
	ErrInvalidRating = errors.New("unknown rating")
	// ErrNotCriterion means a code is not a rigor criterion (a rigor code without sub-codes).
	ErrNotCriterion = errors.New("the code is not a rigor criterion")
	// ErrOverrideReason means a rating override was given without a reason.
	ErrOverrideReason = errors.New("overriding the rating needs a reason")
	// ErrEvidence means a coding linked as evidence is not a coding of the
	// same study with the criterion's code.
	ErrEvidence = errors.New("evidence must be a passage of this study coded with the criterion")
)

const appraisalCols = `guid, study, coder, rating, override, override_reason, consensus, created_at, updated_at`

func scanAppraisal(r interface{ Scan(...any) error }) (Appraisal, error) {
	var a Appraisal
	var cons int
	var created, updated string
	err := r.Scan(&a.GUID, &a.Study, &a.Coder, &a.Rating, &a.Override, &a.OverrideReason, &cons, &created, &updated)
	a.Consensus = cons == 1
	a.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	a.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	a.Judgements = map[string]Judgement{}
	return a, err
}

// loadJudgements fills the judgements of the given appraisals.
func loadJudgements(q corpus.Querier, as []Appraisal) error {
	if len(as) == 0 {
		return nil
	}
	idx := map[string]int{}
	args := make([]any, len(as))
	for i, a := range as {
		idx[a.GUID] = i
		args[i] = a.GUID
	}
	rows, err := q.Query(`SELECT guid, appraisal, criterion, judgement, justification, links FROM judgements
		WHERE appraisal IN (?`+strings.Repeat(",?", len(as)-1)+`)`, args...)
	if err != nil {
		return fmt.Errorf("read judgements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var j Judgement
		var app, links string
		if err := rows.Scan(&j.GUID, &app, &j.Criterion, &j.Judgement, &j.Justification, &links); err != nil {
			return fmt.Errorf("read judgements: %w", err)
		}
		j.Links = jsonList(links)
		as[idx[app]].Judgements[j.Criterion] = j
	}
	return rows.Err()
}

// rateAll recomputes each appraisal's rule rating against the current codebook.
func rateAll(p *corpus.Project, as []Appraisal) error {
	crit, err := Criteria(p)
	if err != nil {
		return err
	}
	for i := range as {
		as[i].Rating = Rate(crit, as[i].Judgements).Rating
	}
	return nil
}

func readAppraisals(p *corpus.Project, where string, args ...any) ([]Appraisal, error) {
	rows, err := p.DB().Query(`SELECT `+appraisalCols+` FROM appraisals WHERE `+where+` ORDER BY consensus, created_at, guid`, args...)
	if err != nil {
		return nil, fmt.Errorf("read appraisals: %w", err)
	}
	var out []Appraisal
	for rows.Next() {
		a, err := scanAppraisal(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("read appraisals: %w", err)
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadJudgements(p.DB(), out); err != nil {
		return nil, err
	}
	return out, rateAll(p, out)
}

// ReviewerAppraisals returns the reviewers' own (not consensus) appraisals
// of a study, or of every study when study is "", with judgements and
// ratings recomputed by the rule.
func ReviewerAppraisals(p *corpus.Project, study string) ([]Appraisal, error) {
	if study == "" {
		return readAppraisals(p, `consensus = 0`)
	}
	return readAppraisals(p, `consensus = 0 AND study = ?`, study)
}

// AllAppraisals returns every appraisal of every study (reviewers' and
// consensus), with judgements and ratings recomputed by the rule.
func AllAppraisals(p *corpus.Project) ([]Appraisal, error) {
	return readAppraisals(p, `1 = 1`)
}

// AppraisalOf returns one reviewer's own (not consensus) appraisal of a
// study, and nothing of other reviewers', so appraisal stays blind. When
// the reviewer has not started, it returns an empty appraisal with GUID "".
// Rating is recomputed by the rule against the current codebook.
func AppraisalOf(p *corpus.Project, study, coder string) (Appraisal, error) {
	as, err := readAppraisals(p, `study = ? AND coder = ? AND consensus = 0`, study, coder)
	if err != nil || len(as) == 0 {
		return Appraisal{Study: study, Coder: coder, Judgements: map[string]Judgement{}}, err
	}
	return as[0], nil
}

// Appraisals returns every appraisal of a study, reviewers' first and the
// consensus appraisal last, for the lead's reconciliation. Ratings are
// recomputed by the rule against the current codebook.
func Appraisals(p *corpus.Project, study string) ([]Appraisal, error) {
	return readAppraisals(p, `study = ?`, study)
}

// ConsensusAppraisal returns the study's consensus appraisal (GUID "" when none yet).
func ConsensusAppraisal(p *corpus.Project, study string) (Appraisal, error) {
	as, err := readAppraisals(p, `study = ? AND consensus = 1`, study)
	if err != nil || len(as) == 0 {
		return Appraisal{Study: study, Consensus: true, Judgements: map[string]Judgement{}}, err
	}
	return as[0], nil
}

// ensureAppraisal returns the GUID of the current coder's appraisal of a
// study, creating it when missing.
func ensureAppraisal(tx *corpus.Tx, study string) (string, error) {
	var guid string
	err := tx.QueryRow(`SELECT guid FROM appraisals WHERE study = ? AND coder = ? AND consensus = 0 ORDER BY created_at LIMIT 1`,
		study, tx.Coder()).Scan(&guid)
	if err == nil {
		return guid, nil
	}
	if !isNoRows(err) {
		return "", fmt.Errorf("read appraisal: %w", err)
	}
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM studies WHERE guid = ?`, study).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return "", fmt.Errorf("study %s: %w", study, corpus.ErrNotFound)
	}
	guid = uuid.NewString()
	now := tx.Stamp()
	err = schema.Appraisals.Insert(tx, schema.Appraisal{GUID: guid, Study: study, Coder: tx.Coder(), CreatedAt: now, UpdatedAt: now})
	return guid, err
}

// txCriterion checks that a code is a rigor criterion and returns it.
func txCriterion(tx *corpus.Tx, code string) (Code, error) {
	codes, err := LoadCodes(tx)
	if err != nil {
		return Code{}, err
	}
	t := NewCodeTree(codes)
	c, ok := t.Get(code)
	if !ok {
		return Code{}, fmt.Errorf("criterion %s: %w", code, corpus.ErrNotFound)
	}
	if c.Kind != KindRigor || len(t.Children(code)) > 0 {
		return Code{}, fmt.Errorf("%q: %w", c.Name, ErrNotCriterion)
	}
	return c, nil
}

// judgementRow returns the judgement row of a criterion in an appraisal ("" guid when none).
func judgementRow(tx *corpus.Tx, appraisal, criterion string) (Judgement, error) {
	j := Judgement{Criterion: criterion}
	var links string
	err := tx.QueryRow(`SELECT guid, judgement, justification, links FROM judgements WHERE appraisal = ? AND criterion = ?`,
		appraisal, criterion).Scan(&j.GUID, &j.Judgement, &j.Justification, &links)
	if err != nil && !isNoRows(err) {
		return j, fmt.Errorf("read judgement: %w", err)
	}
	j.Links = jsonList(links)
	return j, nil
}

// saveJudgement inserts or updates a judgement row and refreshes the
// appraisal's stored rating and update time.
func saveJudgement(tx *corpus.Tx, appraisal string, j Judgement) error {
	if j.GUID == "" {
		if err := schema.Judgements.Insert(tx, schema.Judgement{GUID: uuid.NewString(), Appraisal: appraisal, Criterion: j.Criterion,
			Judgement: j.Judgement, Justification: j.Justification, Links: jsonText(j.Links)}); err != nil {
			return err
		}
	} else if err := schema.Judgements.Update(tx, j.GUID, schema.JudgementCol.Judgement.To(j.Judgement),
		schema.JudgementCol.Justification.To(j.Justification), schema.JudgementCol.Links.To(jsonText(j.Links))); err != nil {
		return err
	}
	return touchAppraisal(tx, appraisal)
}

// touchAppraisal stores the rule's current rating and the update time.
func touchAppraisal(tx *corpus.Tx, appraisal string) error {
	codes, err := LoadCodes(tx)
	if err != nil {
		return err
	}
	a := Appraisal{GUID: appraisal, Judgements: map[string]Judgement{}}
	as := []Appraisal{a}
	if err := loadJudgements(tx, as); err != nil {
		return err
	}
	r := Rate(CriteriaOf(NewCodeTree(codes)), as[0].Judgements)
	return schema.Appraisals.Update(tx, appraisal, schema.AppraisalCol.Rating.To(r.Rating), schema.AppraisalCol.UpdatedAt.To(tx.Stamp()))
}

// SetJudgement records the current coder's judgement of one criterion for a
// study, with its justification, as one action; the coder's appraisal is
// created on first use. An empty judgement clears the verdict but keeps the
// justification and evidence links.
func SetJudgement(p *corpus.Project, study, criterion, judgement, justification string) error {
	jv, err := NormaliseJudgement(judgement)
	if err != nil {
		return err
	}
	return p.Do("Appraise criterion", func(tx *corpus.Tx) error {
		if _, err := txCriterion(tx, criterion); err != nil {
			return err
		}
		app, err := ensureAppraisal(tx, study)
		if err != nil {
			return err
		}
		j, err := judgementRow(tx, app, criterion)
		if err != nil {
			return err
		}
		j.Judgement, j.Justification = jv, strings.TrimSpace(justification)
		return saveJudgement(tx, app, j)
	})
}

// LinkEvidence links codings (passages of the study coded with the
// criterion's code) to the current coder's judgement of the criterion as
// supporting evidence, as one action. Links already present are kept once.
func LinkEvidence(p *corpus.Project, study, criterion string, codings ...string) error {
	return p.Do("Link evidence", func(tx *corpus.Tx) error {
		if _, err := txCriterion(tx, criterion); err != nil {
			return err
		}
		for _, c := range codings {
			var s, code string
			err := tx.QueryRow(`SELECT study, code FROM codings WHERE guid = ?`, c).Scan(&s, &code)
			if isNoRows(err) {
				return fmt.Errorf("coding %s: %w", c, corpus.ErrNotFound)
			}
			if err != nil {
				return fmt.Errorf("read coding %s: %w", c, err)
			}
			if s != study || code != criterion {
				return fmt.Errorf("coding %s: %w", c, ErrEvidence)
			}
		}
		app, err := ensureAppraisal(tx, study)
		if err != nil {
			return err
		}
		j, err := judgementRow(tx, app, criterion)
		if err != nil {
			return err
		}
		for _, c := range codings {
			if !slices.Contains(j.Links, c) {
				j.Links = append(j.Links, c)
			}
		}
		return saveJudgement(tx, app, j)
	})
}

// UnlinkEvidence removes codings from the current coder's evidence for a criterion, as one action.
func UnlinkEvidence(p *corpus.Project, study, criterion string, codings ...string) error {
	return p.Do("Unlink evidence", func(tx *corpus.Tx) error {
		app, err := ensureAppraisal(tx, study)
		if err != nil {
			return err
		}
		j, err := judgementRow(tx, app, criterion)
		if err != nil || j.GUID == "" {
			return err
		}
		j.Links = slices.DeleteFunc(j.Links, func(l string) bool { return slices.Contains(codings, l) })
		return saveJudgement(tx, app, j)
	})
}

// OverrideRating replaces the rule's overall rating of an appraisal with
// the reviewer's own, as one action; reason is required. An empty rating
// removes the override (and its reason).
func OverrideRating(p *corpus.Project, appraisal, rating, reason string) error {
	reason = strings.TrimSpace(reason)
	if strings.TrimSpace(rating) != "" {
		r, err := NormaliseRating(rating)
		if err != nil {
			return err
		}
		if reason == "" {
			return ErrOverrideReason
		}
		rating = r
	} else {
		rating, reason = "", ""
	}
	label := "Override rating"
	if rating == "" {
		label = "Remove rating override"
	}
	return p.Do(label, func(tx *corpus.Tx) error {
		return schema.Appraisals.Update(tx, appraisal, schema.AppraisalCol.Override.To(rating),
			schema.AppraisalCol.OverrideReason.To(reason), schema.AppraisalCol.UpdatedAt.To(tx.Stamp()))
	})
}
