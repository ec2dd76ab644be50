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

// Conditions of coding a user can fix.
var (
	// ErrCodingRange means a range is empty, reversed or outside the study's text.
	ErrCodingRange = errors.New("the passage is outside the study's text")
	// ErrDuplicateCoding means the same coder already applied the code to exactly that passage.
	ErrDuplicateCoding = errors.New("this passage already has that code")
	// ErrNoCoder means no coder is set, so a coding would have no author.
	ErrNoCoder = errors.New("say who is coding first (set a coder name)")
)

// codingCols are the columns of table codings in the order scanCoding reads them.
const codingCols = `guid, study, code, start, "end", quote, coder, created_at, memo, consensus`

func scanCoding(r interface{ Scan(...any) error }) (Coding, error) {
	var c Coding
	var at string
	var cons int64
	err := r.Scan(&c.GUID, &c.Study, &c.Code, &c.Start, &c.End, &c.Quote, &c.Coder, &at, &c.Memo, &cons)
	c.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
	c.Consensus = cons != 0
	return c, err
}

// ApplyCode codes the passage [start, end) (code points) of a study with a
// code, as one action, and returns the new coding. The range is checked
// against the study's text, whose passage is stored as the quote; the
// current coder and the time are recorded. Overlapping codings are allowed,
// but the same code on exactly the same range by the same coder fails with
// ErrDuplicateCoding.
func ApplyCode(p *corpus.Project, study, code string, start, end int, memo string) (Coding, error) {
	var c Coding
	err := p.Do("Code passage", func(tx *corpus.Tx) error {
		var err error
		c, err = applyCode(tx, study, code, start, end, memo)
		return err
	})
	if err != nil {
		return Coding{}, err
	}
	return c, nil
}

// applyCode is ApplyCode inside an action. It reads only the passage itself
// (SQL substr counts code points), never the whole text.
func applyCode(tx *corpus.Tx, study, code string, start, end int, memo string) (Coding, error) {
	coder := tx.Coder()
	if coder == "" {
		return Coding{}, ErrNoCoder
	}
	if start < 0 || end <= start {
		return Coding{}, fmt.Errorf("range %d:%d: %w", start, end, ErrCodingRange)
	}
	var textLen int
	var quote string
	var dup, codeOK int
	err := tx.QueryRow(`SELECT s.text_len, substr(s.text, ?, ?),
		(SELECT COUNT(*) FROM codings d WHERE d.study = s.guid AND d.start = ? AND d."end" = ? AND d.code = ? AND d.coder = ?),
		(SELECT COUNT(*) FROM codes k WHERE k.guid = ?)
		FROM studies s WHERE s.guid = ?`,
		start+1, end-start, start, end, code, coder, code, study).Scan(&textLen, &quote, &dup, &codeOK)
	if errors.Is(err, sql.ErrNoRows) {
		return Coding{}, fmt.Errorf("study %s: %w", study, corpus.ErrNotFound)
	}
	if err != nil {
		return Coding{}, fmt.Errorf("code passage: %w", err)
	}
	if codeOK == 0 {
		return Coding{}, fmt.Errorf("code %s: %w", code, corpus.ErrNotFound)
	}
	if end > textLen {
		return Coding{}, fmt.Errorf("range %d:%d, text has %d characters: %w", start, end, textLen, ErrCodingRange)
	}
	if dup > 0 {
		return Coding{}, ErrDuplicateCoding
	}
	return insertCoding(tx, Coding{Study: study, Code: code, Start: start, End: end, Quote: quote, Coder: coder, Memo: memo})
}

// insertCoding stores a checked coding with a new GUID and the current time.
func insertCoding(tx *corpus.Tx, c Coding) (Coding, error) {
	study, code, start, end, quote, coder := c.Study, c.Code, c.Start, c.End, c.Quote, c.Coder
	c.GUID, c.Memo = uuid.NewString(), strings.TrimSpace(c.Memo)
	at := tx.Stamp()
	c.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
	if err := schema.Codings.Insert(tx, schema.Coding{
		GUID: c.GUID, Study: study, Code: code, Start: start, End: end,
		Quote: quote, Coder: coder, CreatedAt: at, Memo: c.Memo,
	}); err != nil {
		return Coding{}, err
	}
	tx.Touch(study)
	return c, nil
}

