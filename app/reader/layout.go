package reader

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Bar geometry of the stacked underline bars drawn under coded text.
const (
	barHeight = 2
	barGap    = 1
)

// metrics are the theme-derived sizes of one layout.
type metrics struct {
	textSize float32
	textH    float32 // height of the glyph box
	spacing  float32 // space between lines
	lineH    float32 // line pitch: spacing, glyphs and underline lanes
	pad      float32 // left and right padding
	scrollW  float32 // scroll bar width
	charW    float32 // average glyph advance for height estimates
	spaceW   float32
}

// vline is one visible line of the current view.
type vline struct {
	blk    int     // block index
	li     int     // line within the block, -1 for a page marker
	y      float32 // top, relative to the widget
	ds, de int     // display index range of the line within its block
	text   string
}

// updateMetrics reads text sizes from the widget's theme.
func (r *Reader) updateMetrics() {
	th := r.Theme()
	ts := th.Size(theme.SizeNameText)
	lanes := 0
	if r.spans != nil {
		lanes = r.spans.depth
	}
	if ts != r.m.textSize {
		if r.m.textSize > 0 && (r.topBlock > 0 || r.topPix > 0) && r.pendingScroll < 0 {
			r.pendingScroll, r.pendingFrac = r.anchorOffset(), 0 // keep the reading position
		}
		r.advance = map[rune]float32{}
		r.m.textSize = ts
		r.m.textH = fyne.MeasureText("Mg", ts, fyne.TextStyle{}).Height
		sample := "the quick brown fox jumps over the lazy dog, THE QUICK BROWN FOX 0123"
		r.m.charW = fyne.MeasureText(sample, ts, fyne.TextStyle{}).Width / float32(len([]rune(sample)))
		r.m.spaceW = fyne.MeasureText(" ", ts, fyne.TextStyle{}).Width
		for i := range r.doc.blocks {
			r.doc.blocks[i].wrapW = -2 // never equal to a reader's wrap width
		}
		r.wrapW = -1
	}
	r.m.spacing = th.Size(theme.SizeNameLineSpacing)
	r.m.pad = th.Size(theme.SizeNameInnerPadding)
	r.m.scrollW = th.Size(theme.SizeNameScrollBarSmall) * 3
	lineH := r.m.textH + r.m.spacing + float32(lanes)*(barHeight+barGap)
	if lineH != r.m.lineH {
		if r.m.lineH > 0 {
			r.topPix *= lineH / r.m.lineH // keep the same line at the top
		}
		r.m.lineH = lineH
		r.prefixDirty = true
	}
}

// measure returns the rendered width of s in the reader's text style.
func (r *Reader) measure(s string) float32 {
	if s == "" {
		return 0
	}
	r.measures++
	return fyne.MeasureText(s, r.m.textSize, fyne.TextStyle{}).Width
}

// runesWidth estimates the width of rs from cached single code point advances; wrap
// uses it to place breaks and then checks each line with one exact measurement.
func (r *Reader) runesWidth(rs []rune) float32 {
	var w float32
	for _, c := range rs {
		cw, ok := r.advance[c]
		if !ok {
			cw = r.measure(string(c))
			if isExtender(c) {
				cw = 0
			}
			r.advance[c] = cw
		}
		w += cw
	}
	return w
}

// textWidth is the width available to text for the widget width w.
func (r *Reader) textWidth(w float32) float32 {
	return w - 2*r.m.pad - r.m.scrollW
}

// linesOf returns the (possibly estimated) line count of block b at the current width.
func (r *Reader) linesOf(b *block) int {
	if b.marker {
		return 2
	}
	if b.wrapW == r.wrapW {
		return b.lines
	}
	if r.wrapW <= 0 || b.n == 0 {
		return 1
	}
	return max(1, int(math.Ceil(float64(float32(b.n)*r.m.charW/r.wrapW))))
}

// ensureWrapped breaks paragraph b into lines at the current wrap width.
func (r *Reader) ensureWrapped(b *block) {
	if b.marker || b.wrapW == r.wrapW || r.wrapW <= 0 {
		return
	}
	old := r.linesOf(b)
	r.wrap(b, r.wrapW)
	if b.lines != old {
		r.prefixDirty = true
	}
}

