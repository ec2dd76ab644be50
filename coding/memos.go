package coding

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Kinds of memo targets.
const (
	MemoStudy  = "study"  // a memo on a study
	MemoCode   = "code"   // a memo on a code
	MemoCoding = "coding" // a memo on a coded passage
	MemoArea   = "area"   // a memo on a coded area of a page (the area's own note)
	// MemoKeyFindings is the key findings an author writes for a brief; its
	// target is the brief's scope ("" for the whole review).
	MemoKeyFindings = "key-findings"
	// MemoRecommendations is the recommendations an author writes for a
	// brief; its target is the brief's scope ("" for the whole review).
	MemoRecommendations = "recommendations"
)

// ErrMemoKind means a memo target kind is not one of the kinds above.
var ErrMemoKind = errors.New("a memo is written on a study, a code, a coding or a coded area, or holds a brief's key findings or recommendations")

// IsBriefMemo reports whether memos of this kind are texts of a brief (key
// findings, recommendations) rather than notes on a study, code or coding.
func IsBriefMemo(kind string) bool { return kind == MemoKeyFindings || kind == MemoRecommendations }

// memoTable returns the table holding targets of a memo kind ("" for the
// brief kinds, whose targets are scopes).
func memoTable(kind string) (string, error) {
	switch kind {
	case MemoStudy:
		return "studies", nil
	case MemoCode:
		return "codes", nil
	case MemoCoding:
		return "codings", nil
	case MemoArea:
		return "areas", nil
	case MemoKeyFindings, MemoRecommendations:
		return "", nil
	}
	return "", fmt.Errorf("memo kind %q: %w", kind, ErrMemoKind)
}

