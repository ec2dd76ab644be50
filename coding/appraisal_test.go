package coding

import (
	"errors"
	"slices"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

func TestCriteria(t *testing.T) {
	p := MustProject(t)
	apCodebook(t, p)
	cs, err := Criteria(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 9 || cs[0].Path != "Rigor/Research questions stated" {
		t.Fatalf("criteria = %d, first %q", len(cs), cs[0].Path)
	}
	core := 0
	for _, c := range cs {
		if c.Core {
			core++
		}
		if c.Kind != KindRigor {
			t.Errorf("%s has kind %s", c.Path, c.Kind)
		}
	}
	if core != 4 {
		t.Fatalf("%d core criteria", core)
	}
}

func TestSetJudgementBlindAndUndo(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	s := MustStudy(t, p, "Study", "Consent was sought from every participant.\n\nWe sampled 40 workers.")
	cs, _ := Criteria(p)
	sampling := apCode(t, tree, "Sampling explained")

	// Ann judges one criterion: the appraisal is created, in progress.
	if err := SetJudgement(p, s, sampling, "Partly", "  sample described, not justified "); err != nil {
		t.Fatal(err)
	}
	a, err := AppraisalOf(p, s, apAnn.GUID)
	if err != nil || a.GUID == "" || a.Coder != apAnn.GUID || a.Rating != "" {
		t.Fatalf("Ann's appraisal %+v, %v", a, err)
	}
	if j := a.Judgements[sampling]; j.Judgement != PartlyMet || j.Justification != "sample described, not justified" {
		t.Fatalf("judgement %+v", j)
	}
	// Ben cannot see Ann's appraisal.
	b, err := AppraisalOf(p, s, apBen.GUID)
	if err != nil || b.GUID != "" || len(b.Judgements) != 0 {
		t.Fatalf("Ben sees %+v, %v", b, err)
	}
	// Ben judges everything met: his own appraisal, rated high.
	apAs(t, p, apBen)
	for _, c := range cs {
		apJudge(t, p, s, c.GUID, Met)
	}
	b, _ = AppraisalOf(p, s, apBen.GUID)
	if b.Rating != RatingHigh || len(b.Judgements) != 9 || b.GUID == a.GUID {
		t.Fatalf("Ben's appraisal %+v", b)
	}
	var stored string
	p.DB().QueryRow(`SELECT rating FROM appraisals WHERE guid = ?`, b.GUID).Scan(&stored)
	if stored != RatingHigh {
		t.Fatalf("stored rating %q", stored)
	}
	if a2, _ := AppraisalOf(p, s, apAnn.GUID); a2.Judgements[sampling].Judgement != PartlyMet {
		t.Fatal("Ben's judgements changed Ann's")
	}
	// The lead sees both.
	all, err := Appraisals(p, s)
	if err != nil || len(all) != 2 {
		t.Fatalf("Appraisals = %d, %v", len(all), err)
	}
	// Changing a judgement recomputes the rating; undo restores it.
	design := apCode(t, tree, "Design and methods described")
	consent := apCode(t, tree, "Informed consent and do-no-harm")
	apJudge(t, p, s, design, NotMet)
	apJudge(t, p, s, consent, "not reported")
	if b, _ = AppraisalOf(p, s, apBen.GUID); b.Rating != RatingLow {
		t.Fatalf("two weak core: %q", b.Rating)
	}
	MustUndo(t, p)
	if b, _ = AppraisalOf(p, s, apBen.GUID); b.Rating != RatingMedium || b.Judgements[consent].Judgement != Met {
		t.Fatalf("after undo: %q %+v", b.Rating, b.Judgements[consent])
	}
	// Clearing a verdict makes the appraisal incomplete again.
	apJudge(t, p, s, consent, "")
	if b, _ = AppraisalOf(p, s, apBen.GUID); b.Rating != "" {
		t.Fatalf("cleared verdict still rated %q", b.Rating)
	}
	// Undo of the first judgement of Ann removes her appraisal entirely.
	apAs(t, p, apAnn)
	n := countRows(t, p, "appraisals", "")
	for range 9 + 2 { // Ben's clear, design, 9 judgements (the undone consent left the history)
		MustUndo(t, p)
	}
	if got := countRows(t, p, "appraisals", ""); got != n-1 {
		t.Fatalf("appraisals after undoing Ben's work: %d, want %d", got, n-1)
	}
	MustUndo(t, p)
	if countRows(t, p, "appraisals", "") != 0 || countRows(t, p, "judgements", "") != 0 {
		t.Fatal("undo of the first judgement left rows behind")
	}
}

func TestSetJudgementErrors(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	s := MustStudy(t, p, "Study", "text")
	sampling := apCode(t, tree, "Sampling explained")
	tests := []struct {
		name                string
		study, crit, judged string
		want                error
	}{
		{"unknown judgement", s, sampling, "fine", ErrInvalidJudgement},
		{"group code", s, apCode(t, tree, "Rigor"), Met, ErrNotCriterion},
		{"theme code", s, apCode(t, tree, "Debt bondage"), Met, ErrNotCriterion},
		{"missing code", s, "nope", Met, corpus.ErrNotFound},
		{"missing study", "nope", sampling, Met, corpus.ErrNotFound},
	}
	for _, tt := range tests {
		if err := SetJudgement(p, tt.study, tt.crit, tt.judged, ""); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if countRows(t, p, "appraisals", "") != 0 {
		t.Fatal("failed judgements created an appraisal")
	}
}

func TestLinkEvidenceAndOverride(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	text := "Consent was sought from every participant. We sampled 40 workers."
	s := MustStudy(t, p, "Study", text)
	other := MustStudy(t, p, "Other", text)
	consent := apCode(t, tree, "Informed consent and do-no-harm")
	sampling := apCode(t, tree, "Sampling explained")
	c1 := apApply(t, p, s, consent, 0, 42)
	c2 := apApply(t, p, s, sampling, 43, 65)
	c3 := apApply(t, p, other, consent, 0, 42)

	if err := LinkEvidence(p, s, consent, c1, c1); err != nil {
		t.Fatal(err)
	}
	MustUndo(t, p)
	if countRows(t, p, "appraisals", "") != 0 || countRows(t, p, "judgements", "") != 0 {
		t.Fatal("undo of the first link left rows")
	}
	MustRedo(t, p)
	a, _ := AppraisalOf(p, s, apAnn.GUID)
	if j := a.Judgements[consent]; !slices.Equal(j.Links, []string{c1}) || j.Judgement != "" {
		t.Fatalf("links %+v", j)
	}
	apJudge(t, p, s, consent, Met)
	if a, _ = AppraisalOf(p, s, apAnn.GUID); !slices.Equal(a.Judgements[consent].Links, []string{c1}) {
		t.Fatal("judging dropped the evidence links")
	}
	for name, c := range map[string]string{"other code": c2, "other study": c3} {
		if err := LinkEvidence(p, s, consent, c); !errors.Is(err, ErrEvidence) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := LinkEvidence(p, s, consent, "missing"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("missing coding: %v", err)
	}
	if err := UnlinkEvidence(p, s, consent, c1); err != nil {
		t.Fatal(err)
	}
	if a, _ = AppraisalOf(p, s, apAnn.GUID); len(a.Judgements[consent].Links) != 0 {
		t.Fatal("unlink kept the link")
	}
	MustUndo(t, p)
	if a, _ = AppraisalOf(p, s, apAnn.GUID); !slices.Equal(a.Judgements[consent].Links, []string{c1}) {
		t.Fatal("undo of unlink lost the link")
	}

	// Override needs a valid rating and a reason; empty removes it.
	if err := OverrideRating(p, a.GUID, RatingLow, " "); !errors.Is(err, ErrOverrideReason) {
		t.Fatalf("override without reason: %v", err)
	}
	if err := OverrideRating(p, a.GUID, "great", "x"); !errors.Is(err, ErrInvalidRating) {
		t.Fatalf("bad rating: %v", err)
	}
	if err := OverrideRating(p, a.GUID, "Low", "sample of 4 only"); err != nil {
		t.Fatal(err)
	}
	a, _ = AppraisalOf(p, s, apAnn.GUID)
	if a.Override != RatingLow || a.OverrideReason != "sample of 4 only" || a.FinalRating() != RatingLow {
		t.Fatalf("override %+v", a)
	}
	MustUndo(t, p)
	if a, _ = AppraisalOf(p, s, apAnn.GUID); a.Override != "" {
		t.Fatal("undo kept the override")
	}
	MustRedo(t, p)
	if err := OverrideRating(p, a.GUID, "", "ignored"); err != nil {
		t.Fatal(err)
	}
	if a, _ = AppraisalOf(p, s, apAnn.GUID); a.Override != "" || a.OverrideReason != "" {
		t.Fatalf("removed override %+v", a)
	}
	if err := OverrideRating(p, "missing", RatingLow, "x"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing appraisal: %v", err)
	}
}

func TestAppraisalStatusesAndConsensus(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	s1 := MustStudy(t, p, "One", "x")
	s2 := MustStudy(t, p, "Two", "y")
	MustStudy(t, p, "Three", "z")
	cs, _ := Criteria(p)
	for _, c := range cs {
		apJudge(t, p, s1, c.GUID, Met)
	}
	apAs(t, p, apBen)
	apJudge(t, p, s1, cs[0].GUID, NotMet)
	apJudge(t, p, s2, cs[0].GUID, Met)
	// Ben links evidence on s2 without judging: his appraisal exists, progress none.
	apAs(t, p, apAnn)
	ev := apApply(t, p, s2, cs[1].GUID, 0, 1)
	if err := LinkEvidence(p, s2, cs[1].GUID, ev); err != nil {
		t.Fatal(err)
	}
	st, err := AppraisalStatuses(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 2 {
		t.Fatalf("statuses for %d studies", len(st))
	}
	one := st[s1]
	if one.ByCoder[apAnn.GUID] != ProgressComplete || one.ByCoder[apBen.GUID] != ProgressInProgress ||
		one.Reviewers != 2 || one.Complete != 1 || one.Consensus != ProgressNone {
		t.Fatalf("study one %+v", one)
	}
	two := st[s2]
	if two.ByCoder[apAnn.GUID] != ProgressNone || two.ByCoder[apBen.GUID] != ProgressInProgress || two.Reviewers != 1 {
		t.Fatalf("study two %+v", two)
	}
	// A criterion added to the codebook makes complete appraisals incomplete.
	if _, err := CreateCode(p, Code{Parent: apCode(t, tree, "Rigor"), Name: "Reflexivity", Kind: KindRigor}); err != nil {
		t.Fatal(err)
	}
	if st, _ = AppraisalStatuses(p); st[s1].ByCoder[apAnn.GUID] != ProgressInProgress {
		t.Fatalf("after new criterion %+v", st[s1])
	}
	if a, _ := AppraisalOf(p, s1, apAnn.GUID); a.Rating != "" {
		t.Fatalf("rating with an unjudged new criterion: %q", a.Rating)
	}
	MustUndo(t, p)

	// Consensus: stored as one action, replaces an earlier consensus, and is shown last.
	js := map[string]Judgement{}
	for _, c := range cs {
		js[c.GUID] = Judgement{Judgement: Met, Justification: "agreed"}
	}
	js[cs[1].GUID] = Judgement{Judgement: NotMet, Justification: "agreed", Links: []string{"x"}}
	if _, err := SaveConsensusAppraisal(p, Appraisal{Study: s1, Judgements: js, Override: "medium"}); !errors.Is(err, ErrOverrideReason) {
		t.Fatalf("override without reason: %v", err)
	}
	bad := map[string]Judgement{apCode(t, tree, "Debt bondage"): {Judgement: Met}}
	if _, err := SaveConsensusAppraisal(p, Appraisal{Study: s1, Judgements: bad}); !errors.Is(err, ErrNotCriterion) {
		t.Fatalf("theme in consensus: %v", err)
	}
	g1, err := SaveConsensusAppraisal(p, Appraisal{Study: s1, Judgements: js})
	if err != nil {
		t.Fatal(err)
	}
	js[cs[2].GUID] = Judgement{Judgement: PartlyMet}
	g2, err := SaveConsensusAppraisal(p, Appraisal{Study: s1, Judgements: js, Override: "Low", OverrideReason: "team view"})
	if err != nil || g2 == g1 {
		t.Fatalf("second consensus %q %v", g2, err)
	}
	if n := countRows(t, p, "appraisals", "consensus = 1"); n != 1 {
		t.Fatalf("%d consensus appraisals", n)
	}
	c, _ := ConsensusAppraisal(p, s1)
	if c.GUID != g2 || !c.Consensus || c.Judgements[cs[2].GUID].Judgement != PartlyMet || c.FinalRating() != RatingLow ||
		c.Rating != RatingMedium || c.Coder != apAnn.GUID || !slices.Equal(c.Judgements[cs[1].GUID].Links, []string{"x"}) {
		t.Fatalf("consensus %+v", c)
	}
	all, _ := Appraisals(p, s1)
	if len(all) != 3 || !all[2].Consensus {
		t.Fatalf("Appraisals order: %d, last consensus %v", len(all), all[len(all)-1].Consensus)
	}
	if a, _ := AppraisalOf(p, s1, apAnn.GUID); a.Consensus || a.GUID == g2 {
		t.Fatal("AppraisalOf returned the consensus appraisal")
	}
	if st, _ = AppraisalStatuses(p); st[s1].Consensus != ProgressComplete {
		t.Fatalf("consensus progress %q", st[s1].Consensus)
	}
	MustUndo(t, p)
	if c, _ = ConsensusAppraisal(p, s1); c.GUID != g1 {
		t.Fatalf("undo restored consensus %q, want %q", c.GUID, g1)
	}
}

func TestAppraisalForm(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	s := MustStudy(t, p, "Study", "text")
	f, err := Form(p, s, apAnn.GUID)
	if err != nil || len(f.Rows) != 9 || f.Progress != ProgressNone || f.Appraisal.GUID != "" || f.Result.Rating != "" {
		t.Fatalf("empty form %+v %v", f, err)
	}
	sampling := apCode(t, tree, "Sampling explained")
	apJudge(t, p, s, sampling, NotMet)
	f, _ = Form(p, s, apAnn.GUID)
	if f.Progress != ProgressInProgress || f.Rows[2].Criterion.GUID != sampling || f.Rows[2].Judgement.Judgement != NotMet ||
		!f.Rows[2].Criterion.Core || f.Rows[0].Judgement.Criterion != f.Rows[0].Criterion.GUID {
		t.Fatalf("form after one judgement %+v", f.Rows[2])
	}
	for _, r := range f.Rows {
		if r.Judgement.Judgement == "" {
			apJudge(t, p, s, r.Criterion.GUID, Met)
		}
	}
	f, _ = Form(p, s, apAnn.GUID)
	if f.Progress != ProgressComplete || f.Result.Rating != RatingMedium {
		t.Fatalf("complete form: %s %q", f.Progress, f.Result.Rating)
	}
	if g, _ := Form(p, s, apBen.GUID); g.Progress != ProgressNone {
		t.Fatal("Ben's form shows Ann's judgements")
	}
}