// getCoding reads one coding inside an action.
func getCoding(tx *corpus.Tx, guid string) (Coding, error) {
	c, err := scanCoding(tx.QueryRow(`SELECT `+codingCols+` FROM codings WHERE guid = ?`, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("coding %s: %w", guid, corpus.ErrNotFound)
	}
	return c, err
}

// GetCoding returns one coding by GUID.
func GetCoding(p *corpus.Project, guid string) (Coding, error) {
	c, err := scanCoding(p.DB().QueryRow(`SELECT `+codingCols+` FROM codings WHERE guid = ?`, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("coding %s: %w", guid, corpus.ErrNotFound)
	}
	return c, err
}

// RemoveCoding deletes a coding and the memos on it, as one action.
func RemoveCoding(p *corpus.Project, guid string) error {
	return p.Do("Remove coding", func(tx *corpus.Tx) error {
		c, err := getCoding(tx, guid)
		if err != nil {
			return err
		}
		keys, err := corpus.QueryStrings(tx, `SELECT guid FROM memos WHERE target_kind = 'coding' AND target = ?`, guid)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if err := schema.Memos.Delete(tx, k); err != nil {
				return err
			}
		}
		tx.Touch(c.Study)
		return schema.Codings.Delete(tx, guid)
	})
}

// ChangeCode gives a coding another code (same passage and coder). It fails
// with ErrDuplicateCoding when the coder already has that code on the passage.
func ChangeCode(p *corpus.Project, guid, code string) error {
	return p.Do("Change code", func(tx *corpus.Tx) error {
		c, err := getCoding(tx, guid)
		if err != nil {
			return err
		}
		if c.Code == code {
			return nil
		}
		if err := codeExists(tx, code); err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM codings WHERE study = ? AND start = ? AND "end" = ? AND code = ? AND coder = ?`,
			c.Study, c.Start, c.End, code, c.Coder).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return ErrDuplicateCoding
		}
		tx.Touch(c.Study)
		return schema.Codings.Update(tx, guid, schema.CodingCol.Code.To(code))
	})
}

// SetCodingMemo replaces a coding's memo ("" clears it), as one action.
func SetCodingMemo(p *corpus.Project, guid, memo string) error {
	return p.Do("Edit coding memo", func(tx *corpus.Tx) error {
		c, err := getCoding(tx, guid)
		if err != nil {
			return err
		}
		tx.Touch(c.Study)
		return schema.Codings.Update(tx, guid, schema.CodingCol.Memo.To(strings.TrimSpace(memo)))
	})
}

// CodingFilter selects codings; empty fields match everything.
type CodingFilter struct {
	Study string // study GUID
	Code  string // code GUID
	Coder string // coder GUID
}

// Codings lists the codings matching the filter, ordered by study and
// position (start, then end).
func Codings(p *corpus.Project, f CodingFilter) ([]Coding, error) {
	var where []string
	var args []any
	for _, x := range []struct{ col, v string }{{"study", f.Study}, {"code", f.Code}, {"coder", f.Coder}} {
		if x.v != "" {
			where = append(where, x.col+" = ?")
			args = append(args, x.v)
		}
	}
	q := `SELECT ` + codingCols + ` FROM codings`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY study, start, "end", guid`
	rows, err := p.DB().Query(q, args...)
	if err != nil {
		return nil, fmt.Errorf("list codings: %w", err)
	}
	defer rows.Close()
	var out []Coding
	for rows.Next() {
		c, err := scanCoding(rows)
		if err != nil {
			return nil, fmt.Errorf("list codings: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CodingsOfStudy lists a study's codings by position.
func CodingsOfStudy(p *corpus.Project, study string) ([]Coding, error) {
	return Codings(p, CodingFilter{Study: study})
}
