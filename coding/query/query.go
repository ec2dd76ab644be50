package query

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus"
)

// Where a query condition looks for the other code's passages.
const (
	WithinOverlap   = "overlap"   // a passage of the other code overlaps the segment
	WithinParagraph = "paragraph" // ... lies in a paragraph the segment touches
	WithinStudy     = "study"     // ... is anywhere in the same study
)

// ErrInvalidQuery means a query condition is malformed (an unknown Within).
var ErrInvalidQuery = errors.New("invalid query")

// Condition is one co-occurrence test a segment must pass: a passage coded
// with Code (or, with SegmentQuery.Subcodes, one of its sub-codes) lies
// Within reach of the segment — or, with Not, none does. A segment never
// counts as its own co-occurring passage.
type Condition struct {
	Code   string // code GUID
	Not    bool   // the segment must have no such passage
	Within string // WithinOverlap (default), WithinParagraph or WithinStudy
}

// SegmentQuery selects coded segments. Codes are combined with OR, the
// conditions in Where with AND (each possibly negated). Zero fields do not
// filter. Paragraphs are separated by blank lines or page breaks (the
// definition of agree.ParagraphStarts).
//
// Area codings (coding.Area) are segments too, and take part in the
// conditions as the text of their page: an area and a passage are near, for
// overlap and paragraph reach alike, when the passage has text on the
// area's page; two areas are near when they are on the same page (for
// overlap, when their rectangles also intersect); study reach is the same
// study, as for passages.
type SegmentQuery struct {
	Codes    []string           // segments coded with any of these codes (all codes when empty)
	Kind     string             // only codes of this kind (KindTheme, ...)
	Subcodes bool               // a code also stands for its sub-codes (in Codes and in Where)
	Studies  []string           // only these studies
	Coders   []string           // only these coders' codings (also for the conditions)
	Filter   coding.StudyFilter // only studies with these attributes and statuses
	Where    []Condition        // co-occurrence tests, all of which must hold
	Codings  []string           // only these codings (e.g. a matrix cell's Cell.CodingGUIDs)
}

// Segment is one coded passage found by a query.
type Segment struct {
	Coding     string `json:"coding"`      // coding GUID
	Study      string `json:"study"`       // study GUID
	StudyTitle string `json:"study_title"` // study title
	Code       string `json:"code"`        // code GUID
	CodePath   string `json:"code_path"`   // "Themes/Debt bondage"
	Coder      string `json:"coder"`       // coder GUID
	CoderName  string `json:"coder_name"`  // coder's name
	Start      int    `json:"start"`       // first code point
	End        int    `json:"end"`         // one past the last code point
	Page       int    `json:"page"`        // 1-based page of Start
	Quote      string `json:"quote"`       // the coded text; for an area, what it is: "table on p. 12"
	Memo       string `json:"memo,omitempty"`
	// Area is set when the segment is an area coding (Coding is then the
	// area's GUID, Page its page, and Start and End span the text of that
	// page, empty when the page has none).
	Area *AreaPlace `json:"area,omitempty"`
}

// qCoding is a coding row as the query engine needs it.
type qCoding struct {
	guid, study, code, coder, quote, memo string
	start, end                            int
	area                                  *AreaPlace // set for an area coding
	rect                                  coding.Rect
}

// expand returns the code set of a code: itself and, with sub, its descendants.
func expand(t *coding.CodeTree, code string, sub bool) []string {
	out := []string{code}
	if sub {
		out = append(out, t.Descendants(code)...)
	}
	return out
}

// studyScope returns the studies a query may look at (nil map = all).
func studyScope(p *corpus.Project, ids []string, f coding.StudyFilter) (map[string]corpus.Study, []corpus.Study, error) {
	all, err := p.Studies()
	if err != nil {
		return nil, nil, err
	}
	want := map[string]bool{}
	for _, s := range ids {
		want[s] = true
	}
	scope := make(map[string]corpus.Study, len(all))
	for _, s := range all {
		if (len(ids) == 0 || want[s.GUID]) && f.Match(s) {
			scope[s.GUID] = s
		}
	}
	return scope, all, nil
}

