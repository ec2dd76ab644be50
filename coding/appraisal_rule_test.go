package coding

import (
	"fmt"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
)

func TestCoreCriteriaInDefaultTemplate(t *testing.T) {
	tpl := assets.DefaultTemplate()
	for _, name := range CoreCriteria {
		c, ok := tpl.Find(name)
		if !ok || c.Kind != assets.KindRigor || len(c.Children) != 0 {
			t.Errorf("core criterion %q is not a rigor leaf of the default template", name)
		}
	}
	for name, want := range map[string]bool{
		"Informed consent & do no harm": true, " sampling  EXPLAINED ": true, "Analysis-transparent": true,
		"Design and methods described": true, "Sampling": false, "Limitations acknowledged": false, "": false,
	} {
		if IsCoreCriterion(name) != want {
			t.Errorf("IsCoreCriterion(%q) = %v", name, !want)
		}
	}
}

// ruleCriteria makes n criteria, the first `core` of them core.
func ruleCriteria(n, core int) []Criterion {
	out := make([]Criterion, n)
	for i := range out {
		out[i] = Criterion{Code: Code{GUID: fmt.Sprintf("c%d", i), Name: fmt.Sprintf("criterion %d", i), Kind: KindRigor}, Core: i < core}
	}
	return out
}

// judged gives the criteria judgements in order: m = met, p = partly met,
// n = not met, r = not reported, - = not judged.
func judged(pattern string) map[string]Judgement {
	codes := map[byte]string{'m': Met, 'p': PartlyMet, 'n': NotMet, 'r': NotReported}
	out := map[string]Judgement{}
	for i := 0; i < len(pattern); i++ {
		if j, ok := codes[pattern[i]]; ok {
			out[fmt.Sprintf("c%d", i)] = Judgement{Criterion: fmt.Sprintf("c%d", i), Judgement: j}
		}
	}
	return out
}

func TestRateBranches(t *testing.T) {
	// Nine criteria like the default codebook, the first four core.
	tests := []struct {
		name, pattern string
		core, n       int
		want          string
		why           string
	}{
		{"all met", "mmmmmmmmm", 4, 9, RatingHigh, "9 of 9"},
		{"high at exactly 75%", "mmmmmmpp", 4, 8, RatingHigh, "6 of 8 criteria met (75%)"},
		{"high with a weak non-core", "mmmmmmmnr", 4, 9, RatingHigh, "7 of 9"},
		{"partly met core keeps high", "pmmmmmmmm", 4, 9, RatingHigh, "8 of 9"},
		{"one core not met is medium", "nmmmmmmmm", 4, 9, RatingMedium, "1 core criterion"},
		{"one core not reported is medium", "mmmrmmmmm", 4, 9, RatingMedium, "1 core criterion"},
		{"below 75% is medium", "mmmmmmppp", 4, 9, RatingMedium, "fewer than 75%"},
		{"exactly 40% is medium", "mmpppmmppp", 4, 10, RatingMedium, "4 of 10"},
		{"two core weak is low", "nrmmmmmmm", 4, 9, RatingLow, "2 core criteria"},
		{"below 40% is low", "pppmmmppp", 4, 9, RatingLow, "fewer than 40%"},
		{"everything not reported", "rrrrrrrrr", 4, 9, RatingLow, "4 core criteria"},
		{"no core criteria: thresholds only", "mmmn", 0, 4, RatingHigh, "no core criteria"},
		{"no core criteria, low", "mppp", 0, 4, RatingLow, "fewer than 40%"},
		{"incomplete has no rating", "mmmmmmmm-", 4, 9, "", "8 of 9 criteria judged"},
		{"nothing judged", "---------", 4, 9, "", "0 of 9"},
		{"no criteria", "", 0, 0, "", "no rigor criteria"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Rate(ruleCriteria(tt.n, tt.core), judged(tt.pattern))
			if r.Rating != tt.want || !strings.Contains(r.Why, tt.why) {
				t.Fatalf("Rate(%s) = %q (%s), want %q (%s)", tt.pattern, r.Rating, r.Why, tt.want, tt.why)
			}
			if r.Complete() != (tt.want != "") {
				t.Fatalf("Complete = %v", r.Complete())
			}
		})
	}
	// Judgements of codes that are not criteria are ignored.
	js := judged("mmmmmmmmm")
	js["stray"] = Judgement{Judgement: NotMet}
	if r := Rate(ruleCriteria(9, 4), js); r.Rating != RatingHigh || r.Judged != 9 {
		t.Fatalf("stray judgement: %+v", r)
	}
}

func TestNormaliseJudgementAndRating(t *testing.T) {
	for in, want := range map[string]string{"Met": Met, "partly": PartlyMet, "partly_met": PartlyMet, "NOT-MET": NotMet,
		"not  reported": NotReported, "": ""} {
		if got, err := NormaliseJudgement(in); err != nil || got != want {
			t.Errorf("NormaliseJudgement(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := NormaliseJudgement("maybe"); err == nil {
		t.Error("maybe accepted")
	}
	if r, err := NormaliseRating(" High"); err != nil || r != RatingHigh {
		t.Errorf("NormaliseRating = %q, %v", r, err)
	}
	if _, err := NormaliseRating("excellent"); err == nil {
		t.Error("excellent accepted")
	}
}
