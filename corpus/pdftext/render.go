package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Box is one character's box on its page in PDF points, in the displayed
// page's frame (after the crop box and the page's rotation): the origin is the
// top left corner of the displayed page and y grows downwards. A character the
// extractor wrote between words (a space) gets the gap between them; line and
// paragraph breaks get an empty box (all zero).
type Box struct {
	X0, Y0, X1, Y1 float32
}

// Empty reports whether the box is the empty box of a synthesised line break.
func (b Box) Empty() bool { return b == Box{} }

// cleanWord expands ligatures, drops soft hyphens inside words and control
// characters, repairs script-specific spellings (Thai and Lao sara am, Thai
// presentation forms, Khmer split vowels) and applies NFC. A trailing soft
// hyphen is kept as a hyphenation mark. Boxes follow their characters.
func cleanWord(s string, bx []cbox) (string, []cbox) {
	if plainWord(s) && len(bx) == len(s) {
		return s, bx
	}
	rs := []rune(s)
	if len(bx) != len(rs) {
		bx = fitBoxes(bx, len(rs))
	}
	out := make([]rune, 0, len(rs)+2)
	ob := make([]cbox, 0, len(rs)+2)
	for i, r := range rs {
		b := bx[i]
		switch r {
		case '\uFB00', '\uFB01', '\uFB02', '\uFB03', '\uFB04', '\uFB05', '\uFB06':
			exp := map[rune]string{'\uFB00': "ff", '\uFB01': "fi", '\uFB02': "fl", '\uFB03': "ffi", '\uFB04': "ffl", '\uFB05': "st", '\uFB06': "st"}[r]
			parts := splitBox(b, len(exp))
			for k, c := range exp {
				out, ob = append(out, c), append(ob, parts[k])
			}
		case '\u00AD':
			if i == len(rs)-1 {
				out, ob = append(out, r), append(ob, b)
			}
		case '\uFFFD':
		default:
			if unicode.IsControl(r) || unicode.IsSpace(r) {
				continue
			}
			if t, ok := thaiPresentation[r]; ok {
				r = t
			}
			out, ob = append(out, r), append(ob, b)
		}
	}
	out, ob = scriptFixes(out, ob)
	return nfcBoxes(out, ob)
}

// plainWord reports text that cleaning leaves unchanged: printable ASCII.
func plainWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// fitBoxes stretches or cuts a box list to n entries (a defensive measure:
// boxes always match their runes).
func fitBoxes(bx []cbox, n int) []cbox {
	out := make([]cbox, n)
	for i := range out {
		if len(bx) > 0 {
			out[i] = bx[min(i, len(bx)-1)]
		}
	}
	return out
}

// splitBox shares a box evenly among n characters.
func splitBox(b cbox, n int) []cbox {
	out := make([]cbox, n)
	w := (b.x1 - b.x0) / float32(n)
	for k := range out {
		out[k] = cbox{b.x0 + float32(k)*w, b.x0 + float32(k+1)*w, b.y0, b.y1}
	}
	return out
}

// union is the smallest box holding both.
func union(a, b cbox) cbox {
	if a == (cbox{}) {
		return b
	}
	return cbox{min(a.x0, b.x0), max(a.x1, b.x1), min(a.y0, b.y0), max(a.y1, b.y1)}
}

// nfcBoxes composes the text (NFC); characters composed into one get the
// union of their boxes.
func nfcBoxes(rs []rune, bx []cbox) (string, []cbox) {
	s := string(rs)
	if norm.NFC.IsNormalString(s) {
		return s, bx
	}
	var out strings.Builder
	var ob []cbox
	b := []byte(s)
	ri := 0
	for len(b) > 0 {
		n := norm.NFC.NextBoundary(b, true)
		if n <= 0 {
			n = len(b)
		}
		seg := b[:n]
		b = b[n:]
		segRunes := utf8.RuneCount(seg)
		comp := norm.NFC.Bytes(seg)
		compRunes := utf8.RuneCount(comp)
		out.Write(comp)
		if compRunes == segRunes {
			ob = append(ob, bx[ri:ri+segRunes]...)
		} else {
			u := cbox{}
			for _, x := range bx[ri : ri+segRunes] {
				u = union(u, x)
			}
			for k := 0; k < compRunes; k++ {
				ob = append(ob, u)
			}
		}
		ri += segRunes
	}
	return out.String(), ob
}

