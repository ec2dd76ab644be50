package coding

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/google/uuid"
)

// Conditions of review status a user can fix.
var (
	// ErrUnknownStatus means a review status is not one of corpus.Statuses.
	ErrUnknownStatus = errors.New("unknown review status")
	// ErrExclusionReason means an exclusion has no reason, or one that is not
	// on the lead's list of exclusion reasons.
	ErrExclusionReason = errors.New("an excluded study needs a reason from the list of exclusion reasons")
	// ErrReasonInUse means an exclusion reason cannot be removed while studies are excluded for it.
	ErrReasonInUse = errors.New("studies are excluded for this reason")
	// ErrReasonExists means an exclusion reason with that name is already on the list.
	ErrReasonExists = errors.New("that exclusion reason is already on the list")
)

// Reportable reports whether studies with this review status count in
// reports, matrices and briefs: included, coding, appraised and reconciled
// do; to screen and excluded do not.
func Reportable(status string) bool {
	switch status {
	case corpus.StatusIncluded, corpus.StatusCoding, corpus.StatusAppraised, corpus.StatusReconciled:
		return true
	}
	return false
}

// NormaliseStatus returns the canonical status for s (case and spaces
// ignored, "to-screen"/"toscreen" accepted) or ErrUnknownStatus.
func NormaliseStatus(s string) (string, error) {
	k := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " "))
	if k == "toscreen" {
		k = corpus.StatusToScreen
	}
	if slices.Contains(corpus.Statuses, k) {
		return k, nil
	}
	return "", fmt.Errorf("%w %q (use one of %s)", ErrUnknownStatus, s, strings.Join(corpus.Statuses, ", "))
}

// ExclusionReason is one entry of the lead's list of reasons for excluding a study.
type ExclusionReason struct {
	GUID     string // identity
	Name     string // the reason as shown and stored on excluded studies
	Position int    // order in the list
	Studies  int    // studies currently excluded for it
}

// ExclusionReasons returns the list of exclusion reasons in order, with how
// many studies each currently excludes.
func ExclusionReasons(p *corpus.Project) ([]ExclusionReason, error) {
	rows, err := p.DB().Query(`SELECT r.guid, r.name, r.position,
		(SELECT COUNT(*) FROM studies s WHERE s.status = 'excluded' AND s.exclusion_reason = r.name)
		FROM exclusion_reasons r ORDER BY r.position, r.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("read exclusion reasons: %w", err)
	}
	defer rows.Close()
	var out []ExclusionReason
	for rows.Next() {
		var r ExclusionReason
		if err := rows.Scan(&r.GUID, &r.Name, &r.Position, &r.Studies); err != nil {
			return nil, fmt.Errorf("read exclusion reasons: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddExclusionReason appends a reason to the list and returns its GUID.
func AddExclusionReason(p *corpus.Project, name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "", fmt.Errorf("%w: the reason is empty", ErrExclusionReason)
	}
	guid := uuid.NewString()
	err := p.Do("Add exclusion reason "+name, func(tx *corpus.Tx) error {
		if _, found, err := findReason(tx, name); err != nil {
			return err
		} else if found {
			return fmt.Errorf("%q: %w", name, ErrReasonExists)
		}
		var pos int
		if err := tx.QueryRow(`SELECT COALESCE(MAX(position) + 1, 0) FROM exclusion_reasons`).Scan(&pos); err != nil {
			return err
		}
		return schema.ExclusionReasons.Insert(tx, schema.ExclusionReason{GUID: guid, Name: name, Position: pos})
	})
	if err != nil {
		return "", err
	}
	return guid, nil
}

// RemoveExclusionReason removes a reason (by GUID or name, ignoring case)
// from the list. It refuses with ErrReasonInUse while studies are excluded
// for it, so no exclusion loses its recorded reason.
func RemoveExclusionReason(p *corpus.Project, ref string) error {
	return p.Do("Remove exclusion reason", func(tx *corpus.Tx) error {
		r, found, err := findReason(tx, ref)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("exclusion reason %q: %w", ref, corpus.ErrNotFound)
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM studies WHERE status = 'excluded' AND exclusion_reason = ?`, r.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%q: %d %w; give them another reason first", r.Name, n, ErrReasonInUse)
		}
		return schema.ExclusionReasons.Delete(tx, r.GUID)
	})
}

// findReason looks a reason up by GUID or by name (case-insensitive).
func findReason(tx *corpus.Tx, ref string) (ExclusionReason, bool, error) {
	ref = strings.Join(strings.Fields(ref), " ")
	var r ExclusionReason
	err := tx.QueryRow(`SELECT guid, name, position FROM exclusion_reasons WHERE guid = ? OR name = ? COLLATE NOCASE
		ORDER BY guid = ? DESC LIMIT 1`, ref, ref, ref).Scan(&r.GUID, &r.Name, &r.Position)
	if isNoRows(err) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("read exclusion reasons: %w", err)
	}
	return r, true, nil
}

