package pdftext

import (
	"context"
	"errors"
	"runtime"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
)

// glyph is one shown character in page space.
type glyph struct {
	x, y       float64 // origin on the baseline, PDF user space (y up)
	dx, dy     float64 // unit writing direction
	adv        float64 // advance along the direction
	size       float64 // effective font size
	cs         float64 // extra advance after the glyph from character spacing (Tc), along the direction
	show       int32   // the text-showing operator that drew it (Tc spaces glyphs of one operator only)
	guess      bool    // its text is the encoding's guess for a glyph the font does not name
	asc, desc  float64 // font ascent and descent (descent negative), in units of size
	text       string
	spaceAfter bool // an explicit space character followed it
}

// matrix is a PDF affine matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// gstate is the part of the graphics state that text extraction needs.
type gstate struct {
	ctm                  matrix
	font                 *font
	size                 float64
	tc, tw, th, tl, rise float64
}

// extractor holds per-document state: the reader, budgets and caches.
type extractor struct {
	ctx          context.Context
	doc          pdf.Doc
	streamLeft   int64 // decompressed stream bytes still allowed
	glyphLeft    int   // glyphs still allowed
	fonts        map[objKey]*font
	ops          int
	bufs         *pageBuffers          // reused between pages (and documents)
	stat         pageStat              // the current page's tally
	pageW, pageH float64               // the displayed page's size (text outside is clipped)
	fallback     *font                 // for text shown without a usable font
	shows        int32                 // text-showing operators run so far
	arrBuf       []operand             // reused for array operands (TJ)
	forms        map[uint64]cachedForm // decoded form XObjects, for forms drawn again
	formBytes    int
}

// pageBuffers are a page's glyph and layout buffers, kept for the next page
// and, through spareBuffers, for the next document: a page's result keeps
// no reference to them.
type pageBuffers struct {
	glyphs []glyph
	layout layoutScratch
}

// spareBuffers keeps a few pages' buffers between documents (a sync.Pool
// would lose them at every garbage collection, which extraction's garbage
// makes frequent).
var spareBuffers = make(chan *pageBuffers, max(2, runtime.GOMAXPROCS(0)))

// getBuffers returns spare page buffers, or new ones.
func getBuffers() *pageBuffers {
	select {
	case b := <-spareBuffers:
		return b
	default:
		return new(pageBuffers)
	}
}

// putBuffers keeps page buffers for another document unless they grew large.
func putBuffers(b *pageBuffers) {
	if cap(b.glyphs) > 1<<15 || cap(b.layout.arena) > 1<<16 || cap(b.layout.groups[0]) > 1<<15 {
		return
	}
	select {
	case spareBuffers <- b:
	default:
	}
}

// release gives the extractor's buffers back for another document.
func (x *extractor) release() {
	if x.bufs != nil {
		putBuffers(x.bufs)
		x.bufs = nil
	}
}

// objKey identifies an indirect object (plus a resource name for direct objects).
type objKey struct {
	id   uint64
	name string
}

// maxPageGlyphs bounds one page's glyphs (and so the layout's memory); a page
// beyond it is reported as unreadable instead of failing the document.
const maxPageGlyphs = 1_000_000

var errPageGlyphs = errors.New("more than a million characters on one page")

// errBudget reports that a document exceeds the size budget.
var errBudget = errors.New("size budget exceeded")

// operand is one content-stream operand.
type operand struct {
	kind tokKind
	num  float64
	s    string
	arr  []operand
}

// runner interprets one content stream.
type runner struct {
	x       *extractor
	res     pdf.Value
	gs      gstate
	stack   []gstate
	tm      matrix
	tlm     matrix
	glyphs  *[]glyph
	visits  map[uint64]bool
	depth   int
	codes   []code
	byName  map[string]*font // fonts already looked up in res
	fontRes pdf.Value        // res's /Font dictionary, resolved once (nil until then)
	spans   []span           // open marked-content sequences
	actual  int              // open sequences with /ActualText
}

func (x *extractor) runContent(data []byte, res pdf.Value, gs gstate, glyphs *[]glyph, visits map[uint64]bool, depth int) error {
	r := &runner{x: x, res: res, gs: gs, glyphs: glyphs, visits: visits, depth: depth, tm: identity, tlm: identity}
	return r.run(data)
}

