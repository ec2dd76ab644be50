package merge

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Item is one disagreement of the reconciliation list with the lead's
// decision on it ("" while undecided).
type Item struct {
	agreement.Disagreement
	Decision  string // what the lead decided, e.g. "accepted Ann's coding"
	DecidedBy string // the lead's coder GUID
	DecidedAt string // when (RFC 3339)
}

// Items lists the disagreements (agreement.Disagreements with opts) with the
// decisions already taken, so the lead can continue where they stopped.
func Items(ctx context.Context, p *corpus.Project, opts agreement.Options) ([]Item, error) {
	ds, err := agreement.Disagreements(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	dec, err := readDecisions(p)
	if err != nil {
		return nil, err
	}
	out := make([]Item, len(ds))
	for i, d := range ds {
		out[i] = Item{Disagreement: d}
		if r, ok := dec[d.Item]; ok {
			out[i].Decision, out[i].DecidedBy, out[i].DecidedAt = r[0], r[1], r[2]
		}
	}
	return out, nil
}

// Decided returns the decisions taken so far, by item key.
func Decided(p *corpus.Project) (map[string]string, error) {
	dec, err := readDecisions(p)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(dec))
	for k, v := range dec {
		out[k] = v[0]
	}
	return out, nil
}

func readDecisions(p *corpus.Project) (map[string][3]string, error) {
	rows, err := p.DB().Query(`SELECT item, decision, decided_by, decided_at FROM reconcile`)
	if err != nil {
		return nil, fmt.Errorf("read reconciliation decisions: %w", err)
	}
	defer rows.Close()
	out := map[string][3]string{}
	for rows.Next() {
		var item string
		var v [3]string
		if err := rows.Scan(&item, &v[0], &v[1], &v[2]); err != nil {
			return nil, fmt.Errorf("read reconciliation decisions: %w", err)
		}
		out[item] = v
	}
	return out, rows.Err()
}

// MarkDecided records the lead's decision on disagreement items (keys from
// agreement.Disagreement.Item), as one action; a decision already recorded for
// an item is replaced. An empty decision is refused.
func MarkDecided(p *corpus.Project, decision string, items ...string) error {
	decision = strings.TrimSpace(decision)
	if decision == "" {
		return fmt.Errorf("mark decided: say what was decided")
	}
	return p.Do("Reconcile", func(tx *corpus.Tx) error { return markDecided(tx, decision, items) })
}

func markDecided(tx *corpus.Tx, decision string, items []string) error {
	if tx.Coder() == "" {
		return coding.ErrNoCoder
	}
	for _, item := range items {
		var guid string
		err := tx.QueryRow(`SELECT guid FROM reconcile WHERE item = ?`, item).Scan(&guid)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			err = schema.Reconcile.Insert(tx, schema.Decision{GUID: uuid.NewString(), Item: item, Decision: decision,
				DecidedBy: tx.Coder(), DecidedAt: tx.Stamp()})
		case err == nil:
			dc := schema.DecisionCol
			err = schema.Reconcile.Update(tx, guid, dc.Decision.To(decision), dc.DecidedBy.To(tx.Coder()), dc.DecidedAt.To(tx.Stamp()))
		}
		if err != nil {
			return fmt.Errorf("mark %s decided: %w", item, err)
		}
	}
	return nil
}

// overlapping returns the passage items of a study and code that overlap [start, end).
func overlapping(ctx context.Context, p *corpus.Project, study, code string, start, end int) ([]string, error) {
	ds, err := agreement.Disagreements(ctx, p, agreement.Options{Study: study, Code: code})
	if err != nil && !errors.Is(err, corpus.ErrNotFound) {
		return nil, err
	}
	var out []string
	for _, d := range ds {
		if d.Kind == agreement.DisagreePassage && d.Code == code && d.Start < end && d.End > start {
			out = append(out, d.Item)
		}
	}
	return out, nil
}

