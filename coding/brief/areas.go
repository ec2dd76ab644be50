package brief

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	htmltemplate "html/template"
	"image/png"
	"math"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// Area codings in briefs. FromProject passes the area codings of theme
// codes (coding.Area: a table, figure or photo marked on a page) as
// Data.Areas; Build counts them with the theme's coded items and studies
// and lists up to Filter.MaxQuotes of them per theme (ThemeSummary.Areas,
// from distinct studies, higher-rigor studies first) described as "Table on
// p. 12 of Smith et al. 2019". AttachAreaImages then crops the listed areas
// out of the studies' PDFs (corpus/pdfpage) so that every format shows them
// as images with their description as caption (template function
// areaImage).

// AreaImageDPI is the resolution at which AttachAreaImages crops areas.
const AreaImageDPI = 150

// maxAreaImagePixels bounds one area image (about a Letter page at 150 dpi).
const maxAreaImagePixels = 2_500_000

// Area is one area coding of a theme code: a rectangle of a study's page.
type Area struct {
	// GUID identifies the area coding.
	GUID string
	// StudyGUID is the study whose page it marks.
	StudyGUID string
	// CodeGUID is the code applied to it.
	CodeGUID string
	// Page is the 1-based page.
	Page int
	// Label says what it shows ("table", "figure"; "" for an area).
	Label string
	// X0, Y0, X1, Y1 are its corners in points from the displayed page's
	// top-left corner.
	X0, Y0, X1, Y1 float64
	// Coder names the reviewer who marked it.
	Coder string
	// Consensus reports that the area was agreed by the reviewers.
	Consensus bool
}

// AreaRef is an area listed as evidence of a theme.
type AreaRef struct {
	// GUID identifies the area coding.
	GUID string
	// StudyGUID is the study.
	StudyGUID string
	// Page is the 1-based page.
	Page int
	// Text describes it: "Table on p. 12 of Smith et al. 2019".
	Text string
	// Rating is the study's rigor rating.
	Rating string
	// PNG is the area cropped from the page (see AttachAreaImages), nil
	// until attached.
	PNG []byte `json:"-"`

	area Area
}

// describe is "Table on p. 12 of Smith 2019" (capitalised label, "Area"
// without one).
func (a Area) describe(cite string) string {
	label := strings.TrimSpace(a.Label)
	if label == "" {
		label = "area"
	}
	s := strings.ToUpper(label[:1]) + label[1:] + fmt.Sprintf(" on p. %d", a.Page)
	if cite != "" {
		s += " of " + cite
	}
	return s
}

// briefAreas reads the area codings of theme codes, preferring consensus
// areas in studies that have them (as briefQuotes does for codings).
func briefAreas(p *corpus.Project, themes map[string]bool) ([]Area, error) {
	if len(themes) == 0 {
		return nil, nil
	}
	all, err := coding.Areas(p, coding.AreaFilter{})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	if cs, err := p.Coders(); err == nil {
		for _, c := range cs {
			names[c.GUID] = c.Name
		}
	}
	consensus := map[string]bool{}
	for _, a := range all {
		if a.Consensus && themes[a.Code] {
			consensus[a.Study] = true
		}
	}
	var out []Area
	for _, a := range all {
		if !themes[a.Code] || consensus[a.Study] && !a.Consensus {
			continue
		}
		coder := names[a.Coder]
		if coder == "" {
			coder = a.Coder
		}
		out = append(out, Area{GUID: a.GUID, StudyGUID: a.Study, CodeGUID: a.Code, Page: a.Page + 1, Label: a.Label,
			X0: a.Rect.X0, Y0: a.Rect.Y0, X1: a.Rect.X1, Y1: a.Rect.Y1, Coder: coder, Consensus: a.Consensus})
	}
	return out, nil
}

