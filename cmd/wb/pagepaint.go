package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"slices"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// codingAlpha is the opacity of a painted passage, as the page view's.
const codingAlpha = 0x50

// paintCodings returns a copy of a page's image (0-based page, drawn at
// dpi) with the study's codings painted over their words in their codes'
// colours, one band per line, and its area codings outlined, and how many
// codings (of text and areas) it painted; coders limits them to those
// coders' (nil: all).
func paintCodings(p *corpus.Project, study string, page int, img *image.RGBA, dpi float64, coders []string) (*image.RGBA, int, error) {
	out := image.NewRGBA(img.Bounds())
	copy(out.Pix, img.Pix) // the renderer's image is shared: never drawn on
	pb, err := p.PageBoxes(study, page+1)
	if err != nil {
		return nil, 0, err
	}
	codings, err := coding.CodingsOfStudy(p, study)
	if err != nil {
		return nil, 0, err
	}
	codes, err := coding.Codebook(p)
	if err != nil {
		return nil, 0, err
	}
	colours := map[string]color.NRGBA{}
	for _, c := range codes {
		colours[c.GUID] = parseColour(c.Color)
	}
	boxes := make([]pdfpage.Rect, len(pb.Boxes))
	for i, b := range pb.Boxes {
		boxes[i] = pdfpage.Rect{X0: float64(b.X0), Y0: float64(b.Y0), X1: float64(b.X1), Y1: float64(b.Y1)}
	}
	end := pb.Start + len(boxes)
	painted := 0
	for _, c := range codings {
		if c.End <= pb.Start || c.Start >= end || (coders != nil && !slices.Contains(coders, c.Coder)) {
			continue
		}
		runs := pdfpage.LineRuns(boxes, c.Start-pb.Start, c.End-pb.Start)
		if len(runs) == 0 {
			continue
		}
		col := colours[c.Code]
		col.A = codingAlpha
		for _, r := range runs {
			px := r.Scale(dpi)
			rect := image.Rect(int(px.X0), int(px.Y0), int(px.X1+0.5), int(px.Y1+0.5))
			draw.Draw(out, rect, image.NewUniform(col), image.Point{}, draw.Over)
		}
		painted++
	}
	areas, err := coding.Areas(p, coding.AreaFilter{Study: study, Pages: []int{page}})
	if err != nil {
		return nil, 0, err
	}
	for _, a := range areas {
		if coders != nil && !slices.Contains(coders, a.Coder) {
			continue
		}
		px := pdfpage.Rect(a.Rect).Scale(dpi)
		outline(out, image.Rect(int(px.X0), int(px.Y0), int(px.X1+0.5), int(px.Y1+0.5)), colours[a.Code], max(int(dpi/48), 1))
		painted++
	}
	return out, painted, nil
}

// outline draws a rectangle's border w pixels wide over a faint fill, as the
// page view paints a coded area.
func outline(img *image.RGBA, r image.Rectangle, col color.NRGBA, w int) {
	fill := col
	fill.A = 0x1c
	draw.Draw(img, r, image.NewUniform(fill), image.Point{}, draw.Over)
	for _, band := range []image.Rectangle{
		{r.Min, image.Pt(r.Max.X, r.Min.Y+w)}, {image.Pt(r.Min.X, r.Max.Y-w), r.Max},
		{r.Min, image.Pt(r.Min.X+w, r.Max.Y)}, {image.Pt(r.Max.X-w, r.Min.Y), r.Max},
	} {
		draw.Draw(img, band.Intersect(r), image.NewUniform(col), image.Point{}, draw.Src)
	}
}

// parseColour reads "#rrggbb" (grey when it cannot).
func parseColour(s string) color.NRGBA {
	var r, g, b uint8
	if len(s) == 7 && s[0] == '#' {
		if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err == nil {
			return color.NRGBA{R: r, G: g, B: b, A: 0xff}
		}
	}
	return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
}
