package coding

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Levels of confidence in a finding (GRADE-CERQual), highest first.
const (
	ConfidenceHigh     = "high"
	ConfidenceModerate = "moderate"
	ConfidenceLow      = "low"
	ConfidenceVeryLow  = "very low"
)

// ConfidenceLevels lists the levels of confidence in a finding, highest first.
var ConfidenceLevels = []string{ConfidenceHigh, ConfidenceModerate, ConfidenceLow, ConfidenceVeryLow}

// Concerns about one component of confidence (methodological limitations,
// coherence, adequacy, relevance), least first, as GRADE-CERQual words them.
const (
	ConcernNone     = "no or very minor"
	ConcernMinor    = "minor"
	ConcernModerate = "moderate"
	ConcernSerious  = "serious"
)

// Concerns lists the levels of concern about a component, least first.
var Concerns = []string{ConcernNone, ConcernMinor, ConcernModerate, ConcernSerious}

// Conditions of confidence judgements a user can fix.
var (
	// ErrConfidenceLevel means a level is not high, moderate, low or very low.
	ErrConfidenceLevel = errors.New("confidence is high, moderate, low or very low")
	// ErrConcern means a component's concern is not none, minor, moderate or serious.
	ErrConcern = errors.New("a concern is none, minor, moderate or serious")
	// ErrNotATheme means confidence was judged for a code that is not a theme.
	ErrNotATheme = errors.New("confidence is judged for theme codes (findings) only")
	// ErrNoExplanation means a judgement was recorded without saying why.
	ErrNoExplanation = errors.New("say why: a confidence judgement needs an explanation")
)

// NormaliseConfidence returns the canonical level for s ("Moderate",
// "very-low", "verylow" are accepted) or ErrConfidenceLevel.
func NormaliseConfidence(s string) (string, error) {
	k := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " "))
	if k == "verylow" {
		k = ConfidenceVeryLow
	}
	for _, l := range ConfidenceLevels {
		if k == l {
			return l, nil
		}
	}
	return "", fmt.Errorf("%q: %w", s, ErrConfidenceLevel)
}

// NormaliseConcern returns the canonical concern for s: "none", "no",
// "no or very minor", "minor", "moderate", "serious"; "" stays "" (left to
// the automatic summary).
func NormaliseConcern(s string) (string, error) {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "":
		return "", nil
	case "none", "no", "no concerns", "very minor", "no or very minor":
		return ConcernNone, nil
	case "minor":
		return ConcernMinor, nil
	case "moderate":
		return ConcernModerate, nil
	case "serious":
		return ConcernSerious, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrConcern)
}

// Confidence is the review's recorded judgement of its confidence in one
// finding (a theme code), for the whole review (Scope "") or one brief
// scope (see the brief package's ScopeKey).
type Confidence struct {
	GUID        string
	Theme       string // the theme code's GUID
	Scope       string // "" for the whole review
	Level       string // ConfidenceHigh ... ConfidenceVeryLow
	Explanation string // why, as the reviewer wrote it
	// Limitations, Coherence, Adequacy and Relevance are the reviewer's
	// concerns about each component (see Concerns); "" leaves a component
	// to the automatic summary.
	Limitations, Coherence, Adequacy, Relevance string
	Coder                                       string // GUID of the reviewer who recorded it last
	UpdatedAt                                   time.Time
}

