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

// prefixes returns "aa* ab* ... az*" (26 different prefixes).
func prefixes(suffix string) string {
	var b strings.Builder
	for c := 'a'; c <= 'z'; c++ {
		b.WriteString("a" + string(c) + suffix + " ")
	}
	return b.String()
}

func TestWildcardExpansionBounded(t *testing.T) {
	ix := wideIndex(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q, want string
		pos     int
	}{
		{"a*", "a* stands for more than 2000 different words", 1},
		{"recruit* a*", "a* stands for more than 2000 different words", 10},
		{strings.Repeat("a* ", 800), "a* stands for more than 2000", 1},
		{prefixes("*"), "more than 10000 different words together", 0}, // 26 x 676 words
		{"recruit aacdq~2", "aacdq~2 stands for more than 2000 different words", 9},
	} {
		_, err := ix.Search(ctx, tt.q, Options{})
		var qe *QueryError
		if !errors.As(err, &qe) || !errors.Is(err, ErrQueryTooBroad) || !strings.Contains(err.Error(), tt.want) ||
			(tt.pos > 0 && qe.Pos != tt.pos) {
			t.Errorf("%.30q: err = %v", tt.q, err)
		}
	}
	// Narrower prefixes and fuzzy terms run.
	for _, q := range []string{"recruit*", "abc*", "title:wid*", "abc* abd* abe*", "recruiter~1", "abcdq~1", strings.Repeat("abc* ", 800)} {
		res, err := ix.Search(ctx, q, Options{})
		if err != nil || res.Total == 0 {
			t.Errorf("%.30q: %v, %+v", q, err, res)
		}
	}
}

// TestWildcardPostingsBounded: the occurrences of the words a query's
// wildcards stand for are bounded too (with lowered limits here).
func TestWildcardPostingsBounded(t *testing.T) {
	ix, _ := newTestIndex(t)
	pq, err := ParseQuery("recruit* work*")
	if err != nil {
		t.Fatal(err)
	}
	_, exps, err := ix.compile(pq)
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := ix.current()
	if err := checkExpansions(idx, exps, expansionLimits{term: 100, query: 100, postings: 1000}); err != nil {
		t.Fatalf("within the limits: %v", err)
	}
	err = checkExpansions(idx, exps, expansionLimits{term: 100, query: 100, postings: 3})
	if !errors.Is(err, ErrQueryTooBroad) || !strings.Contains(err.Error(), "occur more than 3 times") {
		t.Fatalf("over the postings limit: %v", err)
	}
}

// TestRepeatedTermsSearchedOnce: x AND x and x OR x are x.
func TestRepeatedTermsSearchedOnce(t *testing.T) {
	ix, _ := newTestIndex(t)
	one, _ := search(t, ix, "recruit*", Options{})
	many, _ := search(t, ix, strings.Repeat("recruit* ", 800), Options{})
	either, _ := search(t, ix, "debt OR debt OR debt", Options{})
	plain, _ := search(t, ix, "debt", Options{})
	if one.Total != many.Total || one.TotalStudies != many.TotalStudies || either.Total != plain.Total || one.Total == 0 {
		t.Errorf("one %d/%d, 800 %d/%d; OR %d, plain %d", one.Total, one.TotalStudies, many.Total, many.TotalStudies, either.Total, plain.Total)
	}
}
