package coding

import (
	"testing"
)

func TestConservativeMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"high"}, "high"},
		{[]string{"high", "low"}, "low"},
		{[]string{"low", "high", "medium"}, "medium"},
		{[]string{"high", "high", "medium", "low"}, "medium"},
		{[]string{"bogus", "high"}, "high"},
	} {
		if got := conservativeMedian(tc.in, RatingOrder); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.in, got, tc.want)
		}
	}
}