// wrap breaks the paragraph at spaces so that every line fits w; words wider than a
// line are broken between clusters. Breaks are placed with estimated widths and every
// line is then measured exactly, moving words down when the estimate was short.
func (r *Reader) wrap(b *block, w float32) {
	rs := r.doc.displayRunes(b)
	n := len(rs)
	b.breaks = append(b.breaks[:0], 0)
	b.xcache = nil
	ls, lineW := 0, float32(0)
	for i := 0; i < n; {
		j := i
		for j < n && rs[j] != ' ' {
			j++
		}
		k := j
		for k < n && rs[k] == ' ' {
			k++
		}
		ww := r.runesWidth(rs[i:j])
		if i > ls && lineW+ww > w {
			ls = r.fitLine(rs, ls, i, w)
			b.breaks = append(b.breaks, ls)
			lineW = r.runesWidth(rs[ls:i])
		}
		if i == ls && ww > w {
			if m := r.fitPrefix(rs[i:j], w); i+m < j {
				i += m
				ls, lineW = i, 0
				b.breaks = append(b.breaks, i)
				continue
			}
		}
		lineW += ww + float32(k-j)*r.m.spaceW
		i = k
	}
	for ls < n {
		e := r.fitLine(rs, ls, n, w)
		if e >= n {
			break
		}
		ls = e
		b.breaks = append(b.breaks, ls)
	}
	b.lines = len(b.breaks)
	b.strs = make([]string, b.lines)
	for li := range b.breaks {
		ds, de := b.lineRange(li)
		b.strs[li] = string(rs[ds:de])
	}
	b.wrapW = w
}

// fitLine measures the line [ls, end) exactly (without trailing spaces) and moves its
// end back word by word until it fits w or holds a single word. Lines whose estimate is
// well inside w are accepted unmeasured: summed advances overestimate shaped text
// (kerning only tightens it) by about one percent.
func (r *Reader) fitLine(rs []rune, ls, end int, w float32) int {
	for {
		t := end
		for t > ls && rs[t-1] == ' ' {
			t--
		}
		if r.runesWidth(rs[ls:t]) <= w*0.97 || r.measure(string(rs[ls:t])) <= w {
			return end
		}
		p := t
		for p > ls && rs[p-1] != ' ' {
			p--
		}
		if p <= ls {
			return end
		}
		end = p
	}
}

// fitPrefix returns how many runes of rs (at least one cluster) fit in width w: a guess
// from the cached advances, corrected with exact measurements (usually one or two).
func (r *Reader) fitPrefix(rs []rune, w float32) int {
	m := 0
	var est float32
	for m < len(rs) {
		est += r.runesWidth(rs[m : m+1])
		if est > w {
			break
		}
		m++
	}
	for m < len(rs)-1 && r.measure(string(rs[:m+1])) <= w {
		m++
	}
	for m > 1 && r.measure(string(rs[:m])) > w {
		m--
	}
	m = max(m, 1)
	for m < len(rs) && isExtender(rs[m]) {
		m++
	}
	return m
}

// lineRange returns the display index range of line li of a wrapped paragraph.
func (b *block) lineRange(li int) (int, int) {
	ds := b.breaks[li]
	de := b.n
	if li+1 < len(b.breaks) {
		de = b.breaks[li+1]
	}
	return ds, de
}

// lineOf returns the line of a wrapped paragraph holding display index idx.
func (b *block) lineOf(idx int) int {
	return max(sort.SearchInts(b.breaks, idx+1)-1, 0)
}

// xAt returns the x offset, relative to the line start, of display index idx on line li.
func (r *Reader) xAt(b *block, li, idx int) float32 {
	ds, _ := b.lineRange(li)
	if idx <= ds {
		return 0
	}
	if x, ok := b.xcache[idx]; ok {
		return x
	}
	x := r.measure(string(r.doc.displayRunes(b)[ds:idx]))
	if b.xcache == nil {
		b.xcache = map[int]float32{}
	}
	b.xcache[idx] = x
	return x
}

// blockHeight returns the height of block i at the current width.
func (r *Reader) blockHeight(i int) float32 {
	return float32(r.linesOf(&r.doc.blocks[i])) * r.m.lineH
}

// prefixLines returns cumulative line counts: prefix[i] is the number of lines above block i.
func (r *Reader) prefixLines() []int {
	if r.prefixDirty || len(r.prefix) != len(r.doc.blocks)+1 {
		r.prefix = r.prefix[:0]
		sum := 0
		for i := range r.doc.blocks {
			r.prefix = append(r.prefix, sum)
			sum += r.linesOf(&r.doc.blocks[i])
		}
		r.prefix = append(r.prefix, sum)
		r.prefixDirty = false
	}
	return r.prefix
}

