package pdftext

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
	pdfcpufont "github.com/pdfcpu/pdfcpu/pkg/font"
)

// runAnnotations draws the normal appearance of a page's visible annotations
// (form fields, free-text boxes, stamps), as viewers and pdftotext show them.
func (x *extractor) runAnnotations(page pdf.Value, pageRes pdf.Value, frame matrix, glyphs *[]glyph) error {
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < 10000; i++ {
		a := annots.Index(i)
		if a.Kind() != pdf.Dict {
			continue
		}
		switch a.Key("Subtype").Name() {
		case "Popup", "Link":
			continue
		}
		if a.Key("F").Int64()&(1|2|32) != 0 { // invisible, hidden, no view
			continue
		}
		rect, ok := numbers(a.Key("Rect"), 4)
		if !ok {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			ap = ap.Key(a.Key("AS").Name()) // appearance state (check boxes)
		}
		before := len(*glyphs)
		if ap.Kind() == pdf.Stream {
			if err := x.runAppearance(ap, rect, pageRes, frame, glyphs); err != nil {
				if errors.Is(err, errBudget) || errors.Is(err, errPageGlyphs) || x.ctx.Err() != nil {
					return err
				}
			}
		}
		if len(*glyphs) == before && a.Key("Subtype").Name() == "Widget" {
			x.fieldValue(a, rect, frame, glyphs)
		}
	}
	return nil
}

// fieldValue shows a form field's value when its appearance does not (the
// file asks viewers to build appearances, or they are empty), as viewers and
// pdftotext do: a text field's value, a list box's options, a combo box's
// choice.
func (x *extractor) fieldValue(a pdf.Value, rect []float64, frame matrix, glyphs *[]glyph) {
	field := func(key string) pdf.Value { return pdf.Inherited(a, key) }
	var lines []string
	switch field("FT").Name() {
	case "Tx":
		lines = strings.Split(field("V").Text(), "\r")
	case "Ch":
		if field("Ff").Int64()&(1<<17) != 0 { // a combo box shows its choice
			lines = []string{field("V").Text()}
			break
		}
		opts := field("Opt")
		for i := 0; i < opts.Len() && i < 200; i++ {
			o := opts.Index(i)
			if o.Kind() == pdf.Array {
				o = o.Index(1) // [export value, display text]
			}
			lines = append(lines, o.Text())
		}
	default:
		return
	}
	size := 10.0
	if m := daSize.FindStringSubmatch(field("DA").RawString()); m != nil {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > 0 && v < 100 {
			size = v
		}
	}
	x0, top := math.Min(rect[0], rect[2])+2, math.Max(rect[1], rect[3])
	for k, line := range lines {
		y := top - float64(k+1)*size*1.15
		pen := x0
		for _, r := range line {
			w := 0.5
			if cw, err := pdfcpufont.CharWidth("Helvetica", r); err == nil && r < 0x80 {
				w = float64(cw) / 1000
			}
			if !unicode.IsSpace(r) {
				g := glyph{adv: w * size, size: size, asc: 0.95, desc: -0.35, text: string(r), show: -1}
				g.x = pen*frame[0] + y*frame[2] + frame[4]
				g.y = pen*frame[1] + y*frame[3] + frame[5]
				g.dx, g.dy = frame[0], frame[1]
				if x.onPage(&g) && len(*glyphs) < maxPageGlyphs {
					x.stat.drawn++
					*glyphs = append(*glyphs, g)
				}
			} else if n := len(*glyphs); n > 0 {
				(*glyphs)[n-1].spaceAfter = true
			}
			pen += w * size
		}
	}
}

var daSize = regexp.MustCompile(`([0-9.]+)\s+Tf`)

// runAppearance maps an appearance stream's bounding box onto the annotation
// rectangle (PDF 32000 12.5.5) and interprets it.
func (x *extractor) runAppearance(ap pdf.Value, rect []float64, pageRes pdf.Value, frame matrix, glyphs *[]glyph) error {
	data, err := x.readStream(ap)
	if err != nil {
		return err
	}
	m := identity
	if mm, ok := numbers(ap.Key("Matrix"), 6); ok {
		m = matrix{mm[0], mm[1], mm[2], mm[3], mm[4], mm[5]}
	}
	bbox, ok := numbers(ap.Key("BBox"), 4)
	if !ok {
		return nil
	}
	// Transformed bounding box of the appearance.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [][2]float64{{bbox[0], bbox[1]}, {bbox[2], bbox[1]}, {bbox[0], bbox[3]}, {bbox[2], bbox[3]}} {
		tx := p[0]*m[0] + p[1]*m[2] + m[4]
		ty := p[0]*m[1] + p[1]*m[3] + m[5]
		minX, maxX = math.Min(minX, tx), math.Max(maxX, tx)
		minY, maxY = math.Min(minY, ty), math.Max(maxY, ty)
	}
	if maxX-minX <= 0 || maxY-minY <= 0 {
		return nil
	}
	rx0, ry0 := math.Min(rect[0], rect[2]), math.Min(rect[1], rect[3])
	rx1, ry1 := math.Max(rect[0], rect[2]), math.Max(rect[1], rect[3])
	sx, sy := (rx1-rx0)/(maxX-minX), (ry1-ry0)/(maxY-minY)
	fit := matrix{sx, 0, 0, sy, rx0 - minX*sx, ry0 - minY*sy}
	res := ap.Key("Resources")
	if res.Kind() != pdf.Dict {
		res = pageRes
	}
	gs := gstate{ctm: m.mul(fit).mul(frame), th: 1}
	return x.runContent(data, res, gs, glyphs, map[uint64]bool{}, 1)
}

// numbers reads an array of n numbers.
func numbers(v pdf.Value, n int) ([]float64, bool) {
	if v.Len() != n {
		return nil, false
	}
	out := make([]float64, n)
	for i := range out {
		k := v.Index(i).Kind()
		if k != pdf.Integer && k != pdf.Real {
			return nil, false
		}
		out[i] = v.Index(i).Float64()
	}
	return out, true
}
