package coding

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
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
			if err == nil && !sameAttributes(a, tt.want) {
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
	a := corpus.Attributes{Title: "Fields of debt", Authors: []string{"Smith, J", "ILO"}, Year: 2019,
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

func TestAttributesCSVRoundTrip(t *testing.T) {
	p := MustProject(t)
	a := MustStudy(t, p, "Alpha study", "x")
	b := MustStudy(t, p, "Beta study", "y")
	if err := SetAttributes(p, a, corpus.Attributes{Title: "Alpha study", Authors: []string{"Doe, Jane", "Roe, R"},
		Countries: []string{"Nepal", "India"}, Method: MethodMixed, Year: 2011, SampleSize: 30}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ExportAttributesCSV(p, &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "guid,file_name,status,title,authors,year,countries,sectors,method,sample_size,") ||
		!strings.Contains(out, `"Doe, Jane; Roe, R",2011,Nepal; India,,mixed,30`) {
		t.Fatalf("export:\n%s", out)
	}
	// Re-importing the export changes nothing.
	if res, err := ImportAttributesCSV(p, strings.NewReader(out)); err != nil || res.Rows != 2 || res.Changed != 0 {
		t.Fatalf("re-import = %+v, %v", res, err)
	}
	// Edit: match by GUID for one row, by title for the other; only present columns change.
	in := "\ufeffGUID;Title;Sectors;Method\n" + a + ";Alpha renamed;Agriculture; construction;qualitative\n" +
		";beta STUDY;;Literature review\n"
	in = strings.ReplaceAll(in, "Agriculture; construction", `"Agriculture; construction"`)
	res, err := ImportAttributesCSV(p, strings.NewReader(in))
	if err != nil || res.Changed != 2 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	sa, sb := apStudy(t, p, a), apStudy(t, p, b)
	if sa.Title != "Alpha renamed" || !slices.Equal(sa.Sectors, []string{"Agriculture", "construction"}) ||
		sa.Method != MethodQualitative || sa.Year != 2011 || !slices.Equal(sa.Countries, []string{"Nepal", "India"}) {
		t.Fatalf("alpha %+v", sa.Attributes)
	}
	if sb.Method != MethodLiteratureRev {
		t.Fatalf("beta %+v", sb.Attributes)
	}
	// One action: one undo reverts both rows.
	MustUndo(t, p)
	if sa, sb := apStudy(t, p, a), apStudy(t, p, b); sa.Title != "Alpha study" || sb.Method != "" {
		t.Fatalf("after undo %+v / %+v", sa.Attributes, sb.Attributes)
	}
}

func TestAttributesCSVErrors(t *testing.T) {
	p := MustProject(t)
	MustStudy(t, p, "Alpha", "x")
	MustStudy(t, p, "Twin", "y")
	MustStudy(t, p, "twin", "z")
	tests := []struct {
		name, in string
		want     []string // substrings of the error, in order
	}{
		{"no header", "", []string{"line 1", "empty"}},
		{"unknown column", "title,colour\nAlpha,red\n", []string{"line 1, column colour", "unknown attribute field"}},
		{"no key column", "year\n2000\n", []string{"line 1", "guid or a title"}},
		{"row problems", "title,method,year\nAlpha,survey,1999\nGamma,,\nTwin,,\n\nAlpha,,abc\n",
			[]string{`line 2, column method: method "survey"`, `line 3, column title: no study is titled "Gamma"`,
				`line 4, column title: 2 studies are titled "Twin"`, `line 6: study "Alpha" is already on line 2`}},
		{"bad value on a later line", "title,year\nAlpha,1999\n\"Twin\nx\",2000\nAlpha,12\n", []string{"line 3, column title", "line 5"}},
		{"broken quoting", "title,year\nAlpha,\"1999\n", []string{"line 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gen := p.Generation()
			_, err := ImportAttributesCSV(p, strings.NewReader(tt.in))
			if !errors.Is(err, ErrInvalidCSV) {
				t.Fatalf("err = %v", err)
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error %q lacks %q (after offset %d)", msg, w, at)
				}
				at += i
			}
			if p.Generation() != gen {
				t.Fatal("a failed import changed the project")
			}
		})
	}
}