// splitSpaces splits a word at white space inside it (text that one glyph or
// an /ActualText span gave with spaces).
func splitSpaces(s string, bx []cbox) []lineWord {
	if !strings.ContainsAny(s, " \t\u00a0\u2002\u2003\u2009") {
		return []lineWord{{s, bx}}
	}
	var out []lineWord
	start, i := 0, 0
	byteStart := 0
	for b, r := range s {
		if unicode.IsSpace(r) {
			if b > byteStart {
				out = append(out, lineWord{s[byteStart:b], bx[start:min(i, len(bx))]})
			}
			byteStart = b + utf8.RuneLen(r)
			start = i + 1
		}
		i++
	}
	if byteStart < len(s) {
		out = append(out, lineWord{s[byteStart:], bx[min(start, len(bx)):]})
	}
	return out
}

// lineWord is a cleaned word with its boxes.
type lineWord struct {
	text string
	bx   []cbox
}

// lineText is one output line with its geometry.
type lineText struct {
	words   []lineWord
	x0, x1  float64
	y, size float64
	rot     int
	newPara bool
}

// renderBlocks writes blocks in order: lines joined by "\n", blocks and paragraphs
// separated by an empty line, hyphenated line ends joined. It returns the
// page text, its blocks and one display box per rune of the text.
func renderBlocks(blocks []*block, pageH float64) (string, []blockText, []Box) {
	var out strings.Builder
	var boxes []Box
	var infos []blockText
	top, bot := math.MaxFloat64, -math.MaxFloat64
	left, right := math.MaxFloat64, -math.MaxFloat64
	for _, b := range blocks {
		top, bot = math.Min(top, b.y0), math.Max(bot, b.y1)
		left, right = math.Min(left, b.x0), math.Max(right, b.x1)
	}
	height, width := bot-top, right-left
	if height <= 0 {
		height = 1
	}
	if width <= 0 {
		width = 1
	}
	runes := 0
	var bt strings.Builder
	est := 0
	for _, b := range blocks {
		for _, s := range b.lines {
			for _, w := range s.words {
				est += len(w.bx) + 1
			}
		}
	}
	boxes = make([]Box, 0, est+2*len(blocks))
	for _, b := range blocks {
		lines := blockLines(b)
		joinHyphens(lines)
		bt.Reset()
		// The block's boxes go straight after the page's, behind room for
		// the separator before it.
		sep := len(boxes)
		if out.Len() > 0 {
			boxes = append(boxes, Box{}, Box{})
		}
		first := len(boxes)
		for i, l := range lines {
			if len(l.words) == 0 {
				continue
			}
			if bt.Len() > 0 {
				if l.newPara && i > 0 {
					bt.WriteString("\n\n")
					boxes = append(boxes, Box{}, Box{})
				} else {
					bt.WriteString("\n")
					boxes = append(boxes, Box{})
				}
			}
			for k, w := range l.words {
				if k > 0 {
					prev := l.words[k-1].bx
					gap := cbox{}
					if len(prev) > 0 && len(w.bx) > 0 {
						a, c := prev[len(prev)-1], w.bx[0]
						gap = cbox{a.x1, max(a.x1, c.x0), min(a.y0, c.y0), max(a.y1, c.y1)}
					}
					bt.WriteByte(' ')
					boxes = append(boxes, display(gap, l.rot, pageH))
				}
				bt.WriteString(w.text)
				for _, c := range w.bx {
					boxes = append(boxes, display(c, l.rot, pageH))
				}
			}
		}
		if bt.Len() == 0 {
			boxes = boxes[:sep]
			continue
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
			runes += 2
		}
		text := bt.String()
		n := len(boxes) - first
		infos = append(infos, blockText{text: text, top: (b.y0 - top) / height, bot: (b.y1 - top) / height,
			left: (b.x0 - left) / width, right: (b.x1 - left) / width, size: b.size, start: runes, end: runes + n})
		out.WriteString(text)
		runes += n
	}
	return out.String(), infos, boxes
}

