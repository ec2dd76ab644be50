package exchange

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/evidence-workbench/workbench/corpus/names"
)

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRIS(t *testing.T) {
	refs, err := ParseReferences(mustRead(t, "testdata/zotero.ris"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Reference{
		{Line: 1, Type: "Journal article", Title: "Debt bondage in the Mekong delta: evidence from rice farms",
			Authors: []names.Author{{Family: "Nguyen", Given: "Van Minh", Order: names.FamilyFirst}, {Family: "Tran", Given: "Thi Lan", Order: names.FamilyFirst}},
			Year:    2018, Publisher: "Journal of Human Trafficking", DOI: "10.1080/23322705.2018.1234567", Language: "en"},
		{Line: 11, Type: "Report", Title: "Garment factories of Yangon",
			Authors: []names.Author{{Name: "Daw Hnin Wai"}, {Family: "Sandoval", Given: "Peter"}},
			Year:    2020, Publisher: "ILO Liaison Office in Myanmar", DOI: "10.5555/YANGON.2020", URL: "https://doi.org/10.5555/YANGON.2020"},
		{Line: 20, Type: "Book", Title: "แรงงานข้ามชาติในภาคประมง",
			Authors: []names.Author{{Family: "ใจดี", Given: "สมชาย", Order: names.FullName}}, Year: 2019, Language: "th"},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("got\n%+v\nwant\n%+v", refs, want)
	}
}

func TestParseBibTeX(t *testing.T) {
	refs, err := ParseReferences(mustRead(t, "testdata/endnote.bib"))
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 3 {
		t.Fatalf("%d references: %+v", len(refs), refs)
	}
	a := refs[0]
	if a.Title != "Debt Bondage in the Mekong Delta: Evidence from Rice Farms" || a.Year != 2018 ||
		a.Publisher != "Journal of Human Trafficking" || a.Key != "nguyen2018debt" || a.Line != 4 {
		t.Errorf("first %+v", a)
	}
	if want := []names.Author{{Family: "Nguyễn", Given: "Văn Minh", Order: names.FamilyFirst}, {Family: "Trần", Given: "Thị Lan", Order: names.FamilyFirst}}; !reflect.DeepEqual(a.Authors, want) {
		t.Errorf("LaTeX Vietnamese names %+v", a.Authors)
	}
	if b := refs[1]; b.Title != "Recruitment of construction workers in Qatar" || b.Type != "Report" ||
		!reflect.DeepEqual(b.Authors, []names.Author{{Name: "International Labour Organization"}}) || b.Publisher != "ILO" {
		t.Errorf("second %+v", b)
	}
	if c := refs[2]; c.Year != 2020 || c.DOI != "10.1000/gulf.2020" || len(c.Authors) != 1 || c.Authors[0].Family != "Okafor" {
		t.Errorf("third %+v", c)
	}
}

func TestParseReferencesErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not references": "title,year\nA,2000\n",
		"unclosed entry": "@article{k,\n title = {Open\n",
		"tag before TY":  "AU  - Smith, J.\nTY  - JOUR\nER  - \n",
		"field no value": "@article{k,\n title\n}\n",
	} {
		_, err := ParseReferences([]byte(in))
		var re *ReferencesError
		if !errors.Is(err, ErrReferences) || !errors.As(err, &re) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got := latex(`Caf{\'e} \& {\ss}e {\"U}ber \d{a} {\~{\^e}} \textendash{} x`); got != "Café & ße Über ạ ễ – x" {
		t.Errorf("latex %q", got)
	}
}
