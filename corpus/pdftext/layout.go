package pdftext

import (
	"math"
	"sort"
	"unicode/utf8"
)

// Layout tuning, as fractions of the font size.
const (
	wordGap      = 0.1  // a gap wider than this between glyphs starts a new word
	segmentGap   = 1.2  // a gap wider than this splits a row into separate segments
	baselineTol  = 0.35 // glyphs whose baselines differ less than this share a row
	blockLineGap = 1.6  // lines further apart than this (baseline to baseline) start a new block
	gutterGap    = 0.6  // gaps wider than this that line up across rows are column gutters
	columnGap    = 1.0  // a vertical whitespace band at least this wide separates columns
)

// cbox is one character's box in the upright frame of its line (x along the
// writing direction, y downwards), in points.
type cbox struct {
	x0, x1, y0, y1 float32
}

// pglyph is a glyph (or a run of glyphs joined into a wordlet) in an upright
// frame: x grows along the writing direction, y grows downwards; y is the
// baseline.
type pglyph struct {
	x, y, w, size float64
	cs            float64 // character spacing after it (Tc), part of the gap to a next glyph of the same operator
	show, last    int32   // the text-showing operators of its first and last glyph
	text          string
	bx            []cbox // one box per rune of text
	spaceAfter    bool
	mark          bool // the text is combining marks only (it attaches to a base)
	seq           int  // content order, for deterministic sorting
}

// word is a run of glyphs without breaks.
type word struct {
	x0, x1 float64
	text   string
	bx     []cbox
	rtl    bool
}

// segment is a horizontal run of words on one baseline.
type segment struct {
	x0, x1, y, size float64
	words           []word
	rot             int     // the rotation group (0..3) of its glyphs
	ext             float64 // the tallest glyph extent (ascent to descent) in it
}

// block is a group of vertically adjacent segments.
type block struct {
	x0, x1, y0, y1 float64
	lines          []*segment
	size           float64
}

// blockText is a laid-out block's text and its place on the page.
type blockText struct {
	text        string
	top, bot    float64 // 0..1 of the page's text extent, from the top
	left, right float64 // 0..1 of the page's text extent, from the left
	size        float64 // the largest font size in it
	start, end  int     // code points into the page text
}

// rotation quantises a writing direction to 0..3 quarter turns.
func rotation(dx, dy float64) int {
	a := math.Atan2(dy, dx)
	q := int(math.Round(a/(math.Pi/2))) % 4
	if q < 0 {
		q += 4
	}
	return q
}

// upright turns a glyph into its rotation group's upright frame; its runes'
// boxes are appended to arena (the glyph's advance shared evenly).
func upright(g glyph, rot int, arena *[]cbox) pglyph {
	p := pglyph{w: g.adv, size: g.size, cs: g.cs, show: g.show, last: g.show, text: g.text, spaceAfter: g.spaceAfter, mark: isMarkText(g.text)}
	switch rot {
	case 0:
		p.x, p.y = g.x, -g.y
	case 1:
		p.x, p.y = g.y, g.x
	case 2:
		p.x, p.y = -g.x, g.y
	default:
		p.x, p.y = -g.y, -g.x
	}
	if p.size <= 0 {
		p.size = 1
	}
	n := utf8.RuneCountInString(g.text)
	start := len(*arena)
	y0, y1 := float32(p.y-g.asc*p.size), float32(p.y-g.desc*p.size)
	step := p.w / float64(max(n, 1))
	for i := 0; i < n; i++ {
		*arena = append(*arena, cbox{float32(p.x + float64(i)*step), float32(p.x + float64(i+1)*step), y0, y1})
	}
	p.bx = (*arena)[start:len(*arena)]
	return p
}

// layoutScratch holds a page layout's buffers for reuse on the next page:
// nothing laid out keeps a reference to them.
type layoutScratch struct {
	groups   [4][]pglyph
	arena    []cbox
	wordlets []pglyph // wordlets' output, sorted at once into sorted
	sorted   []pglyph // the rows' glyphs
	keys     []sortKey
	words    []word // the segments' words
}

