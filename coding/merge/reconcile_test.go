package merge

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestReconcile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.ewb")
	p := openAs(t, path, ann, time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC))
	s := addStudy(t, p, "S", "%PDF s", strings.Repeat("abcdefghij", 10))
	x := must(coding.CreateCode(p, coding.Code{Name: "X"}))(t)
	crit := must(coding.CreateCode(p, coding.Code{Name: "Analysis transparent", Kind: coding.KindRigor}))(t)
	annCoding := must(coding.ApplyCode(p, s, x, 0, 40, ""))(t)
	if err := coding.SetJudgement(p, s, crit, coding.Met, ""); err != nil {
		t.Fatal(err)
	}
	setCoder := func(c corpus.Coder) {
		if err := p.SetCoder(c); err != nil {
			t.Fatal(err)
		}
	}
	setCoder(bob)
	must(coding.ApplyCode(p, s, x, 20, 60, ""))(t)
	if err := coding.SetJudgement(p, s, crit, coding.NotMet, ""); err != nil {
		t.Fatal(err)
	}
	setCoder(lead)

	items := must(Items(ctx, p, agreement.Options{}))(t)
	if len(items) != 3 || items[0].Item != agreement.PassageItem(s, x, 0, 20) || items[1].Item != agreement.PassageItem(s, x, 40, 60) ||
		items[2].Item != agreement.AppraisalItem(s, crit) || items[0].Decision != "" {
		t.Fatalf("items %+v", items)
	}
	for i := 0; i < 2; i++ { // accepting twice adds nothing the second time
		cs := must(AcceptCoding(p, annCoding.GUID))(t)
		if len(cs) != 1 || !cs[0].Consensus || cs[0].Coder != lead.GUID || cs[0].Start != 0 || cs[0].End != 40 {
			t.Fatalf("accepted %+v", cs)
		}
	}
	if n := count(t, p, `SELECT COUNT(*) FROM codings WHERE consensus = 1`); n != 1 {
		t.Errorf("%d consensus codings", n)
	}
	dec := must(Decided(p))(t)
	if !strings.Contains(dec[items[0].Item], "Ann") || dec[items[1].Item] != "" {
		t.Errorf("decided after accept: %v", dec)
	}
	c := must(AcceptSpan(p, s, x, 40, 50))(t)
	if c.Quote != "abcdefghij" || !c.Consensus {
		t.Errorf("span %+v", c)
	}
	if _, err := AcceptSpan(p, s, x, 90, 120); err == nil {
		t.Error("span outside the text accepted")
	}
	if n := count(t, p, `SELECT COUNT(*) FROM codings WHERE consensus = 0`); n != 2 {
		t.Errorf("originals: %d", n)
	}
	// Consensus codings do not count as a coder's work in agreement.
	r := must(agreement.Compute(ctx, p, agreement.Options{}))(t)
	if len(r.Coders) != 2 || r.Overall.Percent != 0.6 {
		t.Errorf("agreement after reconciliation: coders %v percent %v", r.Coders, r.Overall.Percent)
	}
	must(ConsensusAppraisal(p, s, map[string]coding.Judgement{crit: {Judgement: coding.Met, Justification: "agreed"}}))(t)
	items = must(Items(ctx, p, agreement.Options{}))(t)
	for _, it := range items {
		if it.Decision == "" || it.DecidedBy != lead.GUID {
			t.Errorf("undecided after reconciliation: %+v", it)
		}
	}
	if n := count(t, p, `SELECT COUNT(*) FROM appraisals WHERE consensus = 1 AND coder = ?`, lead.GUID); n != 1 {
		t.Errorf("%d consensus appraisals", n)
	}
	// Undo takes back the last marks; a decision can be changed.
	must(p.Undo(ctx))(t)
	if d := must(Decided(p))(t); d[agreement.AppraisalItem(s, crit)] != "" || len(d) != 2 {
		t.Errorf("after undo: %v", d)
	}
	if err := MarkDecided(p, "kept both readings", items[1].Item); err != nil {
		t.Fatal(err)
	}
	if d := must(Decided(p))(t); d[items[1].Item] != "kept both readings" {
		t.Errorf("changed decision: %v", d)
	}
	if err := MarkDecided(p, " ", items[1].Item); err == nil {
		t.Error("empty decision accepted")
	}
}
