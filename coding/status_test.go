package coding

import (
	"errors"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

func TestReportable(t *testing.T) {
	want := map[string]bool{
		corpus.StatusToScreen: false, corpus.StatusIncluded: true, corpus.StatusExcluded: false,
		corpus.StatusCoding: true, corpus.StatusAppraised: true, corpus.StatusReconciled: true, "": false, "Included": false,
	}
	for s, w := range want {
		if Reportable(s) != w {
			t.Errorf("Reportable(%q) = %v", s, !w)
		}
	}
	for in, w := range map[string]string{"Included": "included", "to-screen": "to screen", "TO_SCREEN": "to screen", " reconciled ": "reconciled"} {
		if got, err := NormaliseStatus(in); err != nil || got != w {
			t.Errorf("NormaliseStatus(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := NormaliseStatus("maybe"); !errors.Is(err, ErrUnknownStatus) {
		t.Errorf("unknown status: %v", err)
	}
}

func TestExclusionReasons(t *testing.T) {
	p := MustProject(t)
	s1 := MustStudy(t, p, "One", "x")
	s2 := MustStudy(t, p, "Two", "y")
	if err := SetStatus(p, []string{s1}, corpus.StatusExcluded, "wrong population"); !errors.Is(err, ErrExclusionReason) ||
		!strings.Contains(err.Error(), "add exclusion reasons first") {
		t.Fatalf("exclude with empty list: %v", err)
	}
	if _, err := AddExclusionReason(p, "Wrong  population "); err != nil {
		t.Fatal(err)
	}
	if _, err := AddExclusionReason(p, "Not primary research"); err != nil {
		t.Fatal(err)
	}
	if _, err := AddExclusionReason(p, "wrong population"); !errors.Is(err, ErrReasonExists) {
		t.Fatalf("duplicate reason: %v", err)
	}
	if _, err := AddExclusionReason(p, "  "); !errors.Is(err, ErrExclusionReason) {
		t.Fatalf("empty reason: %v", err)
	}
	MustUndo(t, p) // adding "Not primary research"
	if rs, _ := ExclusionReasons(p); len(rs) != 1 {
		t.Fatalf("undo of add: %+v", rs)
	}
	MustRedo(t, p)
	rs, err := ExclusionReasons(p)
	if err != nil || len(rs) != 2 || rs[0].Name != "Wrong population" || rs[1].Position != 1 {
		t.Fatalf("reasons = %+v, %v", rs, err)
	}
	for _, bad := range []string{"", "out of scope"} {
		if err := SetStatus(p, []string{s1}, "excluded", bad); !errors.Is(err, ErrExclusionReason) ||
			!strings.Contains(err.Error(), "Not primary research") {
			t.Fatalf("exclude with reason %q: %v", bad, err)
		}
	}
	// Both studies in one action; the reason takes the list's spelling.
	if err := SetStatus(p, []string{s1, s2}, "Excluded", "WRONG POPULATION"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{s1, s2} {
		if st := apStudy(t, p, s); st.Status != corpus.StatusExcluded || st.ExclusionReason != "Wrong population" {
			t.Fatalf("status %q reason %q", st.Status, st.ExclusionReason)
		}
	}
	rs, _ = ExclusionReasons(p)
	if rs[0].Studies != 2 {
		t.Fatalf("reason use count %d", rs[0].Studies)
	}
	if err := RemoveExclusionReason(p, "wrong population"); !errors.Is(err, ErrReasonInUse) {
		t.Fatalf("remove reason in use: %v", err)
	}
	MustUndo(t, p) // the exclusion of both studies
	for _, s := range []string{s1, s2} {
		if st := apStudy(t, p, s); st.Status != corpus.StatusToScreen || st.ExclusionReason != "" {
			t.Fatalf("after undo: status %q reason %q", st.Status, st.ExclusionReason)
		}
	}
	if err := RemoveExclusionReason(p, rs[0].GUID); err != nil {
		t.Fatal(err)
	}
	if err := RemoveExclusionReason(p, "no such reason"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("remove missing: %v", err)
	}
	MustUndo(t, p)
	if rs, _ := ExclusionReasons(p); len(rs) != 2 {
		t.Fatalf("undo of removal: %+v", rs)
	}
	// Including clears the reason.
	if err := SetStatus(p, []string{s1}, "excluded", "not primary research"); err != nil {
		t.Fatal(err)
	}
	apStatus(t, p, "included", s1)
	if st := apStudy(t, p, s1); st.Status != corpus.StatusIncluded || st.ExclusionReason != "" {
		t.Fatalf("included: %q %q", st.Status, st.ExclusionReason)
	}
	if err := SetStatus(p, []string{"missing"}, "included", ""); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing study: %v", err)
	}
}

func TestFilterStudies(t *testing.T) {
	studies := []corpus.Study{
		{GUID: "a", Status: corpus.StatusIncluded, FileName: "a.pdf", Attributes: corpus.Attributes{Title: "Debt in the fields",
			Countries: []string{"Nepal", "India"}, Sectors: []string{"Agriculture"}, Method: MethodQualitative, Year: 2015, Language: "en"}},
		{GUID: "b", Status: corpus.StatusExcluded, FileName: "b.pdf", Attributes: corpus.Attributes{Title: "Boats",
			Countries: []string{"Thailand"}, Sectors: []string{"Fishing and seafood processing"}, Method: MethodMixed, Year: 2020,
			Authors: names.ParseTexts([]string{"Smith, J"})}},
		{GUID: "c", Status: corpus.StatusCoding, FileName: "c.pdf", Attributes: corpus.Attributes{Title: "Homes",
			Sectors: []string{"Domestic work"}, Year: 2022, PubType: "NGO report"}},
	}
	tests := []struct {
		name string
		f    StudyFilter
		want string
	}{
		{"zero", StudyFilter{}, "abc"},
		{"status", StudyFilter{Status: []string{"included", "excluded"}}, "ab"},
		{"reportable", StudyFilter{Reportable: true}, "ac"},
		{"country ignores case", StudyFilter{Country: "india"}, "a"},
		{"sector", StudyFilter{Sector: "Domestic work"}, "c"},
		{"method", StudyFilter{Method: "Mixed"}, "b"},
		{"years", StudyFilter{YearFrom: 2016, YearTo: 2021}, "b"},
		{"text in authors", StudyFilter{Text: "smith"}, "b"},
		{"all words", StudyFilter{Text: "debt fields"}, "a"},
		{"words not together", StudyFilter{Text: "debt boats"}, ""},
		{"combined", StudyFilter{Reportable: true, YearFrom: 2016}, "c"},
		{"pub type", StudyFilter{PubType: "ngo report"}, "c"},
		{"language", StudyFilter{Language: "EN"}, "a"},
	}
	for _, tt := range tests {
		got := ""
		for _, s := range FilterStudies(studies, tt.f) {
			got += s.GUID
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if tt.f.IsZero() != (tt.name == "zero") {
			t.Errorf("%s: IsZero = %v", tt.name, tt.f.IsZero())
		}
	}
}
