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
