package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// areaArg is --area PAGE:X1,Y1,X2,Y2: a page counted from 1 and two
// opposite corners in points from the displayed page's top-left corner.
type areaArg struct {
	page int // from 0
	rect coding.Rect
}

// parseAreaArg reads --area.
func parseAreaArg(s string) (areaArg, error) {
	bad := usageError("--area %q: write PAGE:X1,Y1,X2,Y2 (page from 1, two corners in points from the top left), for example 3:72,90,540,300", s)
	pg, corners, ok := strings.Cut(s, ":")
	if !ok {
		return areaArg{}, bad
	}
	page, err := strconv.Atoi(strings.TrimSpace(pg))
	if err != nil || page < 1 {
		return areaArg{}, bad
	}
	parts := strings.Split(corners, ",")
	if len(parts) != 4 {
		return areaArg{}, bad
	}
	var v [4]float64
	for i, p := range parts {
		if v[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil {
			return areaArg{}, bad
		}
	}
	return areaArg{page: page - 1, rect: coding.Rect{X0: v[0], Y0: v[1], X1: v[2], Y1: v[3]}.Canon()}, nil
}

// areaJSON is an area coding in --json output (page from 1).
type areaJSON struct {
	GUID      string      `json:"guid"`
	Study     string      `json:"study"`
	Code      string      `json:"code"`
	CodePath  string      `json:"code_path"`
	Page      int         `json:"page"`
	Rect      coding.Rect `json:"rect"`
	PageSize  []float64   `json:"page_size,omitempty"` // width, height in points, when known
	Label     string      `json:"label"`
	Describe  string      `json:"describe"`
	Coder     string      `json:"coder"`
	CreatedAt string      `json:"created_at"`
	Memo      string      `json:"memo"`
	Consensus bool        `json:"consensus"`
}

func toAreaJSON(a coding.Area, t *coding.CodeTree) areaJSON {
	j := areaJSON{GUID: a.GUID, Study: a.Study, Code: a.Code, CodePath: t.Path(a.Code), Page: a.Page + 1, Rect: a.Rect,
		Label: a.Label, Describe: a.Describe(), Coder: a.Coder, CreatedAt: a.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		Memo: a.Memo, Consensus: a.Consensus}
	if a.PageW > 0 {
		j.PageSize = []float64{a.PageW, a.PageH}
	}
	return j
}

// codeArea codes the --area rectangle of the study's page. The PDF is read
// to check the page and give the rectangle its page's size; when it cannot
// be read the area is stored unchecked, and the call says so.
func (o *codeOptions) codeArea(c *call, p *corpus.Project, s corpus.Study, t *coding.CodeTree, code string) error {
	at := coding.PageArea{Study: s.GUID, Page: o.place.page, Rect: o.place.rect, Label: o.label}
	name, data, err := p.PDF(s.GUID)
	if err != nil {
		return err
	}
	doc, err := pdfpage.Open(c.ctx, data)
	switch {
	case err != nil && c.ctx.Err() != nil:
		return c.ctx.Err()
	case err != nil:
		fmt.Fprintf(c.stderr, "Note: %s cannot be read (%v); the area is stored without checking it against the page.\n", name, err)
	default:
		defer doc.Close()
		if at.Page >= doc.PageCount() {
			return exitError{code: 1, msg: fmt.Sprintf("%s has %d pages; there is no page %d", name, doc.PageCount(), at.Page+1)}
		}
		size := doc.PageSize(at.Page)
		at.PageW, at.PageH = size.W, size.H
	}
	a, err := coding.ApplyArea(p, at, code, o.memo)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"areas": []areaJSON{toAreaJSON(a, t)}})
	}
	fmt.Fprintf(c.stdout, "Coded %s of %q with %s: corners %s points (area coding %s)\n", a.Describe(), s.Title, t.Path(code), a.Rect, a.GUID)
	return nil
}

// printCodingsAndAreas lists a study's codings and area codings.
func printCodingsAndAreas(c *call, t *coding.CodeTree, title string, cs []coding.Coding, as []coding.Area) error {
	if c.json {
		out := make([]codingJSON, len(cs))
		for i, cd := range cs {
			out[i] = toCodingJSON(cd, t)
		}
		areas := make([]areaJSON, len(as))
		for i, a := range as {
			areas[i] = toAreaJSON(a, t)
		}
		return c.printJSON(map[string]any{"codings": out, "areas": areas, "skipped": 0})
	}
	if err := printCodings(c, t, title, cs, 0); err != nil || len(as) == 0 {
		return err
	}
	fmt.Fprintln(c.stdout)
	w := c.table()
	fmt.Fprintln(w, "PAGE\tAREA (POINTS)\tCODE\tWHAT\tGUID")
	for _, a := range as {
		what := a.Label
		if what == "" {
			what = "area"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", a.Page+1, a.Rect, t.Path(a.Code), what, a.GUID)
	}
	return w.Flush()
}

// removeArea deletes an area coding (wb code --remove).
func removeArea(c *call, p *corpus.Project, a coding.Area) error {
	if err := coding.RemoveArea(p, a.GUID); err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"removed": a.GUID, "study": a.Study, "page": a.Page + 1, "rect": a.Rect})
	}
	fmt.Fprintf(c.stdout, "Removed area coding %s (%s, corners %s)\n", a.GUID, a.Describe(), a.Rect)
	return nil
}
