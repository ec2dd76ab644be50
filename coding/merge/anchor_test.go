package merge

import (
	"testing"

	"github.com/evidence-workbench/workbench/coding"
)

func TestAnchorNearestOccurrence(t *testing.T) {
	// "low wages" twice; code points, not bytes (the ü and the em dash are multi-byte).
	text := "Zürich — low wages here.\n\nLater:  low\n wages there."
	f := coding.NewQuoteIndex(text)
	for _, tc := range []struct {
		quote      string
		want       int
		start, end int
		ok         bool
	}{
		{"low wages", 0, 9, 18, true},
		{"low wages", 40, 34, 44, true},   // nearest to 40 is the second, across a line break
		{"low  wages\n", 20, 9, 18, true}, // 20 is nearer the first (9) than the second (34)
		{"Zürich — low", 30, 0, 12, true},
		{"high wages", 0, 0, 0, false},
		{"  ", 0, 0, 0, false},
	} {
		s, e, ok := f.Nearest(tc.quote, tc.want)
		if ok != tc.ok || ok && (s != tc.start || e != tc.end) {
			t.Errorf("anchor(%q, %d) = %d, %d, %v; want %d, %d, %v", tc.quote, tc.want, s, e, ok, tc.start, tc.end, tc.ok)
		}
	}
	if got := f.Slice(34, 44); got != "low\n wages" {
		t.Errorf("slice %q", got)
	}
}
