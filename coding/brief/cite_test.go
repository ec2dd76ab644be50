package brief

import (
	"reflect"
	"testing"
)

func TestCiteAuthors(t *testing.T) {
	cases := []struct {
		authors []string
		want    string
	}{
		{[]string{"Smith, John"}, "Smith"},
		{[]string{"John Smith", "Kim Lee"}, "Smith and Lee"},
		{[]string{"Smith, J.", "Lee, K.", "Brown, A."}, "Smith et al."},
		{[]string{"Ludwig van Beethoven"}, "van Beethoven"},
		{[]string{"International Labour Organization"}, "International Labour Organization"},
		{[]string{"UNODC"}, "UNODC"},
		{nil, "Domestic work in the…"},
	}
	for _, c := range cases {
		s := &Study{Authors: c.authors, Title: "Domestic work in the Gulf states"}
		if got := citeAuthors(s); got != c.want {
			t.Errorf("citeAuthors(%q) = %q, want %q", c.authors, got, c.want)
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
	if got := referenceText(&Study{Title: "No author report?", Year: 0}, "n.d."); got != "No author report? (n.d.)." {
		t.Errorf("no author reference %q", got)
	}
	if got := initials([]string{"Jean-Paul", "mary"}); got != "J.-P. M." {
		t.Errorf("initials %q", got)
	}
}
