package pdftext

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

var (
	pageNumRE = regexp.MustCompile(`(?i)^(page|p\.|seite|página|pagina)?\s*[-–]?\s*(\d{1,5}|[ivxlc]{1,7})\s*[-–]?\s*((of|/|de|von)\s*\d{1,4})?$|^第\s*\d{1,5}\s*页(\s*共\s*\d{1,5}\s*页)?$`)
	// slugRE is a typesetter's slug line: the layout file, date and time and
	// the page ("Smith_ch01.qxd 3/12/08 10:15 AM Page i", "Nephrologie.indb 71").
	slugRE = regexp.MustCompile(`(?i)\.(qxd|qxp|indd|indb|fm|p65)\b.*\s(page\s+)?[0-9ivxlcdm]+\s*$`)
	// lineNumRE is a printer's line number, as proofs number their lines
	// (with a letter before the last ones: "S32", "R33").
	lineNumRE = regexp.MustCompile(`^[A-Z]{0,2}\d{1,4}$`)
	romanRE   = regexp.MustCompile(`^[ivxlcdm]+$`)
)

// markKey normalises a running header or footer so that page numbers, dates,
// times and spacing do not matter when comparing pages: the words with
// letters, lower case, digits in them collapsed, roman page numbers and
// AM/PM left out.
func markKey(s string) string {
	var b strings.Builder
	for _, tok := range strings.Fields(strings.ToLower(s)) {
		if strings.IndexFunc(tok, unicode.IsLetter) < 0 || romanRE.MatchString(tok) || tok == "am" || tok == "pm" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		digit := false
		for _, r := range tok {
			if unicode.IsDigit(r) {
				if !digit {
					b.WriteByte('#')
				}
				digit = true
				continue
			}
			digit = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// digitKey is the key of a line without words (a date and time on every
// page): digits collapsed, spacing dropped; "" when it has fewer than two
// numbers or is too short to tell from a formula's fragment.
func digitKey(s string) string {
	var b strings.Builder
	groups, digit := 0, false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			if !digit {
				b.WriteByte('#')
				groups++
			}
			digit = true
			continue
		case unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
		digit = false
	}
	if groups < 2 || len([]rune(b.String())) < 4 {
		return ""
	}
	return b.String()
}

// letters counts a key's letters.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

type candidate struct {
	page int
	bt   blockText
	kind MarkKind // Header or Footer: the band it sits in
	key  string
	// What it may be: a page number, a line repeated on enough pages, a
	// typesetter's slug, a line on the top row beside a page number.
	pageNum, repeated, slug, besidePageNum bool
}

// bandBlocks is how many blocks from each end of a page's reading order may
// be running heads (a slug line, a running head and its page number).
const bandBlocks = 4

// findMarks finds running headers, footers, page numbers and printer's line
// numbers. A running head is a top- or bottom-most block of a page that
// repeats (numbers, dates and roman page numbers aside) on enough pages, sits
// beside a page number, or is a typesetter's slug line; a page number is a
// block of the top or bottom band that is only a number and shares its line
// with nothing but other marks. Line numbers are a column of numbers
// beside the body text (see lineNumbers).
func findMarks(pages []pageResult, pp []Page) []Mark {
	var cands []candidate
	for i, p := range pages {
		if len(p.blocks) < 2 {
			continue
		}
		n := len(p.blocks)
		key := func(b blockText) string {
			if k := markKey(b.text); letters(k) >= 2 {
				return k
			}
			return digitKey(b.text)
		}
		for k := 0; k < n && k < bandBlocks; k++ {
			if b := p.blocks[k]; b.bot < 0.12 {
				cands = append(cands, candidate{page: i, bt: b, kind: Header, key: key(b)})
			}
			if b := p.blocks[n-1-k]; b.top > 0.88 {
				cands = append(cands, candidate{page: i, bt: b, kind: Footer, key: key(b)})
			}
		}
	}
	count := map[string]map[int]bool{}
	for _, c := range cands {
		if len(pages[c.page].blocks) < 3 || c.key == "" {
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
	// A running head is set no larger than the page's text: a section's
	// heading at the top of its first page is not the running head it
	// repeats.
	bodySize := make([]float64, len(pages))
	for i, p := range pages {
		bodySize[i] = medianBlockSize(p.blocks)
	}
	byPage := map[int][]int{} // candidates by page
	for i := range cands {
		c := &cands[i]
		c.pageNum = len(pages) > 1 && pageNumRE.MatchString(strings.TrimSpace(c.bt.text))
		c.repeated = len(pages[c.page].blocks) >= 3 && len(count[c.kind.String()+"\x00"+c.key]) >= need &&
			len([]rune(c.bt.text)) < 200 && c.bt.size <= 1.1*bodySize[c.page]
		c.slug = slugRE.MatchString(strings.TrimSpace(c.bt.text))
		byPage[c.page] = append(byPage[c.page], i)
	}
	// A running head on the page's top line beside its page number, as
	// LaTeX and most books set them ("17  1.5. KOMPAKTHEIT"), need not repeat.
	for i := range cands {
		c := &cands[i]
		if c.kind != Header || letters(c.key) < 2 || !topRow(pages[c.page].blocks, c.bt) {
			continue
		}
		for _, j := range byPage[c.page] {
			if o := cands[j]; o.bt.start != c.bt.start && o.kind == c.kind && o.pageNum && sameRow(o.bt, c.bt) {
				c.besidePageNum = true
			}
		}
	}
	// isMark reports a block of a page that may be a mark (of a kind, or any).
	isMark := func(page int, b blockText, kind MarkKind) bool {
		for _, j := range byPage[page] {
			if m := cands[j]; m.bt.start == b.start && (kind == 0 || m.kind == kind) && (m.pageNum || m.repeated || m.slug || m.besidePageNum) {
				return true
			}
		}
		return false
	}
	seen := map[[2]int]bool{}
	var marks []Mark
	add := func(page int, start, end int, kind MarkKind) {
		start, end = pp[page].Start+start, pp[page].Start+end
		if !seen[[2]int{start, end}] {
			seen[[2]int{start, end}] = true
			marks = append(marks, Mark{Start: start, End: end, Kind: kind})
		}
	}
	for _, c := range cands {
		kind := c.kind
		blocks := pages[c.page].blocks
		switch {
		case c.pageNum:
			kind = PageNumber
			if !aloneInRow(blocks, c.bt, func(o blockText) bool { return isMark(c.page, o, 0) }) {
				continue // a number beside ordinary text: a contents entry, a table cell, a formula
			}
		case (c.repeated || c.besidePageNum && len(blocks) >= 3) &&
			apart(blocks, c, func(o blockText) bool { return isMark(c.page, o, c.kind) }):
			// A running head sits apart from a body of at least two blocks; on
			// sparser pages the first and last lines are just the text, and a
			// line close to the body ("Proof:" at the foot of a page) is body.
		default:
			continue
		}
		add(c.page, c.bt.start, c.bt.end, kind)
	}
	for i, p := range pages {
		// A typesetter's slug line is one wherever the page's other text
		// puts it, and so is the date and time beside it.
		for _, b := range p.blocks {
			if !slugRE.MatchString(strings.TrimSpace(b.text)) {
				continue
			}
			kind := Header
			if b.top > 0.5 {
				kind = Footer
			}
			for _, o := range p.blocks {
				if o.start == b.start || sameRow(o, b) && markKey(o.text) == "" && digitKey(o.text) != "" {
					add(i, o.start, o.end, kind)
				}
			}
		}
		for _, b := range lineNumbers(p.blocks) {
			add(i, b.start, b.end, LineNumber)
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].Start < marks[j].Start })
	return marks
}

// topRow reports whether no block starts above b's line.
func topRow(blocks []blockText, b blockText) bool {
	for _, o := range blocks {
		if o.bot <= b.top {
			return false
		}
	}
	return true
}

// apart reports whether a running head is set off from the text beyond it
// (below a header, above a footer, other running heads aside) by at least
// three quarters of its own height.
func apart(blocks []blockText, c candidate, running func(blockText) bool) bool {
	h := c.bt.bot - c.bt.top
	for _, o := range blocks {
		if sameRow(o, c.bt) || running(o) {
			continue
		}
		if c.kind == Header && o.top >= c.bt.top && o.top-c.bt.bot < 0.75*h ||
			c.kind == Footer && o.bot <= c.bt.bot && c.bt.top-o.bot < 0.75*h {
			return false
		}
	}
	return true
}

// medianBlockSize is the median font size of a page's blocks.
func medianBlockSize(blocks []blockText) float64 {
	s := make([]float64, 0, len(blocks))
	for _, b := range blocks {
		s = append(s, b.size)
	}
	if len(s) == 0 {
		return 0
	}
	sort.Float64s(s)
	return s[len(s)/2]
}

// sameRow reports whether two blocks overlap vertically.
func sameRow(a, b blockText) bool { return a.bot > b.top && a.top < b.bot }

// aloneInRow reports whether no other block shares the block's line, except
// marks: a number beside ordinary text (a contents entry, a table cell) is
// not a page number.
func aloneInRow(blocks []blockText, b blockText, isMark func(blockText) bool) bool {
	for _, o := range blocks {
		if o.start == b.start || !sameRow(o, b) {
			continue
		}
		if !isMark(o) {
			return false
		}
	}
	return true
}

// minLineNumbers is the fewest numbered lines that make a column of line numbers.
const minLineNumbers = 8

// lineNumbers finds a page's printer's line numbers: blocks of nothing but
// line numbers (one per line) that form a column at the left or right of the
// page's other blocks, with nothing beyond them on their lines, counting up
// the page.
func lineNumbers(blocks []blockText) []blockText {
	var nums, others []blockText
	for _, b := range blocks {
		lines := strings.Split(b.text, "\n")
		all := true
		for _, l := range lines {
			all = all && lineNumRE.MatchString(strings.TrimSpace(l))
		}
		if all {
			nums = append(nums, b)
		} else {
			others = append(others, b)
		}
	}
	if len(others) == 0 {
		return nil
	}
	var out []blockText
	for _, side := range []int{-1, 1} { // left margin, right margin
		var col []blockText
		for _, b := range nums {
			outside := true
			for _, o := range others {
				if sameRow(o, b) && ((side < 0 && o.right <= b.left) || (side > 0 && o.left >= b.right)) {
					outside = false // text beyond it: not in the margin
				}
			}
			if outside {
				col = append(col, b)
			}
		}
		col = aligned(col)
		// Most of them number a line of text beside them (some lines are empty).
		beside := 0
		for _, b := range col {
			for _, o := range others {
				if sameRow(o, b) && ((side < 0 && o.left >= b.right) || (side > 0 && o.right <= b.left)) {
					beside++
					break
				}
			}
		}
		if beside*2 >= len(col) && lineColumn(col) {
			out = append(out, col...)
		}
	}
	return out
}

// aligned keeps the blocks centred within 3% of the page's text width of
// their median centre (a page number beside a running head is not in the
// column of line numbers).
func aligned(col []blockText) []blockText {
	if len(col) == 0 {
		return nil
	}
	centre := func(b blockText) float64 { return (b.left + b.right) / 2 }
	cs := make([]float64, len(col))
	for i, b := range col {
		cs[i] = centre(b)
	}
	sort.Float64s(cs)
	med := cs[len(cs)/2]
	var out []blockText
	for _, b := range col {
		if c := centre(b); c > med-0.03 && c < med+0.03 {
			out = append(out, b)
		}
	}
	return out
}

// lineColumn reports whether aligned blocks of numbers are a column of line
// numbers: enough of them, down much of the page, counting up.
func lineColumn(col []blockText) bool {
	var nums []int
	sort.Slice(col, func(i, j int) bool { return col[i].top < col[j].top })
	for _, b := range col {
		for _, l := range strings.Split(b.text, "\n") {
			n, _ := strconv.Atoi(strings.TrimLeft(strings.TrimSpace(l), "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
			nums = append(nums, n)
		}
	}
	if len(nums) < minLineNumbers || col[len(col)-1].bot-col[0].top < 0.4 {
		return false
	}
	// Counting in a steady step (every line, every fifth): a column of page
	// numbers (a table of contents) does not.
	steps := map[int]int{}
	for i := 1; i < len(nums); i++ {
		steps[nums[i]-nums[i-1]]++
	}
	best := 0
	for _, d := range []int{1, 2, 5, 10} {
		best = max(best, steps[d])
	}
	return best*5 >= (len(nums)-1)*4
}