func (r *runner) run(data []byte) error {
	l := lexer{b: data}
	var ops []operand
	arrays := 0 // arrays among the pending operands (the first reuses arrBuf)
	for {
		t := l.next()
		switch t.kind {
		case tkEOF:
			return nil
		case tkNum, tkStr, tkName:
			ops = append(ops, operand{kind: t.kind, num: t.num, s: t.s})
		case tkArrOpen:
			var buf []operand
			if arrays == 0 {
				buf = r.x.arrBuf[:0]
			}
			arr := readArray(&l, 0, buf)
			if arrays == 0 {
				r.x.arrBuf = arr[:0]
			}
			arrays++
			ops = append(ops, operand{kind: tkArrOpen, arr: arr})
		case tkDictOpen:
			text, ok := readDictActualText(&l)
			o := operand{kind: tkDictOpen}
			if ok {
				o.s, o.num = text, 1 // num 1 marks a dictionary with /ActualText
			}
			ops = append(ops, o)
		case tkArrClose, tkDictClose:
		case tkOp:
			if t.s == "ID" {
				l.skipInlineImage()
				r.x.stat.images++
			} else if err := r.op(t.s, ops); err != nil {
				return err
			}
			ops = ops[:0]
			arrays = 0
			r.x.ops++
			if r.x.ops&4095 == 0 {
				if err := r.x.ctx.Err(); err != nil {
					return err
				}
			}
		}
		if len(ops) > 1<<16 {
			ops = ops[:0]
		}
	}
}

// readArray reads an array operand; nesting deeper than 32 levels is flattened
// so that hostile input cannot exhaust the stack.
func readArray(l *lexer, depth int, buf []operand) []operand {
	out := buf[:0]
	for n := 0; n < 1<<20; n++ {
		t := l.next()
		switch t.kind {
		case tkEOF, tkArrClose:
			return out
		case tkArrOpen:
			if depth < 32 {
				out = append(out, operand{kind: tkArrOpen, arr: readArray(l, depth+1, nil)})
			}
		case tkDictOpen:
			skipDict(l)
		default:
			out = append(out, operand{kind: t.kind, num: t.num, s: t.s})
		}
	}
	return out
}

func skipDict(l *lexer) {
	depth := 1
	for n := 0; n < 1<<20; n++ {
		t := l.next()
		switch t.kind {
		case tkEOF:
			return
		case tkDictOpen:
			depth++
		case tkDictClose:
			depth--
			if depth == 0 {
				return
			}
		}
	}
}

// nums returns the last n operands (n <= 6) as numbers.
func nums(ops []operand, n int) ([6]float64, bool) {
	var out [6]float64
	if len(ops) < n {
		return out, false
	}
	for i, o := range ops[len(ops)-n:] {
		if o.kind != tkNum {
			return out, false
		}
		out[i] = o.num
	}
	return out, true
}

func lastString(ops []operand) (string, bool) {
	if len(ops) == 0 || ops[len(ops)-1].kind != tkStr {
		return "", false
	}
	return ops[len(ops)-1].s, true
}

