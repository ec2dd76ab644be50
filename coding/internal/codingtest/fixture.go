package codingtest

import (
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// Fixture is the coded project the query and export tests share (see NewFixture).
type Fixture struct {
	P                                     *corpus.Project
	Tree                                  *coding.CodeTree
	A, B, C                               string // studies Alpha fields, Beta homes, Gamma sites
	Recruit, Debt, Docs, Movement, Wages  string // codes of the default template
	ARecruit, ADebt, ADocs, AMove, AWages string // Ann's codings of study A
	BDebt, BRecruitBen, CDebt             string // Ann's codings of B and C, and Ben's of B
}

// NewFixture makes a project of three small studies (A: Nepal agriculture,
// qualitative, included; B: India domestic work and agriculture, mixed,
// coding; C: construction, to screen) coded with five themes of the default
// template by Ann, and one coding of B by Ben; see the field comments.
func NewFixture(t *testing.T) *Fixture {
	t.Helper()
	f := &Fixture{P: testkit.Project(t)}
	p := f.P
	f.Tree = Codebook(t, p)
	f.Recruit = Code(t, f.Tree, "Recruitment and deception")
	f.Debt = Code(t, f.Tree, "Debt bondage")
	f.Docs = Code(t, f.Tree, "Document confiscation")
	f.Movement = Code(t, f.Tree, "Restricted movement")
	f.Wages = Code(t, f.Tree, "Wage withholding")
	textA := "Recruiters lied about wages. Debts grew.\n\nPassports were taken.\fWorkers could not leave the farm."
	f.A = testkit.Study(t, p, "Alpha fields", textA)
	f.B = testkit.Study(t, p, "Beta homes", "Debt kept maids in homes. Agents deceived them.")
	f.C = testkit.Study(t, p, "Gamma sites", "Debt on building sites.")
	set := func(s string, a corpus.Attributes, status string) {
		if err := coding.SetAttributes(p, s, a); err != nil {
			t.Fatal(err)
		}
		Status(t, p, status, s)
	}
	set(f.A, corpus.Attributes{Title: "Alpha fields", Sectors: []string{"Agriculture"}, Countries: []string{"Nepal"}, Method: coding.MethodQualitative, Year: 2015}, "included")
	set(f.B, corpus.Attributes{Title: "Beta homes", Sectors: []string{"Domestic work", "Agriculture"}, Countries: []string{"India"}, Method: coding.MethodMixed, Year: 2020}, "coding")
	set(f.C, corpus.Attributes{Title: "Gamma sites", Sectors: []string{"Construction"}}, "to screen")
	f.ARecruit = Apply(t, p, f.A, f.Recruit, 0, 28) // "Recruiters lied about wages."
	f.AWages = Apply(t, p, f.A, f.Wages, 20, 27)    // "wages" inside it
	f.ADebt = Apply(t, p, f.A, f.Debt, 29, 40)      // "Debts grew." same paragraph, no overlap
	f.ADocs = Apply(t, p, f.A, f.Docs, 42, 63)      // "Passports were taken." next paragraph
	f.AMove = Apply(t, p, f.A, f.Movement, 64, 97)  // page 2
	f.BDebt = Apply(t, p, f.B, f.Debt, 0, 25)
	f.CDebt = Apply(t, p, f.C, f.Debt, 0, 23)
	testkit.As(t, p, testkit.Ben)
	f.BRecruitBen = Apply(t, p, f.B, f.Recruit, 26, 47)
	testkit.As(t, p, testkit.Ann)
	return f
}
