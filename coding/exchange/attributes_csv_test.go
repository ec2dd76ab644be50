package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestAttributesCSVRoundTrip(t *testing.T) {
	p := testkit.Project(t)
	a := testkit.Study(t, p, "Alpha study", "x")
	b := testkit.Study(t, p, "Beta study", "y")
	if err := coding.SetAttributes(p, a, corpus.Attributes{Title: "Alpha study", Authors: names.ParseTexts([]string{"Doe, Jane", "Roe, R"}),
		Countries: []string{"Nepal", "India"}, Method: coding.MethodMixed, Year: 2011, SampleSize: 30}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ExportAttributesCSV(p, &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "guid,file_name,status,title,authors,year,countries,sectors,method,sample_size,") ||
		!strings.Contains(out, `Jane Doe; R Roe,2011,Nepal; India,,mixed,30`) {
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
	sa, sb := testkit.GetStudy(t, p, a), testkit.GetStudy(t, p, b)
	if sa.Title != "Alpha renamed" || !slices.Equal(sa.Sectors, []string{"Agriculture", "construction"}) ||
		sa.Method != coding.MethodQualitative || sa.Year != 2011 || !slices.Equal(sa.Countries, []string{"Nepal", "India"}) {
		t.Fatalf("alpha %+v", sa.Attributes)
	}
	if sb.Method != coding.MethodLiteratureRev {
		t.Fatalf("beta %+v", sb.Attributes)
	}
	// One action: one undo reverts both rows.
	testkit.Undo(t, p)
	if sa, sb := testkit.GetStudy(t, p, a), testkit.GetStudy(t, p, b); sa.Title != "Alpha study" || sb.Method != "" {
		t.Fatalf("after undo %+v / %+v", sa.Attributes, sb.Attributes)
	}
}

func TestAttributesCSVErrors(t *testing.T) {
	p := testkit.Project(t)
	testkit.Study(t, p, "Alpha", "x")
	testkit.Study(t, p, "Twin", "y")
	testkit.Study(t, p, "twin", "z")
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

// TestAttributesCSVShortRow: a row with fewer fields than the header (a line
// cut off, a separator lost) is refused with its line; it used to be read as
// empty cells and cleared the study's attributes.
func TestAttributesCSVShortRow(t *testing.T) {
	p := testkit.Project(t)
	a := testkit.Study(t, p, "Alpha", "x")
	full := corpus.Attributes{Title: "Alpha", Year: 2011, Countries: []string{"Nepal"}, Sectors: []string{"Agriculture"},
		Method: coding.MethodMixed, SampleSize: 30, Population: "migrant workers", Language: "en", PubType: "report", Publisher: "ILO"}
	if err := coding.SetAttributes(p, a, full); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ExportAttributesCSV(p, &buf); err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(buf.String(), "\n")
	cols := len(strings.Split(header, ","))
	row := strings.TrimSuffix(buf.String(), "\n")
	cut := row[:strings.LastIndex(row, ",")] // the last field lost with its separator
	for _, tt := range []struct{ name, in, want string }{
		{"guid and title only", header + "\n" + a + ",a.pdf,to screen,Alpha\n", fmt.Sprintf("line 2: the row has 4 fields but the header has %d columns", cols)},
		{"last field lost", cut + "\n", fmt.Sprintf("line 2: the row has %d fields", cols-1)},
		{"extra value", row + ",surplus\n", fmt.Sprintf("line 2: the row has %d fields but the header has %d columns", cols+1, cols)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			gen := p.Generation()
			_, err := ImportAttributesCSV(p, strings.NewReader(tt.in))
			if !errors.Is(err, ErrInvalidCSV) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if p.Generation() != gen {
				t.Fatal("a refused import changed the project")
			}
			if s := testkit.GetStudy(t, p, a); !coding.SameAttributes(s.Attributes, full) {
				t.Fatalf("attributes changed: %+v", s.Attributes)
			}
		})
	}
	// Trailing empty fields, as spreadsheets write them, are fine.
	if res, err := ImportAttributesCSV(p, strings.NewReader(strings.ReplaceAll(buf.String(), "\n", ",,\n"))); err != nil || res.Changed != 0 {
		t.Fatalf("trailing empty fields: %+v, %v", res, err)
	}
}
