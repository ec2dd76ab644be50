package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// snippetLen is the length of a snippet in code points.
const snippetLen = 240

// Snippet is an excerpt of a chunk with the matched terms marked.
type Snippet struct {
	Text      string  // excerpt, exactly as in the study text
	Start     int     // code point of the excerpt's first character in the study text
	Matches   []Range // matched terms, code points into Text
	CutBefore bool    // the chunk continues before Text
	CutAfter  bool    // the chunk continues after Text
}

// Marked renders the snippet on one line with matches between open and
// close (e.g. "«" and "»") and "…" where the chunk was cut.
func (s Snippet) Marked(open, close string) string {
	rs := []rune(s.Text)
	var b strings.Builder
	if s.CutBefore {
		b.WriteString("…")
	}
	at := 0
	write := func(part []rune) {
		for _, r := range part {
			if unicode.IsSpace(r) {
				r = ' '
			}
			b.WriteRune(r)
		}
	}
	for _, m := range s.Matches {
		if m.Start < at || m.End > len(rs) {
			continue
		}
		write(rs[at:m.Start])
		b.WriteString(open)
		write(rs[m.Start:m.End])
		b.WriteString(close)
		at = m.End
	}
	write(rs[at:])
	if s.CutAfter {
		b.WriteString("…")
	}
	return b.String()
}

// matchRanges converts the term locations of the text fields (byte offsets)
// into sorted, merged code-point ranges within text. Ranges separated only
// by white space (the words of a phrase) are merged.
func matchRanges(text string, locs bsearch.FieldTermLocationMap) []Range {
	var byteRanges [][2]int
	for _, f := range textFields {
		for _, ls := range locs[f] {
			for _, l := range ls {
				if int(l.Start) >= 0 && int(l.End) <= len(text) && l.Start < l.End {
					byteRanges = append(byteRanges, [2]int{int(l.Start), int(l.End)})
				}
			}
		}
	}
	if len(byteRanges) == 0 {
		return nil
	}
	sort.Slice(byteRanges, func(i, j int) bool { return byteRanges[i][0] < byteRanges[j][0] })
	var merged [][2]int
	for _, r := range byteRanges {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			if r[1] > merged[n-1][1] {
				merged[n-1][1] = r[1]
			}
			continue
		}
		merged = append(merged, r)
	}
	// byte -> rune offsets in one pass
	out := make([]Range, 0, len(merged))
	runeAt, byteAt := 0, 0
	toRune := func(b int) int {
		for byteAt < b {
			_, size := utf8.DecodeRuneInString(text[byteAt:])
			byteAt += size
			runeAt++
		}
		return runeAt
	}
	for _, r := range merged {
		s := toRune(r[0])
		e := toRune(r[1])
		out = append(out, Range{s, e})
	}
	// join phrase words separated by spaces only
	rs := []rune(text)
	joined := out[:0]
	for _, r := range out {
		if n := len(joined); n > 0 && onlySpaces(rs[joined[n-1].End:r.Start]) && r.Start-joined[n-1].End <= 2 {
			joined[n-1].End = r.End
			continue
		}
		joined = append(joined, r)
	}
	return joined
}

func onlySpaces(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// makeSnippet picks the window of snippetLen code points holding the most
// matches, widened to word boundaries. chunkStart is the chunk's offset in
// the study text.
func makeSnippet(text string, matches []Range, chunkStart int) Snippet {
	rs := []rune(text)
	start := 0
	if len(matches) > 0 {
		best, bestCount := 0, -1
		for i, m := range matches {
			s := max(m.Start-snippetLen/4, 0)
			count := 0
			for _, m2 := range matches[i:] {
				if m2.End <= s+snippetLen {
					count++
				}
			}
			if count > bestCount {
				best, bestCount = s, count
			}
		}
		start = best
	}
	end := min(start+snippetLen, len(rs))
	if end == len(rs) {
		start = max(end-snippetLen, 0)
	}
	for k := 0; k < 20 && start > 0 && !unicode.IsSpace(rs[start-1]); k++ {
		start--
	}
	for k := 0; k < 20 && end < len(rs) && !unicode.IsSpace(rs[end]); k++ {
		end++
	}
	for start < end && unicode.IsSpace(rs[start]) {
		start++
	}
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	sn := Snippet{Text: string(rs[start:end]), Start: chunkStart + start, CutBefore: start > 0, CutAfter: end < len(rs)}
	for _, m := range matches {
		if m.Start >= start && m.End <= end {
			sn.Matches = append(sn.Matches, Range{m.Start - start, m.End - start})
		}
	}
	return sn
}