// Segments runs a segment query and returns the segments ordered by study
// title and position.
func Segments(p *corpus.Project, q SegmentQuery) ([]Segment, error) {
	for i, c := range q.Where {
		switch c.Within {
		case "":
			q.Where[i].Within = WithinOverlap
		case WithinOverlap, WithinParagraph, WithinStudy:
		default:
			return nil, fmt.Errorf("%w: condition within %q (use overlap, paragraph or study)", ErrInvalidQuery, c.Within)
		}
	}
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	all := len(q.Codes) == 0 && q.Kind == ""
	want := map[string]bool{}
	for _, c := range q.Codes {
		if _, ok := t.Get(c); !ok {
			return nil, fmt.Errorf("code %s: %w", c, corpus.ErrNotFound)
		}
		for _, g := range expand(t, c, q.Subcodes) {
			want[g] = true
		}
	}
	if q.Kind != "" {
		for _, c := range t.Codes {
			if c.Kind != q.Kind {
				delete(want, c.GUID)
			} else if len(q.Codes) == 0 {
				want[c.GUID] = true
			}
		}
	}
	if !all && len(want) == 0 {
		return nil, nil
	}
	condSets := make([]map[string]bool, len(q.Where))
	needed := map[string]bool{}
	for i, c := range q.Where {
		if _, ok := t.Get(c.Code); !ok {
			return nil, fmt.Errorf("code %s: %w", c.Code, corpus.ErrNotFound)
		}
		condSets[i] = map[string]bool{}
		for _, g := range expand(t, c.Code, q.Subcodes) {
			condSets[i][g] = true
			needed[g] = true
		}
	}
	scope, _, err := studyScope(p, q.Studies, q.Filter)
	if err != nil {
		return nil, err
	}
	// One read of every coding the query and its conditions can use.
	var codes []string
	if !all {
		codes = make([]string, 0, len(want)+len(needed))
		for g := range want {
			codes = append(codes, g)
		}
		for g := range needed {
			if !want[g] {
				codes = append(codes, g)
			}
		}
	}
	from, args, _ := codingWhere(codes, len(t.Codes), q.Coders)
	if len(q.Studies) > 0 && len(q.Studies) < 100 {
		w, a := corpus.InList("study", q.Studies)
		if strings.Contains(from, " WHERE ") {
			from += " AND " + w
		} else {
			from += " WHERE " + w
		}
		args = append(args, a...)
	}
	onlyCodings := map[string]bool{}
	for _, g := range q.Codings {
		onlyCodings[g] = true
	}
	if len(q.Codings) > 0 && len(q.Codings) <= 500 && len(q.Where) == 0 {
		// A few given codings: read them by primary key; codes, coders and
		// studies are checked below.
		w, a := corpus.InList("guid", q.Codings)
		from, args = " FROM codings WHERE "+w, a
	}
	rows, err := p.DB().Query(`SELECT guid, study, code, coder, quote, memo, start, "end"`+from, args...)
	if err != nil {
		return nil, fmt.Errorf("query segments: %w", err)
	}
	byStudy := map[string][]qCoding{}
	var order []string
	for rows.Next() {
		var c qCoding
		if err := rows.Scan(&c.guid, &c.study, &c.code, &c.coder, &c.quote, &c.memo, &c.start, &c.end); err != nil {
			rows.Close()
			return nil, fmt.Errorf("query segments: %w", err)
		}
		if _, ok := scope[c.study]; !ok || !all && !want[c.code] && !needed[c.code] ||
			len(q.Coders) > 0 && !slices.Contains(q.Coders, c.coder) {
			continue
		}
		if len(byStudy[c.study]) == 0 {
			order = append(order, c.study)
		}
		byStudy[c.study] = append(byStudy[c.study], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query segments: %w", err)
	}
	if order, err = readAreas(p, q, codes, scope, all, want, needed, byStudy, order); err != nil {
		return nil, err
	}
	coderNames := map[string]string{}
	if cs, err := p.Coders(); err == nil {
		for _, c := range cs {
			coderNames[c.GUID] = c.Name
		}
	}
	pages, err := pageStarts(p, order)
	if err != nil {
		return nil, err
	}
	var out []Segment
	for _, sid := range order {
		cs := byStudy[sid]
		placeAreas(cs, pages[sid])
		slices.SortFunc(cs, func(a, b qCoding) int {
			return cmp.Or(cmp.Compare(a.start, b.start), compareAreas(a, b), cmp.Compare(a.end, b.end), strings.Compare(a.guid, b.guid))
		})
		if !mayPass(cs, q.Where, condSets) {
			continue
		}
		var paras []int
		needParas := false
		for _, c := range q.Where {
			needParas = needParas || c.Within == WithinParagraph
		}
		text := &corpus.Text{Study: sid, PageStarts: pages[sid].starts}
		if needParas {
			full, err := p.Text(sid)
			if err != nil {
				return nil, err
			}
			text = full
			paras = agree.ParagraphStarts(full.String)
		}
		for _, c := range cs {
			if !all && !want[c.code] || len(q.Codings) > 0 && !onlyCodings[c.guid] {
				continue
			}
			if !passes(c, cs, q.Where, condSets, paras) {
				continue
			}
			seg := Segment{Coding: c.guid, Study: sid, StudyTitle: scope[sid].Title, Code: c.code,
				CodePath: t.Path(c.code), Coder: c.coder, CoderName: coderNames[c.coder], Start: c.start, End: c.end,
				Page: text.PageAt(c.start), Quote: c.quote, Memo: c.memo, Area: c.area}
			if c.area != nil {
				seg.Page = c.area.Page
			}
			out = append(out, seg)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Study != b.Study {
			if ta, tb := strings.ToLower(a.StudyTitle), strings.ToLower(b.StudyTitle); ta != tb {
				return ta < tb
			}
			return a.Study < b.Study
		}
		return a.Start < b.Start
	})
	return out, nil
}

// mayPass reports whether any segment of a study can pass the conditions:
// every positive condition needs at least one passage of its codes in the
// study. It saves loading the texts of studies that cannot match.
func mayPass(cs []qCoding, conds []Condition, sets []map[string]bool) bool {
	for i, cond := range conds {
		if cond.Not {
			continue
		}
		if !slices.ContainsFunc(cs, func(c qCoding) bool { return sets[i][c.code] }) {
			return false
		}
	}
	return true
}

// passes tests a segment against every condition, using the study's codings.
func passes(seg qCoding, cs []qCoding, conds []Condition, sets []map[string]bool, paras []int) bool {
	for i, cond := range conds {
		found := false
		for _, o := range cs {
			if o.guid == seg.guid || !sets[i][o.code] {
				continue
			}
			if near(seg, o, cond.Within, paras) {
				found = true
				break
			}
		}
		if found == cond.Not {
			return false
		}
	}
	return true
}

// near reports whether two passages (or areas, see SegmentQuery) of one
// study are within reach.
func near(a, b qCoding, within string, paras []int) bool {
	switch {
	case within == WithinStudy:
		return true
	case a.area != nil && b.area != nil:
		return a.area.Page == b.area.Page && (within == WithinParagraph || a.rect.Intersects(b.rect))
	case a.area != nil || b.area != nil:
		return a.start < b.end && b.start < a.end // the passage has text on the area's page
	}
	switch within {
	case WithinParagraph:
		a0, a1 := paraOf(paras, a.start), paraOf(paras, max(a.start, a.end-1))
		b0, b1 := paraOf(paras, b.start), paraOf(paras, max(b.start, b.end-1))
		return a0 <= b1 && b0 <= a1
	}
	return a.start < b.end && b.start < a.end
}

// paraOf returns the index of the paragraph holding offset.
func paraOf(starts []int, offset int) int {
	return max(sort.SearchInts(starts, offset+1)-1, 0)
}

// pageMap is a study's page starts and text length.
type pageMap struct {
	starts  []int
	textLen int
}

// pageStarts reads the page maps of the given studies in one query.
func pageStarts(p *corpus.Project, studies []string) (map[string]pageMap, error) {
	out := make(map[string]pageMap, len(studies))
	if len(studies) == 0 {
		return out, nil
	}
	w, args := corpus.InList("guid", studies)
	rows, err := p.DB().Query(`SELECT guid, page_starts, text_len FROM studies WHERE `+w, args...)
	if err != nil {
		return nil, fmt.Errorf("read page maps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g, js string
		var n int
		if err := rows.Scan(&g, &js, &n); err != nil {
			return nil, fmt.Errorf("read page maps: %w", err)
		}
		var starts []int
		if json.Unmarshal([]byte(js), &starts) != nil || len(starts) == 0 {
			starts = []int{0}
		}
		out[g] = pageMap{starts, n}
	}
	return out, rows.Err()
}
