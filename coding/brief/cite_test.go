package brief

import (
	"reflect"
	"testing"

	"github.com/evidence-workbench/workbench/corpus/names"
)

func TestCiteAuthors(t *testing.T) {
	cases := []struct {
		authors   []string
		want, apa string
	}{
		{[]string{"Smith, John"}, "Smith", "Smith"},
		{[]string{"John Smith", "Kim Lee"}, "Smith and Lee", "Smith & Lee"},
		{[]string{"Smith, J.", "Lee, K.", "Brown, A."}, "Smith et al.", "Smith et al."},
		{[]string{"Ludwig van Beethoven"}, "van Beethoven", "van Beethoven"},
		{[]string{"International Labour Organization"}, "International Labour Organization", "International Labour Organization"},
		{[]string{"UNODC"}, "UNODC", "UNODC"},
		{[]string{"Nguyen Van Minh", "Tran Thi Lan"}, "Nguyen and Tran", "Nguyen & Tran"},
		{[]string{"Pham Thu Ha"}, "Pham", "Pham"},
		{[]string{"Daw Hnin Wai"}, "Daw Hnin Wai", "Daw Hnin Wai"},
		{[]string{"Thura Aung, Rebecca Okafor"}, "Thura Aung and Okafor", "Thura Aung & Okafor"},
		{[]string{"Sophea Chan", "Margaret Lindqvist", "Anurak Phromsiri"}, "Chan et al.", "Chan et al."},
		{[]string{"สมชาย ใจดี"}, "สมชาย ใจดี", "สมชาย ใจดี"},
		{nil, "Domestic work in the…", "Domestic work in the…"},
	}
	for _, c := range cases {
		s := &Study{Authors: names.ParseTexts(c.authors), Title: "Domestic work in the Gulf states"}
		if got := citeAuthors(s, StyleAuthorYear); got != c.want {
			t.Errorf("citeAuthors(%q) = %q, want %q", c.authors, got, c.want)
		}
		if got := citeAuthors(s, StyleAPA); got != c.apa {
			t.Errorf("APA citeAuthors(%q) = %q, want %q", c.authors, got, c.apa)
		}
	}
}

func TestReferences(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	var got []string
	for _, r := range b.References {
		got = append(got, r.Text)
	}
	want := []string{
		"Garcia, M., & Chen, T. (2021). Seasonal migration and debt. Journal of Human Trafficking.",
		"International Labour Organization. (2017). Recruitment of construction workers in Qatar. ILO.",
		"Okafor, N. (2020). Domestic work in the Gulf.",
		"Smith, J. (2019a). Agricultural labour in Nepal. Walk Free.",
		"Smith, J. (2019b). Bonded labour in brick kilns. Anti-Slavery International.",
		"Smith, J., Lee, K., & Brown, A. (2019). Debt and labour in Indian agriculture and construction. Freedom Fund.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("references:\n%q\nwant\n%q", got, want)
	}
	if b.References[3].Citation != "Smith 2019a" || b.References[3].StudyGUID != "s6" {
		t.Errorf("disambiguated citation %+v", b.References[3])
	}
	if quoteCitation("Smith 2019", 0) != "(Smith 2019)" || quoteCitation("Smith 2019", 12) != "(Smith 2019, p. 12)" {
		t.Error("quote citation format")
	}
	if got := referenceText(&Study{Title: "No author report?", Year: 0}, "n.d.", StyleAuthorYear); got != "No author report? (n.d.)." {
		t.Errorf("no author reference %q", got)
	}
}

