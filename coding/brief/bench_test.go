package brief

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus/names"
)

// synthetic builds a corpus of the given size with a fixed seed: studies
// over 30 countries and 8 sectors, 12 criteria, 60 themes and nq codings.
func synthetic(nStudies, nq int) Data {
	r := rand.New(rand.NewSource(42))
	countries := make([]string, 30)
	for i := range countries {
		countries[i] = fmt.Sprintf("Country %02d", i+1)
	}
	sectors := []string{"Agriculture", "Construction", "Domestic work", "Fishing", "Manufacturing", "Mining", "Hospitality", "Sex work"}
	methods := []string{"Survey", "Qualitative interviews", "Mixed methods", "Case study", "Ethnography", "Secondary data analysis"}
	pops := []string{"Migrant workers", "Children", "Women", "Domestic workers", "Fishers", "Survivors", "Employers", "Recruiters", "Officials", "Community members"}
	judg := []string{"met", "partly met", "not met", "not reported"}
	ratings := []string{"high", "medium", "low", ""}
	words := strings.Fields("workers reported that recruiters and employers withheld wages passports and documents while debts grew through fees deductions and interest so that leaving the job became impossible without paying back the broker")
	d := Data{Project: "Synthetic benchmark corpus", Reviewers: 3,
		Agreement: &AgreementSummary{Coefficient: "Krippendorff's alpha", Value: 0.74, Unit: "codes per paragraph"}}
	for i := range 12 {
		d.Criteria = append(d.Criteria, Criterion{GUID: fmt.Sprintf("crit-%02d", i), Name: fmt.Sprintf("Criterion %d", i+1),
			Definition: "The study meets quality criterion " + fmt.Sprint(i+1) + "."})
	}
	for i := range 60 {
		d.Themes = append(d.Themes, Theme{CodeGUID: fmt.Sprintf("code-%02d", i), Name: fmt.Sprintf("Theme %02d", i),
			Parent: fmt.Sprintf("Group %d", i/10), Kind: "theme"})
	}
	for i := range nStudies {
		s := Study{GUID: fmt.Sprintf("study-%04d", i), Title: fmt.Sprintf("Study of forced labour number %d", i),
			Authors: names.ParseTexts([]string{fmt.Sprintf("Author%d, Ann", i%97), "Second, Bo", "Third, Cy"}[:1+i%3]),
			Year:    2000 + r.Intn(25), Method: methods[r.Intn(len(methods))], SampleSize: r.Intn(2000),
			Population: pops[r.Intn(len(pops))], Publisher: "Publisher " + fmt.Sprint(i%13), Status: "included",
			Rating: ratings[r.Intn(4)], Judgements: map[string]string{}, Consensus: r.Intn(3) > 0}
		if i%10 == 9 {
			s.Status = "excluded"
		}
		for range 1 + r.Intn(3) {
			s.Countries = append(s.Countries, countries[r.Intn(len(countries))])
		}
		for range 1 + r.Intn(2) {
			s.Sectors = append(s.Sectors, sectors[r.Intn(len(sectors))])
		}
		for _, c := range d.Criteria {
			s.Judgements[c.GUID] = judg[r.Intn(4)]
		}
		d.Studies = append(d.Studies, s)
	}
	for i := range nq {
		n := 8 + r.Intn(60)
		w := make([]string, n)
		for k := range w {
			w[k] = words[r.Intn(len(words))]
		}
		text := strings.ToUpper(w[0][:1]) + strings.Join(w, " ")[1:] + "."
		d.Quotes = append(d.Quotes, Quote{StudyGUID: fmt.Sprintf("study-%04d", r.Intn(nStudies)),
			CodeGUID: fmt.Sprintf("code-%02d", r.Intn(60)), Text: text, Page: 1 + r.Intn(40), Start: i * 10,
			Coder: fmt.Sprint("coder", r.Intn(3)), Consensus: r.Intn(2) == 0})
	}
	return d
}

func TestSyntheticLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large corpus")
	}
	d := synthetic(500, 50000)
	b := mustBuild(t, d, Filter{})
	if b.Scope.Studies.N != 450 || len(b.Map.Countries) != 30 || len(b.Map.Sectors) != 8 {
		t.Fatalf("studies %d, map %dx%d", b.Scope.Studies.N, len(b.Map.Countries), len(b.Map.Sectors))
	}
	total := 0
	for _, c := range b.Map.CountryTotals {
		total += c.N
	}
	if total < b.Scope.Studies.N {
		t.Errorf("country totals %d < studies %d", total, b.Scope.Studies.N)
	}
	keep := os.Getenv("BRIEF_KEEP")
	for _, f := range Formats {
		var w io.Writer = io.Discard
		if keep != "" {
			fh, err := os.Create(filepath.Join(keep, "large."+string(f)))
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			w = fh
		}
		if err := Render(w, b, f, ""); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
}

// BenchmarkBrief measures Build plus Render per format on 500 studies and
// 50,000 codings.
func BenchmarkBrief(b *testing.B) {
	d := synthetic(500, 50000)
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Build(d, Filter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				br, err := Build(d, Filter{})
				if err != nil {
					b.Fatal(err)
				}
				if err := Render(io.Discard, br, f, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
