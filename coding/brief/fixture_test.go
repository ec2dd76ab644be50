package brief

import "github.com/evidence-workbench/workbench/corpus/names"

// fixture is a small hand-checked corpus; the expected figures in the tests
// were worked out by hand from it (see build_test.go).
func fixture() Data {
	j := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	return Data{
		Project:   "TIP sectors review",
		Reviewers: 2,
		Agreement: &AgreementSummary{Coefficient: "Krippendorff's alpha", Value: 0.81, Unit: "codes per paragraph"},
		Criteria: []Criterion{
			{GUID: "c1", Name: "Sampling described", Definition: "The sampling strategy is described."},
			{GUID: "c2", Name: "Ethics approval", Definition: "Ethical approval is reported."},
			{GUID: "c3", Name: "Triangulation", Definition: "Findings are triangulated across sources."},
		},
		Themes: []Theme{
			{CodeGUID: "t1", Name: "Debt bondage", Parent: "Coercion", Kind: "theme"},
			{CodeGUID: "t2", Name: "Document retention", Parent: "Coercion", Kind: "theme"},
			{CodeGUID: "t3", Name: "Recruitment fees", Kind: "theme"},
			{CodeGUID: "t4", Name: "Unused theme", Kind: "theme"},
		},
		Studies: []Study{
			{GUID: "s1", Title: "Debt and labour in Indian agriculture and construction", Authors: names.ParseTexts([]string{"Smith, John", "Lee, Kim", "Brown, Ann"}),
				Year: 2019, Countries: []string{"India"}, Sectors: []string{"Agriculture", "Construction"}, Method: "Survey",
				SampleSize: 300, Population: "Migrant workers", PubType: "Report", Publisher: "Freedom Fund", Status: "included",
				Rating: "high", Judgements: j("c1", "met", "c2", "met", "c3", "partly met"), Consensus: true},
			{GUID: "s2", Title: "Seasonal migration and debt", Authors: names.ParseTexts([]string{"Maria Garcia", "Tom Chen"}),
				Year: 2021, Countries: []string{"india"}, Sectors: []string{"Agriculture"}, Method: "Qualitative interviews",
				SampleSize: 40, Population: "Migrant workers", Publisher: "Journal of Human Trafficking", Status: "included",
				Rating: "Medium", Judgements: j("c1", "met", "c2", "not met", "c3", "not reported"), Consensus: true},
			{GUID: "s3", Title: "Recruitment of construction workers in Qatar", Authors: names.ParseTexts([]string{"International Labour Organization"}),
				Year: 2017, Countries: []string{"Qatar"}, Sectors: []string{"Construction"}, Method: "Survey",
				SampleSize: 1200, Population: "Construction workers", Publisher: "ILO", Status: "included",
				Rating: "low", Judgements: j("c1", "partly met", "c2", "not met", "c3", "not met")},
			{GUID: "s4", Title: "Domestic work in the Gulf", Authors: names.ParseTexts([]string{"Okafor, Ngozi"}),
				Year: 2020, Countries: []string{"Qatar", "Nepal"}, Sectors: []string{"Domestic work"}, Method: "Qualitative interviews",
				Population: "Domestic workers", Status: "included", Rating: "low",
				Judgements: j("c1", "not reported", "c2", "not met"), Consensus: true},
			{GUID: "s5", Title: "An excluded study", Authors: names.ParseTexts([]string{"Ex, Cluded"}), Year: 2018,
				Countries: []string{"India"}, Sectors: []string{"Agriculture"}, Status: "excluded", Rating: "high"},
			{GUID: "s6", Title: "Agricultural labour in Nepal", Authors: names.ParseTexts([]string{"Smith, John"}),
				Year: 2019, Countries: []string{"Nepal"}, Sectors: []string{"Agriculture"}, Method: "Mixed methods",
				SampleSize: 120, Population: "Migrant workers", Publisher: "Walk Free", Status: "included",
				Judgements: j("c1", "met", "c2", "yes", "c3", "no"), Consensus: true},
			{GUID: "s7", Title: "Bonded labour in brick kilns", Authors: names.ParseTexts([]string{"Smith, John"}),
				Year: 2019, Countries: []string{"India"}, Sectors: []string{"Construction"}, Method: "survey",
				SampleSize: 500, Population: "Brick kiln workers", Publisher: "Anti-Slavery International", Status: "Included",
				Rating: "high", Judgements: j("c1", "met", "c2", "met", "c3", "met"), Consensus: true},
			{GUID: "s8", Title: "A pending study", Authors: names.ParseTexts([]string{"Pend, Ing"}), Year: 2022, Status: "pending"},
		},
		Quotes: []Quote{
			{StudyGUID: "s1", CodeGUID: "t1", Text: "Workers described debts that grew every season.", Page: 4, Start: 100, Coder: "A", Consensus: true},
			{StudyGUID: "s1", CodeGUID: "t1", Text: "Workers described debts  that grew every season.", Page: 4, Start: 100, Coder: "B", Consensus: true},
			{StudyGUID: "s2", CodeGUID: "t1", Text: "debts were passed to children", Page: 7, Start: 50, Coder: "A", Consensus: true},
			{StudyGUID: "s3", CodeGUID: "t1", Text: "The recruiters kept passports and charged fees that took years to repay.", Page: 12, Start: 10, Coder: "A"},
			{StudyGUID: "s7", CodeGUID: "t2", Text: "Employers held identity documents of all kiln workers we interviewed.", Page: 3, Start: 5, Coder: "A", Consensus: true},
			{StudyGUID: "s3", CodeGUID: "t2", Text: "Passports were confiscated on arrival.", Page: 5, Start: 400, Coder: "B"},
			{StudyGUID: "s4", CodeGUID: "t3", Text: "Domestic workers paid recruitment fees of up to six months' wages.", Page: 9, Start: 70, Coder: "A", Consensus: true},
			{StudyGUID: "s4", CodeGUID: "t3", Text: "Fees were deducted from wages.", Page: 10, Start: 900, Coder: "A"},
			{StudyGUID: "s6", CodeGUID: "zz", Text: "A coding with a code that is not a theme.", Page: 1, Coder: "A", Consensus: true},
			{StudyGUID: "s5", CodeGUID: "t1", Text: "Excluded studies do not count.", Page: 1, Coder: "A", Consensus: true},
		},
	}
}
