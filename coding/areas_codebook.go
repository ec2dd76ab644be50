package coding

import (
	"fmt"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
)

// Area codings in codebook edits: CodeCounts counts them with the codings,
// MergeCodes moves them to the code merged into and DeleteCode deletes them
// with their code.

// addAreaCounts adds the area codings to codings counts by code: their
// number, and the studies that have areas but no coded passage of the code.
func addAreaCounts(p *corpus.Project, out map[string]CodeCount) error {
	rows, err := p.DB().Query(`SELECT a.code, COUNT(*), COUNT(DISTINCT CASE WHEN NOT EXISTS
		(SELECT 1 FROM codings c WHERE c.code = a.code AND c.study = a.study) THEN a.study END)
		FROM areas a GROUP BY a.code`)
	if err != nil {
		return fmt.Errorf("count area codings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g string
		var n, studies int
		if err := rows.Scan(&g, &n, &studies); err != nil {
			return fmt.Errorf("count area codings: %w", err)
		}
		c := out[g]
		c.Codings += n
		c.Areas += n
		c.Studies += studies
		out[g] = c
	}
	return rows.Err()
}

// mergeAreas moves from's area codings to into (MergeCodes); an area that
// would duplicate one into already has (same area, coder and consensus
// flag) is dropped, its memo kept when into's has none.
func mergeAreas(tx *corpus.Tx, from, into string) error {
	rows, err := tx.Query(`SELECT `+areaCols+` FROM areas WHERE code = ?`, from)
	if err != nil {
		return fmt.Errorf("merge area codings: %w", err)
	}
	var as []Area
	for rows.Next() {
		a, err := scanArea(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("merge area codings: %w", err)
		}
		as = append(as, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range as {
		tx.Touch(a.Study)
		dup, err := sameArea(tx, a.PageArea, into, a.Coder, a.Consensus, a.GUID)
		if err != nil {
			return err
		}
		if dup == "" {
			if err := schema.Areas.Update(tx, a.GUID, schema.AreaCol.Code.To(into)); err != nil {
				return err
			}
			continue
		}
		if a.Memo != "" {
			var memo string
			if err := tx.QueryRow(`SELECT memo FROM areas WHERE guid = ?`, dup).Scan(&memo); err != nil {
				return err
			}
			if memo == "" {
				if err := schema.Areas.Update(tx, dup, schema.AreaCol.Memo.To(a.Memo)); err != nil {
					return err
				}
			}
		}
		if err := schema.Areas.Delete(tx, a.GUID); err != nil {
			return err
		}
	}
	return nil
}
