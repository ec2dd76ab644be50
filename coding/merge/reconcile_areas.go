package merge

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// KindArea is the Kind of an area item of the reconciliation list.
const KindArea = "area"

// AreaItem is one area of the reconciliation list: the reviewers' area
// codings of one page with one code that mark the same place (rectangles
// overlapping by at least half their union), with who marked it and who
// did not. The inter-coder agreement figures are computed on text only;
// areas are listed here for the lead to decide, not counted in them.
type AreaItem struct {
	Item       string      `json:"item"` // stable key: "area|study|page|code|first area GUID"
	Study      string      `json:"study"`
	StudyTitle string      `json:"study_title"`
	Page       int         `json:"page"` // from 1
	Code       string      `json:"code"`
	CodeName   string      `json:"code_name"` // code path
	Label      string      `json:"label"`     // the first area's label
	Rect       coding.Rect `json:"rect"`      // the first area's rectangle
	CodedBy    []string    `json:"coded_by"`  // reviewers who marked it (names)
	NotCodedBy []string    `json:"not_coded_by"`
	Areas      []string    `json:"areas"` // the reviewers' area GUIDs
	// Agreed is true when every reviewer of the study marked it, on the same
	// rectangle (coding.Rect.Same).
	Agreed bool `json:"agreed"`
	// Consensus is the GUID of the lead's consensus area on it, "" when none.
	Consensus string `json:"consensus"`
	Decision  string `json:"decision"`
	DecidedBy string `json:"decided_by"`
	DecidedAt string `json:"decided_at"`
}

// Describe names the item's place: "table on p. 3".
func (it AreaItem) Describe() string {
	return coding.PageArea{Page: it.Page - 1, Label: it.Label}.Describe()
}

// overlapHalf reports whether two rectangles overlap by at least half of
// their union.
func overlapHalf(a, b coding.Rect) bool {
	if !a.Intersects(b) {
		return false
	}
	w := min(a.X1, b.X1) - max(a.X0, b.X0)
	h := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	inter := w * h
	union := a.W()*a.H() + b.W()*b.H() - inter
	return union > 0 && inter*2 >= union
}

