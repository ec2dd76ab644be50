package query

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// AreaPlace is where an area coding lies: its page (from 1, as printed) and
// rectangle in points on the displayed page from its top-left corner (see
// coding.Area), and what it shows.
type AreaPlace struct {
	Page  int     `json:"page"`            // from 1
	X0    float64 `json:"x0"`              // left
	Y0    float64 `json:"y0"`              // top
	X1    float64 `json:"x1"`              // right
	Y1    float64 `json:"y1"`              // bottom
	Label string  `json:"label,omitempty"` // "table", "figure", ... ("" for an area)
}

// Rect returns the rectangle, for coding and pdfpage (pdfpage.Rect(r)).
func (a AreaPlace) Rect() coding.Rect { return coding.Rect{X0: a.X0, Y0: a.Y0, X1: a.X1, Y1: a.Y1} }

// readAreas adds the area codings a segment query can use to byStudy (the
// same codes, coders and studies as its codings) and returns the studies in
// order of first appearance.
func readAreas(p *corpus.Project, q SegmentQuery, codes []string, scope map[string]corpus.Study, all bool,
	want, needed map[string]bool, byStudy map[string][]qCoding, order []string) ([]string, error) {
	var where []string
	var args []any
	add := func(col string, vals []string) {
		w, a := corpus.InList(col, vals)
		where, args = append(where, w), append(args, a...)
	}
	if codes != nil {
		if len(codes) == 0 {
			codes = []string{""}
		}
		add("code", codes)
	}
	if len(q.Coders) > 0 {
		add("coder", q.Coders)
	}
	if len(q.Studies) > 0 && len(q.Studies) < 100 {
		add("study", q.Studies)
	}
	if len(q.Codings) > 0 && len(q.Codings) <= 500 && len(q.Where) == 0 {
		where, args = nil, nil
		add("guid", q.Codings)
	}
	sql := `SELECT guid, study, code, coder, memo, page, x0, y0, x1, y1, label FROM areas`
	if len(where) > 0 {
		sql += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := p.DB().Query(sql, args...)
	if err != nil {
		return nil, fmt.Errorf("query area segments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c qCoding
		var a AreaPlace
		if err := rows.Scan(&c.guid, &c.study, &c.code, &c.coder, &c.memo, &a.Page, &a.X0, &a.Y0, &a.X1, &a.Y1, &a.Label); err != nil {
			return nil, fmt.Errorf("query area segments: %w", err)
		}
		if _, ok := scope[c.study]; !ok || !all && !want[c.code] && !needed[c.code] ||
			len(q.Coders) > 0 && !slices.Contains(q.Coders, c.coder) {
			continue
		}
		c.rect = a.Rect()
		c.quote = coding.PageArea{Page: a.Page, Label: a.Label}.Describe()
		a.Page++
		c.area = &a
		if len(byStudy[c.study]) == 0 {
			order = append(order, c.study)
		}
		byStudy[c.study] = append(byStudy[c.study], c)
	}
	return order, rows.Err()
}

// placeAreas gives the areas among a study's codings the text range of
// their page: from the page's first code point up to its page break (or the
// end of the text); a page beyond the text's pages has an empty range at
// the end of the text.
func placeAreas(cs []qCoding, pm pageMap) {
	for i := range cs {
		c := &cs[i]
		if c.area == nil {
			continue
		}
		page := c.area.Page - 1
		c.start, c.end = pm.textLen, pm.textLen
		if page < len(pm.starts) {
			c.start = pm.starts[page]
			if page+1 < len(pm.starts) {
				c.end = max(pm.starts[page+1]-1, c.start) // before the form feed
			}
		}
	}
}

// compareAreas orders passages before the areas of the same place, and
// areas of a page from top to bottom, then left to right.
func compareAreas(a, b qCoding) int {
	switch {
	case a.area == nil && b.area == nil:
		return 0
	case a.area == nil:
		return -1
	case b.area == nil:
		return 1
	}
	return cmp.Or(cmp.Compare(a.area.Page, b.area.Page), cmp.Compare(a.rect.Y0, b.rect.Y0), cmp.Compare(a.rect.X0, b.rect.X0))
}
