package agree

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Disagreement is a maximal passage of one study where the coders who
// reviewed it did not all treat one code alike: some coded it, some did not,
// and the set of coders who coded it is the same throughout.
type Disagreement struct {
	Study      string // study ID
	StudyIndex int    // index into Corpus.Studies
	Code       string
	Start, End int      // [Start, End) in code points
	CodedBy    []string // coders who coded the passage
	NotCodedBy []string // coders who reviewed the study but did not code it
}

// Disagreements lists, for the coders in opt.Coders (nil: all; at least
// two), every maximal passage where their presence vectors for a code
// differ, sorted by study (input order), start, code and end. opt.Level and
// opt.CodedOnly are ignored: passages are always in code points.
func Disagreements(ctx context.Context, c *Corpus, opt UnitiseOptions, progress func(Progress)) ([]Disagreement, error) {
	p, err := newPlan(c, opt.Coders)
	if err != nil {
		return nil, fmt.Errorf("disagreements: %w", err)
	}
	// Coder-name slices are shared between passages with the same vectors.
	type key struct{ present, coded uint64 }
	names := map[key][2][]string{}
	split := func(present, coded uint64) [2][]string {
		k := key{present, coded}
		if n, ok := names[k]; ok {
			return n
		}
		var n [2][]string
		for b, name := range p.coders {
			switch {
			case coded&(1<<b) != 0:
				n[0] = append(n[0], name)
			case present&(1<<b) != 0:
				n[1] = append(n[1], name)
			}
		}
		names[k] = n
		return n
	}
	var out []Disagreement
	sw := &sweeper{plan: p}
	for si := range c.Studies {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("disagreements: %w", err)
		}
		st := &c.Studies[si]
		first := len(out)
		err := sw.study(st, func(code int, present uint64, runs []run) {
			for _, r := range runs {
				if r.mask == 0 || r.mask == present {
					continue
				}
				n := split(present, r.mask)
				out = append(out, Disagreement{Study: st.ID, StudyIndex: si, Code: p.codes[code],
					Start: r.start, End: r.end, CodedBy: n[0], NotCodedBy: n[1]})
			}
		})
		if err != nil {
			return nil, fmt.Errorf("disagreements: %w", err)
		}
		slices.SortStableFunc(out[first:], func(a, b Disagreement) int {
			if c := cmp.Compare(a.Start, b.Start); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Code, b.Code); c != 0 {
				return c
			}
			return cmp.Compare(a.End, b.End)
		})
		if progress != nil {
			progress(Progress{Done: si + 1, Total: len(c.Studies)})
		}
	}
	return out, nil
}