// separatorSpacing clears the character spacing of text-showing operators
// that use it to separate (table cells, columns) rather than to letter-space:
// some of their glyphs are pulled back together by TJ offsets.
func separatorSpacing(glyphs []glyph) {
	var sep map[int32]bool
	for i := 1; i < len(glyphs); i++ {
		a, b := &glyphs[i-1], &glyphs[i]
		if a.show != b.show || a.cs <= 0.05*a.size {
			continue
		}
		gap := (b.x-a.x)*a.dx + (b.y-a.y)*a.dy - a.adv
		if math.Abs(gap) < 0.3*a.cs {
			if sep == nil {
				sep = map[int32]bool{}
			}
			sep[a.show] = true
		}
	}
	if sep == nil {
		return
	}
	for i := range glyphs {
		if sep[glyphs[i].show] {
			glyphs[i].cs = 0
		}
	}
}

// layoutPage turns a page's glyphs into text: blocks separated by an empty line,
// lines by "\n". The dominant writing direction comes first. boxes has one
// box per rune of the text, in display coordinates with the origin at the top
// left of a page pageH points high.
func layoutPage(glyphs []glyph, pageH float64, sc *layoutScratch) (string, []blockText, []Box) {
	if sc == nil {
		sc = &layoutScratch{}
	}
	groups := &sc.groups
	for r := range groups {
		groups[r] = groups[r][:0]
	}
	if cap(groups[0]) < len(glyphs) {
		groups[0] = make([]pglyph, 0, len(glyphs))
	}
	sc.words = sc.words[:0]
	arena := sc.arena[:0]
	if cap(arena) < len(glyphs)+len(glyphs)/8 {
		arena = make([]cbox, 0, len(glyphs)+len(glyphs)/8)
	}
	defer func() {
		// Keep the buffers for the next page unless a huge page grew them.
		if cap(arena) <= 1<<18 {
			sc.arena = arena[:0]
		} else {
			sc.arena = nil
		}
		for r := range groups {
			if cap(groups[r]) > 1<<16 {
				groups[r] = nil
			}
		}
		if cap(sc.sorted) > 1<<16 {
			sc.wordlets, sc.sorted, sc.keys = nil, nil, nil
		}
		if cap(sc.words) > 1<<16 {
			sc.words = nil
		}
	}()
	separatorSpacing(glyphs)
	for i, g := range glyphs {
		r := rotation(g.dx, g.dy)
		p := upright(g, r, &arena)
		p.seq = i
		groups[r] = append(groups[r], p)
	}
	order := []int{0, 1, 2, 3}
	sort.SliceStable(order, func(i, j int) bool { return len(groups[order[i]]) > len(groups[order[j]]) })
	var all []*block
	for _, r := range order {
		if len(groups[r]) == 0 {
			continue
		}
		segs := buildSegments(groups[r], sc)
		for _, s := range segs {
			s.rot = r
		}
		blocks := buildBlocks(segs)
		all = append(all, xyCut(blocks)...)
	}
	return renderBlocks(all, pageH)
}

// buildBlocks groups segments (sorted by baseline) into blocks of adjacent lines.
func buildBlocks(segs []*segment) []*block {
	var blocks []*block
	for _, s := range segs {
		var best *block
		bestGap := math.MaxFloat64
		for _, b := range blocks {
			last := b.lines[len(b.lines)-1]
			gap := s.y - last.y
			// Tall scripts (Khmer, Myanmar) set lines further apart: their
			// fonts' ascent and descent say how far.
			lim := blockLineGap * math.Max(math.Max(s.size, last.size), math.Max(s.ext, last.ext)/1.3)
			if gap < -0.1*s.size || gap > lim {
				continue
			}
			if s.x1 < last.x0 || s.x0 > last.x1 {
				continue
			}
			ratio := s.size / last.size
			if ratio > 1.3 || ratio < 1/1.3 {
				continue
			}
			if gap < bestGap {
				best, bestGap = b, gap
			}
		}
		if best == nil {
			best = &block{x0: s.x0, x1: s.x1, y0: s.y - s.size, y1: s.y, size: s.size}
			blocks = append(blocks, best)
		}
		best.lines = append(best.lines, s)
		best.x0 = math.Min(best.x0, s.x0)
		best.x1 = math.Max(best.x1, s.x1)
		best.y0 = math.Min(best.y0, s.y-s.size)
		best.y1 = math.Max(best.y1, s.y+0.25*s.size)
	}
	for _, b := range blocks {
		sort.SliceStable(b.lines, func(i, j int) bool { return b.lines[i].y < b.lines[j].y })
		mergeSameBaseline(b)
	}
	return blocks
}

