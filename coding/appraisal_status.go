package coding

import (
	"fmt"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Appraisal progress of one reviewer on one study.
const (
	ProgressNone       = "none"        // no criterion judged
	ProgressInProgress = "in progress" // some criteria judged
	ProgressComplete   = "complete"    // every criterion judged
)

// AppraisalStatus is the appraisal state of one study for the study list.
type AppraisalStatus struct {
	ByCoder   map[string]string // reviewer GUID -> ProgressNone, ProgressInProgress or ProgressComplete
	Reviewers int               // reviewers who judged at least one criterion
	Complete  int               // reviewers who judged every criterion
	Consensus string            // progress of the consensus appraisal (ProgressNone when there is none)
}

// AppraisalStatuses returns, in one query, the appraisal state of every
// study that has an appraisal (studies absent from the map have none).
// Only judgements of current criteria count.
func AppraisalStatuses(p *corpus.Project) (map[string]AppraisalStatus, error) {
	rows, err := p.DB().Query(`WITH crit AS (
			SELECT c.guid FROM codes c WHERE c.kind = 'rigor'
			AND NOT EXISTS (SELECT 1 FROM codes k WHERE k.parent = c.guid))
		SELECT a.study, a.coder, a.consensus,
			(SELECT COUNT(*) FROM judgements j WHERE j.appraisal = a.guid AND j.judgement <> ''
				AND j.criterion IN (SELECT guid FROM crit)),
			(SELECT COUNT(*) FROM crit)
		FROM appraisals a`)
	if err != nil {
		return nil, fmt.Errorf("read appraisal status: %w", err)
	}
	defer rows.Close()
	out := map[string]AppraisalStatus{}
	for rows.Next() {
		var study, coder string
		var cons, judged, total int
		if err := rows.Scan(&study, &coder, &cons, &judged, &total); err != nil {
			return nil, fmt.Errorf("read appraisal status: %w", err)
		}
		st, ok := out[study]
		if !ok {
			st = AppraisalStatus{ByCoder: map[string]string{}, Consensus: ProgressNone}
		}
		prog := progress(judged, total)
		if cons == 1 {
			st.Consensus = maxProgress(st.Consensus, prog)
		} else {
			prev, seen := st.ByCoder[coder]
			if seen {
				prog = maxProgress(prev, prog)
			}
			st.ByCoder[coder] = prog
		}
		out[study] = st
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, st := range out {
		st.Reviewers, st.Complete = 0, 0
		for _, pr := range st.ByCoder {
			if pr != ProgressNone {
				st.Reviewers++
			}
			if pr == ProgressComplete {
				st.Complete++
			}
		}
		out[k] = st
	}
	return out, nil
}

func progress(judged, total int) string {
	switch {
	case judged == 0:
		return ProgressNone
	case judged >= total:
		return ProgressComplete
	}
	return ProgressInProgress
}

func maxProgress(a, b string) string {
	rank := map[string]int{ProgressNone: 0, ProgressInProgress: 1, ProgressComplete: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// SaveConsensusAppraisal stores the team's reconciled appraisal of a.Study
// as one action, replacing any earlier consensus appraisal of that study:
// its judgements (by criterion GUID; codes that are not criteria are
// refused), and an optional override with its reason. The current coder (the
// lead) is recorded as its author. It returns the appraisal's GUID.
func SaveConsensusAppraisal(p *corpus.Project, a Appraisal) (string, error) {
	if a.Override != "" {
		r, err := NormaliseRating(a.Override)
		if err != nil {
			return "", err
		}
		a.Override = r
		if strings.TrimSpace(a.OverrideReason) == "" {
			return "", ErrOverrideReason
		}
	} else {
		a.OverrideReason = ""
	}
	crits := make([]string, 0, len(a.Judgements))
	for k, j := range a.Judgements {
		v, err := NormaliseJudgement(j.Judgement)
		if err != nil {
			return "", err
		}
		j.Judgement, j.Criterion = v, k
		a.Judgements[k] = j
		crits = append(crits, k)
	}
	sort.Strings(crits)
	guid := uuid.NewString()
	err := p.Do("Save consensus appraisal", func(tx *corpus.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM studies WHERE guid = ?`, a.Study).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("study %s: %w", a.Study, corpus.ErrNotFound)
		}
		for _, c := range crits {
			if _, err := txCriterion(tx, c); err != nil {
				return err
			}
		}
		old, err := corpus.QueryStrings(tx, `SELECT guid FROM appraisals WHERE study = ? AND consensus = 1`, a.Study)
		if err != nil {
			return err
		}
		for _, o := range old {
			js, err := corpus.QueryStrings(tx, `SELECT guid FROM judgements WHERE appraisal = ?`, o)
			if err != nil {
				return err
			}
			for _, j := range js {
				if err := schema.Judgements.Delete(tx, j); err != nil {
					return err
				}
			}
			if err := schema.Appraisals.Delete(tx, o); err != nil {
				return err
			}
		}
		now := tx.Stamp()
		if err := schema.Appraisals.Insert(tx, schema.Appraisal{GUID: guid, Study: a.Study, Coder: tx.Coder(), Consensus: true,
			Override: a.Override, OverrideReason: strings.TrimSpace(a.OverrideReason), CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		for _, c := range crits {
			j := a.Judgements[c]
			if err := schema.Judgements.Insert(tx, schema.Judgement{GUID: uuid.NewString(), Appraisal: guid, Criterion: c,
				Judgement: j.Judgement, Justification: strings.TrimSpace(j.Justification), Links: jsonText(j.Links)}); err != nil {
				return err
			}
		}
		return touchAppraisal(tx, guid)
	})
	if err != nil {
		return "", err
	}
	return guid, nil
}