// themeAreas adds a brief's areas to the theme accumulators of buildThemes:
// each area counts as a coded item of its theme in every sector of its
// study (the same place marked by several reviewers counts once).
func themeAreas(data *Data, sel *selection, themes map[string]Theme, perSector map[string]map[string]*themeAcc,
	overall map[string]*codeStudies) {
	type key struct {
		study, code string
		page        int
		x0, y0      int64
	}
	seen := map[key]bool{}
	for i := range data.Areas {
		a := &data.Areas[i]
		st, ok := sel.byGUID[a.StudyGUID]
		if !ok || sel.f.ConsensusOnly && !a.Consensus {
			continue
		}
		if _, ok := themes[a.CodeGUID]; !ok {
			continue
		}
		k := key{a.StudyGUID, a.CodeGUID, a.Page, int64(a.X0), int64(a.Y0)}
		if seen[k] {
			continue
		}
		seen[k] = true
		cs := overall[a.CodeGUID]
		if cs == nil {
			cs = &codeStudies{theme: themes[a.CodeGUID], studies: map[string]bool{}}
			overall[a.CodeGUID] = cs
		}
		cs.studies[st.GUID] = true
		for _, s := range sel.sectors[st.GUID] {
			m := perSector[s]
			if m == nil {
				m = map[string]*themeAcc{}
				perSector[s] = m
			}
			acc := m[a.CodeGUID]
			if acc == nil {
				acc = &themeAcc{studies: map[string]bool{}}
				m[a.CodeGUID] = acc
			}
			acc.studies[st.GUID] = true
			acc.codings++
			acc.areas = append(acc.areas, a)
		}
	}
}

// pickAreas chooses up to max areas from distinct studies, higher-rigor
// studies first, then by study and page.
func pickAreas(as []*Area, max int, sel *selection, cites map[string]string) []AreaRef {
	sorted := slices.Clone(as)
	slices.SortStableFunc(sorted, func(a, b *Area) int {
		return cmp.Or(-cmp.Compare(ratingRank(sel.rating[a.StudyGUID]), ratingRank(sel.rating[b.StudyGUID])),
			strings.Compare(a.StudyGUID, b.StudyGUID), cmp.Compare(a.Page, b.Page), cmp.Compare(a.Y0, b.Y0))
	})
	used := map[string]bool{}
	var out []AreaRef
	for _, a := range sorted {
		if len(out) >= max {
			break
		}
		if used[a.StudyGUID] {
			continue
		}
		used[a.StudyGUID] = true
		out = append(out, AreaRef{GUID: a.GUID, StudyGUID: a.StudyGUID, Page: a.Page, Text: a.describe(cites[a.StudyGUID]),
			Rating: ratingName(ratingRank(sel.rating[a.StudyGUID])), area: *a})
	}
	return out
}

// WithAreaImages returns a copy of b whose listed areas carry their images
// (see AttachAreaImages), leaving b as it is: a brief shown on screen can
// be exported with images from another goroutine.
func WithAreaImages(ctx context.Context, p *corpus.Project, b *Brief, dpi float64) (*Brief, []string, error) {
	c := *b
	c.Themes = slices.Clone(b.Themes)
	for i := range c.Themes {
		c.Themes[i].Themes = slices.Clone(c.Themes[i].Themes)
		for j := range c.Themes[i].Themes {
			c.Themes[i].Themes[j].Areas = slices.Clone(c.Themes[i].Themes[j].Areas)
		}
	}
	problems, err := AttachAreaImages(ctx, p, &c, dpi)
	return &c, problems, err
}

