package pdftext

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
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

// pglyph is a glyph in an upright frame: x grows along the writing direction,
// y grows downwards; y is the baseline.
type pglyph struct {
	x, y, w, size float64
	text          string
	spaceAfter    bool
	seq           int // content order, for deterministic sorting
}

// word is a run of glyphs without breaks.
type word struct {
	x0, x1 float64
	text   string
	rtl    bool
}

// segment is a horizontal run of words on one baseline.
type segment struct {
	x0, x1, y, size float64
	words           []word
}

// block is a group of vertically adjacent segments.
type block struct {
	x0, x1, y0, y1 float64
	lines          []*segment
	size           float64
}

// blockText is a laid-out block's text and its place on the page.
type blockText struct {
	text       string
	top, bot   float64 // 0..1 of the page's text extent, from the top
	start, end int     // code points into the page text
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

func upright(g glyph, rot int) pglyph {
	p := pglyph{w: g.adv, size: g.size, text: g.text, spaceAfter: g.spaceAfter}
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
	return p
}

// layoutPage turns a page's glyphs into text: blocks separated by an empty line,
// lines by "\n". The dominant writing direction comes first.
func layoutPage(glyphs []glyph) (string, []blockText) {
	var groups [4][]pglyph
	for i, g := range glyphs {
		r := rotation(g.dx, g.dy)
		p := upright(g, r)
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
		segs := buildSegments(groups[r])
		blocks := buildBlocks(segs)
		all = append(all, xyCut(blocks)...)
	}
	return renderBlocks(all)
}

// sortKey is a small sort record, cheaper to move than a glyph.
type sortKey struct {
	k   float64
	seq int32
	i   int32
}

// sortedBy returns the glyphs ordered by key, ties in content order.
func sortedBy(gs []pglyph, key func(*pglyph) float64) []pglyph {
	keys := make([]sortKey, len(gs))
	for i := range gs {
		keys[i] = sortKey{key(&gs[i]), int32(gs[i].seq), int32(i)}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	out := make([]pglyph, len(gs))
	for i, k := range keys {
		out[i] = gs[k.i]
	}
	return out
}

// row is a set of glyphs sharing a baseline.
type row struct {
	base, size float64
	gs         []pglyph
}

// buildSegments clusters glyphs into rows by baseline, attaches superscripts and
// subscripts to the row they belong to, then splits rows at wide gaps.
func buildSegments(gs []pglyph) []*segment {
	gs = sortedBy(gs, func(g *pglyph) float64 { return g.y })
	var rows []*row
	for i := 0; i < len(gs); {
		j := i + 1
		base, tol := gs[i].y, gs[i].size*baselineTol
		for j < len(gs) && gs[j].y-base <= math.Max(tol, gs[j].size*baselineTol) {
			j++
		}
		r := &row{base: base, gs: gs[i:j:j]}
		r.size = rowSize(r.gs)
		rows = append(rows, r)
		i = j
	}
	attachScripts(rows)
	for _, r := range rows {
		if !slices.IsSortedFunc(r.gs, func(a, b pglyph) int { return cmp.Compare(a.x, b.x) }) {
			r.gs = sortedBy(r.gs, func(g *pglyph) float64 { return g.x })
		}
	}
	cuts := gutters(rows)
	var segs []*segment
	for i, r := range rows {
		if len(r.gs) == 0 {
			continue
		}
		segs = append(segs, splitRow(r.gs, cuts[i])...)
	}
	return segs
}

// gap is a candidate column gutter in one row.
type gap struct {
	x0, x1, y, size float64
	row             int
}

// gutters finds, per row, x positions where the row must split: gaps a little
// wider than a word space that line up with gaps in at least three other rows
// nearby, as column gutters do.
func gutters(rows []*row) [][]float64 {
	var cands []gap
	for i, r := range rows {
		var rowGaps []gap
		runStart := 0.0
		if len(r.gs) > 0 {
			runStart = r.gs[0].x
		}
		var runs [][2]float64 // text runs between gaps
		for k := 1; k < len(r.gs); k++ {
			p, g := r.gs[k-1], r.gs[k]
			size := math.Max(p.size, g.size)
			if g.x-(p.x+p.w) > gutterGap*size {
				rowGaps = append(rowGaps, gap{p.x + p.w, g.x, r.base, size, i})
				runs = append(runs, [2]float64{runStart, p.x + p.w})
				runStart = g.x
			}
		}
		if n := len(r.gs); n > 0 {
			runs = append(runs, [2]float64{runStart, r.gs[n-1].x + r.gs[n-1].w})
		}
		// Only gaps between two runs of real text can be gutters: a narrow run
		// (a page number after a table-of-contents entry) is not a column.
		for k, g := range rowGaps {
			if runs[k][1]-runs[k][0] >= 4*g.size && runs[k+1][1]-runs[k+1][0] >= 4*g.size {
				cands = append(cands, g)
			}
		}
	}
	out := make([][]float64, len(rows))
	for _, c := range cands {
		mid := (c.x0 + c.x1) / 2
		agree, disagree := 0, 0
		for _, dir := range []int{-1, 1} {
			seen := 0
			for k := c.row + dir; k >= 0 && k < len(rows) && seen < 3; k += dir {
				r := rows[k]
				if len(r.gs) == 0 || math.Abs(r.base-c.y) > 25*c.size {
					if len(r.gs) == 0 {
						continue
					}
					break
				}
				last := r.gs[len(r.gs)-1]
				if r.gs[0].x >= mid || last.x+last.w <= mid {
					continue // the row does not reach across this x: no evidence
				}
				seen++
				if covers(r.gs, mid, 0.1*c.size) {
					disagree++
				} else {
					agree++
				}
			}
		}
		if agree >= 2 && disagree*3 <= agree {
			out[c.row] = append(out[c.row], mid)
		}
	}
	return out
}

// covers reports whether a glyph of the x-sorted row overlaps [x-tol, x+tol].
func covers(gs []pglyph, x, tol float64) bool {
	k := sort.Search(len(gs), func(i int) bool { return gs[i].x > x+tol })
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if gs[j].x+gs[j].w >= x-tol {
			return true
		}
	}
	return false
}

func rowSize(gs []pglyph) float64 {
	s := make([]float64, len(gs))
	for i, g := range gs {
		s[i] = g.size
	}
	sort.Float64s(s)
	return s[len(s)/2]
}

// attachScripts moves glyphs of small-type rows into a neighbouring row of larger
// type when they sit just above (superscript) or below (subscript) its baseline
// next to its glyphs.
func attachScripts(rows []*row) {
	for i, r := range rows {
		var best *row
		for _, k := range []int{i - 1, i + 1, i - 2, i + 2} {
			if k < 0 || k >= len(rows) {
				continue
			}
			n := rows[k]
			if n.size < r.size*1.15 || len(n.gs) == 0 {
				continue
			}
			d := r.base - n.base
			if d < -0.75*n.size || d > 0.45*n.size {
				continue
			}
			if best == nil || math.Abs(d) < math.Abs(r.base-best.base) {
				best = n
			}
		}
		if best == nil {
			continue
		}
		xs := make([][2]float64, len(best.gs))
		for k, g := range best.gs {
			xs[k] = [2]float64{g.x, g.x + g.w}
		}
		sort.Slice(xs, func(a, b int) bool { return xs[a][0] < xs[b][0] })
		keep := r.gs[:0]
		var moved []pglyph
		for _, g := range r.gs {
			if nearX(xs, g.x, g.x+g.w, 0.6*best.size) {
				g.y = best.base
				moved = append(moved, g)
			} else {
				keep = append(keep, g)
			}
		}
		r.gs = keep
		best.gs = append(best.gs, moved...)
	}
}

// nearX reports whether [x0,x1] lies within tol of one of the sorted intervals.
func nearX(xs [][2]float64, x0, x1, tol float64) bool {
	k := sort.Search(len(xs), func(i int) bool { return xs[i][0] > x1+tol })
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if xs[j][1]+tol >= x0 {
			return true
		}
	}
	return false
}

