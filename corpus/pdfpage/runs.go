package pdfpage

// LineRuns returns the rectangles that highlight the characters from..to-1
// of a page whose character boxes are boxes (one per code point, an empty
// box for a line break, as corpus.PageBoxes and ocr.Page.CharBoxes give
// them): the boxes of consecutive characters on one line are joined into one
// rectangle, so a coded passage is painted as one band per line, as a PDF
// viewer highlights a selection. Indices outside boxes are ignored.
func LineRuns(boxes []Rect, from, to int) []Rect {
	from, to = max(from, 0), min(to, len(boxes))
	var out []Rect
	var run Rect
	open := false
	for i := from; i < to; i++ {
		b := boxes[i].Canon()
		if b.Empty() {
			continue
		}
		if open && sameLine(run, b) {
			run = Rect{min(run.X0, b.X0), min(run.Y0, b.Y0), max(run.X1, b.X1), max(run.Y1, b.Y1)}
			continue
		}
		if open {
			out = append(out, run)
		}
		run, open = b, true
	}
	if open {
		out = append(out, run)
	}
	return out
}

// sameLine reports whether box b continues the run r on its line: their
// vertical extents overlap by at least half the smaller height and b does not
// start well before r's end (a new column or a line read back to front).
func sameLine(r, b Rect) bool {
	overlap := min(r.Y1, b.Y1) - max(r.Y0, b.Y0)
	h := min(r.Y1-r.Y0, b.Y1-b.Y0)
	if overlap < h/2 {
		return false
	}
	return b.X0 >= r.X1-max(r.Y1-r.Y0, b.Y1-b.Y0) && b.X0-r.X1 < 3*max(r.Y1-r.Y0, b.Y1-b.Y0)
}
