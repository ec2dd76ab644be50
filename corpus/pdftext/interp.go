package pdftext

import (
	"context"
	"errors"
	"math"
	"reflect"

	"github.com/ledongthuc/pdf"
)

// glyph is one shown character in page space.
type glyph struct {
	x, y       float64 // origin on the baseline, PDF user space (y up)
	dx, dy     float64 // unit writing direction
	adv        float64 // advance along the direction
	size       float64 // effective font size
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
	ctx        context.Context
	r          *pdf.Reader
	streamLeft int64 // decompressed stream bytes still allowed
	glyphLeft  int   // glyphs still allowed
	fonts      map[objKey]*font
	ops        int
	pages      []pdf.Value // the page tree, in order
	glyphBuf   []glyph     // reused between pages
	images     int         // images drawn on the current page
	raw        []byte      // the file's bytes, for streams the object layer cannot decode
	encrypted  bool
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

// ptrID reads the object number behind a value (0 when unknown). The PDF library
// keeps it unexported; reflection reads it without unsafe.
func ptrID(v pdf.Value) uint64 {
	rv := reflect.ValueOf(v)
	p := rv.FieldByName("ptr")
	if !p.IsValid() || p.Kind() != reflect.Struct || p.NumField() < 2 {
		return 0
	}
	id, gen := p.Field(0), p.Field(1)
	if !id.CanUint() || !gen.CanUint() {
		return 0
	}
	return id.Uint()<<16 | gen.Uint()
}

// rawRef returns the object number that a dictionary entry refers to, without
// reading the object (0 when the entry is direct or unknown).
func rawRef(v pdf.Value, key string) (id uint64) {
	defer func() {
		if recover() != nil {
			id = 0
		}
	}()
	d := reflect.ValueOf(v).FieldByName("data")
	if d.Kind() == reflect.Interface {
		d = d.Elem()
	}
	if d.Kind() != reflect.Map || d.Type().Key().Kind() != reflect.String {
		return 0
	}
	k := reflect.New(d.Type().Key()).Elem()
	k.SetString(key)
	e := d.MapIndex(k)
	if e.Kind() == reflect.Interface {
		e = e.Elem()
	}
	if !e.IsValid() || e.Kind() != reflect.Struct || e.NumField() < 2 {
		return 0
	}
	a, b := e.Field(0), e.Field(1)
	if !a.CanUint() || !b.CanUint() {
		return 0
	}
	return a.Uint()<<16 | b.Uint()
}

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
	fontRes *pdf.Value       // res's /Font dictionary, resolved once
	spans   []span           // open marked-content sequences
}

func (x *extractor) runContent(data []byte, res pdf.Value, gs gstate, glyphs *[]glyph, visits map[uint64]bool, depth int) error {
	r := &runner{x: x, res: res, gs: gs, glyphs: glyphs, visits: visits, depth: depth, tm: identity, tlm: identity}
	return r.run(data)
}

func (r *runner) run(data []byte) error {
	l := lexer{b: data}
	var ops []operand
	for {
		t := l.next()
		switch t.kind {
		case tkEOF:
			return nil
		case tkNum, tkStr, tkName:
			ops = append(ops, operand{kind: t.kind, num: t.num, s: t.s})
		case tkArrOpen:
			ops = append(ops, operand{kind: tkArrOpen, arr: readArray(&l, 0)})
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
				r.x.images++
			} else if err := r.op(t.s, ops); err != nil {
				return err
			}
			ops = ops[:0]
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
func readArray(l *lexer, depth int) []operand {
	out := make([]operand, 0, 8)
	for n := 0; n < 1<<20; n++ {
		t := l.next()
		switch t.kind {
		case tkEOF, tkArrClose:
			return out
		case tkArrOpen:
			if depth < 32 {
				out = append(out, operand{kind: tkArrOpen, arr: readArray(l, depth+1)})
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
		if s, ok := lastString(ops); ok {
			return r.show(s)
		}
	case "'":
		r.nextLine()
		if s, ok := lastString(ops); ok {
			return r.show(s)
		}
	case "\"":
		if len(ops) >= 3 {
			r.gs.tw, r.gs.tc = ops[len(ops)-3].num, ops[len(ops)-2].num
		}
		r.nextLine()
		if s, ok := lastString(ops); ok {
			return r.show(s)
		}
	case "TJ":
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
		fr := r.res.Key("Font")
		r.fontRes = &fr
	}
	f := r.lookupFont(name)
	r.byName[name] = f
	return f
}

func (r *runner) lookupFont(name string) *font {
	if id := rawRef(*r.fontRes, name); id != 0 {
		if f, ok := r.x.fonts[objKey{id: id}]; ok {
			return f // already loaded: skip re-reading the object
		}
	}
	fv := r.fontRes.Key(name)
	if fv.Kind() != pdf.Dict {
		return nil
	}
	id := ptrID(fv)
	key := objKey{id: id}
	if id == 0 || ptrID(r.res) == id {
		key.name = name
	}
	if f, ok := r.x.fonts[key]; ok {
		return f
	}
	f := r.x.loadFont(fv)
	r.x.fonts[key] = f
	return f
}

func (r *runner) show(s string) error {
	f := r.gs.font
	if f == nil {
		f = fallbackFont
	}
	size, th := r.gs.size, r.gs.th
	r.codes = f.decode(s, r.codes[:0])
	for _, c := range r.codes {
		trm := matrix{size * th, 0, 0, size, 0, r.gs.rise}.mul(r.tm).mul(r.gs.ctm)
		adv := c.width*size + r.gs.tc
		if c.space {
			adv += r.gs.tw
		}
		adv *= th
		ux, uy := r.tm[0]*r.gs.ctm[0]+r.tm[1]*r.gs.ctm[2], r.tm[0]*r.gs.ctm[1]+r.tm[1]*r.gs.ctm[3]
		scale := math.Hypot(ux, uy)
		if c.text == " " || c.text == "\u00a0" {
			if n := len(*r.glyphs); n > 0 {
				(*r.glyphs)[n-1].spaceAfter = true
			}
		} else if c.text != "" && scale > 0 {
			if r.x.glyphLeft <= 0 {
				return errBudget
			}
			if len(*r.glyphs) >= maxPageGlyphs {
				return errPageGlyphs
			}
			r.x.glyphLeft--
			g := glyph{
				x: trm[4], y: trm[5], dx: ux / scale, dy: uy / scale,
				adv: c.width * size * th * scale, size: math.Hypot(trm[2], trm[3]) * f.scale * 1000,
				text: c.text,
			}
			*r.glyphs = append(*r.glyphs, g)
		}
		r.tm = matrix{1, 0, 0, 1, adv, 0}.mul(r.tm)
	}
	return nil
}

// fallbackFont is used when text is shown with no (or an unreadable) font.
var fallbackFont = &font{scale: 0.001, dw: 0.5, simple: *standardTable(), cache: map[uint32]string{}}

func (r *runner) doXObject(name string) error {
	xo := r.res.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream {
		return nil
	}
	if st := xo.Key("Subtype").Name(); st != "Form" {
		if st == "Image" {
			r.x.images++
		}
		return nil
	}
	id := ptrID(xo)
	if r.depth >= 32 || (id != 0 && r.visits[id]) {
		return nil
	}
	data, err := r.x.readStream(xo)
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