// display turns a box of a rotation group's upright frame into the displayed
// page's frame (origin top left, y down).
func display(c cbox, rot int, pageH float64) Box {
	if c == (cbox{}) {
		return Box{}
	}
	h := float32(pageH)
	var xa, ya, xb, yb float32
	switch rot {
	case 0:
		xa, ya, xb, yb = c.x0, h+c.y0, c.x1, h+c.y1
	case 1:
		xa, ya, xb, yb = c.y0, h-c.x0, c.y1, h-c.x1
	case 2:
		xa, ya, xb, yb = -c.x0, h-c.y0, -c.x1, h-c.y1
	default:
		xa, ya, xb, yb = -c.y0, h+c.x0, -c.y1, h+c.x1
	}
	return Box{min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)}
}

func blockLines(b *block) []*lineText {
	var lines []*lineText
	for _, s := range b.lines {
		l := &lineText{x0: s.x0, x1: s.x1, y: s.y, size: s.size, rot: s.rot, words: make([]lineWord, 0, len(s.words))}
		for _, w := range s.words {
			if !strings.ContainsAny(w.text, " \t\u00a0\u2002\u2003\u2009") {
				if t, bx := cleanWord(w.text, w.bx); t != "" {
					l.words = append(l.words, lineWord{t, bx})
				}
				continue
			}
			for _, piece := range splitSpaces(w.text, w.bx) {
				if t, bx := cleanWord(piece.text, piece.bx); t != "" {
					l.words = append(l.words, lineWord{t, bx})
				}
			}
		}
		if len(l.words) > 0 {
			lines = append(lines, l)
		}
	}
	if len(lines) < 2 {
		return lines
	}
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		gaps = append(gaps, lines[i].y-lines[i-1].y)
	}
	sorted := append([]float64(nil), gaps...)
	sort.Float64s(sorted)
	med := sorted[len(sorted)/2]
	for i := 1; i < len(lines); i++ {
		cur, prev := lines[i], lines[i-1]
		if med > 0 && gaps[i-1] > 1.35*med && gaps[i-1]-med > 0.25*cur.size {
			cur.newPara = true
			continue
		}
		// A first-line indent: this line is indented, the lines around it are not.
		indented := cur.x0-b.x0 > 0.8*cur.size && cur.x0-b.x0 < 6*cur.size
		prevIndented := prev.x0-b.x0 > 0.8*cur.size
		if indented && !prevIndented && i+1 < len(lines) && lines[i+1].x0-b.x0 < 0.5*cur.size {
			cur.newPara = true
		}
	}
	return lines
}

// joinHyphens moves the first word of a line onto the previous line when the
// previous line ends with a hyphenated word fragment.
func joinHyphens(lines []*lineText) {
	for i := 0; i+1 < len(lines); i++ {
		cur, next := lines[i], lines[i+1]
		if len(cur.words) == 0 || len(next.words) == 0 || next.newPara {
			continue
		}
		last := cur.words[len(cur.words)-1]
		rs := []rune(last.text)
		if len(rs) < 2 {
			continue
		}
		h := rs[len(rs)-1]
		before := rs[len(rs)-2]
		first, _ := utf8.DecodeRuneInString(next.words[0].text)
		soft := h == '\u00AD'
		hard := (h == '-' || h == '\u2010') && unicode.IsLetter(before) && unicode.IsLower(first)
		if !soft && !hard {
			continue
		}
		joined := append(append([]rune(nil), rs[:len(rs)-1]...), []rune(next.words[0].text)...)
		jb := append(append([]cbox(nil), last.bx[:len(rs)-1]...), next.words[0].bx...)
		t, b := nfcBoxes(joined, jb)
		cur.words[len(cur.words)-1] = lineWord{t, b}
		next.words = next.words[1:]
	}
	for _, l := range lines {
		for i, w := range l.words {
			if strings.ContainsRune(w.text, '\u00AD') {
				var rs []rune
				var bs []cbox
				k := 0
				for _, r := range w.text {
					if r != '\u00AD' {
						rs, bs = append(rs, r), append(bs, w.bx[k])
					}
					k++
				}
				l.words[i] = lineWord{string(rs), bs}
			}
		}
	}
}