func splitRow(row []pglyph, cuts []float64) []*segment {
	var segs []*segment
	var seg *segment
	var cur strings.Builder
	var wx0, wx1 float64
	var last *pglyph
	flush := func() {
		if cur.Len() > 0 && seg != nil {
			t := cur.String()
			seg.words = append(seg.words, word{x0: wx0, x1: wx1, text: t, rtl: isRTL(t)})
		}
		cur.Reset()
	}
	for k := range row {
		g := &row[k]
		if strings.TrimSpace(g.text) == "" {
			continue
		}
		if last != nil {
			// Drop a duplicate drawn over itself (fake bold, shadows).
			if g.text == last.text && math.Abs(g.x-last.x) < 0.15*g.size && math.Abs(g.y-last.y) < 0.15*g.size {
				continue
			}
		}
		size := g.size
		end := wx1
		gap := g.x - end
		if seg == nil || gap > segmentGap*math.Max(size, seg.size) || straddles(cuts, end, g.x) {
			flush()
			seg = &segment{x0: g.x, y: g.y, size: size}
			segs = append(segs, seg)
		} else if gap > wordGap*size || cur.Len() == 0 || (last != nil && last.spaceAfter && gap > 0.03*size) {
			flush()
		}
		if cur.Len() == 0 {
			wx0 = g.x
		}
		cur.WriteString(g.text)
		if x1 := g.x + g.w; x1 > wx1 || cur.Len() == len(g.text) {
			wx1 = math.Max(x1, g.x)
		}
		if size > seg.size {
			seg.size = size
		}
		seg.x1 = math.Max(seg.x1, wx1)
		last = g
	}
	flush()
	out := segs[:0]
	for _, s := range segs {
		if len(s.words) > 0 {
			orderRTL(s)
			out = append(out, s)
		}
	}
	return out
}

