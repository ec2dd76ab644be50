package reader

import (
	"image/color"
	"sort"
	"unicode"
)

// Span is one coded stretch of the study text, painted by the Reader in its code's colour.
// Start and End are code-point (rune) offsets into the study text, End exclusive.
type Span struct {
	ID     string      // coding identity (UUID), passed back to the callbacks
	Start  int         // first code point of the coded text
	End    int         // code point after the coded text
	Color  color.Color // the code's colour
	Label  string      // the code's name, shown on hover
	Detail string      // who coded it and when, shown on hover
}

// Range is a half-open range [Start, End) of code-point offsets.
type Range struct {
	Start, End int
}

// block is one vertical item of the flow: a page marker or a paragraph
// (the text between two hard line breaks of one page, hidden ranges removed).
type block struct {
	marker bool    // page marker instead of text
	page   int     // zero-based page index
	start  int     // offset of the first visible code point (or of the break for empty paragraphs)
	end    int     // offset just after the last visible code point
	pieces []Range // visible runs when hidden ranges cut the paragraph; nil means [start,end)
	n      int     // number of displayed code points

	// layout cache, valid when wrapW equals the current wrap width
	wrapW  float32
	lines  int   // exact line count when wrapped, estimate otherwise
	breaks []int // display index of the first code point of every line
	strs   []string
	runes  []rune          // display runes (only for paragraphs cut by hidden ranges)
	xcache map[int]float32 // x of display indices relative to their line start
}

// document is the immutable text model behind a Reader.
type document struct {
	text   []rune // the study text
	pages  []int  // page start offsets
	hidden []Range
	blocks []block
	paras  []int // indices into blocks of the paragraph blocks, by offset
	lower  []rune
}

// newDocument builds the block list for text, pages and hidden ranges.
func newDocument(text string, pageStarts []int, hidden []Range) *document {
	d := &document{text: []rune(text)}
	n := len(d.text)
	d.pages = normalisePages(d.text, pageStarts)
	d.hidden = normaliseRanges(hidden, n)
	d.build()
	return d
}

func normalisePages(text []rune, starts []int) []int {
	var out []int
	if len(starts) == 0 {
		out = append(out, 0)
		for i, r := range text {
			if r == '\f' {
				out = append(out, i+1)
			}
		}
		return out
	}
	for _, s := range starts {
		if s < 0 || s > len(text) {
			continue
		}
		out = append(out, s)
	}
	sort.Ints(out)
	if len(out) == 0 || out[0] != 0 {
		out = append([]int{0}, out...)
	}
	dedup := out[:1]
	for _, s := range out[1:] {
		if s != dedup[len(dedup)-1] {
			dedup = append(dedup, s)
		}
	}
	return dedup
}

