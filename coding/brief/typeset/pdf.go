package typeset

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-text/typesetting/font"
)

// Color is an RGB colour.
type Color struct{ R, G, B uint8 }

// Hex parses "1f3864" (black when malformed).
func Hex(s string) Color {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(strings.TrimPrefix(s, "#")) != 6 {
		return Color{}
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

func (c Color) ops(fill bool) string {
	op := "RG"
	if fill {
		op = "rg"
	}
	return fmt.Sprintf("%s %s %s %s", num(float64(c.R)/255), num(float64(c.G)/255), num(float64(c.B)/255), op)
}

// num writes a number with at most three decimals.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// Doc is a PDF document: pages of vector shapes and laid-out text, an
// outline (bookmarks) and the document information. Coordinates are in
// points from the top-left corner of the page.
type Doc struct {
	e     *Engine
	pages []*Page
	fonts []*docFont
	byF   map[*fontFile]*docFont
	marks []outline
	// images are the pictures drawn, in drawing order (see Page.Image).
	images []*docImage
	// Title, Author and Creator fill the document information.
	Title, Author, Creator string
	// Created is the creation date written (zero: left out).
	Created time.Time
}

// outline is a bookmark.
type outline struct {
	title string
	level int
	page  int
	y     float64
}

// docFont is a font used by the document: the glyphs shown, each with the
// text it stands for, numbered as CIDs.
type docFont struct {
	f    *fontFile
	name string // resource name, "F1"
	cids map[cidKey]uint16
	keys []cidKey // by CID - 1
}

type cidKey struct {
	gid  uint16
	text string
}

// NewDoc starts an empty document that draws text laid out by e.
func NewDoc(e *Engine) *Doc {
	return &Doc{e: e, byF: map[*fontFile]*docFont{}}
}

// Page is one page of a Doc.
type Page struct {
	d      *Doc
	n      int
	w, h   float64
	buf    bytes.Buffer
	placed []Placed
}

// Placed is a line of text drawn on a page: the line and its baseline's
// start.
type Placed struct {
	Line  Line
	X, Y  float64
	Color Color
}

// Placed returns the lines of text drawn on the page, in drawing order.
func (p *Page) Placed() []Placed { return p.placed }

// Size returns the page's width and height in points.
func (p *Page) Size() (w, h float64) { return p.w, p.h }

// AddPage appends a page of w x h points.
func (d *Doc) AddPage(w, h float64) *Page {
	p := &Page{d: d, n: len(d.pages) + 1, w: w, h: h}
	d.pages = append(d.pages, p)
	return p
}

// Pages returns the pages so far.
func (d *Doc) Pages() []*Page { return d.pages }

// Number is the page's 1-based number.
func (p *Page) Number() int { return p.n }

// Outline adds a bookmark at height y of page (levels start at 0 and may
// go at most one deeper than the previous bookmark's).
func (d *Doc) Outline(title string, level int, page *Page, y float64) {
	d.marks = append(d.marks, outline{title: title, level: level, page: page.n, y: y})
}

// Rect fills and/or strokes a rectangle (nil colours are not painted).
func (p *Page) Rect(x, y, w, h float64, fill, stroke *Color, lineWidth float64) {
	if fill == nil && stroke == nil {
		return
	}
	op := "f"
	if fill != nil {
		p.buf.WriteString(fill.ops(true) + "\n")
	}
	if stroke != nil {
		fmt.Fprintf(&p.buf, "%s %s w\n", stroke.ops(false), num(lineWidth))
		op = "S"
		if fill != nil {
			op = "B"
		}
	}
	fmt.Fprintf(&p.buf, "%s %s %s %s re %s\n", num(x), num(p.h-y-h), num(w), num(h), op)
}

// Line strokes a line.
func (p *Page) Line(x1, y1, x2, y2 float64, c Color, lineWidth float64) {
	fmt.Fprintf(&p.buf, "%s %s w %s %s m %s %s l S\n", c.ops(false), num(lineWidth), num(x1), num(p.h-y1), num(x2), num(p.h-y2))
}

// Polygon fills a closed polygon through the points (x, y from the top).
func (p *Page) Polygon(pts [][2]float64, fill Color) {
	if len(pts) < 3 {
		return
	}
	p.buf.WriteString(fill.ops(true) + "\n")
	for i, pt := range pts {
		op := "l"
		if i == 0 {
			op = "m"
		}
		fmt.Fprintf(&p.buf, "%s %s %s ", num(pt[0]), num(p.h-pt[1]), op)
	}
	p.buf.WriteString("h f\n")
}

// Text draws a laid-out line with its baseline at y, starting at x.
func (p *Page) Text(l Line, x, y float64, c Color) {
	if len(l.Runs) == 0 {
		return
	}
	p.placed = append(p.placed, Placed{Line: l, X: x, Y: y, Color: c})
	base := p.h - y
	fmt.Fprintf(&p.buf, "BT\n%s\n", c.ops(true))
	for _, r := range l.Runs {
		df := p.d.font(r.font)
		slant := 0.0
		if r.SynthItalic() {
			slant = 0.2
		}
		fmt.Fprintf(&p.buf, "/%s %s Tf\n", df.name, num(r.Size))
		setPos := func(px, py float64) {
			fmt.Fprintf(&p.buf, "1 0 %s 1 %s %s Tm\n", num(slant), num(px), num(py))
		}
		pen := x + r.X
		setPos(pen, base)
		tx := pen // where the text position is after the last glyph shown
		var tj []string
		flush := func() {
			if len(tj) > 0 {
				p.buf.WriteString("[" + strings.Join(tj, "") + "] TJ\n")
				tj = tj[:0]
			}
		}
		onBase := true
		show := func(g Glyph) {
			cid := df.cid(g)
			w := p.d.e.advance(r.font, g.ID) * r.Size / unitsPerEm
			gx, gy := pen+g.DX, base+g.DY
			if g.DY != 0 || !onBase {
				flush()
				setPos(gx, gy)
				fmt.Fprintf(&p.buf, "<%04X> Tj\n", cid)
				onBase = g.DY == 0
			} else {
				if d := gx - tx; d > 0.001 || d < -0.001 {
					tj = append(tj, num(-d*1000/r.Size))
				}
				tj = append(tj, fmt.Sprintf("<%04X>", cid))
			}
			tx = gx + w
			pen += g.Advance
		}
		for i := 0; i < len(r.Glyphs); {
			j := i + 1
			for j < len(r.Glyphs) && !r.Glyphs[j].First {
				j++
			}
			if j-i == 1 {
				show(r.Glyphs[i])
				i = j
				continue
			}
			// A cluster of several glyphs (a syllable whose parts are
			// reordered, stacked or split): its text is given whole as
			// the ActualText of the glyphs, so extraction gets it back in
			// order, without gaps.
			flush()
			fmt.Fprintf(&p.buf, "/Span << /ActualText %s >> BDC\n", pdfString(r.Glyphs[i].Text))
			for _, g := range r.Glyphs[i:j] {
				show(g)
			}
			flush()
			p.buf.WriteString("EMC\n")
			i = j
		}
		flush()
	}
	p.buf.WriteString("ET\n")
}

// advance is a glyph's own advance in thousandths of an em.
func (e *Engine) advance(f *fontFile, gid uint16) float64 {
	return float64(e.face(f).HorizontalAdvance(font.GID(gid))) * unitsPerEm / float64(f.font.Upem())
}

// font returns the document's record of a font, adding it on first use.
func (d *Doc) font(f *fontFile) *docFont {
	df, ok := d.byF[f]
	if !ok {
		df = &docFont{f: f, name: fmt.Sprintf("F%d", len(d.fonts)+1), cids: map[cidKey]uint16{}}
		d.byF[f] = df
		d.fonts = append(d.fonts, df)
	}
	return df
}

// cid numbers a glyph with the text it stands for: the same glyph drawn
// for different text (a vowel part in different Khmer syllables) gets one
// CID per text, so that the ToUnicode map gives every occurrence back.
func (df *docFont) cid(g Glyph) uint16 {
	k := cidKey{gid: g.ID, text: g.Text}
	if c, ok := df.cids[k]; ok {
		return c
	}
	if len(df.keys) >= 0xFFFE { // out of CIDs: reuse the glyph's first
		for i, o := range df.keys {
			if o.gid == g.ID {
				return uint16(i + 1)
			}
		}
		return 0
	}
	df.keys = append(df.keys, k)
	c := uint16(len(df.keys))
	df.cids[k] = c
	return c
}

// pdfString encodes text as a PDF text string (UTF-16BE with BOM, hex).
func pdfString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// writer numbers and writes objects, recording their offsets.
type writer struct {
	w       *bufio.Writer
	n       int64
	offsets []int64
	err     error
}

func (w *writer) printf(format string, a ...any) {
	if w.err != nil {
		return
	}
	k, err := fmt.Fprintf(w.w, format, a...)
	w.n += int64(k)
	w.err = err
}

func (w *writer) obj(id int, body string) {
	w.offsets[id] = w.n
	w.printf("%d 0 obj\n%s\nendobj\n", id, body)
}

func (w *writer) stream(id int, dict string, data []byte, compress bool) {
	if compress {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	w.offsets[id] = w.n
	w.printf("%d 0 obj\n<<%s /Length %d>>\nstream\n", id, dict, len(data))
	if w.err == nil {
		k, err := w.w.Write(data)
		w.n += int64(k)
		w.err = err
	}
	w.printf("\nendstream\nendobj\n")
}

// WriteTo writes the document as PDF 1.7.
func (d *Doc) WriteTo(out io.Writer) (int64, error) {
	if len(d.pages) == 0 {
		d.AddPage(595.28, 841.89)
	}
	// Object numbers: 1 catalog, 2 page tree, 3 info, 4 font resources,
	// then pages (page, content), fonts (6 each), outlines.
	next := 5
	pageIDs := make([]int, len(d.pages))
	for i := range d.pages {
		pageIDs[i] = next
		next += 2
	}
	fontIDs := make([]int, len(d.fonts))
	for i := range d.fonts {
		fontIDs[i] = next
		next += 6
	}
	imageIDs := make([]int, len(d.images))
	for i := range d.images {
		imageIDs[i] = next
		next++
	}
	outlineRoot := 0
	if len(d.marks) > 0 {
		outlineRoot = next
		next += 1 + len(d.marks)
	}
	w := &writer{w: bufio.NewWriter(out), offsets: make([]int64, next)}
	w.printf("%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n")
	cat := "<< /Type /Catalog /Pages 2 0 R"
	if outlineRoot > 0 {
		cat += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", outlineRoot)
	}
	w.obj(1, cat+" >>")
	kids := make([]string, len(d.pages))
	for i, id := range pageIDs {
		kids[i] = fmt.Sprintf("%d 0 R", id)
	}
	w.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages)))
	info := "<< /Producer (Evidence Workbench)"
	if d.Title != "" {
		info += " /Title " + pdfString(d.Title)
	}
	if d.Author != "" {
		info += " /Author " + pdfString(d.Author)
	}
	if d.Creator != "" {
		info += " /Creator " + pdfString(d.Creator)
	}
	if !d.Created.IsZero() {
		info += " /CreationDate (D:" + d.Created.UTC().Format("20060102150405") + "Z)"
	}
	w.obj(3, info+" >>")
	var res strings.Builder
	res.WriteString("<< /ProcSet [/PDF /Text /ImageC] /Font <<")
	for i, df := range d.fonts {
		fmt.Fprintf(&res, " /%s %d 0 R", df.name, fontIDs[i])
	}
	res.WriteString(" >>")
	if len(d.images) > 0 {
		res.WriteString(" /XObject <<")
		for i, di := range d.images {
			fmt.Fprintf(&res, " /%s %d 0 R", di.name, imageIDs[i])
		}
		res.WriteString(" >>")
	}
	res.WriteString(" >>")
	w.obj(4, res.String())
	for i, p := range d.pages {
		w.obj(pageIDs[i], fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources 4 0 R /Contents %d 0 R >>",
			num(p.w), num(p.h), pageIDs[i]+1))
		w.stream(pageIDs[i]+1, "", p.buf.Bytes(), true)
	}
	for i, df := range d.fonts {
		if err := d.writeFont(w, df, fontIDs[i]); err != nil {
			return w.n, err
		}
	}
	for i, di := range d.images {
		w.writeImage(imageIDs[i], di)
	}
	if outlineRoot > 0 {
		d.writeOutlines(w, outlineRoot, pageIDs)
	}
	xref := w.n
	w.printf("xref\n0 %d\n0000000000 65535 f \n", next)
	for id := 1; id < next; id++ {
		w.printf("%010d 00000 n \n", w.offsets[id])
	}
	w.printf("trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", next, xref)
	if w.err != nil {
		return w.n, w.err
	}
	return w.n, w.w.Flush()
}

