package search

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestSearchStudies(t *testing.T) {
	ix, _ := newTestIndex(t)
	tests := []struct {
		q    string
		want []string // study GUIDs, any order
	}{
		{`"debt bondage"`, []string{guidFish}},
		{`debt bondage`, []string{guidFish, guidBuild}},
		{`debt AND bondage`, []string{guidFish, guidBuild}},
		{`debt -fishers`, []string{guidBuild}},
		{`debt NOT fishers`, []string{guidBuild}},
		{`wage OR inspections`, []string{guidBuild, guidFish}},
		{`(brokers OR inspections) passports`, []string{guidBuild}},
		{`recruit*`, []string{guidFish, guidDomest}},
		{`happy*`, []string{guidDomest}},
		{`bondaje~1`, []string{guidFish, guidBuild}},
		{`bondaje`, nil},
		{`broker`, []string{guidFish, guidBuild}},
		{`the brokers`, []string{guidFish, guidBuild}},
		{`"freedom of movement"`, []string{guidFish}},
		{`brokers country:malaysia`, []string{guidBuild}},
		{`brokers country:Thailand`, []string{guidFish}},
		{`country:thai*`, []string{guidFish, guidThai}},
		{`brokers year:>=2015`, []string{guidFish}},
		{`brokers year:2010..2013`, []string{guidBuild}},
		{`year:2014..2015`, []string{guidKhmer, guidBurma}},
		{`year:<2013`, []string{guidBuild}},
		{`rigor:high`, []string{guidFish}},
		{`method:QUANTITATIVE`, []string{guidBuild}},
		{`sector:"domestic work"`, []string{guidDomest}},
		{`code:"debt bondage"`, []string{guidFish}},
		{`title:construction`, []string{guidBuild}},
		{`author:pereira`, []string{guidFish}},
		{`author:"ana pereira"`, []string{guidFish}},
		{`author:"pereira ana"`, nil},
		{`title:อุตสาหกรรม`, []string{guidThai}},
		{`title:vessel*`, []string{guidFish}},
		{`the`, nil},
		{`NOT fishers year:2012`, []string{guidBuild}},
		{`study:` + guidBuild + ` workers`, []string{guidBuild}},
		{`lang:th`, []string{guidThai}},
		{`script:thai`, []string{guidThai}},
		{`workers page:2`, []string{guidBuild}},
		{`ถูกบังคับ`, []string{guidThai}},
		{`นายหน้า`, []string{guidThai}},
		{`"lao động"`, []string{guidViet}},
		{`môi giới`, []string{guidViet}},
		{`tuyển*`, []string{guidViet}},
		{`បំណុល`, []string{guidKhmer}},
		{`အချိန်ပို`, []string{guidBurma}},
		{`zebra`, nil},
	}
	for _, tt := range tests {
		_, got := search(t, ix, tt.q, Options{})
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q) studies = %v, want %v", tt.q, got, want)
		}
	}
}

// TestMatchOffsets checks that hit and term offsets point at the matched
// text of the study, for English, Thai, Vietnamese and Khmer.
func TestMatchOffsets(t *testing.T) {
	ix, studies := newTestIndex(t)
	tests := []struct {
		q, study string
		want     []string // matched text, in order
		page     int
	}{
		{`"debt bondage"`, guidFish, []string{"debt bondage"}, 2},
		{`inspections vessels`, guidFish, []string{"Inspections", "vessels"}, 3},
		{`brokers passports`, guidBuild, []string{"brokers", "passports"}, 2},
		{`ถูกบังคับ`, guidThai, []string{"ถูกบังคับ"}, 1},
		{`"lao động"`, guidViet, []string{"lao động"}, 1},
		{`បំណុល`, guidKhmer, []string{"បំណុល"}, 1},
	}
	for _, tt := range tests {
		res, _ := search(t, ix, tt.q, Options{})
		if len(res.Groups) != 1 || res.Groups[0].Study != tt.study {
			t.Errorf("Search(%q): groups %+v", tt.q, res.Groups)
			continue
		}
		text := []rune(studyByGUID(studies, tt.study).text())
		h := res.Groups[0].Hits[0]
		if h.Page != tt.page {
			t.Errorf("Search(%q): page %d, want %d", tt.q, h.Page, tt.page)
		}
		chunk := string(text[h.Start:h.End])
		if !strings.Contains(chunk, tt.want[0]) {
			t.Errorf("Search(%q): chunk %q lacks %q", tt.q, chunk, tt.want[0])
		}
		var got []string
		for _, m := range h.Matches {
			got = append(got, string(text[m.Start:m.End]))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q): matches %q, want %q", tt.q, got, tt.want)
		}
		sn := h.Snippet
		if string(text[sn.Start:sn.Start+len([]rune(sn.Text))]) != sn.Text {
			t.Errorf("Search(%q): snippet offset %d does not point at %q", tt.q, sn.Start, sn.Text)
		}
		marked := sn.Marked("«", "»")
		if !strings.Contains(marked, "«"+tt.want[0]+"»") {
			t.Errorf("Search(%q): snippet %q lacks «%s»", tt.q, marked, tt.want[0])
		}
	}
}

