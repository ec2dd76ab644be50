package agree

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// MaxCoders is the largest number of coders Unitise and Disagreements compare
// at once (coder vectors are bit masks).
const MaxCoders = 64

// ErrBadSpan means a coded span lies outside its study text, ends before it
// starts or names an unknown coder.
var ErrBadSpan = errors.New("coded span outside the study text")

// Span is one coder's coded passage [Start, End) in Unicode code points of
// the study text. Empty spans (Start == End) are ignored.
type Span struct {
	Code  string // code identity (UUID) or name
	Coder int    // index into Corpus.Coders
	Start int
	End   int
}

// Study is one study text and every coder's spans on it.
type Study struct {
	ID     string
	Length int // text length in code points
	// Segments holds the start offset of each segment (sentence or
	// paragraph) in increasing order; each runs to the next start or to
	// Length, and text before the first start belongs to a first segment
	// starting at 0. Nil means the whole text is one segment.
	Segments []int
	// Coders lists the coders who reviewed the study; nil means all. A coder
	// with spans in the study counts as having reviewed it. Coders who did
	// not review a study are missing there, not "did not code".
	Coders []int
	Spans  []Span
}

// Corpus is unitised coding data: the coders and their spans on every study.
type Corpus struct {
	Coders []string
	// Codes lists codes to evaluate even if nobody used them; every code
	// found in a span is evaluated as well.
	Codes   []string
	Studies []Study
}

// Level is the unit of a unitised agreement.
type Level int

// Unit levels for Unitise.
const (
	CharacterLevel Level = iota // every code point is a unit (weighted runs)
	SegmentLevel                // every segment; coded by a coder if any span overlaps it
	StudyLevel                  // every study-code pair; coded if the coder used the code anywhere in the study
)

// String returns the lower-case name of the level.
func (l Level) String() string {
	switch l {
	case CharacterLevel:
		return "character"
	case SegmentLevel:
		return "segment"
	case StudyLevel:
		return "study"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// ParseLevel turns "character", "segment" or "study" (any case) into a Level.
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "character", "char":
		return CharacterLevel, nil
	case "segment":
		return SegmentLevel, nil
	case "study":
		return StudyLevel, nil
	}
	return 0, fmt.Errorf("unknown unit level %q (want character, segment or study)", s)
}

// UnitiseOptions tunes Unitise and Disagreements.
type UnitiseOptions struct {
	Level Level
	// CodedOnly leaves out units that no coder coded, so long stretches of
	// text nobody touched do not inflate agreement.
	CodedOnly bool
	// Coders restricts the comparison to these coder indices (at least two);
	// nil compares all coders.
	Coders []int
}

// Progress reports how many studies are done out of Total.
type Progress struct {
	Done, Total int
}

// Unitised is the outcome of Unitise: one tally overall, one per code and
// one per study. Tally coder indices follow Coders.
type Unitised struct {
	Level   Level
	Coders  []string // the coders compared, in tally order
	Codes   []string // sorted; ByCode[i] belongs to Codes[i]
	Studies []string // study IDs in input order; ByStudy[i] belongs to Studies[i]
	Overall *Tally
	ByCode  []*Tally
	ByStudy []*Tally
}

// plan is the validated setup shared by Unitise and Disagreements.
type plan struct {
	all     []string // every corpus coder
	coders  []string // the compared coders, in bit order
	bit     []int    // corpus coder index -> bit position, -1 when not compared
	codes   []string
	codeIdx map[string]int
}

func newPlan(c *Corpus, sel []int) (*plan, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no corpus", ErrInvalidData)
	}
	p := &plan{all: c.Coders, bit: make([]int, len(c.Coders)), codeIdx: map[string]int{}}
	for i := range p.bit {
		p.bit[i] = -1
	}
	if sel == nil {
		sel = make([]int, len(c.Coders))
		for i := range sel {
			sel[i] = i
		}
	}
	for _, ci := range sel {
		if ci < 0 || ci >= len(c.Coders) {
			return nil, fmt.Errorf("%w: coder %d out of range (have %d)", ErrInvalidData, ci, len(c.Coders))
		}
		if p.bit[ci] >= 0 {
			return nil, fmt.Errorf("%w: coder %q selected twice", ErrInvalidData, c.Coders[ci])
		}
		p.bit[ci] = len(p.coders)
		p.coders = append(p.coders, c.Coders[ci])
	}
	if len(p.coders) < 2 {
		return nil, ErrTooFewCoders
	}
	if len(p.coders) > MaxCoders {
		return nil, fmt.Errorf("%w: %d coders, at most %d can be compared at once", ErrInvalidData, len(p.coders), MaxCoders)
	}
	seen := map[string]bool{}
	for _, code := range c.Codes {
		seen[code] = true
	}
	for si := range c.Studies {
		for _, sp := range c.Studies[si].Spans {
			seen[sp.Code] = true
		}
	}
	for code := range seen {
		p.codes = append(p.codes, code)
	}
	sort.Strings(p.codes)
	for i, code := range p.codes {
		p.codeIdx[code] = i
	}
	return p, nil
}

