package coding

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
)

// ErrMergeSelf means a code was to be merged into itself or into one of its
// own sub-codes.
var ErrMergeSelf = errors.New("a code cannot be merged into itself or one of its sub-codes")

// MergeCodes merges code from into code into, as one undoable action: the
// codings of from move to into (a coding that would duplicate one into
// already has, same study, range and coder, is dropped, keeping its memo
// if into's has none), from's sub-codes move under into (a sub-code whose
// name into already has is merged into that one, recursively), memos on from
// move to into, rigor judgements move where into has none for the same
// appraisal, and from is deleted.
func MergeCodes(p *corpus.Project, from, into string) error {
	t, err := LoadCodeTree(p)
	if err != nil {
		return err
	}
	fc, ok := t.Get(from)
	if !ok {
		return fmt.Errorf("code %s: %w", from, corpus.ErrNotFound)
	}
	ic, ok := t.Get(into)
	if !ok {
		return fmt.Errorf("code %s: %w", into, corpus.ErrNotFound)
	}
	return p.Do(fmt.Sprintf("Merge code %s into %s", fc.Name, ic.Name), func(tx *corpus.Tx) error {
		return mergeCode(tx, from, into, true)
	})
}

// mergeCode merges from into into; top is false for the recursive merge of
// sub-codes, whose old siblings are being moved anyway.
func mergeCode(tx *corpus.Tx, from, into string, top bool) error {
	codes, err := LoadCodes(tx)
	if err != nil {
		return err
	}
	t := NewCodeTree(codes)
	if from == into {
		return ErrMergeSelf
	}
	for _, a := range t.Ancestors(into) {
		if a == from {
			return ErrMergeSelf
		}
	}
	if err := mergeCodings(tx, from, into); err != nil {
		return err
	}
	if err := mergeAreas(tx, from, into); err != nil {
		return err
	}
	// Sub-codes: merge into a same-named child of into, else re-parent.
	intoKids := map[string]string{}
	for _, k := range t.Children(into) {
		c, _ := t.Get(k)
		intoKids[strings.ToLower(c.Name)] = k
	}
	next := len(t.Children(into))
	for _, k := range t.Children(from) {
		c, _ := t.Get(k)
		if same, ok := intoKids[strings.ToLower(c.Name)]; ok {
			if err := mergeCode(tx, k, same, false); err != nil {
				return err
			}
			continue
		}
		if err := schema.Codes.Update(tx, k, schema.CodeCol.Parent.To(into), schema.CodeCol.Position.To(next)); err != nil {
			return err
		}
		next++
	}
	if err := moveMemos(tx, `SELECT guid FROM memos WHERE target_kind = 'code' AND target = ?`, from, into); err != nil {
		return err
	}
	if err := mergeJudgements(tx, from, into); err != nil {
		return err
	}
	fc, _ := t.Get(from)
	if err := schema.Codes.Delete(tx, from); err != nil {
		return err
	}
	var old []string
	for _, s := range t.Children(fc.Parent) {
		if s != from {
			old = append(old, s)
		}
	}
	if !top || fc.Parent == into {
		return nil // into's children were numbered by appending
	}
	return renumber(tx, t, old)
}

