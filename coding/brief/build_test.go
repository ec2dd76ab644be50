package brief

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func mustBuild(t *testing.T, d Data, f Filter) *Brief {
	t.Helper()
	b, err := Build(d, f)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return b
}

func eqCount(t *testing.T, what string, got Count, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if got.N != len(want) || !reflect.DeepEqual(got.Studies, want) {
		t.Errorf("%s = %d %v, want %d %v", what, got.N, got.Studies, len(want), want)
	}
}

func TestBuildScope(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	if b.Title != "Evidence brief: TIP sectors review" {
		t.Errorf("title %q", b.Title)
	}
	sc := b.Scope
	eqCount(t, "studies", sc.Studies, "s1", "s2", "s3", "s4", "s6", "s7")
	eqCount(t, "excluded", sc.Excluded, "s5")
	eqCount(t, "to screen", sc.ToScreen, "s8")
	eqCount(t, "filtered out", sc.FilteredOut)
	eqCount(t, "double-coded", sc.DoubleCoded, "s1", "s2")
	eqCount(t, "appraised", sc.Appraised, "s1", "s2", "s3", "s4", "s6", "s7")
	if sc.CountriesReported != 3 || sc.SectorsReported != 3 {
		t.Errorf("reported %d countries, %d sectors", sc.CountriesReported, sc.SectorsReported)
	}
	eqCount(t, "consensus", sc.ConsensusAppraised, "s1", "s2", "s4", "s6", "s7")
	if sc.YearFrom != 2017 || sc.YearTo != 2021 || sc.YearUnknown.N != 0 {
		t.Errorf("years %d-%d unknown %d", sc.YearFrom, sc.YearTo, sc.YearUnknown.N)
	}
	got := map[string]int{}
	for _, c := range sc.Countries {
		got[c.Label] = c.N
	}
	if !reflect.DeepEqual(got, map[string]int{"India": 3, "Nepal": 2, "Qatar": 2}) {
		t.Errorf("countries %v", got)
	}
	if sc.Countries[0].Label != "India" || sc.Countries[1].Label != "Nepal" {
		t.Errorf("country order %v", sc.Countries)
	}
	if sc.Reviewers != 2 || sc.Agreement == nil || sc.Agreement.Value != 0.81 || len(sc.Criteria) != 3 {
		t.Errorf("reviewers/agreement/criteria %d %v %d", sc.Reviewers, sc.Agreement, len(sc.Criteria))
	}
}

func TestBuildEvidenceMap(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	m := b.Map
	if !reflect.DeepEqual(m.Countries, []string{"India", "Nepal", "Qatar"}) ||
		!reflect.DeepEqual(m.Sectors, []string{"Agriculture", "Construction", "Domestic work"}) {
		t.Fatalf("axes %v x %v", m.Countries, m.Sectors)
	}
	want := [][]int{{2, 2, 0}, {1, 0, 1}, {0, 1, 1}}
	for i := range want {
		for j := range want[i] {
			if n := m.Cells[i][j].All.N; n != want[i][j] {
				t.Errorf("cell %s/%s = %d, want %d", m.Countries[i], m.Sectors[j], n, want[i][j])
			}
		}
	}
	c := m.Cells[0][0] // India x Agriculture: s1 high, s2 medium
	eqCount(t, "India/Agriculture", c.All, "s1", "s2")
	eqCount(t, "India/Agriculture high", c.High, "s1")
	eqCount(t, "India/Agriculture medium", c.Medium, "s2")
	eqCount(t, "India/Agriculture low", c.Low)
	eqCount(t, "India/Construction high", m.Cells[0][1].High, "s1", "s7")
	eqCount(t, "Nepal/Agriculture unrated", m.Cells[1][0].Unrated, "s6")
	eqCount(t, "Qatar/Domestic low", m.Cells[2][2].Low, "s4")
	eqCount(t, "Nepal total", m.CountryTotals[1], "s4", "s6")
	eqCount(t, "Construction total", m.SectorTotals[1], "s1", "s3", "s7")
	if m.Max != 2 {
		t.Errorf("max %d", m.Max)
	}
}