// AttachAreaImages crops every area a brief lists out of its study's PDF at
// dpi (AreaImageDPI when 0) and stores it as the AreaRef's PNG, so that
// Render shows it in every format. Each study's PDF is opened once. An
// area whose PDF cannot be drawn (damaged, or not a PDF) keeps no image and
// is named in the returned problems, one plain sentence each; err is only
// for a cancelled ctx or a failing project.
func AttachAreaImages(ctx context.Context, p *corpus.Project, b *Brief, dpi float64) (problems []string, err error) {
	if dpi <= 0 {
		dpi = AreaImageDPI
	}
	byStudy := map[string][]*AreaRef{}
	var order []string
	for i := range b.Themes {
		for j := range b.Themes[i].Themes {
			t := &b.Themes[i].Themes[j]
			for k := range t.Areas {
				r := &t.Areas[k]
				if len(byStudy[r.StudyGUID]) == 0 {
					order = append(order, r.StudyGUID)
				}
				byStudy[r.StudyGUID] = append(byStudy[r.StudyGUID], r)
			}
		}
	}
	for _, study := range order {
		if err := ctx.Err(); err != nil {
			return problems, err
		}
		name, data, err := p.PDF(study)
		if err != nil {
			return problems, err
		}
		doc, err := pdfpage.Open(ctx, data)
		if err != nil {
			if ctx.Err() != nil {
				return problems, ctx.Err()
			}
			problems = append(problems, fmt.Sprintf("%s: its areas are listed without images (%v)", name, err))
			continue
		}
		cache := map[string][]byte{}
		for _, r := range byStudy[study] {
			if img, ok := cache[r.GUID]; ok {
				r.PNG = img
				continue
			}
			img, err := areaPNG(ctx, doc, r.area, dpi)
			if err != nil {
				if ctx.Err() != nil {
					doc.Close()
					return problems, ctx.Err()
				}
				problems = append(problems, fmt.Sprintf("%s: %s is listed without its image (%v)", name, r.area.describe(""), err))
				continue
			}
			r.PNG, cache[r.GUID] = img, img
		}
		doc.Close()
	}
	return problems, nil
}

// areaPNG crops an area out of its page as a PNG, at dpi or lower when the
// image would exceed maxAreaImagePixels.
func areaPNG(ctx context.Context, doc *pdfpage.Doc, a Area, dpi float64) ([]byte, error) {
	r := pdfpage.Rect{X0: a.X0, Y0: a.Y0, X1: a.X1, Y1: a.Y1}
	if px := r.Scale(dpi); (px.X1-px.X0)*(px.Y1-px.Y0) > maxAreaImagePixels {
		dpi *= 0.99 * math.Sqrt(maxAreaImagePixels/((px.X1-px.X0)*(px.Y1-px.Y0)))
	}
	img, err := doc.RenderRegion(ctx, a.Page-1, r, dpi)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// areaFuncs are the template functions for areas: areaImage gives the
// area's image, or nothing when it has none. In an HTML template it is an
// HTML <figure> with a PNG data URI, in Markdown a Markdown image with
// one; a format that lays out the template's Markdown itself (DOCX, PDF,
// HTML from a Markdown template) gets a line "![caption](area:GUID)" that
// parseBlocks reads as an image block and fillAreaImages fills.
func areaFuncs(f Format, htmlTemplate bool) map[string]any {
	if htmlTemplate {
		return map[string]any{"areaImage": func(r AreaRef) htmltemplate.HTML {
			if len(r.PNG) == 0 {
				return ""
			}
			return htmltemplate.HTML(`<figure class="area"><img alt="` + xmlEscape(r.Text) + `" src="data:image/png;base64,` +
				base64.StdEncoding.EncodeToString(r.PNG) + `" style="max-width:100%"><figcaption>` + xmlEscape(r.Text) + `</figcaption></figure>`)
		}}
	}
	return map[string]any{"areaImage": func(r AreaRef) string {
		switch {
		case len(r.PNG) == 0:
			return ""
		case f == Markdown:
			return "![" + mdReplacer.Replace(r.Text) + "](data:image/png;base64," + base64.StdEncoding.EncodeToString(r.PNG) + ")"
		}
		return "![" + mdReplacer.Replace(r.Text) + "](area:" + r.GUID + ")"
	}}
}

// fillAreaImages gives the image blocks the PNGs of the areas the brief
// lists; a block naming no listed area (a template's own line) is dropped.
func fillAreaImages(blocks []block, b *Brief) []block {
	pngs := map[string][]byte{}
	for _, sec := range b.Themes {
		for _, t := range sec.Themes {
			for _, a := range t.Areas {
				if len(a.PNG) > 0 {
					pngs[a.GUID] = a.PNG
				}
			}
		}
	}
	out := blocks[:0]
	for _, bl := range blocks {
		if bl.kind == bImage {
			if bl.png = pngs[bl.name]; bl.png == nil {
				continue
			}
		}
		out = append(out, bl)
	}
	return out
}