// AreaItems lists the reviewers' area codings for reconciliation, grouped
// by place (see AreaItem), ordered by study title, page and position, with
// the decisions already taken. The reviewers of a study are the coders with
// their own (not consensus) codings or areas in it.
func AreaItems(p *corpus.Project) ([]AreaItem, error) {
	areas, err := coding.Areas(p, coding.AreaFilter{})
	if err != nil {
		return nil, err
	}
	if len(areas) == 0 {
		return nil, nil
	}
	tree, err := coding.LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	if cs, err := p.Coders(); err == nil {
		for _, c := range cs {
			names[c.GUID] = c.Name
		}
	}
	name := func(g string) string {
		if n := names[g]; n != "" {
			return n
		}
		return g
	}
	reviewers := map[string][]string{} // study -> reviewer GUIDs
	rows, err := p.DB().Query(`SELECT study, coder FROM codings WHERE consensus = 0 UNION SELECT study, coder FROM areas WHERE consensus = 0`)
	if err != nil {
		return nil, fmt.Errorf("read reviewers: %w", err)
	}
	for rows.Next() {
		var s, c string
		if err := rows.Scan(&s, &c); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read reviewers: %w", err)
		}
		reviewers[s] = append(reviewers[s], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reviewers: %w", err)
	}
	titles := map[string]string{}
	if ss, err := p.Studies(); err == nil {
		for _, s := range ss {
			titles[s.GUID] = s.Title
		}
	}
	dec, err := readDecisions(p)
	if err != nil {
		return nil, err
	}
	type group struct {
		item  AreaItem
		rects []coding.Rect
		by    map[string]bool
	}
	var groups []*group
	byPlace := map[string][]*group{} // study|page|code -> groups
	var consensus []coding.Area
	for _, a := range areas {
		if a.Consensus {
			consensus = append(consensus, a)
			continue
		}
		key := fmt.Sprintf("%s|%d|%s", a.Study, a.Page, a.Code)
		var g *group
		for _, x := range byPlace[key] {
			if overlapHalf(x.rects[0], a.Rect) {
				g = x
				break
			}
		}
		if g == nil {
			g = &group{item: AreaItem{Item: "area|" + key + "|" + a.GUID, Study: a.Study, StudyTitle: titles[a.Study],
				Page: a.Page + 1, Code: a.Code, CodeName: tree.Path(a.Code), Label: a.Label, Rect: a.Rect}, by: map[string]bool{}}
			byPlace[key] = append(byPlace[key], g)
			groups = append(groups, g)
		}
		g.rects = append(g.rects, a.Rect)
		g.item.Areas = append(g.item.Areas, a.GUID)
		if !g.by[a.Coder] {
			g.by[a.Coder] = true
			g.item.CodedBy = append(g.item.CodedBy, name(a.Coder))
		}
	}
	out := make([]AreaItem, 0, len(groups))
	for _, g := range groups {
		it := g.item
		for _, r := range reviewers[it.Study] {
			if !g.by[r] {
				it.NotCodedBy = append(it.NotCodedBy, name(r))
			}
		}
		slices.Sort(it.CodedBy)
		slices.Sort(it.NotCodedBy)
		it.Agreed = len(it.NotCodedBy) == 0 && !slices.ContainsFunc(g.rects, func(r coding.Rect) bool { return !r.Same(g.rects[0]) })
		for _, c := range consensus {
			if c.Study == it.Study && c.Page == it.Page-1 && c.Code == it.Code && overlapHalf(c.Rect, it.Rect) {
				it.Consensus = c.GUID
				break
			}
		}
		if d, ok := dec[it.Item]; ok {
			it.Decision, it.DecidedBy, it.DecidedAt = d[0], d[1], d[2]
		}
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(a, b AreaItem) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.StudyTitle), strings.ToLower(b.StudyTitle)), strings.Compare(a.Study, b.Study),
			cmp.Compare(a.Page, b.Page), cmp.Compare(a.Rect.Y0, b.Rect.Y0), cmp.Compare(a.Rect.X0, b.Rect.X0))
	})
	return out, nil
}

// AcceptArea accepts reviewers' area codings as the team's version: each
// gets a consensus copy (same page, rectangle, code, label and memo;
// Consensus true; the current coder, the lead, as author) while the
// originals stay, and the area items they belong to are marked decided. It
// is one action; accepting the same area twice adds nothing.
func AcceptArea(p *corpus.Project, areaGUIDs ...string) ([]coding.Area, error) {
	items, err := AreaItems(p)
	if err != nil {
		return nil, err
	}
	itemOf := map[string]string{}
	for _, it := range items {
		for _, g := range it.Areas {
			itemOf[g] = it.Item
		}
	}
	var src []coding.Area
	for _, g := range areaGUIDs {
		a, err := coding.GetArea(p, strings.TrimSpace(g))
		if err != nil {
			return nil, err
		}
		src = append(src, a)
	}
	names := map[string]string{}
	if cs, err := p.Coders(); err == nil {
		for _, c := range cs {
			names[c.GUID] = c.Name
		}
	}
	var out []coding.Area
	err = p.Do("Accept area", func(tx *corpus.Tx) error {
		out = out[:0]
		for _, a := range src {
			c, err := coding.ApplyAreaTx(tx, a.PageArea, a.Code, a.Memo, true)
			if errors.Is(err, coding.ErrDuplicateArea) {
				continue // already accepted
			}
			if err != nil {
				return err
			}
			who := names[a.Coder]
			if who == "" {
				who = a.Coder
			}
			if item := itemOf[a.GUID]; item != "" {
				if err := markDecided(tx, fmt.Sprintf("accepted %s's %s", who, a.Describe()), []string{item}); err != nil {
					return err
				}
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
