package brief

import (
	"archive/zip"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The DOCX writer produces minimal, valid WordprocessingML with archive/zip.
// No maintained Go DOCX writer could be fetched through the module proxy
// (ubavic/godocx, the maintained fork of gomutex/godocx, was refused), and
// writing the few parts a brief needs keeps the output byte-reproducible
// (fixed zip times, no generated ids or dates).

// Page geometry in twentieths of a point (dxa): A4 with 2 cm margins.
const (
	docxPageW   = 11906
	docxPageH   = 16838
	docxMargin  = 1134
	docxContent = docxPageW - 2*docxMargin
)

// zipTime is the fixed modification time of every part.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type docxWriter struct {
	b    *Brief
	body strings.Builder
	// keep makes the paragraphs written now keep with the next one, so a
	// figure's table stays whole and with its caption, a table's header
	// with its first row, and the sentence that introduces a table or
	// figure with it.
	keep bool
	// images are the pictures of coded areas, in document order.
	images []docxImage
}

func writeDOCX(w io.Writer, b *Brief, blocks []block, _ map[string]*figure) error {
	d := &docxWriter{b: b}
	first := true
	for i, bl := range blocks {
		d.keep = i+1 < len(blocks) && (blocks[i+1].kind == bTable || blocks[i+1].kind == bFigure || blocks[i+1].kind == bImage) && bl.kind != bTable
		d.block(bl, first)
		d.keep = false
		if bl.kind == bHeading {
			first = false
		}
	}
	zw := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"docProps/core.xml", fmt.Sprintf(docxCore, xmlEscape(b.Title))},
		{"docProps/app.xml", docxApp},
		{"word/_rels/document.xml.rels", d.docRels()},
		{"word/styles.xml", docxStyles},
		{"word/numbering.xml", docxNumbering},
		{"word/settings.xml", docxSettings},
		{"word/document.xml", docxDocHead + d.body.String() + fmt.Sprintf(docxDocTail, docxPageW, docxPageH, docxMargin, docxMargin, docxMargin, docxMargin)},
	}
	for _, img := range d.images {
		// PNGs are compressed already: stored, not deflated again.
		parts = append(parts, struct{ name, body string }{"word/" + img.path, string(img.png)})
	}
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") {
			method = zip.Store
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("write docx part %s: %w", p.name, err)
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return fmt.Errorf("write docx part %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}

func (d *docxWriter) block(bl block, first bool) {
	switch bl.kind {
	case bHeading:
		style := "Heading" + strconv.Itoa(bl.level)
		if bl.level == 1 && first {
			style = "Title"
		}
		d.para(style, "", bl.runs)
	case bPara:
		d.para("", "", bl.runs)
	case bBullet:
		d.para("ListBullet", `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`, bl.runs)
	case bQuote:
		d.para("Quote", "", bl.runs)
	case bTable:
		d.table(bl)
	case bFigure:
		d.figure(bl)
	case bImage:
		d.image(bl)
	}
}

func (d *docxWriter) para(style, extra string, runs []run) {
	d.body.WriteString("<w:p>")
	if style != "" || extra != "" || d.keep {
		d.body.WriteString("<w:pPr>")
		if style != "" {
			d.body.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if d.keep {
			d.body.WriteString("<w:keepNext/>")
		}
		d.body.WriteString(extra + "</w:pPr>")
	}
	d.runs(runs, runFmt{})
	d.body.WriteString("</w:p>")
}

// runFmt is formatting applied to every run of a paragraph.
type runFmt struct {
	bold  bool
	color string // hex, "" for default
	size  int    // half-points, 0 for default
}

// runs writes inline runs, with rPr children in schema order. Runs in
// Thai, Lao, Khmer or Burmese name a font for complex scripts that has
// them and repeat bold, italic and size for complex scripts (Word applies
// only those to such text).
func (d *docxWriter) runs(runs []run, f runFmt) {
	for _, r := range runs {
		d.body.WriteString("<w:r>")
		cs := docxScriptFont(r.text)
		if r.bold || r.italic || f != (runFmt{}) || cs != "" {
			d.body.WriteString("<w:rPr>")
			if cs != "" {
				d.body.WriteString(`<w:rFonts w:cs="` + cs + `"/>`)
			}
			if r.bold || f.bold {
				d.body.WriteString("<w:b/>")
				if cs != "" {
					d.body.WriteString("<w:bCs/>")
				}
			}
			if r.italic {
				d.body.WriteString("<w:i/>")
				if cs != "" {
					d.body.WriteString("<w:iCs/>")
				}
			}
			if f.color != "" {
				d.body.WriteString(`<w:color w:val="` + strings.ToUpper(f.color) + `"/>`)
			}
			if f.size > 0 {
				d.body.WriteString(`<w:sz w:val="` + strconv.Itoa(f.size) + `"/>`)
				if cs != "" {
					d.body.WriteString(`<w:szCs w:val="` + strconv.Itoa(f.size) + `"/>`)
				}
			}
			d.body.WriteString("</w:rPr>")
		}
		d.body.WriteString(`<w:t xml:space="preserve">` + xmlEscape(joinUnrated(r.text)) + "</w:t></w:r>")
	}
}

// docxScriptFont names the font Word should use for a run's complex-script
// text: Leelawadee UI (Windows) for Thai, Lao and Khmer, Myanmar Text for
// Burmese; "" for other text. Where those fonts are missing, Word and
// LibreOffice fall back to a font that has the script (Noto on Linux).
func docxScriptFont(text string) string {
	for _, r := range text {
		switch {
		case r >= 0x0E00 && r <= 0x0EFF, r >= 0x1780 && r <= 0x17FF, r >= 0x19E0 && r <= 0x19FF:
			return "Leelawadee UI"
		case r >= 0x1000 && r <= 0x109F, r >= 0xA9E0 && r <= 0xA9FF, r >= 0xAA60 && r <= 0xAA7F:
			return "Myanmar Text"
		}
	}
	return ""
}

// colWidths fits the columns to the text width (see fitColumns), with
// text widths estimated for the 9-point table font, shrinking the font when
// the words do not fit; it returns widths in dxa and the font size in
// half-points.
func colWidths(rows [][][]run, n int) ([]int, int) {
	size := 18
	for {
		ws, ok := fitColumns(rows, n, docxContent, 70, func(s string, bold bool) float64 {
			return docxTextWidth(s, float64(size)/2, bold) * 20
		}, nil)
		if ok || size <= 12 {
			out := make([]int, n)
			for i, w := range ws {
				out[i] = int(w)
			}
			return out, size
		}
		size--
	}
}

func (d *docxWriter) table(bl block) {
	n := 0
	for _, r := range bl.rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	widths, size := colWidths(bl.rows, n)
	d.tableStart("BriefTable", widths)
	for i, row := range bl.rows {
		header := i == 0 && bl.header
		d.keep = header
		d.body.WriteString("<w:tr>")
		if header {
			d.body.WriteString("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
		} else {
			d.body.WriteString("<w:trPr><w:cantSplit/></w:trPr>")
		}
		for j := 0; j < n; j++ {
			var cell []run
			if j < len(row) {
				cell = row[j]
			}
			fill := ""
			if header {
				fill = "D9E2F3"
			}
			f := runFmt{bold: header}
			if size != 18 {
				f.size = size
			}
			d.cell(widths[j], 1, fill, cell, f)
		}
		d.body.WriteString("</w:tr>")
	}
	d.keep = false
	d.body.WriteString("</w:tbl>")
	d.para("", "", nil)
}

func (d *docxWriter) tableStart(style string, widths []int) {
	d.body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="` + style + `"/><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		d.body.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.body.WriteString("</w:tblGrid>")
}

// cell writes a table cell spanning span grid columns.
func (d *docxWriter) cell(width, span int, fill string, runs []run, f runFmt) {
	d.body.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/>`)
	if span > 1 {
		d.body.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
	}
	if fill != "" {
		d.body.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + strings.ToUpper(fill) + `"/>`)
	}
	d.body.WriteString(`</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
	if d.keep {
		d.body.WriteString("<w:keepNext/>")
	}
	d.body.WriteString(`</w:pPr>`)
	d.runs(runs, f)
	d.body.WriteString("</w:p></w:tc>")
}

func (d *docxWriter) caption(runs []run) {
	d.para("Caption", "", runs)
}

// unratedCount matches "?2", the count of studies not rated in a map cell.
var unratedCount = regexp.MustCompile(`\?(\d)`)

// joinUnrated puts a word joiner between "?" and its count, so that Word
// and LibreOffice, which may break a line after a question mark, keep "?2"
// whole.
func joinUnrated(s string) string {
	if !strings.Contains(s, "?") {
		return s
	}
	return unratedCount.ReplaceAllString(s, "?\u2060$1")
}
