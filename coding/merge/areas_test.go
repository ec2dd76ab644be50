package merge

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// addArea codes a rectangle of page 0 of a Letter page.
func addArea(tb testing.TB, p *corpus.Project, study, code string, r coding.Rect, label string) coding.Area {
	tb.Helper()
	return must(coding.ApplyArea(p, coding.PageArea{Study: study, Rect: r, PageW: 612, PageH: 792, Label: label}, code, ""))(tb)
}

func TestMergeAreas(t *testing.T) {
	f := newFixture(t)
	t1 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	table := coding.Rect{X0: 72, Y0: 100, X1: 540, Y1: 300}
	a := openAs(t, f.a, ann, t1)
	annTable := addArea(t, a, f.s1, f.wages, table, "table")
	a.Close()
	b := openAs(t, f.b, bob, t1.Add(time.Hour))
	bobTable := addArea(t, b, f.s1, f.wages, coding.Rect{X0: 72.4, Y0: 99.6, X1: 540, Y1: 300.5}, "table")
	bobFigure := addArea(t, b, f.xB, f.debtB, coding.Rect{X0: 10, Y0: 400, X1: 300, Y1: 700}, "figure")
	b.Close()

	m := openAs(t, f.master, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	// The master already has Ann's table under another identity (say, from a
	// REFI-QDA file): it is recognised as the same area.
	err := m.Do("Import", func(tx *corpus.Tx) error {
		_, err := coding.AddAreaTx(tx, coding.Area{PageArea: coding.PageArea{Study: f.s1, Rect: table, PageW: 612, PageH: 792},
			Code: f.wages, Coder: ann.GUID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := mergeFile(t, m, f.a, Resolutions{})
	if rep.New.Areas != 0 || count(t, m, `SELECT COUNT(*) FROM areas`) != 1 {
		t.Fatalf("the same area came in twice: %+v", rep.New)
	}
	rep = mergeFile(t, m, f.b, Resolutions{})
	if rep.New.Areas != 2 || !strings.Contains(rep.String(), "2 area codings") {
		t.Fatalf("merge B: %+v\n%s", rep.New, rep)
	}
	// Bob's figure is on the master's copy of X (matched by its PDF) and on
	// A's Debt, onto which B's "debt" was mapped.
	fig := must(coding.GetArea(m, bobFigure.GUID))(t)
	if fig.Study != f.xA || fig.Code != f.debtA || fig.Rect != bobFigure.Rect || fig.Coder != bob.GUID || fig.Label != "figure" {
		t.Fatalf("Bob's figure in the master %+v", fig)
	}
	if problems, err := m.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	// One undo takes the merge back, areas included; redo brings them again.
	must(m.Undo(context.Background()))(t)
	if n := count(t, m, `SELECT COUNT(*) FROM areas`); n != 1 {
		t.Fatalf("%d areas after undoing the merge", n)
	}
	must(m.Redo(context.Background()))(t)
	if got := must(coding.GetArea(m, bobFigure.GUID))(t); got != fig {
		t.Fatalf("after redo %+v, want %+v", got, fig)
	}
	// Merging again brings nothing.
	if rep := mergeFile(t, m, f.b, Resolutions{}); rep.New.Areas != 0 || rep.Changed() {
		t.Fatalf("second merge of B: %+v", rep.New)
	}
	// Bob relabels his table afterwards: the master keeps its version and
	// says so.
	b = openAs(t, f.b, bob, t1.Add(3*time.Hour))
	if err := coding.SetAreaLabel(b, bobTable.GUID, "wage table"); err != nil {
		t.Fatal(err)
	}
	b.Close()
	rep = mergeFile(t, m, f.b, Resolutions{})
	if len(rep.AreaConflicts) != 1 || rep.AreaConflicts[0].Area != bobTable.GUID || rep.AreaConflicts[0].Place != "table on p. 1" ||
		!strings.Contains(rep.AreaConflicts[0].Differs, `label "wage table" instead of "table"`) || !strings.Contains(rep.String(), "master's kept") {
		t.Fatalf("area conflicts %+v\n%s", rep.AreaConflicts, rep)
	}
	if got := must(coding.GetArea(m, bobTable.GUID))(t); got.Label != "table" {
		t.Fatalf("the master's area changed: %+v", got)
	}
	if n := count(t, m, `SELECT COUNT(*) FROM areas WHERE guid = ?`, annTable.GUID); n != 0 {
		t.Fatalf("Ann's table came in beside the master's copy of it")
	}

	// Reconciliation lists the areas by place.
	items := must(AreaItems(m))(t)
	if len(items) != 2 {
		t.Fatalf("area items %+v", items)
	}
	var onS1, onX AreaItem
	for _, it := range items {
		if it.Study == f.s1 {
			onS1 = it
		} else {
			onX = it
		}
	}
	if !slices.Equal(onS1.CodedBy, []string{"Ann", "Bob"}) || len(onS1.NotCodedBy) != 0 || !onS1.Agreed || len(onS1.Areas) != 2 ||
		onS1.Describe() != "table on p. 1" || onS1.Page != 1 {
		t.Errorf("S1 item %+v", onS1)
	}
	if !slices.Equal(onX.CodedBy, []string{"Bob"}) || !slices.Equal(onX.NotCodedBy, []string{"Ann"}) || onX.Agreed || onX.Consensus != "" {
		t.Errorf("X item %+v", onX)
	}
	acc := must(AcceptArea(m, bobFigure.GUID))(t)
	if len(acc) != 1 || !acc[0].Consensus || acc[0].Coder != lead.GUID || acc[0].Rect != bobFigure.Rect {
		t.Fatalf("accepted %+v", acc)
	}
	if again := must(AcceptArea(m, bobFigure.GUID))(t); len(again) != 0 {
		t.Fatalf("accepted twice: %+v", again)
	}
	for _, it := range must(AreaItems(m))(t) {
		if it.Item == onX.Item && (it.Consensus != acc[0].GUID || !strings.Contains(it.Decision, "accepted Bob's figure on p. 1")) {
			t.Errorf("after accepting: %+v", it)
		}
	}
}
