package search

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// wideIndex is an on-disk (scorch, as in the program) index over one study whose text has 26^3 = 17,576
// different four-letter words starting with "a" (a wide prefix, as "a*"
// is in a real corpus), plus "recruitment" and "recruiters".
func wideIndex(t *testing.T) *Index {
	t.Helper()
	var b strings.Builder
	b.WriteString("Recruitment and recruiters.")
	for x := 'a'; x <= 'z'; x++ {
		for y := 'a'; y <= 'z'; y++ {
			b.WriteString("\n")
			for z := 'a'; z <= 'z'; z++ {
				b.WriteString(" a" + string(x) + string(y) + string(z) + "q")
			}
		}
	}
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	info := StudyInfo{GUID: "11111111-0000-4000-8000-000000000001", Title: "Wide", Lang: "en"}
	err = ix.Rebuild(context.Background(), func(yield func(Chunk) bool) error {
		for _, c := range ChunkStudy(info, b.String(), nil) {
			if !yield(c) {
				return nil
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestWildcardExpansionBounded(t *testing.T) {
	ix := wideIndex(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q, want string
		pos     int
	}{
		{"a*", "a* stands for more than 5000 different words", 1},
		{"recruit* a*", "a* stands for more than 5000 different words", 10},
		{strings.Repeat("ab* ", 40), "more than 20000 different words together", 0},
		{strings.Repeat("a* ", 800), "a* stands for more than 5000", 1},
		{strings.Repeat("abcdq~2 ", 12), "more than 20000 different words together", 0}, // 1,951 words each
	} {
		_, err := ix.Search(ctx, tt.q, Options{})
		var qe *QueryError
		if !errors.As(err, &qe) || !errors.Is(err, ErrQueryTooBroad) || !strings.Contains(err.Error(), tt.want) ||
			(tt.pos > 0 && qe.Pos != tt.pos) {
			t.Errorf("%.30q: err = %v", tt.q, err)
		}
	}
	// Narrower prefixes and fuzzy terms run.
	for _, q := range []string{"recruit*", "abc*", "title:wid*", strings.Repeat("abc* ", 10), "recruiter~1", "abcdq~1"} {
		res, err := ix.Search(ctx, q, Options{})
		if err != nil || res.Total == 0 {
			t.Errorf("%q: %v, %+v", q, err, res)
		}
	}
}