func (r *runner) op(name string, ops []operand) error {
	switch name {
	case "q":
		if len(r.stack) < 1024 {
			r.stack = append(r.stack, r.gs)
		}
	case "Q":
		if n := len(r.stack); n > 0 {
			r.gs = r.stack[n-1]
			r.stack = r.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(ops, 6); ok {
			r.gs.ctm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}.mul(r.gs.ctm)
		}
	case "BT":
		r.tm, r.tlm = identity, identity
	case "Tf":
		if len(ops) >= 2 && ops[len(ops)-2].kind == tkName {
			r.gs.font = r.font(ops[len(ops)-2].s)
			r.gs.size = ops[len(ops)-1].num
		}
	case "Tc", "Tw", "Tz", "TL", "Ts":
		if v, ok := nums(ops, 1); ok {
			switch name {
			case "Tc":
				r.gs.tc = v[0]
			case "Tw":
				r.gs.tw = v[0]
			case "Tz":
				r.gs.th = v[0] / 100
			case "TL":
				r.gs.tl = v[0]
			case "Ts":
				r.gs.rise = v[0]
			}
		}
	case "Td", "TD":
		if v, ok := nums(ops, 2); ok {
			if name == "TD" {
				r.gs.tl = -v[1]
			}
			r.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(r.tlm)
			r.tm = r.tlm
		}
	case "Tm":
		if v, ok := nums(ops, 6); ok {
			r.tlm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
			r.tm = r.tlm
		}
	case "T*":
		r.nextLine()
	case "Tj":
		r.x.shows++
		if s, ok := lastString(ops); ok {
			return r.show(s)
		}
	case "'":
		r.x.shows++
		r.nextLine()
		if s, ok := lastString(ops); ok {
			return r.show(s)
		}
	case "\"":
		r.x.shows++
		if len(ops) >= 3 {
			r.gs.tw, r.gs.tc = ops[len(ops)-3].num, ops[len(ops)-2].num
		}
		r.nextLine()
		if s, ok := lastString(ops); ok {
			return r.show(s)
		}
	case "TJ":
		r.x.shows++
		if len(ops) == 0 || ops[len(ops)-1].kind != tkArrOpen {
			return nil
		}
		for _, o := range ops[len(ops)-1].arr {
			switch o.kind {
			case tkStr:
				if err := r.show(o.s); err != nil {
					return err
				}
			case tkNum:
				tx := -o.num / 1000 * r.gs.size * r.gs.th
				r.tm = matrix{1, 0, 0, 1, tx, 0}.mul(r.tm)
			}
		}
	case "BMC":
		r.beginSpan("", false)
	case "BDC":
		if n := len(ops); n > 0 && ops[n-1].kind == tkDictOpen && ops[n-1].num == 1 {
			r.beginSpan(ops[n-1].s, true)
		} else {
			r.beginSpan("", false)
		}
	case "EMC":
		r.endSpan()
	case "Do":
		if len(ops) > 0 && ops[len(ops)-1].kind == tkName {
			return r.doXObject(ops[len(ops)-1].s)
		}
	}
	return nil
}

func (r *runner) nextLine() {
	r.tlm = matrix{1, 0, 0, 1, 0, -r.gs.tl}.mul(r.tlm)
	r.tm = r.tlm
}

func (r *runner) font(name string) *font {
	if f, ok := r.byName[name]; ok {
		return f
	}
	if r.byName == nil {
		r.byName = map[string]*font{}
	}
	if r.fontRes == nil {
		r.fontRes = r.res.Key("Font")
	}
	f := r.lookupFont(name)
	r.byName[name] = f
	return f
}

func (r *runner) lookupFont(name string) *font {
	if id := r.fontRes.RefID(name); id != 0 {
		if f, ok := r.x.fonts[objKey{id: id}]; ok {
			return r.x.used(f) // already loaded: skip re-reading the object
		}
	}
	fv := r.fontRes.Key(name)
	if fv.Kind() != pdf.Dict {
		return nil
	}
	id := fv.ID()
	key := objKey{id: id}
	if id == 0 || r.res.ID() == id {
		key.name = name
	}
	if f, ok := r.x.fonts[key]; ok {
		return r.x.used(f)
	}
	var f *font
	damaged := r.x.tracking(func() { f = r.x.loadFont(fv) })
	f.damaged = damaged
	r.x.fonts[key] = f
	return f
}

// used notes on the page's tally that a font read with damage draws on it.
func (x *extractor) used(f *font) *font {
	if f != nil && f.damaged {
		x.stat.damaged = true
	}
	return f
}

// newFallbackFont is used when text is shown with no (or an unreadable) font.
func newFallbackFont() *font {
	return &font{scale: 0.001, dw: 0.5, simple: *standardTable(), cache: map[uint32]codeText{}, asc: 0.95, desc: -0.35}
}

func (r *runner) doXObject(name string) error {
	xo := r.res.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream {
		return nil
	}
	if st := xo.Key("Subtype").Name(); st != "Form" {
		if st == "Image" {
			r.x.stat.images++
		}
		return nil
	}
	id := xo.ID()
	if r.depth >= 32 || (id != 0 && r.visits[id]) {
		return nil
	}
	data, err := r.x.formData(xo, id)
	if err != nil {
		if errors.Is(err, errBudget) {
			return err
		}
		return nil // an unreadable form hides its text only
	}
	gs := r.gs
	if m := xo.Key("Matrix"); m.Len() == 6 {
		var mm matrix
		for i := range mm {
			mm[i] = m.Index(i).Float64()
		}
		gs.ctm = mm.mul(gs.ctm)
	}
	res := xo.Key("Resources")
	if res.Kind() != pdf.Dict {
		res = r.res
	}
	if id != 0 {
		r.visits[id] = true
		defer delete(r.visits, id)
	}
	return r.x.runContent(data, res, gs, r.glyphs, r.visits, r.depth+1)
}