func straddles(cuts []float64, x0, x1 float64) bool {
	for _, c := range cuts {
		if c > x0 && c < x1 {
			return true
		}
	}
	return false
}

func isRTL(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) {
			return true
		}
	}
	return false
}

// orderRTL puts a right-to-left segment's words and letters in logical order.
func orderRTL(s *segment) {
	n := 0
	for _, w := range s.words {
		if w.rtl {
			n++
		}
	}
	if n == 0 {
		return
	}
	for i := range s.words {
		if s.words[i].rtl {
			s.words[i].text = reverseRTL(s.words[i].text)
		}
	}
	if n*2 <= len(s.words) {
		return
	}
	for i, j := 0, len(s.words)-1; i < j; i, j = i+1, j-1 {
		s.words[i], s.words[j] = s.words[j], s.words[i]
	}
}

// reverseRTL reverses visual-order text, keeping combining marks after their base
// and runs of digits or Latin letters in their own order.
func reverseRTL(t string) string {
	rs := []rune(t)
	var clusters [][]rune
	for _, r := range rs {
		if len(clusters) > 0 && unicode.Is(unicode.Mn, r) {
			clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
			continue
		}
		clusters = append(clusters, []rune{r})
	}
	var out []rune
	for i := len(clusters) - 1; i >= 0; {
		if isLTRRune(clusters[i][0]) {
			j := i
			for j > 0 && isLTRRune(clusters[j-1][0]) {
				j--
			}
			for k := j; k <= i; k++ {
				out = append(out, clusters[k]...)
			}
			i = j - 1
			continue
		}
		out = append(out, clusters[i]...)
		i--
	}
	return string(out)
}

func isLTRRune(r rune) bool {
	return r < 0x0590 && (unicode.IsDigit(r) || unicode.IsLetter(r))
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
			lim := blockLineGap * math.Max(s.size, last.size)
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
		if n := len(out); n > 0 && math.Abs(out[n-1].y-s.y) < baselineTol*s.size {
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
	cur := []*block{sorted[0]}
	reach := sorted[0].x1
	for _, b := range sorted[1:] {
		if b.x0-reach >= minGap {
			parts = append(parts, cur)
			cur = nil
		}
		cur = append(cur, b)
		reach = math.Max(reach, b.x1)
	}
	return append(parts, cur)
}

func cutY(blocks []*block) [][]*block {
	sorted := append([]*block(nil), blocks...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y0 < sorted[j].y0 })
	var parts [][]*block
	cur := []*block{sorted[0]}
	reach := sorted[0].y1
	for _, b := range sorted[1:] {
		if b.y0 >= reach {
			parts = append(parts, cur)
			cur = nil
		}
		cur = append(cur, b)
		reach = math.Max(reach, b.y1)
	}
	return append(parts, cur)
}