// normaliseRanges clips, sorts and merges ranges.
func normaliseRanges(rs []Range, n int) []Range {
	var out []Range
	for _, r := range rs {
		r.Start, r.End = clamp(r.Start, 0, n), clamp(r.End, 0, n)
		if r.End > r.Start {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, r := range out {
		if k := len(merged) - 1; k >= 0 && r.Start <= merged[k].End {
			merged[k].End = max(merged[k].End, r.End)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// build splits every page into a marker block and paragraph blocks.
func (d *document) build() {
	n := len(d.text)
	h := 0 // index of the first hidden range that may still matter
	breaks := 0
	for _, r := range d.text {
		if r == '\n' {
			breaks++
		}
	}
	d.blocks = make([]block, 0, breaks+2*len(d.pages)+1)
	d.paras = make([]int, 0, breaks+len(d.pages)+1)
	for p, ps := range d.pages {
		pe := n
		if p+1 < len(d.pages) {
			pe = d.pages[p+1]
			if pe > ps && d.text[pe-1] == '\f' {
				pe--
			}
		}
		d.blocks = append(d.blocks, block{marker: true, page: p, start: ps, end: ps, lines: 2})
		ls := ps
		for ls <= pe {
			le := ls
			for le < pe && d.text[le] != '\n' {
				le++
			}
			d.addParagraph(p, ls, le, &h)
			ls = le + 1
		}
	}
}

// addParagraph appends the paragraph [ls, le) of page p minus hidden ranges.
func (d *document) addParagraph(p, ls, le int, h *int) {
	for *h < len(d.hidden) && d.hidden[*h].End <= ls {
		*h++
	}
	var pieces []Range
	cur := ls
	for k := *h; k < len(d.hidden) && d.hidden[k].Start < le; k++ {
		hr := d.hidden[k]
		if hr.Start > cur {
			pieces = append(pieces, Range{cur, hr.Start})
		}
		cur = max(cur, hr.End)
	}
	if cur < le {
		pieces = append(pieces, Range{cur, le})
	}
	b := block{page: p, lines: 1}
	switch {
	case len(pieces) == 0:
		if le > ls { // every code point hidden: drop the paragraph
			return
		}
		b.start, b.end = ls, ls
	case len(pieces) == 1:
		b.start, b.end, b.n = pieces[0].Start, pieces[0].End, pieces[0].End-pieces[0].Start
	default:
		b.start, b.end, b.pieces = pieces[0].Start, pieces[len(pieces)-1].End, pieces
		for _, pc := range pieces {
			b.n += pc.End - pc.Start
		}
	}
	d.paras = append(d.paras, len(d.blocks))
	d.blocks = append(d.blocks, b)
}

// offAt is the offset of display index i of a paragraph (its end for i >= n).
func (b *block) offAt(i int) int {
	if i >= b.n {
		return b.end
	}
	if b.pieces == nil {
		return b.start + max(i, 0)
	}
	for _, pc := range b.pieces {
		if l := pc.End - pc.Start; i < l {
			return pc.Start + max(i, 0)
		} else {
			i -= l
		}
	}
	return b.end
}

// idxAt counts the displayed code points of a paragraph whose offset is below off.
func (b *block) idxAt(off int) int {
	if b.pieces == nil {
		return clamp(off-b.start, 0, b.n)
	}
	i := 0
	for _, pc := range b.pieces {
		if off <= pc.Start {
			break
		}
		i += min(off, pc.End) - pc.Start
	}
	return i
}

// displayRunes returns the displayed code points of a paragraph, control characters
// (tabs, stray carriage returns) shown as spaces. Built on first use, so only paragraphs
// that were laid out hold a copy.
func (d *document) displayRunes(b *block) []rune {
	if b.runes == nil {
		b.runes = make([]rune, 0, b.n)
		pieces := b.pieces
		if pieces == nil {
			pieces = []Range{{b.start, b.end}}
		}
		for _, pc := range pieces {
			for _, r := range d.text[pc.Start:pc.End] {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
					r = ' '
				}
				b.runes = append(b.runes, r)
			}
		}
	}
	return b.runes
}

// paraFor returns the index into blocks of the paragraph showing offset off
// (the last paragraph starting at or before it).
func (d *document) paraFor(off int) int {
	if len(d.paras) == 0 {
		return -1
	}
	k := sort.Search(len(d.paras), func(i int) bool { return d.blocks[d.paras[i]].start > off })
	if k > 0 {
		k--
	}
	return d.paras[k]
}

// pageAt returns the zero-based page index holding off.
func (d *document) pageAt(off int) int {
	k := sort.Search(len(d.pages), func(i int) bool { return d.pages[i] > off })
	return max(k-1, 0)
}

// isHidden reports whether offset off lies in a hidden range.
func (d *document) isHidden(off int) bool {
	k := sort.Search(len(d.hidden), func(i int) bool { return d.hidden[i].End > off })
	return k < len(d.hidden) && d.hidden[k].Start <= off
}

// overlapsHidden reports whether [s, e) touches a hidden range.
func (d *document) overlapsHidden(s, e int) bool {
	k := sort.Search(len(d.hidden), func(i int) bool { return d.hidden[i].End > s })
	return k < len(d.hidden) && d.hidden[k].Start < e
}

// plain returns the text of [s, e) as the user sees it: hidden ranges dropped,
// page breaks turned into blank lines.
func (d *document) plain(s, e int) string {
	s, e = clamp(s, 0, len(d.text)), clamp(e, 0, len(d.text))
	out := make([]rune, 0, max(e-s, 0))
	for i := s; i < e; i++ {
		if d.isHidden(i) {
			continue
		}
		if r := d.text[i]; r == '\f' {
			out = append(out, '\n', '\n')
		} else {
			out = append(out, r)
		}
	}
	return string(out)
}

// isExtender reports whether r continues the grapheme cluster before it.
func isExtender(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == 0x200d ||
		(r >= 0xfe00 && r <= 0xfe0f) || (r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f)
}

// continues reports whether the code point at i belongs to the cluster of the one before:
// combining marks, joiners, variation selectors, skin tones and the second regional
// indicator of a flag.
func (d *document) continues(i int) bool {
	if i <= 0 || i >= len(d.text) {
		return false
	}
	r := d.text[i]
	if isExtender(r) || d.text[i-1] == 0x200d {
		return true
	}
	if !isRegional(r) {
		return false
	}
	k := i
	for k > 0 && isRegional(d.text[k-1]) {
		k--
	}
	return (i-k)%2 == 1
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// clusterEnd moves i forward past combining marks and joiners so it never splits a cluster.
func (d *document) clusterEnd(i int) int {
	for d.continues(i) {
		i++
	}
	return i
}

// clusterStart moves i back to the start of the cluster containing it.
func (d *document) clusterStart(i int) int {
	for d.continues(i) {
		i--
	}
	return i
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// wordAt returns the word around offset off: letters, digits and marks with inner
// apostrophes or hyphens; a single cluster for anything else.
func (d *document) wordAt(off int) (int, int) {
	n := len(d.text)
	if n == 0 {
		return 0, 0
	}
	off = clamp(off, 0, n-1)
	if !isWordRune(d.text[off]) {
		s := d.clusterStart(off)
		e := d.clusterEnd(off + 1)
		if unicode.IsSpace(d.text[off]) && d.text[off] != '\n' && d.text[off] != '\f' {
			for s > 0 && d.text[s-1] == d.text[off] {
				s--
			}
			for e < n && d.text[e] == d.text[off] {
				e++
			}
		}
		return s, e
	}
	joiner := func(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '·' }
	s, e := off, off+1
	for s > 0 && (isWordRune(d.text[s-1]) || (s > 1 && joiner(d.text[s-1]) && isWordRune(d.text[s-2]))) {
		s--
	}
	for e < n && (isWordRune(d.text[e]) || (e+1 < n && joiner(d.text[e]) && isWordRune(d.text[e+1]))) {
		e++
	}
	return s, e
}

// paragraphAt returns the paragraph around off: the run of non-blank lines of one page,
// without the surrounding line breaks.
func (d *document) paragraphAt(off int) (int, int) {
	n := len(d.text)
	off = clamp(off, 0, n)
	blank := func(s, e int) bool {
		for i := s; i < e; i++ {
			if !unicode.IsSpace(d.text[i]) {
				return false
			}
		}
		return true
	}
	lineStart := func(i int) int {
		for i > 0 && d.text[i-1] != '\n' && d.text[i-1] != '\f' {
			i--
		}
		return i
	}
	lineEnd := func(i int) int {
		for i < n && d.text[i] != '\n' && d.text[i] != '\f' {
			i++
		}
		return i
	}
	s, e := lineStart(off), lineEnd(off)
	if blank(s, e) {
		return off, off
	}
	for s > 0 && d.text[s-1] == '\n' {
		ps := lineStart(s - 1)
		if blank(ps, s-1) {
			break
		}
		s = ps
	}
	for e < n && d.text[e] == '\n' {
		ne := lineEnd(e + 1)
		if blank(e+1, ne) {
			break
		}
		e = ne
	}
	return s, e
}