// mergeSameBaseline joins segments of one block that sit on the same baseline.
func mergeSameBaseline(b *block) {
	out := b.lines[:0]
	for _, s := range b.lines {
		if n := len(out); n > 0 && math.Abs(out[n-1].y-s.y) < baselineTol*s.size &&
			(s.x0 >= out[n-1].x1-0.2*s.size || s.x1 <= out[n-1].x0+0.2*s.size) {
			p := out[n-1]
			p.words = append(p.words, s.words...)
			sort.SliceStable(p.words, func(i, j int) bool { return p.words[i].x0 < p.words[j].x0 })
			p.x0, p.x1 = math.Min(p.x0, s.x0), math.Max(p.x1, s.x1)
			continue
		}
		out = append(out, s)
	}
	b.lines = out
}

// xyCut orders blocks: split at vertical whitespace bands (columns) first, else at
// horizontal bands (top to bottom), recursively.
func xyCut(blocks []*block) []*block {
	if len(blocks) <= 1 {
		return blocks
	}
	size := medianSize(blocks)
	// A thin band at the top (title, running header) or bottom (footer) that is
	// separated by whitespace from everything else is read before or after the rest.
	if parts := cutY(blocks); len(parts) > 1 {
		top, bot := extentY(blocks)
		h := bot - top
		if first := parts[0]; bandHeight(first) < bandFrac*h {
			return append(xyCut(first), xyCut(flatten(parts[1:]))...)
		}
		if last := parts[len(parts)-1]; bandHeight(last) < bandFrac*h {
			return append(xyCut(flatten(parts[:len(parts)-1])), xyCut(last)...)
		}
	}
	if parts := cutX(blocks, columnGap*size); len(parts) > 1 {
		var out []*block
		for _, p := range parts {
			out = append(out, xyCut(p)...)
		}
		return out
	}
	if parts := cutY(blocks); len(parts) > 1 {
		var out []*block
		for _, p := range parts {
			out = append(out, xyCut(p)...)
		}
		return out
	}
	sort.SliceStable(blocks, func(i, j int) bool {
		if math.Abs(blocks[i].y0-blocks[j].y0) > 0.5*size {
			return blocks[i].y0 < blocks[j].y0
		}
		return blocks[i].x0 < blocks[j].x0
	})
	return blocks
}

// bandFrac is the largest height, as a fraction of the region, of a top or bottom band.
const bandFrac = 0.12

func extentY(blocks []*block) (float64, float64) {
	top, bot := math.MaxFloat64, -math.MaxFloat64
	for _, b := range blocks {
		top, bot = math.Min(top, b.y0), math.Max(bot, b.y1)
	}
	return top, bot
}

func bandHeight(blocks []*block) float64 {
	t, b := extentY(blocks)
	return b - t
}

func flatten(parts [][]*block) []*block {
	var out []*block
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func medianSize(blocks []*block) float64 {
	s := make([]float64, len(blocks))
	for i, b := range blocks {
		s[i] = b.size
	}
	sort.Float64s(s)
	return s[len(s)/2]
}

func cutX(blocks []*block, minGap float64) [][]*block {
	sorted := append([]*block(nil), blocks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].x0 < sorted[j].x0 })
	var parts [][]*block
	start := 0
	reach := sorted[0].x1
	for i, b := range sorted[1:] {
		if b.x0-reach >= minGap {
			parts = append(parts, sorted[start:i+1:i+1])
			start = i + 1
		}
		reach = math.Max(reach, b.x1)
	}
	return append(parts, sorted[start:])
}

func cutY(blocks []*block) [][]*block {
	sorted := append([]*block(nil), blocks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y0 < sorted[j].y0 })
	var parts [][]*block
	start := 0
	reach := sorted[0].y1
	for i, b := range sorted[1:] {
		if b.y0 >= reach {
			parts = append(parts, sorted[start:i+1:i+1])
			start = i + 1
		}
		reach = math.Max(reach, b.y1)
	}
	return append(parts, sorted[start:])
}
