package ocr

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// Word is one piece of text Tesseract recognised: a word in scripts written
// with spaces, a run of text or a cluster of letters in Thai, Lao, Khmer
// and Burmese (Tesseract's Thai model reports single letters and
// syllables).
type Word struct {
	Text  string       // as it stands in Page.Text
	Box   pdfpage.Rect // on the displayed page, in points from its top-left corner
	Conf  float64      // Tesseract's confidence, 0-100
	Start int          // code-point offset of Text in Page.Text
	End   int          // code-point offset just after it
	Block int          // Tesseract's block, paragraph and line numbers on the page
	Par   int
	Line  int
}

// Page is the OCR of one page image.
type Page struct {
	Index int          // page of the document (0-based), -1 for a bare image
	Lang  string       // Tesseract languages used, e.g. "tha+eng"
	DPI   float64      // resolution of the image
	Size  pdfpage.Size // the image's size in points
	Text  string       // words as printed, lines ended by "\n", paragraphs by a blank line
	Words []Word       // in reading order
}

// Conf returns the mean confidence of the page's words weighted by their
// length (0 when there are none).
func (p *Page) Conf() float64 {
	var sum, n float64
	for _, w := range p.Words {
		k := float64(w.End - w.Start)
		sum += w.Conf * k
		n += k
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// CharBoxes returns a box for every code point of p.Text, in points: each
// word's box is divided evenly among its letters (combining marks share
// their letter's box), a space between two words of a line spans the gap
// between them, and line and paragraph breaks get an empty box.
func (p *Page) CharBoxes() []pdfpage.Rect {
	out := make([]pdfpage.Rect, utf8.RuneCountInString(p.Text))
	for i, w := range p.Words {
		runes := []rune(w.Text)
		bases := 0
		for j, r := range runes {
			if j == 0 || !isMark(r) {
				bases++
			}
		}
		step := (w.Box.X1 - w.Box.X0) / float64(max(bases, 1))
		slot := -1
		for j, r := range runes {
			if j == 0 || !isMark(r) {
				slot++
			}
			if w.Start+j < len(out) {
				out[w.Start+j] = pdfpage.Rect{X0: w.Box.X0 + float64(slot)*step, Y0: w.Box.Y0, X1: w.Box.X0 + float64(slot+1)*step, Y1: w.Box.Y1}
			}
		}
		if i+1 < len(p.Words) {
			next := p.Words[i+1]
			if next.Line == w.Line && next.Par == w.Par && next.Block == w.Block {
				for k := w.End; k < next.Start && k < len(out); k++ {
					out[k] = pdfpage.Rect{X0: w.Box.X1, Y0: math.Min(w.Box.Y0, next.Box.Y0), X1: math.Max(next.Box.X0, w.Box.X1), Y1: math.Max(w.Box.Y1, next.Box.Y1)}
				}
			}
		}
	}
	return out
}

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me) }

// token is one level-5 row of Tesseract's TSV output.
type token struct {
	block, par, line int
	left, top, w, h  int
	conf             float64
	text             string
}

