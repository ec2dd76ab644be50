package pdfpage

import (
	"reflect"
	"testing"
)

func TestLineRuns(t *testing.T) {
	// Two lines of three 10-pt characters with a line break between them,
	// then a character in a second column on the first line's height.
	boxes := []Rect{
		{0, 0, 5, 10}, {5, 0, 10, 10}, {10, 0, 15, 10}, {},
		{0, 12, 5, 22}, {5, 12, 10, 22}, {10, 12, 15, 22},
		{300, 0, 305, 10},
		{6, -3, 9, 2}, // a mark above the second line's first letters
	}
	for _, c := range []struct {
		name     string
		from, to int
		want     []Rect
	}{
		{"one line", 0, 3, []Rect{{0, 0, 15, 10}}},
		{"part of a line", 1, 2, []Rect{{5, 0, 10, 10}}},
		{"across the break", 1, 6, []Rect{{5, 0, 15, 10}, {0, 12, 10, 22}}},
		{"a new column", 5, 8, []Rect{{5, 12, 15, 22}, {300, 0, 305, 10}}},
		{"out of range", -4, 100, []Rect{{0, 0, 15, 10}, {0, 12, 15, 22}, {300, 0, 305, 10}, {6, -3, 9, 2}}},
		{"only a break", 3, 4, nil},
		{"empty", 2, 2, nil},
	} {
		if got := LineRuns(boxes, c.from, c.to); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: LineRuns(%d, %d) = %v, want %v", c.name, c.from, c.to, got, c.want)
		}
	}
}
