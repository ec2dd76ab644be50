package merge

import (
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// Area codings merge like codings: united by GUID, a reviewer's area the
// master lacks comes in on the mapped study and code, and one that repeats
// an area the master has (same study, page, code, coder and consensus flag,
// every edge within coding.AreaTolerance) counts as already present. Areas
// need no re-anchoring: a study is matched by GUID or by its PDF's SHA-256,
// so its pages are the same. An area whose GUID the master holds in another
// version (code, place, label or memo changed since) keeps the master's
// version and is listed in Report.AreaConflicts.

// AreaConflict is a reviewer's area coding that the master holds in another
// version.
type AreaConflict struct {
	Area       string `json:"area"`        // the area coding's GUID
	Study      string `json:"study"`       // master study GUID
	StudyTitle string `json:"study_title"` // study title
	Place      string `json:"place"`       // the master's version, "table on p. 3"
	Differs    string `json:"differs"`     // how the reviewer's differs, in words
}

// fnum returns a real column of a row (0 when absent).
func fnum(r corpus.Row, col string) float64 {
	switch v := r[col].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func rowRect(r corpus.Row) coding.Rect {
	return coding.Rect{X0: fnum(r, "x0"), Y0: fnum(r, "y0"), X1: fnum(r, "x1"), Y1: fnum(r, "y1")}
}

// areaKey groups the areas that can repeat each other.
func areaKey(study string, page int, code, coder string, consensus int) string {
	return fmt.Sprintf("%s|%d|%s|%s|%d", study, page, code, coder, consensus)
}

// addArea records a master area (a row of guid, study, code, page, corners,
// coder, consensus, label, memo).
func (st *state) addArea(r corpus.Row) {
	st.areas[str(r, "guid")] = r
	k := areaKey(str(r, "study"), num(r, "page"), str(r, "code"), str(r, "coder"), num(r, "consensus"))
	st.areaRects[k] = append(st.areaRects[k], rowRect(r))
}

// hasSameArea reports whether the master has an area like r on study and code.
func (st *state) hasSameArea(r corpus.Row, study, code string) bool {
	rect := rowRect(r)
	for _, o := range st.areaRects[areaKey(study, num(r, "page"), code, str(r, "coder"), num(r, "consensus"))] {
		if o.Same(rect) {
			return true
		}
	}
	return false
}

// decideAreas takes every reviewer area coding the master lacks onto the
// mapped study and code.
func (d *decisions) decideAreas(st *state, rev *snapshot, codeMap, studyMap, titles map[string]string) {
	for _, ra := range rev.areas {
		g, rs := str(ra, "guid"), str(ra, "study")
		ms, mcode := studyMap[rs], codeMap[str(ra, "code")]
		if mcode == "" {
			mcode = str(ra, "code") // a dangling code stays dangling; corpus.Check reports it
		}
		if mine, ok := st.areas[g]; ok {
			if diff := areaDiff(mine, ra, ms, mcode); diff != "" {
				place := coding.PageArea{Page: num(mine, "page"), Label: str(mine, "label")}.Describe()
				d.report.AreaConflicts = append(d.report.AreaConflicts, AreaConflict{Area: g, Study: str(mine, "study"),
					StudyTitle: titles[rs], Place: place, Differs: diff})
				continue
			}
			d.report.AlreadyPresent++
			continue
		}
		if ms == "" {
			d.report.Notes = append(d.report.Notes, fmt.Sprintf("area coding %s belongs to a study missing from the reviewer's file; not imported", g))
			continue
		}
		if st.hasSameArea(ra, ms, mcode) {
			d.report.AlreadyPresent++
			continue
		}
		row := clone(ra)
		row["study"], row["code"] = ms, mcode
		st.addArea(row)
		d.areas = append(d.areas, row)
		d.report.New.Areas++
	}
}

// areaDiff says how the reviewer's version of an area differs from the
// master's ("" when they are the same).
func areaDiff(mine, rev corpus.Row, study, code string) string {
	var diffs []string
	if str(mine, "study") != study {
		diffs = append(diffs, "another study")
	}
	if str(mine, "code") != code {
		diffs = append(diffs, "another code")
	}
	if num(mine, "page") != num(rev, "page") {
		diffs = append(diffs, fmt.Sprintf("page %d instead of %d", num(rev, "page")+1, num(mine, "page")+1))
	} else if !rowRect(mine).Same(rowRect(rev)) {
		diffs = append(diffs, fmt.Sprintf("rectangle %s instead of %s", rowRect(rev), rowRect(mine)))
	}
	if str(mine, "label") != str(rev, "label") {
		diffs = append(diffs, fmt.Sprintf("label %q instead of %q", str(rev, "label"), str(mine, "label")))
	}
	if str(mine, "memo") != str(rev, "memo") {
		diffs = append(diffs, "another memo")
	}
	if len(diffs) == 0 {
		return ""
	}
	return "the reviewer's has " + strings.Join(diffs, ", ")
}
