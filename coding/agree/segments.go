package agree

// ParagraphStarts returns the code-point offsets at which paragraphs of text
// begin, for Study.Segments: 0, then the first character after every blank
// line (a line holding only spaces or tabs) or page break (form feed), with
// the whitespace that follows the break belonging to the previous paragraph.
// Leading whitespace belongs to the first paragraph; text that is empty or
// only whitespace has the single segment 0.
func ParagraphStarts(text string) []int {
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
