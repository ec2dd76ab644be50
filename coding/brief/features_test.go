package brief

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestFlow(t *testing.T) {
	d := fixture()
	d.Studies = append(d.Studies,
		Study{GUID: "s9", Title: "A duplicate", Status: "excluded", ExclusionReason: "Duplicate of s1"},
		Study{GUID: "s10", Title: "Off topic", Status: "excluded", ExclusionReason: "Not about labour"})
	d.Studies[4].ExclusionReason = "Not about labour" // s5
	d.Imports = []ImportRun{
		{Source: "Scopus", Studies: []string{"s1", "s2", "s3", "gone"}, Duplicates: nil, Failed: 1},
		// The same folder imported again: the same records, not duplicates.
		{Source: " Scopus ", Duplicates: []string{"s1", "s2"}},
		{Source: "Grey literature", Studies: []string{"s4", "s5", "s9"}, Duplicates: []string{"s1", "s1", "s3"}},
	}
	b := mustBuild(t, d, Filter{})
	fl := b.Flow
	eqCount(t, "screened", fl.Screened, "s1", "s10", "s2", "s3", "s4", "s5", "s6", "s7")
	eqCount(t, "excluded", fl.Excluded, "s10", "s5")
	eqCount(t, "marked duplicates", fl.DuplicatesMarked, "s9")
	eqCount(t, "awaiting", fl.AwaitingScreening, "s8")
	eqCount(t, "included", fl.Included, "s1", "s2", "s3", "s4", "s6", "s7")
	eqCount(t, "unrecorded", fl.Unrecorded, "s10", "s6", "s7", "s8")
	if fl.DuplicatesAtImport.N != 2 || !reflect.DeepEqual(fl.DuplicatesAtImport.Studies, []string{"s1", "s3"}) {
		t.Errorf("duplicates at import %+v", fl.DuplicatesAtImport)
	}
	if fl.Identified.N != 10+2 || fl.NotRead != 1 {
		t.Errorf("identified %d, not read %d", fl.Identified.N, fl.NotRead)
	}
	// The flow adds up.
	if fl.Identified.N != fl.Screened.N+fl.AwaitingScreening.N+fl.DuplicatesAtImport.N+fl.DuplicatesMarked.N ||
		fl.Screened.N != fl.Excluded.N+fl.Included.N || fl.Included.N != fl.InBrief.N+fl.FilteredOut.N {
		t.Errorf("flow does not add up: %+v", fl)
	}
	var src []string
	for _, s := range fl.Sources {
		src = append(src, s.Label+"="+strings.Join(s.Studies, ","))
	}
	if want := []string{"Grey literature=s1,s3,s4,s5,s9", "Scopus=s1,s2,s3"}; !reflect.DeepEqual(src, want) {
		t.Errorf("sources %v, want %v", src, want)
	}
	if r := fl.Reasons; len(r) != 1 || r[0].Label != "Not about labour" || r[0].N != 2 {
		t.Errorf("reasons %+v", r)
	}
	text := strings.Join(flowText(b), "\n")
	for _, want := range []string{"Records identified (n = 12); Grey literature (n = 5); Scopus (n = 3); Added without an import record (n = 4)",
		"Duplicate files found at import (same SHA-256) (n = 2)", "Studies marked as duplicates (n = 1)", "Not screened yet (n = 1)",
		"Records excluded (n = 2); Not about labour (n = 2)", "Studies included in the review (n = 6)"} {
		if !strings.Contains(text, want) {
			t.Errorf("flow lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "This brief") {
		t.Error("an unfiltered brief has no 'this brief' stage")
	}
	b = mustBuild(t, d, Filter{Countries: []string{"Qatar"}})
	if text := strings.Join(flowText(b), "\n"); !strings.Contains(text, "Left out by this brief's filters (n = 4)") || !strings.Contains(text, "Studies in this brief (n = 2)") {
		t.Errorf("filtered flow:\n%s", text)
	}
}

func TestFindingsConfidence(t *testing.T) {
	d := fixture()
	d.Confidence = []ConfidenceJudgement{
		{Theme: "t1", Level: "Moderate", Explanation: "Three studies, one of them weak", Adequacy: "minor", Coherence: "none", JudgedBy: "Ann"},
		{Theme: "t2", Scope: "sector:construction", Level: "very-low", Explanation: "Only two studies."},
	}
	b := mustBuild(t, d, Filter{})
	byName := map[string]Finding{}
	var order []string
	for _, f := range b.Findings {
		byName[f.Name] = f
		order = append(order, f.Name)
	}
	if !reflect.DeepEqual(order, []string{"Debt bondage", "Document retention", "Recruitment fees"}) {
		t.Fatalf("findings %v", order)
	}
	debt := byName["Debt bondage"]
	eqCount(t, "debt studies", debt.Studies, "s1", "s2", "s3")
	if !debt.Confidence.Judged || debt.Confidence.Level != "moderate" || debt.JudgedBy != "Ann" ||
		!debt.Coherence.Recorded || debt.Coherence.Concern != ConcernNone || debt.Limitations.Recorded {
		t.Errorf("debt %+v", debt)
	}
	if want := "Moderate confidence: moderate concerns about methodological limitations (1 of 3 studies rated low; 44% of their criterion judgements not met or not reported) and minor concerns about adequacy. Three studies, one of them weak."; debt.Confidence.Text != want {
		t.Errorf("debt text\n%q\nwant\n%q", debt.Confidence.Text, want)
	}
	// The construction judgement is for the construction brief only.
	docs := byName["Document retention"]
	if docs.Confidence.Judged || !strings.HasPrefix(docs.Confidence.Text, "Confidence not yet judged by a reviewer. Automatic summary: ") ||
		docs.Coherence.Concern != "" || !strings.Contains(docs.Coherence.Reason, "not assessed") {
		t.Errorf("document retention %+v", docs)
	}
	fees := byName["Recruitment fees"]
	if fees.Adequacy.Concern != ConcernSerious || fees.Limitations.Concern != ConcernSerious || fees.Suggested != "very low" {
		t.Errorf("fees: adequacy %q limitations %q suggested %q", fees.Adequacy.Concern, fees.Limitations.Concern, fees.Suggested)
	}
	for _, s := range b.Themes {
		for _, th := range s.Themes {
			if th.Confidence != byName[th.Name].Confidence {
				t.Errorf("%s under %s: %+v", th.Name, s.Sector, th.Confidence)
			}
		}
	}
	cons := mustBuild(t, d, Filter{Sectors: []string{"Construction"}})
	for _, f := range cons.Findings {
		switch f.Name {
		case "Document retention":
			if f.Confidence.Level != "very low" || f.JudgedScope != "sector:construction" || !strings.HasPrefix(f.Confidence.Text, "Very low confidence: ") {
				t.Errorf("construction brief's document retention %+v", f.Confidence)
			}
		case "Debt bondage":
			if f.Confidence.Level != "moderate" || f.JudgedScope != "" {
				t.Errorf("construction brief falls back to the review's judgement: %+v", f)
			}
		}
	}
}

func TestCapsAndQuotes(t *testing.T) {
	d := fixture()
	b := mustBuild(t, d, Filter{MaxThemes: 1, MaxQuotes: NoLimit})
	cons := b.Themes[1]
	if cons.Sector != "Construction" || len(cons.Themes) != 1 || cons.Total != 2 || len(cons.More) != 1 || cons.More[0].Name != "Document retention" {
		t.Fatalf("construction %+v", cons)
	}
	if b.Caps != (Caps{MaxThemes: 1, MaxQuotes: 0}) {
		t.Errorf("caps %+v", b.Caps)
	}
	md := string(render(t, b, Markdown, ""))
	for _, want := range []string{"*1 of 2 themes shown (by number of studies).*", "Also coded: Document retention (2 studies).",
		"Up to 1 themes per sector are shown in full", "a quote from every study"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// A passage is quoted once in the brief: s1's passage on debt bondage is
	// under Agriculture, so Construction quotes another study first.
	b = mustBuild(t, d, Filter{})
	seen := map[string]string{}
	for _, s := range b.Themes {
		for _, th := range s.Themes {
			for _, q := range th.Quotes {
				k := q.StudyGUID + "|" + q.Text
				if prev, ok := seen[k]; ok {
					t.Errorf("%q quoted under %s and %s", q.Text, prev, s.Sector)
				}
				seen[k] = s.Sector
			}
		}
	}
	debtCons := b.Themes[1].Themes[0]
	if debtCons.Name != "Debt bondage" || len(debtCons.Quotes) != 1 || debtCons.Quotes[0].StudyGUID != "s3" || debtCons.QuoteStudies != 2 || debtCons.QuotedAbove != 1 || debtCons.BeyondCap() != 0 {
		t.Errorf("construction debt quotes %+v (of %d studies)", debtCons.Quotes, debtCons.QuoteStudies)
	}
	if got := debtCons.Quotes[0].Attribution(); got != "(International Labour Organization 2017, p. 12; rated low for rigor)" {
		t.Errorf("attribution %q", got)
	}
}

func TestAuthorTexts(t *testing.T) {
	d := fixture()
	d.Texts = []AuthorText{
		{Kind: TextKeyFindings, Text: "Debt is everywhere.\n\n- First point\n- Second point"},
		{Kind: TextRecommendations, Scope: "sector:agriculture", Text: "Fund farm studies."},
		{Kind: TextRecommendations, Text: "   "},
	}
	b := mustBuild(t, d, Filter{})
	if b.KeyFindings.Generated || b.KeyFindings.Text != "Debt is everywhere.\n\n- First point\n- Second point" || !b.Recommendations.Generated || len(b.Recommendations.Items) == 0 {
		t.Errorf("key findings %+v, recommendations %+v", b.KeyFindings, b.Recommendations)
	}
	md := string(render(t, b, Markdown, ""))
	if !strings.Contains(md, "## Key findings\n\nDebt is everywhere.\n\n- First point\n- Second point\n") {
		t.Errorf("markdown key findings:\n%s", md[:min(len(md), 400)])
	}
	h := string(render(t, b, HTML, ""))
	if !strings.Contains(h, "<p>Debt is everywhere.</p>\n<ul>\n<li>First point</li>\n<li>Second point</li>\n</ul>") {
		t.Error("html key findings are not paragraphs and a list")
	}
	agri := mustBuild(t, d, Filter{Sectors: []string{"Agriculture"}})
	if agri.Recommendations.Text != "Fund farm studies." || !agri.KeyFindings.Generated {
		t.Errorf("agriculture brief texts %+v %+v", agri.KeyFindings, agri.Recommendations)
	}
}

func TestSeries(t *testing.T) {
	d := fixture()
	d.Studies = append(d.Studies, Study{GUID: "s11", Title: "No sector", Status: "included", Countries: []string{"India"}})
	s, err := BuildSeries(d, Filter{MinRigor: "low"}, "Sector")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range s.Items {
		got = append(got, it.Value+"="+strings.Join(it.Brief.Scope.Studies.Studies, ","))
		// Each brief keeps the review's frame.
		if len(it.Brief.Map.Sectors) != 3 || len(it.Brief.Map.Countries) != 3 {
			t.Errorf("%s map %v x %v", it.Value, it.Brief.Map.Countries, it.Brief.Map.Sectors)
		}
	}
	if want := []string{"Agriculture=s1,s2", "Construction=s1,s3,s7", "Domestic work=s4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("series %v, want %v", got, want)
	}
	eqCount(t, "unassigned", s.Unassigned) // s11 is unrated: the rigor filter leaves it out
	s, err = BuildSeries(d, Filter{Sectors: []string{"construction", "Mining"}}, PerSector)
	if err != nil || len(s.Items) != 1 || !reflect.DeepEqual(s.Skipped, []string{"Mining"}) {
		t.Errorf("listed sectors: %+v %v", s, err)
	}
	s, _ = BuildSeries(d, Filter{}, PerCountry)
	eqCount(t, "no country", s.Unassigned)
	s, _ = BuildSeries(d, Filter{}, PerSector)
	eqCount(t, "no sector", s.Unassigned, "s11")
	if _, err := BuildSeries(d, Filter{}, "method"); !errors.Is(err, ErrPer) {
		t.Errorf("per method: %v", err)
	}
	for in, want := range map[string]string{"Lao PDR": "lao-pdr", "Fishing and seafood processing": "fishing-and-seafood-processing",
		"Việt Nam": "việt-nam", "  ": "brief", "Côte d'Ivoire": "côte-d-ivoire", "ประเทศไทย": "ประเทศไทย"} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSmallWords(t *testing.T) {
	for v, want := range map[float64]string{0: "0%", 0.2: "<1%", 0.5: "1%", 33.3: "33%", 99.6: ">99%", 100: "100%"} {
		if got := pctText(v); got != want {
			t.Errorf("pctText(%v) = %q, want %q", v, got, want)
		}
	}
	c := Cell{All: Count{N: 4}, High: Count{N: 1}, Low: Count{N: 1}, Unrated: Count{N: 2}}
	if c.Split() != "H1 L1 ?2" || (Cell{Unrated: Count{N: 2}}).Split() != "?2" || (Cell{}).Split() != "" {
		t.Errorf("split %q", c.Split())
	}
	if ScopeKey(Filter{Sectors: []string{" Domestic  work", "agriculture"}, Countries: []string{"Lao PDR"}}) != "country:lao pdr;sector:agriculture,domestic work" ||
		ScopeKey(Filter{MinRigor: "high"}) != "" {
		t.Error("ScopeKey")
	}
	if ScopeLabel("") != "the whole review" || ScopeLabel("country:lao pdr;sector:agriculture,domestic work") != "lao pdr · agriculture, domestic work" {
		t.Error("ScopeLabel")
	}
	// Populations that repeat are tabulated; free text is not.
	d := fixture()
	if b := mustBuild(t, d, Filter{}); b.Methods.PopulationsTabulated {
		t.Error("4 populations over 6 studies tabulated")
	}
	for i := range d.Studies {
		d.Studies[i].Population = "Migrant workers"
	}
	if b := mustBuild(t, d, Filter{}); !b.Methods.PopulationsTabulated {
		t.Error("one population over 6 studies not tabulated")
	}
}

func TestMarkdownTemplateAsHTML(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	tmpl := "# {{md .Title}}\n\n{{.Scope.Studies.N}} studies, **{{md .Project}}**.\n\n- one\n- two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n{{figure \"flow\"}}\n"
	h := string(render(t, b, HTML, tmpl))
	for _, want := range []string{"<h1>Evidence brief: TIP sectors review</h1>", "<p>6 studies, <strong>TIP sectors review</strong>.</p>",
		"<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "<tr><th>A</th><th>B</th></tr>", `<figure class="chart"><svg`} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

func TestQuotesBeyondTheCap(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{MaxQuotes: 1})
	agri := b.Themes[0].Themes[0]
	if len(agri.Quotes) != 1 || agri.BeyondCap() != 1 || agri.QuotedAbove != 0 {
		t.Errorf("agriculture debt bondage: %d quotes, %d beyond the cap", len(agri.Quotes), agri.BeyondCap())
	}
	md := string(render(t, b, Markdown, ""))
	for _, want := range []string{"1 more study has passages on this theme (up to 1 quote per theme).", "1 more study is quoted under an earlier sector."} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// The scope sentence counts only what studies report, and says when no
// study is appraised (issue 14's smaller defects).
func TestScopeSentences(t *testing.T) {
	d := Data{Criteria: []Criterion{{GUID: "c1", Name: "Sampling"}}, Studies: []Study{
		{GUID: "a", Title: "A", Status: "included", Year: 2020},
		{GUID: "b", Title: "B", Status: "included", Year: 2021},
	}}
	md := string(render(t, mustBuild(t, d, Filter{}), Markdown, ""))
	for _, want := range []string{"published between 2020 and 2021; no study reports its country or sector. No study has been appraised for rigor yet.",
		"**Countries:** none reported.", "**Inter-coder agreement:** no study was coded independently by two reviewers, so agreement was not measured.",
		"The review's 1 rigor criterion:"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	for _, bad := range []string{"1 country", "1 sector", "appraised against"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown says %q", bad)
		}
	}
	d.Studies[0].Rating, d.Studies[0].Countries = "high", []string{"Lao PDR"}
	d.Coders, d.Appraisers = 2, 1
	md = string(render(t, mustBuild(t, d, Filter{}), Markdown, ""))
	if !strings.Contains(md, "from 1 country; no study reports its sector. 1 of the 2 studies has been appraised for rigor by 1 reviewer.") {
		t.Errorf("markdown:\n%.700s", md)
	}
}

// Every heat map column of the DOCX brief is as wide as its longest word.
func TestDOCXHeatmapWidths(t *testing.T) {
	b := mustBuild(t, synthetic(500, 500), Filter{})
	widths, size := heatmapWidths(&b.Map)
	total := 0
	for j, s := range b.Map.Sectors {
		for _, w := range strings.Fields(s) {
			if need := int(docxTextWidth(w, float64(size)/2, true) * 20); widths[j+1] < need+140 {
				t.Errorf("%s: column %d dxa, the word %q needs %d", s, widths[j+1], w, need+140)
			}
		}
		total += widths[j+1]
	}
	if total+widths[0] > docxContent || size < 12 {
		t.Errorf("widths %v (size %d) exceed the text width %d", widths, size, docxContent)
	}
}
