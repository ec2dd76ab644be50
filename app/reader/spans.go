package reader

import (
	"sort"
	"unicode"
)

// maxLanes caps the underline bars reserved under every line; deeper overlaps share the last lane.
const maxLanes = 6

// spanSet holds the coded spans sorted by start with a stable underline lane for each.
type spanSet struct {
	spans  []Span
	lanes  []int
	maxEnd []int // maxEnd[i] is the largest End among spans[:i+1]
	depth  int   // lanes in use (at most maxLanes)
}

// newSpanSet sorts spans, drops empty ones and assigns lanes greedily so that
// overlapping spans get different bars.
func newSpanSet(in []Span, n int) *spanSet {
	s := &spanSet{}
	for _, sp := range in {
		sp.Start, sp.End = clamp(sp.Start, 0, n), clamp(sp.End, 0, n)
		if sp.End > sp.Start {
			s.spans = append(s.spans, sp)
		}
	}
	sort.SliceStable(s.spans, func(i, j int) bool {
		a, b := s.spans[i], s.spans[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	s.lanes = make([]int, len(s.spans))
	s.maxEnd = make([]int, len(s.spans))
	var laneEnd []int // end offset of the last span in each lane
	for i, sp := range s.spans {
		lane := -1
		for l, e := range laneEnd {
			if e <= sp.Start {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnd)
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[lane] = sp.End
		s.lanes[i] = min(lane, maxLanes-1)
		s.depth = max(s.depth, s.lanes[i]+1)
		s.maxEnd[i] = sp.End
		if i > 0 {
			s.maxEnd[i] = max(sp.End, s.maxEnd[i-1])
		}
	}
	return s
}

// overlapping returns the indices of the spans touching [a, b).
func (s *spanSet) overlapping(a, b int) []int {
	hi := sort.Search(len(s.spans), func(i int) bool { return s.spans[i].Start >= b })
	lo := sort.Search(hi, func(i int) bool { return s.maxEnd[i] > a })
	var out []int
	for i := lo; i < hi; i++ {
		if s.spans[i].End > a {
			out = append(out, i)
		}
	}
	return out
}

// at returns the spans covering offset off.
func (s *spanSet) at(off int) []Span {
	var out []Span
	for _, i := range s.overlapping(off, off+1) {
		out = append(out, s.spans[i])
	}
	return out
}

// WithLabel returns a NextSpan predicate matching the codings of the code named label.
func WithLabel(label string) func(Span) bool {
	return func(s Span) bool { return s.Label == label }
}

// NextSpan finds the next coded span (forward) or the previous one (backward) from offset
// from whose Span satisfies match (nil matches any), wrapping around the text. Forward
// returns the first span starting after from; backward the last starting before it.
func (r *Reader) NextSpan(match func(Span) bool, from int, forward bool) (Span, bool) {
	spans := r.spans.spans
	ok := func(i int) bool { return match == nil || match(spans[i]) }
	n := len(spans)
	if n == 0 {
		return Span{}, false
	}
	if forward {
		k := sort.Search(n, func(i int) bool { return spans[i].Start > from })
		for j := 0; j < n; j++ {
			if i := (k + j) % n; ok(i) {
				return spans[i], true
			}
		}
		return Span{}, false
	}
	k := sort.Search(n, func(i int) bool { return spans[i].Start >= from }) - 1
	for j := 0; j < n; j++ {
		if i := ((k-j)%n + n) % n; ok(i) {
			return spans[i], true
		}
	}
	return Span{}, false
}

// Find searches the visible text for query, ignoring case, starting at offset from and
// wrapping around. Forward finds the first match starting at or after from; backward the
// last match starting before from. Matches touching hidden ranges are skipped.
func (r *Reader) Find(query string, from int, forward bool) (start, end int, ok bool) {
	d := r.doc
	q := []rune(query)
	n := len(d.text)
	if len(q) == 0 || len(q) > n {
		return 0, 0, false
	}
	for i, c := range q {
		q[i] = unicode.ToLower(c)
	}
	if d.lower == nil {
		d.lower = make([]rune, n)
		for i, c := range d.text {
			d.lower[i] = unicode.ToLower(c)
		}
	}
	matchAt := func(i int) bool {
		for j, c := range q {
			if d.lower[i+j] != c {
				return false
			}
		}
		return !d.overlapsHidden(i, i+len(q))
	}
	last := n - len(q) // last possible start
	from = clamp(from, 0, n)
	if forward {
		for j := 0; j <= last; j++ {
			if i := (from + j) % (last + 1); matchAt(i) {
				return i, i + len(q), true
			}
		}
		return 0, 0, false
	}
	from = min(from, last+1)
	for j := 1; j <= last+1; j++ {
		if i := ((from-j)%(last+1) + last + 1) % (last + 1); matchAt(i) {
			return i, i + len(q), true
		}
	}
	return 0, 0, false
}
