package agree

import (
	"encoding/binary"
	"math/bits"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParagraphStarts returns the code-point offsets at which paragraphs of text
// begin, for Study.Segments: 0, then the first character after every blank
// line (a line holding only spaces or tabs) or page break (form feed), with
// the whitespace that follows the break belonging to the previous paragraph.
// Leading whitespace belongs to the first paragraph; text that is empty or
// only whitespace has the single segment 0.
func ParagraphStarts(text string) []int {
	if !utf8.ValidString(text) {
		return paragraphStartsRunes(text)
	}
	// Line by line: newlines and form feeds are found with IndexByte and
	// code points counted per piece, several times faster than looking at
	// every character (a study of 300 pages has a million).
	starts := []int{0}
	pos := 0
	breakSeen, seenText := false, false
	first := true
	for rest := text; ; {
		nl := strings.IndexByte(rest, '\n')
		line := rest
		if nl >= 0 {
			line = rest[:nl]
		}
		blank := !first // only spaces and tabs since the newline
		first = false
		for k := 0; ; k++ {
			ff := strings.IndexByte(line, '\f')
			piece := line
			if ff >= 0 {
				piece = line[:ff]
			}
			if k > 0 { // a form feed came before this piece
				breakSeen, blank = true, false
			}
			if j := firstText(piece); j >= 0 {
				if breakSeen && seenText {
					starts = append(starts, pos+runeCount(piece[:j]))
				}
				breakSeen, blank, seenText = false, false, true
			}
			pos += runeCount(piece)
			if ff < 0 {
				break
			}
			pos++ // the form feed
			line = line[ff+1:]
		}
		if nl < 0 {
			break
		}
		if blank {
			breakSeen = true
		}
		pos++ // the newline
		rest = rest[nl+1:]
	}
	return starts
}

// runeCount counts the code points of valid UTF-8: the bytes less the
// continuation bytes (10xxxxxx), eight bytes at a time.
func runeCount(s string) int {
	const hi = 0x8080808080808080
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if w&hi == 0 {
			continue // ASCII
		}
		n -= bits.OnesCount64(w & hi &^ (w << 1 & hi))
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// firstText returns the byte index of the first character of s other than
// a space, tab or carriage return, or -1.
func firstText(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' {
			return i
		}
	}
	return -1
}

// paragraphStartsRunes is ParagraphStarts for text that is not valid UTF-8
// (each invalid byte is one code point, as range counts them).
func paragraphStartsRunes(text string) []int {
	starts := []int{0}
	pos := 0
	breakSeen := false // a paragraph break has been seen since the last start
	lineBlank := false // only spaces/tabs since the last newline
	seenText := false  // a non-whitespace character has been seen
	for _, r := range text {
		switch r {
		case '\f':
			breakSeen = true
			lineBlank = false
		case '\n':
			if lineBlank {
				breakSeen = true
			}
			lineBlank = true
		case ' ', '\t', '\r':
			// whitespace keeps the current state
		default:
			if breakSeen && seenText {
				starts = append(starts, pos)
			}
			breakSeen = false
			lineBlank = false
			seenText = true
		}
		pos++
	}
	return starts
}

// SentenceStarts returns the code-point offsets at which the sentences of
// text begin, for agreement at sentence level: 0; the first character after
// a sentence end, which is ".", "!" or "?" (optionally followed by closing
// quotes or brackets) followed by whitespace and then an upper-case letter
// (or an opening quote or bracket and an upper-case letter);
// and every paragraph start (ParagraphStarts), so headings and list
// items without a full stop are sentences of their own. The whitespace after
// a sentence end belongs to the sentence before. Abbreviations followed by a
// capital ("Dr. Smith") are split; that is the price of a rule that needs no
// language model, and it affects every coder alike.
func SentenceStarts(text string) []int {
	runes := []rune(text)
	starts := []int{0}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(runes) && strings.ContainsRune("\"'”’)]»", runes[j]) {
			j++
		}
		k := j
		for k < len(runes) && unicode.IsSpace(runes[k]) {
			k++
		}
		if k == j || k >= len(runes) {
			continue
		}
		if unicode.IsUpper(runes[k]) || strings.ContainsRune("\"'“‘(", runes[k]) && k+1 < len(runes) && unicode.IsUpper(runes[k+1]) {
			starts = append(starts, k)
			i = k - 1
		}
	}
	starts = append(starts, ParagraphStarts(text)...)
	sort.Ints(starts)
	out := starts[:1]
	for _, s := range starts[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}
