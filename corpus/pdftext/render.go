package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanWord expands ligatures, drops soft hyphens inside words and control
// characters, and applies NFC. A trailing soft hyphen is kept as a hyphenation mark.
func cleanWord(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '\uFB00':
			b.WriteString("ff")
		case '\uFB01':
			b.WriteString("fi")
		case '\uFB02':
			b.WriteString("fl")
		case '\uFB03':
			b.WriteString("ffi")
		case '\uFB04':
			b.WriteString("ffl")
		case '\uFB05', '\uFB06':
			b.WriteString("st")
		case '\u00AD':
			if i == len(rs)-1 {
				b.WriteRune(r)
			}
		case '\uFFFD':
		default:
			if unicode.IsControl(r) || unicode.IsSpace(r) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// lineText is one output line with its geometry.
type lineText struct {
	words   []string
	x0, x1  float64
	y, size float64
	newPara bool
}

// renderBlocks writes blocks in order: lines joined by "\n", blocks and paragraphs
// separated by an empty line, hyphenated line ends joined.
func renderBlocks(blocks []*block) (string, []blockText) {
	var out strings.Builder
	var infos []blockText
	top, bot := math.MaxFloat64, -math.MaxFloat64
	for _, b := range blocks {
		top, bot = math.Min(top, b.y0), math.Max(bot, b.y1)
	}
	height := bot - top
	if height <= 0 {
		height = 1
	}
	runes := 0
	for _, b := range blocks {
		lines := blockLines(b)
		joinHyphens(lines)
		var bt strings.Builder
		for i, l := range lines {
			if len(l.words) == 0 {
				continue
			}
			if bt.Len() > 0 {
				if l.newPara && i > 0 {
					bt.WriteString("\n\n")
				} else {
					bt.WriteString("\n")
				}
			}
			bt.WriteString(strings.Join(l.words, " "))
		}
		text := bt.String()
		if text == "" {
			continue
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
			runes += 2
		}
		n := utf8.RuneCountInString(text)
		infos = append(infos, blockText{text: text, top: (b.y0 - top) / height, bot: (b.y1 - top) / height, start: runes, end: runes + n})
		out.WriteString(text)
		runes += n
	}
	return out.String(), infos
}

func blockLines(b *block) []*lineText {
	var lines []*lineText
	for _, s := range b.lines {
		l := &lineText{x0: s.x0, x1: s.x1, y: s.y, size: s.size}
		for _, w := range s.words {
			if t := cleanWord(w.text); t != "" {
				l.words = append(l.words, t)
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
		rs := []rune(last)
		if len(rs) < 2 {
			continue
		}
		h := rs[len(rs)-1]
		before := rs[len(rs)-2]
		first := []rune(next.words[0])[0]
		soft := h == '\u00AD'
		hard := (h == '-' || h == '\u2010') && unicode.IsLetter(before) && unicode.IsLower(first)
		if !soft && !hard {
			continue
		}
		cur.words[len(cur.words)-1] = norm.NFC.String(string(rs[:len(rs)-1]) + next.words[0])
		next.words = next.words[1:]
	}
	for _, l := range lines {
		for i, w := range l.words {
			l.words[i] = strings.ReplaceAll(w, "\u00AD", "")
		}
	}
}