// SetMemo saves the current coder's memo on a study, code or coding, as one
// action; empty text deletes it. Each coder has one memo per study or code.
// A coding's memo is the coding's own note (Coding.Memo, as SetCodingMemo
// sets it), so there is exactly one per coding. A brief's key findings and
// recommendations (MemoKeyFindings, MemoRecommendations, target = the
// brief's scope) are the review's, not one coder's: there is one per kind
// and scope, and the coder who saved it last is recorded.
func SetMemo(p *corpus.Project, kind, target, text string) error {
	table, err := memoTable(kind)
	if err != nil {
		return err
	}
	switch kind {
	case MemoCoding:
		return SetCodingMemo(p, target, text)
	case MemoArea:
		return SetAreaMemo(p, target, text)
	}
	text = strings.TrimSpace(text)
	shared := IsBriefMemo(kind)
	label := "Edit " + kind + " memo"
	if shared {
		target = strings.TrimSpace(target)
		label = "Edit the brief's " + strings.ReplaceAll(kind, "-", " ")
	}
	return p.Do(label, func(tx *corpus.Tx) error {
		if !shared {
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM `+table+` WHERE guid = ?`, target).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("%s %s: %w", kind, target, corpus.ErrNotFound)
			}
		}
		coder := tx.Coder()
		if coder == "" {
			return ErrNoCoder
		}
		var guid string
		q, args := `SELECT guid FROM memos WHERE target_kind = ? AND target = ? AND coder = ? ORDER BY created_at LIMIT 1`, []any{kind, target, coder}
		if shared {
			q, args = `SELECT guid FROM memos WHERE target_kind = ? AND target = ? ORDER BY created_at LIMIT 1`, []any{kind, target}
		}
		err := tx.QueryRow(q, args...).Scan(&guid)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if text == "" {
				return nil
			}
			now := tx.Stamp()
			return schema.Memos.Insert(tx, schema.Memo{GUID: uuid.NewString(), TargetKind: kind, Target: target,
				Coder: coder, Text: text, CreatedAt: now, UpdatedAt: now})
		case err != nil:
			return err
		case text == "":
			return schema.Memos.Delete(tx, guid)
		}
		var old string
		if err := tx.QueryRow(`SELECT text FROM memos WHERE guid = ?`, guid).Scan(&old); err != nil {
			return err
		}
		if old == text {
			return nil
		}
		if shared {
			return schema.Memos.Update(tx, guid, schema.MemoCol.Text.To(text), schema.MemoCol.Coder.To(coder), schema.MemoCol.UpdatedAt.To(tx.Stamp()))
		}
		return schema.Memos.Update(tx, guid, schema.MemoCol.Text.To(text), schema.MemoCol.UpdatedAt.To(tx.Stamp()))
	})
}

const memoSelect = `SELECT guid, target_kind, target, coder, text, created_at, updated_at FROM memos`

// codingMemoSelect presents codings' own notes as memos (the coding's GUID
// is the memo's).
const codingMemoSelect = `SELECT guid, 'coding', guid, coder, memo, created_at, created_at FROM codings WHERE memo <> ''`

// areaMemoSelect presents area codings' own notes as memos (the area's
// GUID is the memo's).
const areaMemoSelect = `SELECT guid, 'area', guid, coder, memo, created_at, created_at FROM areas WHERE memo <> ''`

func scanMemos(rows *sql.Rows) ([]Memo, error) {
	defer rows.Close()
	var out []Memo
	for rows.Next() {
		var m Memo
		var c, u string
		if err := rows.Scan(&m.GUID, &m.TargetKind, &m.Target, &m.Coder, &m.Text, &c, &u); err != nil {
			return nil, fmt.Errorf("read memos: %w", err)
		}
		m.CreatedAt, _ = time.Parse(time.RFC3339Nano, c)
		m.UpdatedAt, _ = time.Parse(time.RFC3339Nano, u)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Memos lists every coder's memos on a target, oldest first. For a coding
// that is its own note (Coding.Memo) followed by any memos imported for it.
func Memos(p *corpus.Project, kind, target string) ([]Memo, error) {
	if _, err := memoTable(kind); err != nil {
		return nil, err
	}
	var rows *sql.Rows
	var err error
	switch kind {
	case MemoCoding:
		// The coding's own note first, then notes other tools attached to it.
		rows, err = p.DB().Query(codingMemoSelect+` AND guid = ? UNION ALL `+memoSelect+
			` WHERE target_kind = 'coding' AND target = ?`, target, target)
	case MemoArea:
		rows, err = p.DB().Query(areaMemoSelect+` AND guid = ?`, target)
	default:
		rows, err = p.DB().Query(memoSelect+` WHERE target_kind = ? AND target = ? ORDER BY created_at, guid`, kind, target)
	}
	if err != nil {
		return nil, fmt.Errorf("read memos: %w", err)
	}
	return scanMemos(rows)
}

// AllMemos lists the memos on studies and codes and the codings' own notes
// (as memos on their codings), oldest first.
func AllMemos(p *corpus.Project) ([]Memo, error) {
	rows, err := p.DB().Query(memoSelect + ` UNION ALL ` + codingMemoSelect + ` ORDER BY 7, 1`)
	if err != nil {
		return nil, fmt.Errorf("read memos: %w", err)
	}
	return scanMemos(rows)
}

// SearchMemos returns the memos (on studies, codes, codings and coded
// areas) whose text contains query, ignoring case, newest change first. An
// empty query lists every memo.
func SearchMemos(p *corpus.Project, query string) ([]Memo, error) {
	rows, err := p.DB().Query(memoSelect + ` UNION ALL ` + codingMemoSelect + ` UNION ALL ` + areaMemoSelect)
	if err != nil {
		return nil, fmt.Errorf("search memos: %w", err)
	}
	all, err := scanMemos(rows)
	if err != nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(query))
	var out []Memo
	for _, m := range all {
		if strings.Contains(strings.ToLower(m.Text), q) {
			out = append(out, m)
		}
	}
	sortMemos(out)
	return out, nil
}

func sortMemos(ms []Memo) {
	// Newest change first; ties by GUID for a stable order.
	sort.Slice(ms, func(i, j int) bool {
		if !ms[i].UpdatedAt.Equal(ms[j].UpdatedAt) {
			return ms[i].UpdatedAt.After(ms[j].UpdatedAt)
		}
		return ms[i].GUID < ms[j].GUID
	})
}