func TestBuildMethodsAndRigor(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	ms := b.Methods.Methods
	if len(ms) != 3 || ms[0].Label != "Survey" || ms[0].N != 3 || ms[1].Label != "Qualitative interviews" || ms[1].N != 2 || ms[2].N != 1 {
		t.Errorf("methods %+v", ms)
	}
	eqCount(t, "survey", ms[0].Count, "s1", "s3", "s7")
	s := b.Methods.Samples
	if s.Median != 300 || s.Min != 40 || s.Max != 1200 || s.Total != 2160 {
		t.Errorf("samples %+v", s)
	}
	eqCount(t, "sample not reported", s.NotReported, "s4")
	if p := b.Methods.Populations[0]; p.Label != "Migrant workers" || p.N != 3 || p.Percent != 50 {
		t.Errorf("populations %+v", b.Methods.Populations)
	}
	c1, c2, c3 := b.Rigor.Criteria[0], b.Rigor.Criteria[1], b.Rigor.Criteria[2]
	eqCount(t, "c1 met", c1.Met, "s1", "s2", "s6", "s7")
	eqCount(t, "c1 partly", c1.Partly, "s3")
	eqCount(t, "c1 not reported", c1.NotReported, "s4")
	eqCount(t, "c2 met", c2.Met, "s1", "s6", "s7")
	eqCount(t, "c2 not met", c2.NotMet, "s2", "s3", "s4")
	eqCount(t, "c3 not met", c3.NotMet, "s3", "s6")
	eqCount(t, "c3 not appraised", c3.NotAppraised, "s4")
	if c2.NotMetPct != 50 || !b.Rigor.AnyNotAppraised {
		t.Errorf("c2 not met %% = %v, any not appraised %v", c2.NotMetPct, b.Rigor.AnyNotAppraised)
	}
	var got []string
	for _, r := range b.Rigor.Ratings {
		got = append(got, r.Label+":"+strings.Join(r.Studies, ","))
	}
	want := []string{"high:s1,s7", "medium:s2", "low:s3,s4", "not rated:s6"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ratings %v, want %v", got, want)
	}
}

func TestBuildThemes(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	if len(b.Themes) != 3 {
		t.Fatalf("sectors %d", len(b.Themes))
	}
	agri := b.Themes[0]
	if agri.Sector != "Agriculture" || len(agri.Themes) != 1 {
		t.Fatalf("agriculture %+v", agri)
	}
	debt := agri.Themes[0]
	eqCount(t, "debt studies", debt.Studies, "s1", "s2")
	if debt.Codings != 2 || debt.Parent != "Coercion" {
		t.Errorf("debt codings %d (duplicate coding by a second coder must count once)", debt.Codings)
	}
	if len(debt.Quotes) != 2 || debt.Quotes[0].Citation != "(Smith et al. 2019, p. 4)" ||
		debt.Quotes[1].Citation != "(Garcia and Chen 2021, p. 7)" {
		t.Errorf("debt quotes %+v", debt.Quotes)
	}
	cons := b.Themes[1]
	if cons.Sector != "Construction" || len(cons.Themes) != 2 || cons.Themes[0].Name != "Debt bondage" || cons.Themes[1].Name != "Document retention" {
		t.Fatalf("construction %+v", cons)
	}
	if q := cons.Themes[1].Quotes; len(q) != 2 || q[0].StudyGUID != "s7" || q[0].Citation != "(Smith 2019b, p. 3)" ||
		q[1].Citation != "(International Labour Organization 2017, p. 5)" {
		t.Errorf("document retention quotes %+v", q)
	}
	dom := b.Themes[2].Themes
	if len(dom) != 1 || dom[0].Codings != 2 || len(dom[0].Quotes) != 1 ||
		dom[0].Quotes[0].Text != "Domestic workers paid recruitment fees of up to six months' wages." {
		t.Errorf("domestic work %+v", dom)
	}
}

func TestQuoteRanking(t *testing.T) {
	cites := map[string]string{"a": "A 2000", "b": "B 2001", "c": "C 2002"}
	q := []Quote{
		{StudyGUID: "a", Text: "a fragment without a capital", Page: 1},
		{StudyGUID: "b", Text: "A complete sentence from a low study.", Page: 2},
		{StudyGUID: "c", Text: "Short.", Page: 3},
	}
	ps := []*passage{newPassage(&q[0], q[0].Text, "high"), newPassage(&q[1], q[1].Text, "low"), newPassage(&q[2], q[2].Text, "low")}
	got := pickQuotes(ps, 3, cites, nil, nil)
	if len(got) != 3 || got[0].StudyGUID != "a" || got[1].StudyGUID != "b" || got[2].StudyGUID != "c" {
		t.Errorf("order %+v", got)
	}
	if s := shorten(strings.Repeat("word ", 200), 50); len([]rune(s)) > 50 || !strings.HasSuffix(s, "…") {
		t.Errorf("shorten %q", s)
	}
}