// mergeCodings moves from's codings to into, dropping exact duplicates.
func mergeCodings(tx *corpus.Tx, from, into string) error {
	studies, err := corpus.QueryStrings(tx, `SELECT DISTINCT study FROM codings WHERE code = ?`, from)
	if err != nil {
		return fmt.Errorf("merge codings: %w", err)
	}
	for _, s := range studies {
		tx.Touch(s)
	}
	rows, err := tx.Query(`SELECT f.guid, f.memo, i.guid, i.memo FROM codings f
		LEFT JOIN codings i ON i.code = ? AND i.study = f.study AND i.start = f.start AND i."end" = f."end" AND i.coder = f.coder
		WHERE f.code = ?`, into, from)
	if err != nil {
		return fmt.Errorf("merge codings: %w", err)
	}
	type pair struct {
		f, fmemo string
		i, imemo sql.NullString
	}
	var ps []pair
	for rows.Next() {
		var x pair
		if err := rows.Scan(&x.f, &x.fmemo, &x.i, &x.imemo); err != nil {
			rows.Close()
			return err
		}
		ps = append(ps, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, x := range ps {
		if seen[x.f] {
			continue
		}
		seen[x.f] = true
		if !x.i.Valid {
			if err := schema.Codings.Update(tx, x.f, schema.CodingCol.Code.To(into)); err != nil {
				return err
			}
			continue
		}
		if x.fmemo != "" && x.imemo.String == "" {
			if err := schema.Codings.Update(tx, x.i.String, schema.CodingCol.Memo.To(x.fmemo)); err != nil {
				return err
			}
		}
		if err := moveMemos(tx, `SELECT guid FROM memos WHERE target_kind = 'coding' AND target = ?`, x.f, x.i.String); err != nil {
			return err
		}
		if err := schema.Codings.Delete(tx, x.f); err != nil {
			return err
		}
	}
	return nil
}

// mergeJudgements moves rigor judgements of criterion from to into where the
// appraisal has none for into; the others are deleted.
func mergeJudgements(tx *corpus.Tx, from, into string) error {
	rows, err := tx.Query(`SELECT j.guid, (SELECT COUNT(*) FROM judgements k WHERE k.appraisal = j.appraisal AND k.criterion = ?)
		FROM judgements j WHERE j.criterion = ?`, into, from)
	if err != nil {
		return fmt.Errorf("merge judgements: %w", err)
	}
	type jr struct {
		guid  string
		taken int
	}
	var js []jr
	for rows.Next() {
		var x jr
		if err := rows.Scan(&x.guid, &x.taken); err != nil {
			rows.Close()
			return err
		}
		js = append(js, x)
	}
	rows.Close()
	for _, j := range js {
		var err error
		if j.taken > 0 {
			err = schema.Judgements.Delete(tx, j.guid)
		} else {
			err = schema.Judgements.Update(tx, j.guid, schema.JudgementCol.Criterion.To(into))
		}
		if err != nil {
			return err
		}
	}
	return rows.Err()
}

// moveMemos points every memo whose guid the query returns at target.
func moveMemos(tx *corpus.Tx, q, arg, target string) error {
	keys, err := corpus.QueryStrings(tx, q, arg)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := schema.Memos.Update(tx, k, schema.MemoCol.Target.To(target)); err != nil {
			return err
		}
	}
	return nil
}

// DeleteCode removes a code with all its sub-codes, their codings, memos on
// them and rigor judgements of them, as one undoable action.
func DeleteCode(p *corpus.Project, guid string) error {
	t, err := LoadCodeTree(p)
	if err != nil {
		return err
	}
	c, ok := t.Get(guid)
	if !ok {
		return fmt.Errorf("code %s: %w", guid, corpus.ErrNotFound)
	}
	return p.Do("Delete code "+c.Name, func(tx *corpus.Tx) error { return deleteCode(tx, guid) })
}

func deleteCode(tx *corpus.Tx, guid string) error {
	codes, err := LoadCodes(tx)
	if err != nil {
		return err
	}
	t := NewCodeTree(codes)
	c, ok := t.Get(guid)
	if !ok {
		return fmt.Errorf("code %s: %w", guid, corpus.ErrNotFound)
	}
	doomed := append([]string{guid}, t.Descendants(guid)...)
	// Children first, so undo re-inserts parents before children.
	for i := len(doomed) - 1; i >= 0; i-- {
		g := doomed[i]
		deps := []struct {
			del func(*corpus.Tx, string) error
			q   string
		}{
			{schema.Memos.Delete, `SELECT m.guid FROM memos m JOIN codings c ON c.guid = m.target WHERE m.target_kind = 'coding' AND c.code = ?`},
			{schema.Codings.Delete, `SELECT guid FROM codings WHERE code = ?`},
			{schema.Areas.Delete, `SELECT guid FROM areas WHERE code = ?`},
			{schema.Memos.Delete, `SELECT guid FROM memos WHERE target_kind = 'code' AND target = ?`},
			{schema.Judgements.Delete, `SELECT guid FROM judgements WHERE criterion = ?`},
		}
		studies, err := corpus.QueryStrings(tx, `SELECT study FROM codings WHERE code = ? UNION SELECT study FROM areas WHERE code = ?`, g, g)
		if err != nil {
			return fmt.Errorf("delete code: %w", err)
		}
		for _, s := range studies {
			tx.Touch(s)
		}
		for _, d := range deps {
			keys, err := corpus.QueryStrings(tx, d.q, g)
			if err != nil {
				return fmt.Errorf("delete code: %w", err)
			}
			for _, k := range keys {
				if err := d.del(tx, k); err != nil {
					return err
				}
			}
		}
		if err := schema.Codes.Delete(tx, g); err != nil {
			return err
		}
	}
	var rest []string
	for _, s := range t.Children(c.Parent) {
		if s != guid {
			rest = append(rest, s)
		}
	}
	return renumber(tx, t, rest)
}

// CodeCount is how often a code is used.
type CodeCount struct {
	Codings int // coded items: passages and areas
	Studies int // distinct studies with at least one
	Areas   int // of the coded items, the areas of pages
}

// CodeCounts counts the coded items (passages and areas) and studies of
// every used code (codes without any are absent from the map), in one
// grouped query per table.
func CodeCounts(p *corpus.Project) (map[string]CodeCount, error) {
	rows, err := p.DB().Query(`SELECT code, COUNT(*), COUNT(DISTINCT study) FROM codings GROUP BY code`)
	if err != nil {
		return nil, fmt.Errorf("count codings: %w", err)
	}
	defer rows.Close()
	out := map[string]CodeCount{}
	for rows.Next() {
		var g string
		var c CodeCount
		if err := rows.Scan(&g, &c.Codings, &c.Studies); err != nil {
			return nil, fmt.Errorf("count codings: %w", err)
		}
		out[g] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count codings: %w", err)
	}
	return out, addAreaCounts(p, out)
}