// SetConfidence records the review's confidence in a finding as one
// undoable action, replacing an earlier judgement of the same theme and
// scope. The level and every concern are normalised; the explanation is
// required.
func SetConfidence(p *corpus.Project, c Confidence) error {
	level, err := NormaliseConfidence(c.Level)
	if err != nil {
		return err
	}
	concerns := []*string{&c.Limitations, &c.Coherence, &c.Adequacy, &c.Relevance}
	for _, v := range concerns {
		if *v, err = NormaliseConcern(*v); err != nil {
			return err
		}
	}
	why := strings.TrimSpace(c.Explanation)
	if why == "" {
		return ErrNoExplanation
	}
	scope := strings.TrimSpace(c.Scope)
	t, err := LoadCodeTree(p)
	if err != nil {
		return err
	}
	code, ok := t.Get(c.Theme)
	if !ok {
		return fmt.Errorf("code %s: %w", c.Theme, corpus.ErrNotFound)
	}
	if code.Kind != KindTheme {
		return fmt.Errorf("%s: %w", code.Name, ErrNotATheme)
	}
	return p.Do(fmt.Sprintf("Judge confidence in %s (%s)", code.Name, level), func(tx *corpus.Tx) error {
		coder := tx.Coder()
		if coder == "" {
			return ErrNoCoder
		}
		now := tx.Stamp()
		var guid string
		err := tx.QueryRow(`SELECT guid FROM confidence WHERE theme = ? AND scope = ?`, c.Theme, scope).Scan(&guid)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return schema.Confidences.Insert(tx, schema.Confidence{GUID: uuid.NewString(), Theme: c.Theme, Scope: scope,
				Level: level, Explanation: why, Limitations: c.Limitations, Coherence: c.Coherence,
				Adequacy: c.Adequacy, Relevance: c.Relevance, Coder: coder, CreatedAt: now, UpdatedAt: now})
		case err != nil:
			return err
		}
		col := schema.ConfidenceCol
		return schema.Confidences.Update(tx, guid, col.Level.To(level), col.Explanation.To(why),
			col.Limitations.To(c.Limitations), col.Coherence.To(c.Coherence), col.Adequacy.To(c.Adequacy),
			col.Relevance.To(c.Relevance), col.Coder.To(coder), col.UpdatedAt.To(now))
	})
}

// ClearConfidence removes the judgement of a theme in a scope as one
// undoable action; it is corpus.ErrNotFound when there is none.
func ClearConfidence(p *corpus.Project, theme, scope string) error {
	return p.Do("Clear confidence judgement", func(tx *corpus.Tx) error {
		var guid string
		err := tx.QueryRow(`SELECT guid FROM confidence WHERE theme = ? AND scope = ?`, theme, strings.TrimSpace(scope)).Scan(&guid)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("confidence judgement of %s: %w", theme, corpus.ErrNotFound)
		}
		if err != nil {
			return err
		}
		return schema.Confidences.Delete(tx, guid)
	})
}

// Confidences lists every recorded confidence judgement, by theme and scope.
func Confidences(p *corpus.Project) ([]Confidence, error) {
	rows, err := p.DB().Query(`SELECT guid, theme, scope, level, explanation, limitations, coherence, adequacy,
		relevance, coder, updated_at FROM confidence ORDER BY theme, scope`)
	if err != nil {
		return nil, fmt.Errorf("read confidence judgements: %w", err)
	}
	defer rows.Close()
	var out []Confidence
	for rows.Next() {
		var c Confidence
		var at string
		if err := rows.Scan(&c.GUID, &c.Theme, &c.Scope, &c.Level, &c.Explanation, &c.Limitations, &c.Coherence,
			&c.Adequacy, &c.Relevance, &c.Coder, &at); err != nil {
			return nil, fmt.Errorf("read confidence judgements: %w", err)
		}
		c.UpdatedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// mergeConfidence moves from's confidence judgements to into where into has
// none for the same scope, and drops the rest (into's judgement stands).
func mergeConfidence(tx *corpus.Tx, from, into string) error {
	rows, err := tx.Query(`SELECT f.guid, EXISTS (SELECT 1 FROM confidence i WHERE i.theme = ? AND i.scope = f.scope)
		FROM confidence f WHERE f.theme = ?`, into, from)
	if err != nil {
		return fmt.Errorf("merge confidence judgements: %w", err)
	}
	type move struct {
		guid  string
		taken bool
	}
	var moves []move
	for rows.Next() {
		var m move
		if err := rows.Scan(&m.guid, &m.taken); err != nil {
			rows.Close()
			return fmt.Errorf("merge confidence judgements: %w", err)
		}
		moves = append(moves, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("merge confidence judgements: %w", err)
	}
	for _, m := range moves {
		if m.taken {
			err = schema.Confidences.Delete(tx, m.guid)
		} else {
			err = schema.Confidences.Update(tx, m.guid, schema.ConfidenceCol.Theme.To(into))
		}
		if err != nil {
			return err
		}
	}
	return nil
}