// consensusCoding adds the lead's consensus coding of [start, end) (or
// returns the one already there) inside an action.
func consensusCoding(tx *corpus.Tx, study, code string, start, end int) (coding.Coding, error) {
	if tx.Coder() == "" {
		return coding.Coding{}, coding.ErrNoCoder
	}
	var textLen, codes int
	var quote string
	err := tx.QueryRow(`SELECT text_len, substr(text, ?, ?), (SELECT COUNT(*) FROM codes WHERE guid = ?) FROM studies WHERE guid = ?`,
		start+1, end-start, code, study).Scan(&textLen, &quote, &codes)
	if errors.Is(err, sql.ErrNoRows) {
		return coding.Coding{}, fmt.Errorf("study %s: %w", study, corpus.ErrNotFound)
	}
	if err != nil {
		return coding.Coding{}, err
	}
	if codes == 0 {
		return coding.Coding{}, fmt.Errorf("code %s: %w", code, corpus.ErrNotFound)
	}
	if start < 0 || end <= start || end > textLen {
		return coding.Coding{}, fmt.Errorf("range %d:%d, text has %d characters: %w", start, end, textLen, coding.ErrCodingRange)
	}
	c := coding.Coding{Study: study, Code: code, Start: start, End: end, Quote: quote, Coder: tx.Coder(), Consensus: true}
	err = tx.QueryRow(`SELECT guid FROM codings WHERE study = ? AND code = ? AND start = ? AND "end" = ? AND consensus = 1`,
		study, code, start, end).Scan(&c.GUID)
	if err == nil {
		return c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return c, err
	}
	c.GUID = uuid.NewString()
	at := tx.Stamp()
	if err := schema.Codings.Insert(tx, schema.Coding{GUID: c.GUID, Study: study, Code: code, Start: start, End: end,
		Quote: quote, Coder: c.Coder, CreatedAt: at, Consensus: true}); err != nil {
		return c, err
	}
	tx.Touch(study)
	return c, nil
}

// AcceptCoding accepts reviewers' codings as the team's version: each gets
// a consensus copy (same study, code and passage; Consensus true; the
// current coder, the lead, as author) while the reviewers' originals stay.
// The passage disagreements the accepted codings overlap are marked decided.
// It is one action; accepting the same coding twice adds nothing.
func AcceptCoding(p *corpus.Project, codingGUIDs ...string) ([]coding.Coding, error) {
	type target struct {
		c     coding.Coding
		items []string
	}
	var targets []target
	for _, g := range codingGUIDs {
		c, err := coding.GetCoding(p, strings.TrimSpace(g))
		if err != nil {
			return nil, err
		}
		items, err := overlapping(context.Background(), p, c.Study, c.Code, c.Start, c.End)
		if err != nil {
			return nil, err
		}
		targets = append(targets, target{c, items})
	}
	names := map[string]string{}
	if cs, err := p.Coders(); err == nil {
		for _, c := range cs {
			names[c.GUID] = c.Name
		}
	}
	var out []coding.Coding
	err := p.Do("Accept coding", func(tx *corpus.Tx) error {
		out = out[:0]
		for _, t := range targets {
			c, err := consensusCoding(tx, t.c.Study, t.c.Code, t.c.Start, t.c.End)
			if err != nil {
				return err
			}
			who := names[t.c.Coder]
			if who == "" {
				who = t.c.Coder
			}
			if err := markDecided(tx, fmt.Sprintf("accepted %s's coding %d-%d", who, t.c.Start, t.c.End), t.items); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AcceptSpan records an edited passage [start, end) of a study as the
// team's consensus coding with a code (the current coder, the lead, as
// author) and marks the passage disagreements it overlaps as decided, as one action.
func AcceptSpan(p *corpus.Project, study, code string, start, end int) (coding.Coding, error) {
	items, err := overlapping(context.Background(), p, study, code, start, end)
	if err != nil {
		return coding.Coding{}, err
	}
	var c coding.Coding
	err = p.Do("Accept passage", func(tx *corpus.Tx) error {
		var err error
		if c, err = consensusCoding(tx, study, code, start, end); err != nil {
			return err
		}
		return markDecided(tx, fmt.Sprintf("accepted edited passage %d-%d", start, end), items)
	})
	return c, err
}

// ConsensusAppraisal stores the team's consensus appraisal of a study
// (judgements by criterion GUID; appraisals.consensus = 1, the lead as
// author; it replaces an earlier consensus appraisal) with
// coding.SaveConsensusAppraisal, then marks the study's appraisal
// disagreements on those criteria decided. That is two actions: undo takes
// back the marks first, then the appraisal.
func ConsensusAppraisal(p *corpus.Project, study string, judgements map[string]coding.Judgement) (string, error) {
	a := coding.Appraisal{Study: study, Judgements: map[string]coding.Judgement{}}
	items := make([]string, 0, len(judgements))
	for crit, j := range judgements {
		j.Criterion = crit
		a.Judgements[crit] = j
		items = append(items, agreement.AppraisalItem(study, crit))
	}
	guid, err := coding.SaveConsensusAppraisal(p, a)
	if err != nil {
		return "", err
	}
	if len(items) > 0 {
		if err := MarkDecided(p, "consensus appraisal", items...); err != nil {
			return guid, err
		}
	}
	return guid, nil
}