func TestFacetsAndFilters(t *testing.T) {
	ix, _ := newTestIndex(t)
	res, _ := search(t, ix, "", Options{})
	count := func(facet, value string) [2]int {
		for _, fc := range res.Facets[facet] {
			if fc.Value == value {
				return [2]int{fc.Studies, fc.Chunks}
			}
		}
		return [2]int{}
	}
	if res.TotalStudies != 7 {
		t.Errorf("TotalStudies = %d, want 7", res.TotalStudies)
	}
	facetTests := []struct {
		facet, value    string
		studies, chunks int
	}{
		{FacetCountry, "Thailand", 2, 4}, // fishing study (3 chunks) + Thai study
		{FacetCountry, "Myanmar", 2, 4},
		{FacetCode, "debt bondage", 1, 1},
		{FacetYear, "2012", 1, 2},
		{FacetMethod, "qualitative", 5, 7},
		{FacetRigor, "high", 1, 3},
		{FacetSector, "fishing", 2, 4},
	}
	for _, ft := range facetTests {
		if got := count(ft.facet, ft.value); got != [2]int{ft.studies, ft.chunks} {
			t.Errorf("facet %s %q = %d studies %d chunks, want %d, %d", ft.facet, ft.value, got[0], got[1], ft.studies, ft.chunks)
		}
	}
	if years := res.Facets[FacetYear]; len(years) != 7 || years[0].Value != "2019" || years[6].Value != "2012" {
		t.Errorf("year facet = %v", years)
	}
	res, _ = search(t, ix, "brokers", Options{})
	if got := count(FacetCountry, "Thailand"); got != [2]int{1, 1} {
		t.Errorf("brokers: Thailand facet = %v, want 1 study 1 chunk", got)
	}
	if got := count(FacetCountry, "Hong Kong"); got != [2]int{} {
		t.Errorf("brokers: Hong Kong facet = %v, want none", got)
	}

	res, got := search(t, ix, "brokers OR workers", Options{Filters: map[string][]string{FacetCountry: {"Malaysia", "Hong Kong"}}})
	slices.Sort(got)
	if want := []string{guidBuild, guidDomest}; !reflect.DeepEqual(got, want) {
		t.Errorf("filtered studies = %v, want %v", got, want)
	}
	if res.Total != 3 {
		t.Errorf("filtered Total = %d, want 3", res.Total)
	}
	_, got = search(t, ix, "", Options{Filters: map[string][]string{FacetCountry: {"Thailand"}, FacetYear: {"2018"}}})
	if !reflect.DeepEqual(got, []string{guidThai}) {
		t.Errorf("country+year filter = %v", got)
	}
	if _, err := ix.Search(context.Background(), "x", Options{Filters: map[string][]string{"colour": {"red"}}}); !errors.Is(err, ErrUnknownFilter) {
		t.Errorf("unknown filter error = %v", err)
	}
}

