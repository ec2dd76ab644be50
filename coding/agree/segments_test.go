package agree

import (
	"reflect"
	"testing"
)

func TestParagraphStarts(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []int
	}{
		{"", []int{0}},
		{"one line\nsame paragraph", []int{0}},
		{"first\n\nsecond", []int{0, 7}},
		{"first\n  \t\n\n  second\fthird", []int{0, 13, 20}},
		{"\n\nlead", []int{0}},
		{"é\n\nß", []int{0, 3}}, // code points, not bytes
	} {
		if got := ParagraphStarts(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParagraphStarts(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