// SetStatus moves studies to a review status as one action. Excluding needs
// a reason from ExclusionReasons (matched ignoring case, stored with the
// list's spelling); for any other status the reason is ignored and cleared.
func SetStatus(p *corpus.Project, studies []string, status, reason string) error {
	st, err := NormaliseStatus(status)
	if err != nil {
		return err
	}
	if len(studies) == 0 {
		return nil
	}
	label := fmt.Sprintf("Mark %d studies %s", len(studies), st)
	if len(studies) == 1 {
		label = "Mark study " + st
	}
	return p.Do(label, func(tx *corpus.Tx) error {
		stored := ""
		if st == corpus.StatusExcluded {
			r, found, err := findReason(tx, reason)
			if err != nil {
				return err
			}
			if !found {
				names, _ := reasonNames(tx)
				if len(names) == 0 {
					return fmt.Errorf("%w: the list is empty, add exclusion reasons first", ErrExclusionReason)
				}
				if strings.TrimSpace(reason) == "" {
					return fmt.Errorf("%w (%s)", ErrExclusionReason, strings.Join(names, "; "))
				}
				return fmt.Errorf("%w: %q is not on it (%s)", ErrExclusionReason, reason, strings.Join(names, "; "))
			}
			stored = r.Name
		}
		for _, s := range studies {
			if err := tx.SetStatus(s, st, stored); err != nil {
				return fmt.Errorf("set status of study %s: %w", s, err)
			}
		}
		return nil
	})
}

func reasonNames(tx *corpus.Tx) ([]string, error) {
	return corpus.QueryStrings(tx, `SELECT name FROM exclusion_reasons ORDER BY position, name`)
}

// StudyFilter selects studies for the study list, queries and reports. Zero
// fields do not filter; all given fields must match.
type StudyFilter struct {
	Status     []string // any of these statuses
	Reportable bool     // only studies that count in reports (see Reportable)
	Country    string   // has this country (case-insensitive)
	Sector     string   // has this sector (case-insensitive)
	Method     string   // this method (case-insensitive)
	Language   string   // this language (case-insensitive)
	PubType    string   // this publication type (case-insensitive)
	YearFrom   int      // published in or after this year
	YearTo     int      // published in or before this year
	Text       string   // every word occurs in the title, authors, publisher, population or file name
}

// Match reports whether a study passes the filter.
func (f StudyFilter) Match(s corpus.Study) bool {
	eq := func(want, have string) bool { return want == "" || strings.EqualFold(strings.TrimSpace(want), have) }
	has := func(want string, list []string) bool {
		return want == "" || slices.ContainsFunc(list, func(v string) bool { return strings.EqualFold(v, strings.TrimSpace(want)) })
	}
	if len(f.Status) > 0 && !slices.ContainsFunc(f.Status, func(v string) bool { return strings.EqualFold(v, s.Status) }) {
		return false
	}
	if f.Reportable && !Reportable(s.Status) {
		return false
	}
	if !has(f.Country, s.Countries) || !has(f.Sector, s.Sectors) || !eq(f.Method, s.Method) ||
		!eq(f.Language, s.Language) || !eq(f.PubType, s.PubType) {
		return false
	}
	if (f.YearFrom != 0 && s.Year < f.YearFrom) || (f.YearTo != 0 && s.Year > f.YearTo) {
		return false
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		hay := strings.ToLower(strings.Join([]string{s.Title, strings.Join(names.Fulls(s.Authors), " "), s.Publisher, s.Population, s.FileName}, " "))
		for _, w := range strings.Fields(strings.ToLower(t)) {
			if !strings.Contains(hay, w) {
				return false
			}
		}
	}
	return true
}

// IsZero reports whether the filter selects every study.
func (f StudyFilter) IsZero() bool {
	return len(f.Status) == 0 && !f.Reportable && f.Country == "" && f.Sector == "" && f.Method == "" &&
		f.Language == "" && f.PubType == "" && f.YearFrom == 0 && f.YearTo == 0 && strings.TrimSpace(f.Text) == ""
}

// FilterStudies returns the studies that pass the filter, in their order.
func FilterStudies(studies []corpus.Study, f StudyFilter) []corpus.Study {
	out := make([]corpus.Study, 0, len(studies))
	for _, s := range studies {
		if f.Match(s) {
			out = append(out, s)
		}
	}
	return out
}