// TestRegionNames cites the region's names in both styles: family name
// first for Vietnamese names, Burmese names whole, a comma list from PDF
// metadata as several people.
func TestRegionNames(t *testing.T) {
	studies := []*Study{
		{GUID: "a", Title: "Debt bondage in the Mekong delta", Year: 2018, Publisher: "Hanoi Labour Institute",
			Authors: names.ParseTexts([]string{"Nguyen Van Minh", "Tran Thi Lan"}), DOI: "10.1234/mekong.2018"},
		{GUID: "b", Title: "Domestic workers in Ho Chi Minh City", Year: 2019, Authors: names.ParseTexts([]string{"Pham Thu Ha"})},
		{GUID: "c", Title: "Garment factories of Yangon", Year: 2020, Authors: names.ParseTexts([]string{"Daw Hnin Wai", "Peter Sandoval"})},
		{GUID: "d", Title: "Fishing crews", Year: 2020, Authors: names.ParseTexts([]string{"Daw Hnin Wai"})},
		{GUID: "e", Title: "Jade mines", Authors: names.ParseTexts([]string{"Thura Aung, Rebecca Okafor"})},
		{GUID: "f", Title: "Jade mines revisited", Authors: names.ParseTexts([]string{"Thura Aung, Rebecca Okafor"})},
	}
	cases := []struct {
		style CitationStyle
		cites map[string]string
		refs  []string
	}{
		{StyleAuthorYear, map[string]string{"a": "Nguyen and Tran 2018", "b": "Pham 2019", "c": "Daw Hnin Wai and Sandoval 2020",
			"d": "Daw Hnin Wai 2020", "e": "Thura Aung and Okafor n.d.-a", "f": "Thura Aung and Okafor n.d.-b"},
			[]string{
				"Daw Hnin Wai. (2020). Fishing crews.",
				"Daw Hnin Wai, & Sandoval, P. (2020). Garment factories of Yangon.",
				"Nguyen, V. M., & Tran, T. L. (2018). Debt bondage in the Mekong delta. Hanoi Labour Institute.",
				"Pham, T. H. (2019). Domestic workers in Ho Chi Minh City.",
				"Thura Aung, & Okafor, R. (n.d.-a). Jade mines.",
				"Thura Aung, & Okafor, R. (n.d.-b). Jade mines revisited.",
			}},
		{StyleAPA, map[string]string{"a": "Nguyen & Tran, 2018", "b": "Pham, 2019", "c": "Daw Hnin Wai & Sandoval, 2020",
			"d": "Daw Hnin Wai, 2020", "e": "Thura Aung & Okafor, n.d.-a"},
			[]string{
				"Daw Hnin Wai. (2020). Fishing crews.",
				"Daw Hnin Wai, & Sandoval, P. (2020). Garment factories of Yangon.",
				"Nguyen, V. M., & Tran, T. L. (2018). Debt bondage in the Mekong delta. Hanoi Labour Institute. https://doi.org/10.1234/mekong.2018",
				"Pham, T. H. (2019). Domestic workers in Ho Chi Minh City.",
				"Thura Aung, & Okafor, R. (n.d.-a). Jade mines.",
				"Thura Aung, & Okafor, R. (n.d.-b). Jade mines revisited.",
			}},
	}
	for _, c := range cases {
		refs, cites := citations(studies, c.style)
		for g, want := range c.cites {
			if cites[g] != want {
				t.Errorf("%s: citation of %s = %q, want %q", c.style, g, cites[g], want)
			}
		}
		var got []string
		for _, r := range refs {
			got = append(got, r.Text)
		}
		if !reflect.DeepEqual(got, c.refs) {
			t.Errorf("%s references:\n%q\nwant\n%q", c.style, got, c.refs)
		}
	}
	if _, err := ParseCitationStyle("chicago"); err == nil {
		t.Error("unknown style accepted")
	}
	if s, err := ParseCitationStyle("APA7"); err != nil || s != StyleAPA {
		t.Errorf("APA7 = %q, %v", s, err)
	}
	many := &Study{Title: "Big team"}
	for i := range 22 {
		many.Authors = append(many.Authors, names.New("Author"+string(rune('A'+i)), "Zed", names.GivenFirst))
	}
	if got := referenceAuthors(many); got != "AuthorA, Z., AuthorB, Z., AuthorC, Z., AuthorD, Z., AuthorE, Z., AuthorF, Z., AuthorG, Z., AuthorH, Z., AuthorI, Z., AuthorJ, Z., AuthorK, Z., AuthorL, Z., AuthorM, Z., AuthorN, Z., AuthorO, Z., AuthorP, Z., AuthorQ, Z., AuthorR, Z., AuthorS, Z., … AuthorV, Z." {
		t.Errorf("21+ authors: %s", got)
	}
}