// scrollBy moves the view by dy pixels, wrapping the paragraphs it passes.
func (r *Reader) scrollBy(dy float32) {
	if len(r.doc.blocks) == 0 {
		return
	}
	r.topPix += dy
	for r.topPix < 0 && r.topBlock > 0 {
		r.topBlock--
		r.ensureWrapped(&r.doc.blocks[r.topBlock])
		r.topPix += r.blockHeight(r.topBlock)
	}
	if r.topPix < 0 {
		r.topPix = 0
	}
	for r.topBlock < len(r.doc.blocks)-1 {
		r.ensureWrapped(&r.doc.blocks[r.topBlock])
		h := r.blockHeight(r.topBlock)
		if r.topPix < h {
			break
		}
		r.topPix -= h
		r.topBlock++
	}
}

// scrollToY jumps to the estimated document position y without wrapping the blocks between.
func (r *Reader) scrollToY(y float32) {
	pre := r.prefixLines()
	if len(r.doc.blocks) == 0 || r.m.lineH <= 0 {
		return
	}
	line := max(int(y/r.m.lineH), 0)
	b := max(sort.SearchInts(pre, line+1)-1, 0)
	b = min(b, len(r.doc.blocks)-1)
	r.topBlock = b
	r.topPix = y - float32(pre[b])*r.m.lineH
	r.scrollBy(0)
}

// scrollY returns the estimated document position of the top of the view.
func (r *Reader) scrollY() float32 {
	pre := r.prefixLines()
	if len(pre) == 0 {
		return 0
	}
	return float32(pre[r.topBlock])*r.m.lineH + r.topPix
}

// contentHeight returns the estimated height of the whole document.
func (r *Reader) contentHeight() float32 {
	pre := r.prefixLines()
	return float32(pre[len(pre)-1]) * r.m.lineH
}

// anchorOffset returns the offset of the first code point on the top line of the view.
func (r *Reader) anchorOffset() int {
	if r.topBlock >= len(r.doc.blocks) {
		return 0
	}
	b := &r.doc.blocks[r.topBlock]
	if b.marker || r.wrapW <= 0 || b.wrapW != r.wrapW || r.m.lineH <= 0 || len(b.breaks) == 0 {
		return b.start
	}
	li := clamp(int(r.topPix/r.m.lineH), 0, len(b.breaks)-1)
	return b.offAt(b.breaks[li])
}

// placeLine scrolls so that the line showing offset off is at y within the view.
func (r *Reader) placeLine(off int, y float32) {
	bi := r.doc.paraFor(off)
	if bi < 0 {
		return
	}
	b := &r.doc.blocks[bi]
	r.ensureWrapped(b)
	li := b.lineOf(b.idxAt(off))
	r.topBlock = bi
	r.topPix = float32(li) * r.m.lineH
	r.scrollBy(-y)
}

// layoutView recomputes the visible lines for the widget's size and scroll anchor.
func (r *Reader) layoutView() {
	r.updateMetrics()
	size := r.Size()
	w := r.textWidth(size.Width)
	r.view = r.view[:0]
	if w <= 1 || size.Height <= 0 || len(r.doc.blocks) == 0 {
		return
	}
	if w != r.wrapW {
		anchor, had := r.anchorOffset(), r.wrapW > 0 && (r.topBlock > 0 || r.topPix > 0)
		r.wrapW = w
		r.prefixDirty = true
		if had {
			r.placeLine(anchor, 0)
		}
	}
	if r.pendingScroll >= 0 {
		off := r.pendingScroll
		r.pendingScroll = -1
		r.placeLine(off, size.Height*r.pendingFrac)
	}
	r.scrollBy(0)
	for pass := 0; pass < 2; pass++ {
		r.view = r.view[:0]
		y := -r.topPix
		for bi := r.topBlock; bi < len(r.doc.blocks) && y < size.Height; bi++ {
			b := &r.doc.blocks[bi]
			r.ensureWrapped(b)
			if b.marker {
				r.view = append(r.view, vline{blk: bi, li: -1, y: y})
			} else {
				for li := 0; li < b.lines; li++ {
					ly := y + float32(li)*r.m.lineH
					if ly+r.m.lineH <= 0 {
						continue
					}
					if ly >= size.Height {
						break
					}
					ds, de := b.lineRange(li)
					r.view = append(r.view, vline{blk: bi, li: li, y: ly, ds: ds, de: de, text: b.strs[li]})
				}
			}
			y += r.blockHeight(bi)
		}
		if y >= size.Height || (r.topBlock == 0 && r.topPix <= 0) {
			break
		}
		r.scrollBy(y - size.Height) // the end of the text is above the bottom: pull it down
	}
}