func TestGaps(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	var got []string
	for _, g := range b.Gaps {
		got = append(got, string(g.Kind)+": "+g.Text)
	}
	want := []string{
		"empty-cell: For Agriculture, no included study covers Qatar, only one covers Nepal (Smith 2019a) and only two cover India.",
		"empty-cell: For Construction, no included study covers Nepal, only one covers Qatar (International Labour Organization 2017) and only two cover India.",
		"empty-cell: For Domestic work, no included study covers India and only one covers each of Nepal (Okafor 2020) and Qatar (Okafor 2020).",
		"uncoded-theme: No included study was coded for Unused theme.",
		"thin-theme: The finding on Recruitment fees rests on a single study (Okafor 2020).",
		"unappraised: One of the 6 studies has not been appraised for rigor yet.",
		"low-rigor-cell: The evidence on Agriculture in Nepal, Domestic work in Nepal, Construction in Qatar and Domestic work in Qatar comes only from studies rated low for rigor or not appraised.",
		"unmet-criterion: The criterion “Ethics approval” was not met by 3 of 6 studies (50%).",
		"unmet-criterion: The criterion “Triangulation” was not met by 2 of 6 studies (33%), and 1 more did not report it.",
		"low-rigor-theme: Evidence on “Recruitment fees” comes only from a study rated low for rigor (Okafor 2020).",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g := b.Gaps[0]; !reflect.DeepEqual(g.Studies, []string{"s1", "s2", "s6"}) {
		t.Errorf("agriculture gap studies %v", g.Studies)
	}
	if g := b.Gaps[7]; !reflect.DeepEqual(g.Studies, []string{"s2", "s3", "s4"}) {
		t.Errorf("criterion gap studies %v", g.Studies)
	}
	groups := map[string]int{}
	for _, g := range []string{"cell", "theme", "rigor"} {
		groups[g] = len(b.GapsIn(g))
	}
	if groups["cell"] != 3 || groups["theme"] != 2 || groups["rigor"] != 5 {
		t.Errorf("gap groups %v", groups)
	}
}

func TestFilters(t *testing.T) {
	d := fixture()
	b := mustBuild(t, d, Filter{Sectors: []string{"agriculture"}})
	eqCount(t, "agriculture", b.Scope.Studies, "s1", "s2", "s6")
	eqCount(t, "left out", b.Scope.FilteredOut, "s3", "s4", "s7")
	// The map keeps the review's frame: every country and sector, the other
	// sectors outside this brief.
	if !reflect.DeepEqual(b.Map.Sectors, []string{"Agriculture", "Construction", "Domestic work"}) ||
		!reflect.DeepEqual(b.Map.Countries, []string{"India", "Nepal", "Qatar"}) {
		t.Errorf("map axes %v %v", b.Map.Sectors, b.Map.Countries)
	}
	if c := b.Map.Cells[2][0]; c.Outside || c.All.N != 0 || !b.Map.Cells[0][1].Outside || b.Map.Cells[0][1].All.N != 0 {
		t.Errorf("Qatar x Agriculture %+v, India x Construction %+v", c, b.Map.Cells[0][1])
	}
	if b.Gaps[0].Text != "For Agriculture, no study in this brief covers Qatar, only one covers Nepal (Smith 2019) and only two cover India." {
		t.Errorf("gap %q", b.Gaps[0].Text)
	}
	if !reflect.DeepEqual(b.FilterNotes, []string{"Sectors limited to Agriculture: 3 of 6 included studies left out."}) {
		t.Errorf("notes %q", b.FilterNotes)
	}
	if b.ScopeKey != "sector:agriculture" || b.ScopeLabel != "Agriculture" || b.Title != "Evidence brief: TIP sectors review — Agriculture" {
		t.Errorf("scope %q %q, title %q", b.ScopeKey, b.ScopeLabel, b.Title)
	}
	if fl := b.Flow; fl.InBrief.N != 3 || fl.FilteredOut.N != 3 || fl.Included.N != 6 || !fl.Filtered() {
		t.Errorf("flow %+v", fl)
	}
	b = mustBuild(t, d, Filter{MinRigor: "medium"})
	eqCount(t, "medium+", b.Scope.Studies, "s1", "s2", "s7")
	b = mustBuild(t, d, Filter{YearFrom: 2019, YearTo: 2020})
	eqCount(t, "2019-2020", b.Scope.Studies, "s1", "s4", "s6", "s7")
	b = mustBuild(t, d, Filter{Methods: []string{"SURVEY"}, Countries: []string{"India", "Bangladesh"}})
	eqCount(t, "survey india", b.Scope.Studies, "s1", "s7")
	if !reflect.DeepEqual(b.Map.Countries, []string{"Bangladesh", "India", "Nepal", "Qatar"}) || b.Map.CountryTotals[0].N != 0 ||
		!b.Map.Cells[2][0].Outside || b.Map.Cells[0][0].Outside {
		t.Errorf("requested country without studies must show: %v", b.Map.Countries)
	}
	if b.Gaps[0].Text != "No study in this brief covers Bangladesh." {
		t.Errorf("gap %q", b.Gaps[0].Text)
	}
	if want := []string{"Countries limited to Bangladesh or India: 3 of 6 included studies left out.",
		"Methods limited to Survey: 3 of 6 included studies left out.",
		"Together the filters leave out 4 of 6 included studies; this brief covers 2."}; !reflect.DeepEqual(b.FilterNotes, want) {
		t.Errorf("notes %q", b.FilterNotes)
	}
	b = mustBuild(t, d, Filter{ConsensusOnly: true})
	eqCount(t, "consensus", b.Scope.Studies, "s1", "s2", "s4", "s6", "s7")
	for _, s := range b.Themes {
		for _, th := range s.Themes {
			if th.Name == "Recruitment fees" && th.Codings != 1 {
				t.Errorf("consensus-only keeps only consensus codings: %d", th.Codings)
			}
		}
	}
	// A misspelt value says which values there are and which it resembles.
	_, err := Build(d, Filter{Sectors: []string{"Agricultre"}})
	var nm *NoMatchError
	if !errors.Is(err, ErrNoStudies) || !errors.As(err, &nm) || nm.Suggestion != "Agriculture" ||
		err.Error() != `no included study has sector "Agricultre" (did you mean "Agriculture"?); the included studies' sectors are Agriculture, Construction and Domestic work` {
		t.Errorf("misspelt sector: %v", err)
	}
	if _, err := Build(d, Filter{Countries: []string{"Atlantis"}}); !errors.As(err, &nm) || nm.Suggestion != "" || nm.Field != "country" {
		t.Errorf("unknown country: %v", err)
	}
	if _, err := Build(d, Filter{Methods: []string{"Mixed methods"}, MinRigor: "high"}); !errors.Is(err, ErrNoStudies) || errors.As(err, &nm) {
		t.Errorf("no match: %v", err)
	}
	var fe *FilterError
	if _, err := Build(d, Filter{MinRigor: "excellent"}); !errors.As(err, &fe) {
		t.Errorf("bad rigor: %v", err)
	}
	if _, err := Build(d, Filter{YearFrom: 2022, YearTo: 2010}); !errors.As(err, &fe) {
		t.Errorf("bad years: %v", err)
	}
	if _, err := Build(d, Filter{MaxThemes: -2}); !errors.As(err, &fe) {
		t.Errorf("bad cap: %v", err)
	}
}

func TestTraceability(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	// Every study behind any cell must be a study of the brief that really
	// covers that country and sector.
	d := fixture()
	byID := map[string]Study{}
	for _, s := range d.Studies {
		byID[s.GUID] = s
	}
	for _, row := range b.Map.Cells {
		for _, c := range row {
			for _, g := range c.All.Studies {
				s := byID[g]
				if _, ok := b.Study(g); !ok || !anyIn(s.Countries, keySet([]string{c.Country})) || !anyIn(s.Sectors, keySet([]string{c.Sector})) {
					t.Errorf("cell %s/%s lists %s", c.Country, c.Sector, g)
				}
			}
			if c.High.N+c.Medium.N+c.Low.N+c.Unrated.N != c.All.N {
				t.Errorf("cell %s/%s split does not add up", c.Country, c.Sector)
			}
		}
	}
	if s, ok := b.Study("s1"); !ok || s.Citation != "Smith et al. 2019" || s.Rating != "high" {
		t.Errorf("Study(s1) = %+v", s)
	}
	if _, ok := b.Study("s5"); ok {
		t.Error("excluded study is in the brief")
	}
}

func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"plain text.":        "plain text.",
		"  lead and  double": "lead and double",
		"tab\there\n":        "tab here",
		"nbsp\u00a0word":     "nbsp word",
		"":                   "",
		"end ":               "end",
	} {
		if got := collapseSpace(in); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
