package exchange

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestImportReferences(t *testing.T) {
	p := testkit.Project(t)
	mekong := testkit.Study(t, p, "mekong-final", "Journal of Human Trafficking\nhttps://doi.org/10.1080/23322705.2018.1234567\nDebt bondage...")
	yangon := testkit.Study(t, p, "GARMENT FACTORIES OF YANGON", "text")
	thai := testkit.Study(t, p, "แรงงานข้ามชาติในภาคประมง.", "ข้อความ")
	qatar := testkit.Study(t, p, "Recruitment of construction workers in Qatr", "text")
	other := testkit.Study(t, p, "Unrelated study", "text")
	if err := coding.SetAttributes(p, qatar, corpus.Attributes{Title: "Recruitment of construction workers in Qatr", Year: 2017,
		Countries: []string{"Qatar"}, PubType: "NGO report", Authors: names.ParseTexts([]string{"ILO"})}); err != nil {
		t.Fatal(err)
	}
	ris := string(mustRead(t, "testdata/zotero.ris")) + `
TY  - RPRT
TI  - Recruitment of construction workers in Qatar
AU  - International Labour Organization
PY  - 2017
PB  - ILO
ER  - 

TY  - JOUR
TI  - A study nobody imported
PY  - 2011
ER  - 

TY  - RPRT
TI  - Garment Factories of Yangon
PY  - 2020
ER  - 
`
	refs, err := ParseReferences([]byte(ris))
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]corpus.Study{}
	for _, g := range []string{mekong, yangon, thai, qatar, other} {
		before[g] = testkit.GetStudy(t, p, g)
	}
	dry, err := ImportReferences(context.Background(), p, refs, ReferenceOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	for g, s := range before {
		if now := testkit.GetStudy(t, p, g); !reflect.DeepEqual(now.Attributes, s.Attributes) {
			t.Fatalf("dry run changed %s", s.Title)
		}
	}
	rep, err := ImportReferences(context.Background(), p, refs, ReferenceOptions{Label: "Import references from refs.ris"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dry.Matched, rep.Matched) || rep.Changed != dry.Changed || !dry.DryRun || rep.DryRun {
		t.Errorf("dry run and import differ")
	}
	by := map[string]ReferenceMatch{}
	for _, m := range rep.Matched {
		by[m.Study] = m
	}
	if m := by[mekong]; m.By != MatchDOI || m.Reference.Line != 1 {
		t.Errorf("mekong matched %+v", m)
	}
	if m := by[yangon]; m.By != MatchTitle || m.Reference.Line != 11 {
		t.Errorf("yangon matched %+v (the first of two references with its title wins)", m)
	}
	if m := by[thai]; m.By != MatchTitle {
		t.Errorf("thai matched %+v", m)
	}
	if m := by[qatar]; m.By != MatchSimilarTitle || m.Score < 0.9 {
		t.Errorf("qatar matched %+v", m)
	}
	if _, ok := by[other]; ok || len(rep.Matched) != 4 || rep.Changed != 4 || rep.References != 6 {
		t.Errorf("matched %d, changed %d of %d", len(rep.Matched), rep.Changed, rep.References)
	}
	if len(rep.Unmatched) != 2 || !strings.Contains(rep.Unmatched[0].Reason, "no study has this DOI or a title like it") ||
		!strings.Contains(rep.Unmatched[1].Reason, "same study as the reference on line 11") {
		t.Errorf("unmatched %+v", rep.Unmatched)
	}
	s := testkit.GetStudy(t, p, mekong)
	if s.Title != "Debt bondage in the Mekong delta: evidence from rice farms" || s.Year != 2018 || s.DOI != "10.1080/23322705.2018.1234567" ||
		names.JoinText(s.Authors) != "Nguyen Van Minh; Tran Thi Lan" || s.Publisher != "Journal of Human Trafficking" || s.PubType != "Journal article" {
		t.Errorf("mekong after import %+v", s.Attributes)
	}
	q := testkit.GetStudy(t, p, qatar)
	if q.Title != "Recruitment of construction workers in Qatar" || q.PubType != "NGO report" || q.Publisher != "ILO" ||
		!reflect.DeepEqual(q.Countries, []string{"Qatar"}) || names.JoinText(q.Authors) != "International Labour Organization" {
		t.Errorf("qatar: title corrected, type kept, publisher filled, countries untouched: %+v", q.Attributes)
	}
	var titleChange FieldChange
	for _, c := range by[qatar].Changes {
		if c.Field == coding.FieldTitle {
			titleChange = c
		}
	}
	if titleChange.Old != "Recruitment of construction workers in Qatr" || titleChange.New != "Recruitment of construction workers in Qatar" {
		t.Errorf("title change %+v", titleChange)
	}
	// One action: one undo restores every study.
	testkit.Undo(t, p)
	for g, s := range before {
		if now := testkit.GetStudy(t, p, g); !reflect.DeepEqual(now.Attributes, s.Attributes) {
			t.Errorf("undo left %s changed: %+v", s.Title, now.Attributes)
		}
	}
	// Importing the same file twice changes nothing the second time.
	ImportReferences(context.Background(), p, refs, ReferenceOptions{})
	if again, _ := ImportReferences(context.Background(), p, refs, ReferenceOptions{}); again.Changed != 0 {
		t.Errorf("second import changed %d studies", again.Changed)
	}
}

func TestTitleSimilarity(t *testing.T) {
	if normTitle("Lao động: cưỡng bức!") != "lao dong cuong buc" || normTitle("  แรงงาน  ข้ามชาติ ") != "แรงงาน ข้ามชาติ" {
		t.Errorf("normTitle %q %q", normTitle("Lao động: cưỡng bức!"), normTitle("  แรงงาน  ข้ามชาติ "))
	}
	a, b := letterPairs(normTitle("Recruitment of construction workers in Qatar")), letterPairs(normTitle("Recruitment of construction workers in Qatr"))
	if d := dice(a, b); d < 0.9 || d > 0.99 {
		t.Errorf("dice %.3f", d)
	}
	if d := dice(a, letterPairs(normTitle("Domestic work in the Gulf"))); d > 0.5 {
		t.Errorf("unrelated titles %.3f", d)
	}
}