// parseTSV reads the word rows of Tesseract's TSV output.
func parseTSV(tsv string) ([]token, error) {
	var toks []token
	sc := bufio.NewScanner(strings.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	first := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if first {
			first = false
			if !strings.HasPrefix(line, "level\t") {
				return nil, fmt.Errorf("%w: unexpected output %.40q", ErrFailed, line)
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		text := strings.TrimSpace(strings.Join(f[11:], "\t"))
		if text == "" {
			continue
		}
		var n [9]int
		for i := range n {
			n[i], _ = strconv.Atoi(f[i+1])
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		toks = append(toks, token{block: n[1], par: n[2], line: n[3], left: n[5], top: n[6], w: n[7], h: n[8], conf: conf, text: text})
	}
	return toks, sc.Err()
}

// buildPage lays tokens out as a page's text. txt is Tesseract's plain
// text output of the same run: whether two tokens of a line are separated
// by a space is read from it (Tesseract knows, the TSV does not say);
// where it cannot be matched, a space goes between tokens unless both
// sides are of an unspaced script and close together.
func buildPage(toks []token, txt string, dpi float64) *Page {
	p := &Page{Index: -1, DPI: dpi}
	k := 72 / dpi
	var b strings.Builder
	n := 0 // code points written
	cur := 0
	var prev *token
	for i := range toks {
		t := &toks[i]
		spaced, ok := findSpaced(txt, &cur, t.text)
		text := composeAm(t.text)
		sep := ""
		switch {
		case prev == nil:
		case t.block != prev.block || t.par != prev.par:
			sep = "\n\n"
		case t.line != prev.line:
			sep = "\n"
		case ok && spaced, !ok && !joinable(prev, t):
			sep = " "
		}
		box := pdfpage.Rect{X0: float64(t.left) * k, Y0: float64(t.top) * k, X1: float64(t.left+t.w) * k, Y1: float64(t.top+t.h) * k}
		if sep == "" && prev != nil {
			// Thai and Lao SARA AM comes from Tesseract as NIKHAHIT + SARA AA,
			// sometimes split over two tokens: join it into the one letter
			// that text layers and keyboards use.
			s := b.String()
			if r, size := utf8.DecodeLastRuneInString(s); (r == 0x0E4D && strings.HasPrefix(text, "\u0E32")) || (r == 0x0ECD && strings.HasPrefix(text, "\u0EB2")) {
				b.Reset()
				b.WriteString(s[:len(s)-size])
				b.WriteRune(r - 0x0E4D + 0x0E33)
				text = text[len("\u0E32"):]
				last := &p.Words[len(p.Words)-1]
				last.Text = last.Text[:len(last.Text)-size] + string(r-0x0E4D+0x0E33)
				if text == "" {
					last.Box = union(last.Box, box)
					prev = t
					continue
				}
			}
		}
		b.WriteString(sep)
		n += utf8.RuneCountInString(sep)
		w := Word{Text: text, Box: box, Conf: t.conf, Start: n, Block: t.block, Par: t.par, Line: t.line}
		b.WriteString(text)
		n += utf8.RuneCountInString(text)
		w.End = n
		p.Words = append(p.Words, w)
		prev = t
	}
	p.Text = b.String()
	return p
}

// findSpaced finds text in txt from *cur and reports whether whitespace
// lies between *cur and it; ok is false when it is not found near by.
func findSpaced(txt string, cur *int, text string) (spaced, ok bool) {
	rest := txt[*cur:]
	i := strings.Index(rest, text)
	if i < 0 || i > 64+len(text) {
		return false, false
	}
	between := rest[:i]
	if strings.TrimSpace(between) != "" && i > 8 {
		return false, false // something else came first: do not trust the match
	}
	*cur += i + len(text)
	return strings.IndexFunc(between, unicode.IsSpace) >= 0, true
}

// joinable reports whether two tokens of a line need no space between them:
// both in an unspaced script and closer than a quarter of the line height.
func joinable(a, b *token) bool {
	ra, _ := utf8.DecodeLastRuneInString(a.text)
	rb, _ := utf8.DecodeRuneInString(b.text)
	gap := b.left - (a.left + a.w)
	return unspaced(ra) && unspaced(rb) && float64(gap) < 0.25*float64(max(a.h, b.h))
}

// composeAm joins NIKHAHIT + SARA AA (Thai) and NIGGAHITA + AA (Lao) into
// SARA AM inside a token.
func composeAm(s string) string {
	if !strings.ContainsAny(s, "\u0E4D\u0ECD") {
		return s
	}
	return strings.NewReplacer("\u0E4D\u0E32", "\u0E33", "\u0ECD\u0EB2", "\u0EB3").Replace(s)
}

func union(a, b pdfpage.Rect) pdfpage.Rect {
	return pdfpage.Rect{X0: math.Min(a.X0, b.X0), Y0: math.Min(a.Y0, b.Y0), X1: math.Max(a.X1, b.X1), Y1: math.Max(a.Y1, b.Y1)}
}
