package pdftext

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

var pageNumRE = regexp.MustCompile(`(?i)^(page|p\.|seite|página|pagina)?\s*[-–]?\s*(\d{1,5}|[ivxlc]{1,7})\s*[-–]?\s*((of|/|de|von)\s*\d{1,4})?$`)

// markKey normalises a running header or footer so that page numbers and spacing
// do not matter when comparing pages.
func markKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsDigit(r):
			if !strings.HasSuffix(b.String(), "#") {
				b.WriteByte('#')
			}
		case unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type candidate struct {
	page int
	bt   blockText
	kind MarkKind
	key  string
}

// findMarks finds running headers, footers and page numbers: the top- and
// bottom-most blocks of pages that repeat (numbers aside) on enough pages, and
// blocks that are only a page number.
func findMarks(pages []pageResult, pp []Page) []Mark {
	var cands []candidate
	for i, p := range pages {
		if len(p.blocks) < 2 {
			continue
		}
		n := len(p.blocks)
		for k := 0; k < n && k < 2; k++ {
			if b := p.blocks[k]; b.bot < 0.12 {
				cands = append(cands, candidate{i, b, Header, markKey(b.text)})
			}
			if b := p.blocks[n-1-k]; b.top > 0.88 {
				cands = append(cands, candidate{i, b, Footer, markKey(b.text)})
			}
		}
	}
	count := map[string]map[int]bool{}
	for _, c := range cands {
		if len(pages[c.page].blocks) < 3 {
			continue // see below: sparse pages neither have nor vouch for running heads
		}
		k := c.kind.String() + "\x00" + c.key
		if count[k] == nil {
			count[k] = map[int]bool{}
		}
		count[k][c.page] = true
	}
	// Running heads often change with the chapter, so a top or bottom line that
	// recurs on a few pages is enough.
	need := 2
	if len(pages) > 6 {
		need = 3
	}
	seen := map[[2]int]bool{}
	var marks []Mark
	for _, c := range cands {
		kind := c.kind
		text := strings.TrimSpace(c.bt.text)
		switch {
		case pageNumRE.MatchString(text) && len(pages) > 1:
			if !aloneInRow(pages[c.page].blocks, c.bt, func(o blockText) bool {
				k := c.kind.String() + "\x00" + markKey(o.text)
				return count[k][c.page] && len(count[k]) >= need
			}) {
				continue
			}
			kind = PageNumber
		case len(pages[c.page].blocks) >= 3 && len(count[c.kind.String()+"\x00"+c.key]) >= need && len([]rune(text)) < 200:
			// A running head sits apart from a body of at least two blocks; on
			// sparser pages the first and last lines are just the text.
		default:
			continue
		}
		start, end := pp[c.page].Start+c.bt.start, pp[c.page].Start+c.bt.end
		if seen[[2]int{start, end}] {
			continue
		}
		seen[[2]int{start, end}] = true
		marks = append(marks, Mark{Start: start, End: end, Kind: kind})
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].Start < marks[j].Start })
	return marks
}

// aloneInRow reports whether no other block shares the number's line, except
// running heads: a number beside ordinary text (a contents entry, a table cell)
// is not a page number.
func aloneInRow(blocks []blockText, b blockText, running func(blockText) bool) bool {
	for _, o := range blocks {
		if o.start == b.start || o.bot <= b.top || o.top >= b.bot {
			continue
		}
		if !running(o) {
			return false
		}
	}
	return true
}