// writeOutlines writes the bookmark tree: each bookmark is the child of the
// last one before it with a lower level.
func (d *Doc) writeOutlines(w *writer, root int, pageIDs []int) {
	n := len(d.marks)
	parent := make([]int, n) // index of parent mark, -1 for the root
	var stack []int
	for i, m := range d.marks {
		for len(stack) > 0 && d.marks[stack[len(stack)-1]].level >= m.level {
			stack = stack[:len(stack)-1]
		}
		parent[i] = -1
		if len(stack) > 0 {
			parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	children := map[int][]int{}
	for i := range d.marks {
		children[parent[i]] = append(children[parent[i]], i)
	}
	id := func(i int) int {
		if i < 0 {
			return root
		}
		return root + 1 + i
	}
	var count func(i int) int
	count = func(i int) int {
		c := len(children[i])
		for _, k := range children[i] {
			c += count(k)
		}
		return c
	}
	kids := children[-1]
	w.obj(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", id(kids[0]), id(kids[len(kids)-1]), count(-1)))
	for i, m := range d.marks {
		sib := children[parent[i]]
		var b strings.Builder
		fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfString(m.title), id(parent[i]))
		for k, s := range sib {
			if s != i {
				continue
			}
			if k > 0 {
				fmt.Fprintf(&b, " /Prev %d 0 R", id(sib[k-1]))
			}
			if k < len(sib)-1 {
				fmt.Fprintf(&b, " /Next %d 0 R", id(sib[k+1]))
			}
		}
		if ch := children[i]; len(ch) > 0 {
			fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", id(ch[0]), id(ch[len(ch)-1]), count(i))
		}
		pg := d.pages[m.page-1]
		fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ 0 %s 0] >>", pageIDs[m.page-1], num(pg.h-m.y))
		w.obj(id(i), b.String())
	}
}
