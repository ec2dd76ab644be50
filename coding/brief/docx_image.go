package brief

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
)

// docxImage is a picture part of a DOCX brief (word/media/areaN.png).
type docxImage struct {
	rel  string // relationship id in word/_rels/document.xml.rels
	path string // part name below word/
	png  []byte
}

// emuPerDXA converts twentieths of a point to English Metric Units.
const emuPerDXA = 635

// image writes a coded area's picture in its own paragraph, at
// AreaImageDPI and at most the text width and half the page's height,
// with its description as caption below. A PNG that cannot be read is
// written as its caption alone.
func (d *docxWriter) image(bl block) {
	cfg, err := png.DecodeConfig(bytes.NewReader(bl.png))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		d.caption(bl.runs)
		return
	}
	n := len(d.images) + 1
	img := docxImage{rel: fmt.Sprintf("rIdImg%d", n), path: fmt.Sprintf("media/area%d.png", n), png: bl.png}
	d.images = append(d.images, img)
	// Pixels at AreaImageDPI to EMU (914,400 an inch), scaled down to fit.
	w := float64(cfg.Width) / AreaImageDPI * 914400
	h := float64(cfg.Height) / AreaImageDPI * 914400
	maxW := float64(docxContent * emuPerDXA)
	maxH := float64((docxPageH - 2*docxMargin) * emuPerDXA / 2)
	scale := min(1, maxW/w, maxH/h)
	cx, cy := int64(w*scale), int64(h*scale)
	name := xmlEscape(plainText(bl.runs))
	d.body.WriteString(`<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/></w:pPr><w:r><w:drawing>`)
	fmt.Fprintf(&d.body, `<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Area %d" descr="%s"/>`, cx, cy, 1000+n, n, name)
	d.body.WriteString(`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	d.body.WriteString(`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`)
	fmt.Fprintf(&d.body, `<pic:nvPicPr><pic:cNvPr id="%d" name="area%d.png" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr>`, n, n, name)
	fmt.Fprintf(&d.body, `<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`, img.rel)
	fmt.Fprintf(&d.body, `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`, cx, cy)
	d.body.WriteString(`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
	d.caption(bl.runs)
}

// docRels is word/_rels/document.xml.rels with the pictures' relationships.
func (d *docxWriter) docRels() string {
	if len(d.images) == 0 {
		return docxDocRels
	}
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(docxDocRels, "</Relationships>"))
	for _, img := range d.images {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%s"/>`, img.rel, img.path)
	}
	b.WriteString("</Relationships>")
	return b.String()
}