func TestGrouping(t *testing.T) {
	ix, _ := newTestIndex(t)
	res, got := search(t, ix, "brokers OR workers OR fishers", Options{GroupBy: ByYear})
	want := []string{guidDomest, guidFish, guidBuild} // 2019, 2016, 2012
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ByYear = %v, want %v", got, want)
	}
	for _, g := range res.Groups {
		for i, h := range g.Hits {
			if h.Score > g.BestScore || i > 0 && h.Score > g.Hits[i-1].Score {
				t.Errorf("group %s: hits not best-first", g.Study)
			}
		}
	}
	res, _ = search(t, ix, "brokers OR workers OR fishers", Options{GroupBy: ByRelevance})
	for i := 1; i < len(res.Groups); i++ {
		if res.Groups[i].BestScore > res.Groups[i-1].BestScore {
			t.Errorf("ByRelevance not ordered by best score: %v", res.Groups)
		}
	}
	fish := res.Groups[slices.IndexFunc(res.Groups, func(g StudyGroup) bool { return g.Study == guidFish })]
	if len(fish.Hits) < 2 || fish.Title != "Forced labour on Thai fishing vessels" || fish.Year != 2016 {
		t.Errorf("fishing group = %+v", fish)
	}
}

func TestSearchQueryError(t *testing.T) {
	ix, _ := newTestIndex(t)
	_, err := ix.Search(context.Background(), `country:"Thailand`, Options{})
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Pos != 9 {
		t.Fatalf("error = %v, want QueryError at column 9", err)
	}
}

func TestIncrementalUpdates(t *testing.T) {
	ix, studies := newTestIndex(t)
	build := studyByGUID(studies, guidBuild)
	chunks := studyChunks(build)
	// one coding: re-index only the affected chunk
	at := runeIndex(build.text(), "wage theft")
	affected := ChunksOverlapping(chunks, at, at+10)
	if len(affected) != 1 {
		t.Fatalf("affected chunks = %d", len(affected))
	}
	AssignCodes(affected, []CodeSpan{{Code: "wage theft", Start: at, End: at + 10}})
	if err := ix.UpdateChunks(affected); err != nil {
		t.Fatal(err)
	}
	if _, got := search(t, ix, `code:"wage theft"`, Options{}); !reflect.DeepEqual(got, []string{guidBuild}) {
		t.Errorf("after coding: %v", got)
	}
	n, _ := ix.DocCount()
	// the study's text changes: fewer pages
	build.pages = build.pages[:1]
	if err := ix.UpdateStudy(guidBuild, studyChunks(build)); err != nil {
		t.Fatal(err)
	}
	if m, _ := ix.DocCount(); m != n-1 {
		t.Errorf("DocCount after UpdateStudy = %d, want %d", m, n-1)
	}
	if _, got := search(t, ix, "passports", Options{}); got != nil {
		t.Errorf("removed page still found: %v", got)
	}
	if err := ix.DeleteStudy(guidBuild); err != nil {
		t.Fatal(err)
	}
	if res, _ := search(t, ix, "", Options{}); res.TotalStudies != 6 || len(res.Facets[FacetCountry]) != 5 {
		t.Errorf("after DeleteStudy: %d studies, countries %v", res.TotalStudies, res.Facets[FacetCountry])
	}
	if _, got := search(t, ix, "wage", Options{}); got != nil {
		t.Errorf("deleted study still found: %v", got)
	}
}

func TestRebuildCancel(t *testing.T) {
	ix, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var progressed []int
	err = ix.Rebuild(ctx, func(yield func(Chunk) bool) error {
		for i := 0; i < 5000; i++ {
			if i == 2500 {
				cancel()
			}
			c := Chunk{ID: fmt.Sprintf("s/%05d", i), Study: "s", Page: 1, Text: "forced labour"}
			if !yield(c) {
				return nil
			}
		}
		return nil
	}, func(done, total int) { progressed = append(progressed, done) })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Rebuild error = %v, want context.Canceled", err)
	}
	if len(progressed) < 2 || progressed[0] != batchSize {
		t.Errorf("progress calls = %v", progressed)
	}
	if g, _ := ix.Generation(); g != 0 {
		t.Errorf("generation after cancelled rebuild = %d", g)
	}
}
