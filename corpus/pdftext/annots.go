package pdftext

import (
	"errors"
	"math"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfobj"
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
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			ap = ap.Key(a.Key("AS").Name()) // appearance state (check boxes)
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		rect, ok := numbers(a.Key("Rect"), 4)
		if !ok {
			continue
		}
		if err := x.runAppearance(ap, rect, pageRes, frame, glyphs); err != nil {
			if errors.Is(err, errBudget) || errors.Is(err, errPageGlyphs) || x.ctx.Err() != nil {
				return err
			}
		}
	}
	return nil
}

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