// Unitise computes unitised agreement tallies at the level in opt. It honours
// ctx between studies and calls progress (if non-nil) after each study.
func Unitise(ctx context.Context, c *Corpus, opt UnitiseOptions, progress func(Progress)) (*Unitised, error) {
	p, err := newPlan(c, opt.Coders)
	if err != nil {
		return nil, fmt.Errorf("unitise: %w", err)
	}
	if opt.Level < CharacterLevel || opt.Level > StudyLevel {
		return nil, fmt.Errorf("unitise: %w: unknown level %d", ErrInvalidData, int(opt.Level))
	}
	res := &Unitised{Level: opt.Level, Coders: p.coders, Codes: p.codes, Overall: newTally(p.coders),
		ByCode: make([]*Tally, len(p.codes)), ByStudy: make([]*Tally, len(c.Studies)), Studies: make([]string, len(c.Studies))}
	for i := range res.ByCode {
		res.ByCode[i] = newTally(p.coders)
	}
	sw := &sweeper{plan: p}
	var local []weighted
	var segMask []uint64
	var touched []int
	for si := range c.Studies {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("unitise: %w", err)
		}
		st := &c.Studies[si]
		res.Studies[si] = st.ID
		byStudy := newTally(p.coders)
		res.ByStudy[si] = byStudy
		segs, err := segmentStarts(st)
		if err != nil {
			return nil, fmt.Errorf("unitise: %w", err)
		}
		if opt.Level == SegmentLevel {
			if cap(segMask) < len(segs) {
				segMask = make([]uint64, len(segs))
			}
			segMask = segMask[:len(segs)]
		}
		flush := func(code int, present uint64) {
			for _, lw := range local {
				if opt.CodedOnly && lw.p.coded == 0 {
					continue
				}
				byStudy.add(lw.p, lw.w)
				res.ByCode[code].add(lw.p, lw.w)
				res.Overall.add(lw.p, lw.w)
			}
			local = local[:0]
		}
		err = sw.study(st, func(code int, present uint64, runs []run) {
			switch opt.Level {
			case CharacterLevel:
				for _, r := range runs {
					local = addLocal(local, pattern{present, r.mask}, float64(r.end-r.start))
				}
			case StudyLevel:
				var any uint64
				for _, r := range runs {
					any |= r.mask
				}
				local = addLocal(local, pattern{present, any}, 1)
			case SegmentLevel:
				touched = touched[:0]
				for _, r := range runs {
					if r.mask == 0 {
						continue
					}
					// First segment whose start is <= r.start.
					i := sort.SearchInts(segs, r.start+1) - 1
					for ; i < len(segs) && segs[i] < r.end; i++ {
						if segMask[i] == 0 {
							touched = append(touched, i)
						}
						segMask[i] |= r.mask
					}
				}
				for _, i := range touched {
					local = addLocal(local, pattern{present, segMask[i]}, 1)
					segMask[i] = 0
				}
				if len(segs) > len(touched) {
					local = addLocal(local, pattern{present, 0}, float64(len(segs)-len(touched)))
				}
			}
			flush(code, present)
		})
		if err != nil {
			return nil, fmt.Errorf("unitise: %w", err)
		}
		if progress != nil {
			progress(Progress{Done: si + 1, Total: len(c.Studies)})
		}
	}
	return res, nil
}

type weighted struct {
	p pattern
	w float64
}

// addLocal adds w to p in a short list (few distinct vectors per code).
func addLocal(l []weighted, p pattern, w float64) []weighted {
	if w <= 0 {
		return l
	}
	for i := range l {
		if l[i].p == p {
			l[i].w += w
			return l
		}
	}
	return append(l, weighted{p, w})
}

