package brief

import "strings"

// fitColumns shares total width between n table columns. Each column first
// gets room for its longest word (so words are not broken), then the rest
// is shared in proportion to how much more the column's longest cell needs.
// measure returns a text's width at the table's font size; minMeasure the
// width of its widest piece that a line break cannot cut (nil: its longest
// space-separated word's); pad is the horizontal cell padding. It reports
// false when even the longest words do not fit, so the caller can retry
// with a smaller font.
func fitColumns(rows [][][]run, n int, total, pad float64, measure, minMeasure func(s string, bold bool) float64) ([]float64, bool) {
	if minMeasure == nil {
		minMeasure = func(s string, bold bool) float64 {
			w := 0.0
			for _, word := range strings.Fields(s) {
				w = max(w, measure(word, bold))
			}
			return w
		}
	}
	minW := make([]float64, n)
	want := make([]float64, n)
	for ri, row := range rows {
		for j := 0; j < n && j < len(row); j++ {
			text := plainText(row[j])
			bold := ri == 0 || (len(row[j]) > 0 && row[j][0].bold)
			if text != "" {
				minW[j] = max(minW[j], minMeasure(text, bold)+2*pad)
			}
			// Very long cells (definitions, quotes) wrap at about 60 ems.
			want[j] = max(want[j], min(measure(text, bold), measure(strings.Repeat("n", 60), false))+2*pad)
		}
	}
	sumMin, sumWant := 0.0, 0.0
	for j := range n {
		minW[j] = max(minW[j], 3*pad)
		want[j] = max(want[j], minW[j])
		sumMin += minW[j]
		sumWant += want[j]
	}
	out := make([]float64, n)
	switch {
	case sumWant <= total:
		for j := range n {
			out[j] = want[j] * total / sumWant
		}
	case sumMin <= total:
		extra := sumWant - sumMin
		for j := range n {
			out[j] = minW[j] + (want[j]-minW[j])*(total-sumMin)/extra
		}
	default:
		for j := range n {
			out[j] = minW[j] * total / sumMin
		}
		return out, false
	}
	return out, true
}

// notoWidths are the advance widths (thousandths of an em) of Noto Sans,
// the font LibreOffice falls back to for Calibri where neither Calibri nor
// Carlito is installed, and among the widest a reader's machine is likely
// to use: column widths estimated with it leave room for whole words in
// any of them.
var notoWidths = func() [128]uint16 {
	var w [128]uint16
	for i := range w {
		w[i] = 560
	}
	lower := []uint16{561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605, 615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470}
	upper := []uint16{639, 648, 632, 729, 556, 516, 726, 751, 332, 264, 603, 525, 904, 769, 779, 603, 779, 623, 549, 553, 744, 591, 927, 575, 556, 565}
	for i := range 26 {
		w['a'+i], w['A'+i] = lower[i], upper[i]
	}
	for c := '0'; c <= '9'; c++ {
		w[c] = 572
	}
	for _, c := range " .,;:'!|" {
		w[c] = 260
	}
	for _, c := range "()[]-" {
		w[c] = 320
	}
	return w
}()

// docxTextWidth estimates a string's width in points at a font size for
// laying out DOCX tables (see notoWidths), with 3% to spare; bold text is
// 8% wider.
func docxTextWidth(s string, size float64, bold bool) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case r < 128:
			em += float64(notoWidths[r]) / 1000
		case r >= 0x2E80:
			em += 1 // CJK and other wide scripts
		default:
			em += 0.62
		}
	}
	if bold {
		em *= 1.08
	}
	return em * size * 1.03
}
