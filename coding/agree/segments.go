package agree

import "unicode/utf8"

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
	// Every character that matters is ASCII, so the text is scanned byte by
	// byte, counting code points at their first byte (several times faster
	// than decoding every rune; a study of 300 pages has a million).
	starts := []int{0}
	pos := 0
	breakSeen, lineBlank, seenText := false, false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\f':
			breakSeen, lineBlank = true, false
		case c == '\n':
			if lineBlank {
				breakSeen = true
			}
			lineBlank = true
		case c == ' ' || c == '\t' || c == '\r':
		case c&0xC0 == 0x80:
			continue // a continuation byte: not a new code point
		default:
			if breakSeen && seenText {
				starts = append(starts, pos)
			}
			breakSeen, lineBlank, seenText = false, false, true
		}
		pos++
	}
	return starts
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