// segmentStarts returns the validated segment starts of a study (starting
// at 0); a study of length 0 has no segments.
func segmentStarts(st *Study) ([]int, error) {
	if st.Length <= 0 {
		return nil, nil
	}
	if len(st.Segments) == 0 {
		return []int{0}, nil
	}
	segs := st.Segments
	for i, s := range segs {
		if s < 0 || s >= st.Length || (i > 0 && s <= segs[i-1]) {
			return nil, fmt.Errorf("%w: study %s: segment start %d (no. %d) is out of order or outside 0..%d",
				ErrInvalidData, st.ID, s, i+1, st.Length-1)
		}
	}
	if segs[0] != 0 {
		segs = append([]int{0}, segs...)
	}
	return segs, nil
}

// run is a stretch [start, end) of one code in one study over which the
// set of coders who coded it (mask) is constant.
type run struct {
	start, end int
	mask       uint64
}

type event struct {
	pos   int
	bit   int
	delta int32
}

// sweeper turns spans into runs, reusing its buffers across studies.
type sweeper struct {
	plan   *plan
	order  []uint64 // code index << 32 | span index, sorted
	events []event
	runs   []run
	depth  [MaxCoders]int32
}

// study validates a study's spans and calls fn once for every code (in code
// order) with the study's present mask and the code's maximal runs covering
// [0, Length) (adjacent runs always differ in mask).
func (s *sweeper) study(st *Study, fn func(code int, present uint64, runs []run)) error {
	p := s.plan
	var present uint64
	if st.Coders == nil {
		for _, b := range p.bit {
			if b >= 0 {
				present |= 1 << b
			}
		}
	} else {
		for _, ci := range st.Coders {
			if ci < 0 || ci >= len(p.bit) {
				return fmt.Errorf("%w: study %s lists coder %d of %d", ErrInvalidData, st.ID, ci, len(p.bit))
			}
			if b := p.bit[ci]; b >= 0 {
				present |= 1 << b
			}
		}
	}
	if st.Length < 0 {
		return fmt.Errorf("%w: study %s has length %d", ErrInvalidData, st.ID, st.Length)
	}
	s.order = s.order[:0]
	for i, sp := range st.Spans {
		if sp.Coder < 0 || sp.Coder >= len(p.bit) {
			return fmt.Errorf("%w: study %s, code %s: unknown coder %d", ErrBadSpan, st.ID, sp.Code, sp.Coder)
		}
		if sp.Start < 0 || sp.End < sp.Start || sp.End > st.Length {
			return fmt.Errorf("%w: study %s, code %s, coder %s: [%d,%d) in a text of %d",
				ErrBadSpan, st.ID, sp.Code, p.coderName(sp.Coder), sp.Start, sp.End, st.Length)
		}
		if b := p.bit[sp.Coder]; b >= 0 && sp.End > sp.Start {
			present |= 1 << b
			// Sort key: code index in the high half, span index in the low.
			s.order = append(s.order, uint64(p.codeIdx[sp.Code])<<32|uint64(i))
		}
	}
	slices.Sort(s.order)
	k := 0
	for code := range p.codes {
		s.events = s.events[:0]
		for ; k < len(s.order) && int(s.order[k]>>32) == code; k++ {
			sp := st.Spans[uint32(s.order[k])]
			b := p.bit[sp.Coder]
			s.events = append(s.events, event{sp.Start, b, 1}, event{sp.End, b, -1})
		}
		fn(code, present, s.sweep(st.Length))
	}
	return nil
}

// coderName names corpus coder i for messages.
func (p *plan) coderName(i int) string {
	if i >= 0 && i < len(p.all) {
		return p.all[i]
	}
	return fmt.Sprint(i)
}

// sweep turns the current events into maximal runs over [0, length).
func (s *sweeper) sweep(length int) []run {
	s.runs = s.runs[:0]
	if length == 0 {
		return s.runs
	}
	ev := s.events
	if len(ev) == 0 {
		s.runs = append(s.runs, run{0, length, 0})
		return s.runs
	}
	slices.SortFunc(ev, func(a, b event) int { return cmp.Compare(a.pos, b.pos) })
	var mask uint64
	cur := 0
	emit := func(end int) {
		if end <= cur {
			return
		}
		if n := len(s.runs); n > 0 && s.runs[n-1].mask == mask && s.runs[n-1].end == cur {
			s.runs[n-1].end = end
		} else {
			s.runs = append(s.runs, run{cur, end, mask})
		}
		cur = end
	}
	for i := 0; i < len(ev); {
		pos := ev[i].pos
		emit(pos)
		for ; i < len(ev) && ev[i].pos == pos; i++ {
			s.depth[ev[i].bit] += ev[i].delta
			if s.depth[ev[i].bit] > 0 {
				mask |= 1 << ev[i].bit
			} else {
				mask &^= 1 << ev[i].bit
			}
		}
	}
	emit(length)
	return s.runs
}
