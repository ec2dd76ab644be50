package merge

import (
	"strings"
	"unicode"
)

// folded is a text with every whitespace run collapsed to one space,
// remembering for each byte the code point of the original it came from.
type folded struct {
	s    string
	orig []int32
	n    int    // code points in the original
	src  []rune // the original
}

func fold(text string) folded {
	var b strings.Builder
	b.Grow(len(text))
	orig := make([]int32, 0, len(text))
	space := false
	i := int32(0)
	for _, r := range text {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				orig = append(orig, i)
			}
			space = true
			i++
			continue
		}
		space = false
		n := b.Len()
		b.WriteRune(r)
		for ; n < b.Len(); n++ {
			orig = append(orig, i)
		}
		i++
	}
	return folded{s: b.String(), orig: orig, n: int(i), src: []rune(text)}
}

// normQuote collapses and trims the whitespace of a quote.
func normQuote(q string) string { return strings.TrimSpace(fold(q).s) }

// anchor finds quote (whitespace-insensitive) in the folded master text at
// the occurrence nearest to want (a code-point offset) and returns its
// code-point range.
func (f folded) anchor(quote string, want int) (start, end int, ok bool) {
	needle := normQuote(quote)
	if needle == "" {
		return 0, 0, false
	}
	best := -1
	for from := 0; from <= len(f.s)-len(needle); {
		i := strings.Index(f.s[from:], needle)
		if i < 0 {
			break
		}
		i += from
		s, e := int(f.orig[i]), int(f.orig[i+len(needle)-1])+1
		if best < 0 || dist(s, want) < dist(start, want) {
			best, start, end = i, s, e
		} else if s > want {
			break // occurrences only get farther from here on
		}
		from = i + 1
	}
	return start, end, best >= 0
}

func dist(a, b int) int {
	if a < b {
		return b - a
	}
	return a - b
}
