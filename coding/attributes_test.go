package coding

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

func TestValidateAttributes(t *testing.T) {
	tests := []struct {
		name    string
		in      corpus.Attributes
		want    corpus.Attributes
		wantErr error
	}{
		{"empty is fine", corpus.Attributes{}, corpus.Attributes{}, nil},
		{"normalises", corpus.Attributes{Title: "  T ", Method: " Qualitative ", Sectors: []string{"Agriculture", " agriculture", "", "Construction"}},
			corpus.Attributes{Title: "T", Method: MethodQualitative, Sectors: []string{"Agriculture", "Construction"}}, nil},
		{"method alias", corpus.Attributes{Method: "policy review"}, corpus.Attributes{Method: MethodLegalPolicy}, nil},
		{"every method", corpus.Attributes{Method: "Literature Review"}, corpus.Attributes{Method: MethodLiteratureRev}, nil},
		{"unknown method", corpus.Attributes{Method: "ethnography"}, corpus.Attributes{}, ErrInvalidAttribute},
		{"bad year", corpus.Attributes{Year: 19}, corpus.Attributes{}, ErrInvalidAttribute},
		{"negative sample", corpus.Attributes{SampleSize: -1}, corpus.Attributes{}, ErrInvalidAttribute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.in
			err := ValidateAttributes(&a)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && !SameAttributes(a, tt.want) {
				t.Fatalf("got %+v, want %+v", a, tt.want)
			}
		})
	}
	for _, m := range Methods {
		if got, err := NormaliseMethod(strings.ToUpper(m)); err != nil || got != m {
			t.Errorf("NormaliseMethod(%q) = %q, %v", m, got, err)
		}
	}
}

func TestSetAttributesAndUndo(t *testing.T) {
	p := MustProject(t)
	s := MustStudy(t, p, "Fields of debt", "text")
	a := corpus.Attributes{Title: "Fields of debt", Authors: names.ParseTexts([]string{"Smith, J", "ILO"}), Year: 2019,
		Countries: []string{"Thailand"}, Sectors: []string{"Fishing and seafood processing"}, Method: "Mixed",
		SampleSize: 120, Population: "fishers", Language: "en", PubType: "NGO report", Publisher: "ILO"}
	if err := SetAttributes(p, s, a); err != nil {
		t.Fatal(err)
	}
	got := apStudy(t, p, s)
	if got.Method != MethodMixed || got.SampleSize != 120 || !slices.Equal(got.Authors, a.Authors) || got.PubType != "NGO report" {
		t.Fatalf("stored %+v", got.Attributes)
	}
	if err := SetAttributes(p, s, corpus.Attributes{Method: "survey"}); !errors.Is(err, ErrInvalidAttribute) {
		t.Fatalf("invalid method: %v", err)
	}
	MustUndo(t, p)
	if got := apStudy(t, p, s); got.Method != "" || got.Year != 2020 {
		t.Fatalf("after undo %+v", got.Attributes)
	}
}

func TestPatchSet(t *testing.T) {
	var pt AttributePatch
	for _, kv := range [][2]string{{"Sector+", "Agriculture; Domestic work"}, {"countries-", "Nepal"}, {"year", "2018"},
		{"publication type", "Journal article"}, {"method", "qualitative"}, {"sample size", ""}} {
		if err := pt.Set(kv[0], kv[1]); err != nil {
			t.Fatalf("Set(%q): %v", kv[0], err)
		}
	}
	a := pt.Apply(corpus.Attributes{Countries: []string{"Nepal", "India"}, Sectors: []string{"agriculture"}, SampleSize: 9})
	if !slices.Equal(a.Sectors, []string{"agriculture", "Domestic work"}) || !slices.Equal(a.Countries, []string{"India"}) ||
		a.Year != 2018 || a.PubType != "Journal article" || a.SampleSize != 0 {
		t.Fatalf("applied %+v", a)
	}
	for _, bad := range [][2]string{{"colour", "red"}, {"year", "two thousand"}, {"method", "survey"}, {"year+", "1"}} {
		if err := pt.Set(bad[0], bad[1]); err == nil {
			t.Errorf("Set(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

func TestBulkEditOneAction(t *testing.T) {
	p := MustProject(t)
	var ids []string
	for _, n := range []string{"A", "B", "C"} {
		ids = append(ids, MustStudy(t, p, n, "x"))
	}
	if err := SetAttributes(p, ids[1], corpus.Attributes{Title: "B", Year: 2020, Sectors: []string{"Agriculture"}}); err != nil {
		t.Fatal(err)
	}
	before, _ := p.History(0)
	var pt AttributePatch
	pt.Set("sectors+", "agriculture")
	pt.Set("language", "en")
	n, err := BulkEdit(p, ids, pt)
	if err != nil || n != 3 {
		t.Fatalf("BulkEdit = %d, %v", n, err)
	}
	after, _ := p.History(0)
	if len(after) != len(before)+1 {
		t.Fatalf("BulkEdit made %d actions", len(after)-len(before))
	}
	for _, id := range ids {
		s := apStudy(t, p, id)
		if len(s.Sectors) != 1 || !strings.EqualFold(s.Sectors[0], "agriculture") || s.Language != "en" {
			t.Fatalf("%s: %+v", s.Title, s.Attributes)
		}
	}
	// Nothing to change: no action recorded.
	if n, err := BulkEdit(p, ids, pt); err != nil || n != 0 {
		t.Fatalf("repeat BulkEdit = %d, %v", n, err)
	}
	MustUndo(t, p)
	if s := apStudy(t, p, ids[0]); len(s.Sectors) != 0 || s.Language != "" {
		t.Fatalf("after undo %+v", s.Attributes)
	}
	if s := apStudy(t, p, ids[1]); !slices.Equal(s.Sectors, []string{"Agriculture"}) {
		t.Fatalf("after undo B %+v", s.Attributes)
	}
	// An invalid result for one study changes none.
	bad := AttributePatch{Year: new(int)}
	*bad.Year = 3
	if _, err := BulkEdit(p, ids, bad); !errors.Is(err, ErrInvalidAttribute) {
		t.Fatalf("invalid bulk edit: %v", err)
	}
	if _, err := BulkEdit(p, []string{ids[0], "no-such-study"}, pt); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing study: %v", err)
	}
	if s := apStudy(t, p, ids[0]); s.Language != "" {
		t.Fatalf("failed bulk edit changed %+v", s.Attributes)
	}
}
