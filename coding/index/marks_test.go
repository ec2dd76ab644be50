package index

import (
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/search"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// TestMarksLeftOutOfTheIndex: a study's running heads, page numbers and line
// numbers are not searchable, the rest is, at the study's own offsets; new
// marks over the same text re-index the study.
func TestMarksLeftOutOfTheIndex(t *testing.T) {
	f := &indexFixture{cache: t.TempDir()}
	f.p = testkit.Project(t)
	text := "Journal of Migration Studies\n\nRecruiters lied about wages.\n\n7\fJournal of Migration Studies\n\n12 Passports were taken by the broker.\n\n8"
	study := testkit.Study(t, f.p, "Marked", text)
	runes := []rune(text)
	at := func(s string, from int) int { return from + strings.Index(string(runes[from:]), s) }
	page2 := at("\f", 0) + 1
	marks := []corpus.Mark{
		{Start: 0, End: 28, Kind: "header"},
		{Start: at("7", 0), End: at("7", 0) + 1, Kind: "page-number"},
		{Start: page2, End: page2 + 28, Kind: "header"},
		{Start: at("12", page2), End: at("12", page2) + 2, Kind: "line-number"},
		{Start: at("8", page2), End: at("8", page2) + 1, Kind: "page-number"},
	}
	setMarks := func(ms []corpus.Mark) {
		t.Helper()
		err := f.p.Do("marks", func(tx *corpus.Tx) error {
			return tx.ReplaceText(study, text, []int{0, page2}, ms, corpus.ExtractOK, "")
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	setMarks(marks)
	s := f.open(t, f.p)
	for _, q := range []string{"journal", "migration", "12", "7"} {
		if got := studiesFound(t, s, q); len(got) != 0 {
			t.Errorf("%q found in marks: %v", q, got)
		}
	}
	res, err := s.Search(t.Context(), "passports", search.Options{})
	if err != nil || len(res.Groups) != 1 || len(res.Groups[0].Hits) != 1 {
		t.Fatalf("passports: %+v %v", res, err)
	}
	h := res.Groups[0].Hits[0]
	if len(h.Matches) != 1 || h.Matches[0].Start != at("Passports", 0) || h.Page != 2 {
		t.Errorf("hit %+v, want the match at %d on page 2", h, at("Passports", 0))
	}

	// The same text without marks (re-extracted by an older extractor, say)
	// is searchable again after the update.
	setMarks(nil)
	if err := s.Update(t.Context(), []string{study}); err != nil {
		t.Fatal(err)
	}
	if got := studiesFound(t, s, "journal"); got[study] != 2 {
		t.Errorf("journal after the marks went: %v", got)
	}
}
