package pdftext

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// sortKey is a small sort record, cheaper to move than a glyph.
type sortKey struct {
	k   float64
	seq int32
	i   int32
}

// sortedBy returns the glyphs ordered by key, ties in content order, in
// *dst's storage (grown as needed; keys is scratch for the sort).
func sortedBy(gs []pglyph, key func(*pglyph) float64, dst *[]pglyph, keys *[]sortKey) []pglyph {
	ks := (*keys)[:0]
	for i := range gs {
		ks = append(ks, sortKey{key(&gs[i]), int32(gs[i].seq), int32(i)})
	}
	*keys = ks
	slices.SortFunc(ks, func(a, b sortKey) int {
		if c := cmp.Compare(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	out := (*dst)[:0]
	for _, k := range ks {
		out = append(out, gs[k.i])
	}
	*dst = out
	return out
}

// row is a set of glyphs sharing a baseline.
type row struct {
	base, size float64
	gs         []pglyph
}

// joinBoxes appends b's boxes to a's: in place when they are adjacent in the
// page's box arena (consecutive glyphs), else into a new slice.
func joinBoxes(a, b []cbox) []cbox {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	if cap(a) > len(a) && &a[:len(a)+1][len(a)] == &b[0] && cap(a)-len(a) >= len(b) {
		return a[:len(a)+len(b)]
	}
	out := make([]cbox, 0, len(a)+len(b)+4)
	return append(append(out, a...), b...)
}

// wordlets joins glyphs that follow each other in content order on one baseline
// with no gap into runs (represented as wide glyphs). Words are built from these
// runs, so text drawn over other text on the same line is not interleaved letter
// by letter. A glyph drawn twice in place (fake bold) is dropped. Combining
// marks placed over or under the glyph before them join it whatever their
// vertical offset, and pre-base vowel signs drawn before their consonant
// return to logical order.
func wordlets(gs []pglyph, dst *[]pglyph) []pglyph {
	out := (*dst)[:0]
	defer func() { *dst = out[:0] }()
	var b strings.Builder
	var parts []int // rune offsets where the current wordlet's glyphs start
	pre := false    // the current wordlet has a pre-base piece
	cur := -1
	var last pglyph
	flush := func() {
		if cur >= 0 {
			out[cur].text = b.String()
			if pre && len(parts) > 1 {
				out[cur].text, out[cur].bx = logicalOrder(out[cur].text, out[cur].bx, parts)
			}
		}
		b.Reset()
		parts = parts[:0]
		pre = false
	}
	runes := 0
	add := func(g *pglyph) {
		if r, _ := utf8.DecodeRuneInString(g.text); r >= 0x0900 && (preBase(r) || r == 0x17D2) {
			pre = true
		}
		parts = append(parts, runes)
		b.WriteString(g.text)
		runes += len(g.bx)
	}
	for _, g := range gs {
		if strings.TrimSpace(g.text) == "" {
			if cur >= 0 {
				out[cur].spaceAfter = true
			}
			continue
		}
		if cur >= 0 {
			size := math.Max(g.size, last.size)
			dy := math.Abs(g.y - last.y)
			if g.text == last.text && math.Abs(g.x-last.x) < 0.15*size && dy < 0.15*size {
				continue
			}
			w := &out[cur]
			gap := g.x - (last.x + last.w) - letterSpacing(&last, &g)
			if !(dy <= 0.2*size && !last.spaceAfter && gap <= wordGap*g.size && gap >= -math.Max(last.w, 0.3*size)-0.05*size) &&
				g.mark && !last.spaceAfter && dy < 1.2*size && g.x >= w.x-0.5*size && g.x <= w.x+w.w+0.3*size {
				// A mark placed on the glyph before it (above or below the
				// line): it joins, and the next glyph's gap still counts from
				// the base.
				add(&g)
				w.bx = joinBoxes(w.bx, g.bx)
				w.spaceAfter = g.spaceAfter
				continue
			}
			if dy <= 0.2*size && !last.spaceAfter && gap <= wordGap*g.size && gap >= -math.Max(last.w, 0.3*size)-0.05*size {
				add(&g)
				w.bx = joinBoxes(w.bx, g.bx)
				if end := g.x + g.w; end > w.x+w.w {
					w.w = end - w.x
				}
				w.size = math.Max(w.size, g.size)
				w.spaceAfter = g.spaceAfter
				w.cs, w.last = g.cs, g.last
				w.mark = false
				last = g
				continue
			}
		}
		flush()
		runes = 0
		out = append(out, g)
		cur = len(out) - 1
		add(&g)
		last = g
	}
	flush()
	return out
}

// buildSegments clusters glyphs into rows by baseline, attaches superscripts and
// subscripts to the row they belong to, then splits rows at wide gaps. The
// segments keep no reference to sc's buffers.
func buildSegments(gs []pglyph, sc *layoutScratch) []*segment {
	gs = sortedBy(wordlets(placeAccents(gs), &sc.wordlets), func(g *pglyph) float64 { return g.y }, &sc.sorted, &sc.keys)
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
			// In place: each row owns its part of the sorted buffer.
			slices.SortFunc(r.gs, func(a, b pglyph) int {
				if c := cmp.Compare(a.x, b.x); c != 0 {
					return c
				}
				return cmp.Compare(a.seq, b.seq)
			})
		}
	}
	rows = layers(rows)
	cuts := gutters(rows)
	var segs []*segment
	for i, r := range rows {
		if len(r.gs) == 0 {
			continue
		}
		segs = append(segs, splitRow(r.gs, cuts[i], &sc.words)...)
	}
	return segs
}

// layers splits a row whose runs overlap horizontally (text drawn over other text
// on the same baseline) into rows of non-overlapping runs.
func layers(rows []*row) []*row {
	out := make([]*row, 0, len(rows))
	for _, r := range rows {
		kept := r.gs[:0] // filtered in place: it never overtakes the loop
		overlap := false
		end := math.Inf(-1)
	next:
		for _, g := range r.gs {
			// The same run drawn again almost in place (fake bold, shadows).
			for k := len(kept) - 1; k >= 0 && g.x-kept[k].x < 0.3*g.size; k-- {
				if kept[k].text == g.text && math.Abs(kept[k].y-g.y) < 0.3*g.size {
					continue next
				}
			}
			kept = append(kept, g)
			overlap = overlap || g.x < end-0.2*g.size
			end = math.Max(end, g.x+g.w)
		}
		if !overlap {
			r.gs = kept
			out = append(out, r)
			continue
		}
		var subs []*row
		var ends []float64
		for _, g := range kept {
			placed := false
			for k := range subs {
				if g.x >= ends[k]-0.2*g.size {
					subs[k].gs = append(subs[k].gs, g)
					ends[k] = math.Max(ends[k], g.x+g.w)
					placed = true
					break
				}
			}
			if !placed {
				subs = append(subs, &row{base: r.base, size: r.size, gs: []pglyph{g}})
				ends = append(ends, g.x+g.w)
			}
		}
		out = append(out, subs...)
	}
	return out
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

// splitRow splits a row's glyphs into segments of words at wide gaps and
// column cuts. The segments' words live in *words (a page's arena, only ever
// appended to).
func splitRow(row []pglyph, cuts []float64, words *[]word) []*segment {
	var segs []*segment
	var seg *segment
	var cur strings.Builder
	var bx []cbox
	var wx0, wx1 float64
	var last *pglyph
	first := len(*words) // the current segment's first word
	flush := func() {
		if cur.Len() > 0 && seg != nil {
			t := cur.String()
			*words = append(*words, word{x0: wx0, x1: wx1, text: t, bx: bx, rtl: isRTL(t)})
		}
		cur.Reset()
		bx = nil
	}
	closeSeg := func() {
		if seg != nil {
			seg.words = (*words)[first:len(*words):len(*words)]
		}
		first = len(*words)
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
		if last != nil {
			gap -= letterSpacing(last, g)
		}
		if seg == nil || gap > segmentGap*math.Max(size, seg.size) || straddles(cuts, end, g.x) {
			flush()
			closeSeg()
			seg = &segment{x0: g.x, x1: g.x, y: g.y, size: size}
			segs = append(segs, seg)
		} else if gap > wordGap*size || cur.Len() == 0 || (last != nil && last.spaceAfter && gap > 0.03*size) {
			flush()
		}
		if cur.Len() == 0 {
			wx0 = g.x
		}
		cur.WriteString(g.text)
		bx = joinBoxes(bx, g.bx)
		if x1 := g.x + g.w; x1 > wx1 || cur.Len() == len(g.text) {
			wx1 = math.Max(x1, g.x)
		}
		if size > seg.size {
			seg.size = size
		}
		if len(g.bx) > 0 {
			seg.ext = math.Max(seg.ext, float64(g.bx[0].y1-g.bx[0].y0))
		}
		seg.x1 = math.Max(seg.x1, wx1)
		last = g
	}
	flush()
	closeSeg()
	out := segs[:0]
	for _, s := range segs {
		if len(s.words) > 0 {
			orderRTL(s)
			out = append(out, s)
		}
	}
	return out
}

// letterSpacing is the part of the gap between two glyphs that is letter
// spacing (Tc) and so no word break: only between glyphs of one operator, and
// only as much as letter spacing plausibly is (tables place cells with huge
// Tc values).
func letterSpacing(prev, next *pglyph) float64 {
	if prev.last != next.show || prev.cs <= 0 || prev.cs > 0.6*prev.size {
		return 0
	}
	return prev.cs
}

func straddles(cuts []float64, x0, x1 float64) bool {
	for _, c := range cuts {
		if c > x0 && c < x1 {
			return true
		}
	}
	return false
}
