package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// breaks are the places where a paragraph's lines may end, indexed by rune
// offset: can[i] allows a break before text[i], must[i] requires one (after
// a line feed), grapheme[i] says text[i] starts a grapheme cluster (where an
// overlong word may be cut as a last resort). Each has len(text)+1 entries.
type breaks struct {
	can, must, grapheme []bool
}

// findBreaks computes the break opportunities of text: UAX #14, plus the
// word boundaries of Thai, Lao, Khmer and Burmese runs (see segmentWords).
func findBreaks(seg *segmenter.Segmenter, text []rune) breaks {
	n := len(text)
	b := breaks{can: make([]bool, n+1), must: make([]bool, n+1), grapheme: make([]bool, n+1)}
	if n == 0 {
		return b
	}
	seg.Init(text)
	li := seg.LineIterator()
	for li.Next() {
		l := li.Line()
		end := l.Offset + len(l.Text)
		b.can[end] = true
		b.must[end] = l.IsMandatoryBreak
	}
	gi := seg.GraphemeIterator()
	for gi.Next() {
		b.grapheme[gi.Grapheme().Offset] = true
	}
	b.grapheme[n] = true
	for i := 0; i < n; {
		s := unspacedScript(text[i])
		if s == scriptOther {
			i++
			continue
		}
		j := i + 1
		for j < n && unspacedScript(text[j]) == s {
			j++
		}
		run := text[i:j]
		starts := make([]bool, len(run))
		for k := range run {
			starts[k] = clusterStart(text, i+k, s, b.grapheme[i+k])
		}
		starts[0] = true
		for _, off := range segmentWords(run, s, starts) {
			// Never before punctuation (Burmese ။, Khmer ។) nor after an
			// opening one.
			if off > 0 && !unicode.IsPunct(run[off]) && !unicode.In(run[off-1], unicode.Ps, unicode.Pi) {
				b.can[i+off] = true
			}
		}
		i = j
	}
	return b
}
