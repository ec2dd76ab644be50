package coding

import (
	"errors"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// snapshot captures the rows the codebook operations touch, to compare
// before and after undo.
func snapshot(tb testing.TB, p *corpus.Project) string {
	tb.Helper()
	var s string
	for _, q := range []string{
		`SELECT group_concat(guid || ':' || parent || ':' || name || ':' || position, ';') FROM (SELECT * FROM codes ORDER BY guid)`,
		`SELECT group_concat(guid || ':' || code || ':' || memo, ';') FROM (SELECT * FROM codings ORDER BY guid)`,
		`SELECT group_concat(guid || ':' || target || ':' || text, ';') FROM (SELECT * FROM memos ORDER BY guid)`,
	} {
		var part *string
		if err := p.DB().QueryRow(q).Scan(&part); err != nil {
			tb.Fatal(err)
		}
		if part != nil {
			s += *part
		}
		s += "|"
	}
	return s
}

func mustApply(tb testing.TB, p *corpus.Project, study, code string, start, end int) Coding {
	tb.Helper()
	c, err := ApplyCode(p, study, code, start, end, "")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestMergeCodes(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "Study one", "Workers reported debt bondage and passport confiscation.")
	from := mustCode(t, p, "", "Debt")
	into := mustCode(t, p, "", "Debt bondage")
	fKid := mustCode(t, p, from, "Loans")
	fSame := mustCode(t, p, from, "Recruitment fees")
	iSame := mustCode(t, p, into, "Recruitment fees")
	mustCode(t, p, "", "Other")

	moved := mustApply(t, p, st, from, 17, 29)
	dup := mustApply(t, p, st, from, 0, 7)
	kept := mustApply(t, p, st, into, 0, 7)
	sub := mustApply(t, p, st, fSame, 34, 42)
	if err := SetCodingMemo(p, dup.GUID, "note on the duplicate"); err != nil {
		t.Fatal(err)
	}
	if err := SetMemo(p, MemoCode, from, "merge me"); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, p)

	if err := MergeCodes(p, from, into); err != nil {
		t.Fatal(err)
	}
	if _, err := ResolveCode(p, from); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("from still there: %v", err)
	}
	if _, err := ResolveCode(p, fSame); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("same-named child should be merged: %v", err)
	}
	if got := paths(t, p); got != "Debt bondage, Debt bondage/Recruitment fees, Debt bondage/Loans, Other" {
		t.Fatalf("codebook = %s", got)
	}
	if c, _ := ResolveCode(p, fKid); c.Parent != into {
		t.Fatalf("child not re-parented: %+v", c)
	}
	if c, err := GetCoding(p, moved.GUID); err != nil || c.Code != into {
		t.Fatalf("coding not moved: %+v %v", c, err)
	}
	if _, err := GetCoding(p, dup.GUID); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("duplicate kept: %v", err)
	}
	if c, _ := GetCoding(p, kept.GUID); c.Memo != "note on the duplicate" {
		t.Fatalf("duplicate's memo lost: %+v", c)
	}
	if c, _ := GetCoding(p, sub.GUID); c.Code != iSame {
		t.Fatalf("sub-code coding not merged: %+v", c)
	}
	if ms, _ := Memos(p, MemoCode, into); len(ms) != 1 || ms[0].Text != "merge me" {
		t.Fatalf("memo not moved: %+v", ms)
	}
	if n := p.CanUndo(); n != "Merge code Debt into Debt bondage" {
		t.Fatalf("undo label %q", n)
	}
	MustUndo(t, p)
	if got := snapshot(t, p); got != before {
		t.Fatalf("undo did not restore:\n%s\n%s", got, before)
	}
	MustRedo(t, p)
	if countRows(t, p, "codes", "guid = ?", from) != 0 {
		t.Fatal("redo did not merge")
	}

	if err := MergeCodes(p, into, into); !errors.Is(err, ErrMergeSelf) {
		t.Fatalf("self merge: %v", err)
	}
	if err := MergeCodes(p, into, iSame); !errors.Is(err, ErrMergeSelf) {
		t.Fatalf("merge into own child: %v", err)
	}
}

func TestMergeCodesKeepsPositions(t *testing.T) {
	p := MustProject(t)
	from := mustCode(t, p, "", "From")
	into := mustCode(t, p, "", "Into")
	mustCode(t, p, "", "After")
	mustCode(t, p, into, "I1")
	mustCode(t, p, into, "Same")
	mustCode(t, p, into, "I3")
	mustCode(t, p, from, "F1")
	same := mustCode(t, p, from, "same")
	mustCode(t, p, same, "Deep")
	mustCode(t, p, from, "F3")
	if err := MergeCodes(p, from, into); err != nil {
		t.Fatal(err)
	}
	if got := paths(t, p); got != "Into, Into/I1, Into/Same, Into/Same/Deep, Into/I3, Into/F1, Into/F3, After" {
		t.Fatalf("codebook = %s", got)
	}
	tree, _ := LoadCodeTree(p)
	for _, parent := range []string{"", into} {
		for i, g := range tree.Children(parent) {
			if c, _ := tree.Get(g); c.Position != i {
				t.Errorf("%s at position %d, want %d", tree.Path(g), c.Position, i)
			}
		}
	}
	if _, err := CreateCode(p, Code{GUID: into, Name: "Clash"}); err == nil {
		t.Fatal("created a code with a GUID in use")
	}
}

func TestDeleteCodeUndo(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "Study one", "Forced labour in fishing and in construction.")
	a := mustCode(t, p, "", "A")
	b := mustCode(t, p, "", "B")
	c := mustCode(t, p, "", "C")
	a1 := mustCode(t, p, a, "A1")
	a11 := mustCode(t, p, a1, "A11")
	mustApply(t, p, st, a, 0, 6)
	c1 := mustApply(t, p, st, a11, 7, 13)
	mustApply(t, p, st, b, 17, 24)
	if err := SetMemo(p, MemoCode, a1, "about A1"); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, p)
	if err := DeleteCode(p, a); err != nil {
		t.Fatal(err)
	}
	if got := paths(t, p); got != "B, C" {
		t.Fatalf("codebook = %s", got)
	}
	if n := countRows(t, p, "codings", ""); n != 1 {
		t.Fatalf("codings left = %d", n)
	}
	if n := countRows(t, p, "memos", ""); n != 0 {
		t.Fatalf("memos left = %d", n)
	}
	if cb, _ := ResolveCode(p, b); cb.Position != 0 {
		t.Fatalf("siblings not renumbered: %+v", cb)
	}
	if cc, _ := ResolveCode(p, c); cc.Position != 1 {
		t.Fatalf("siblings not renumbered: %+v", cc)
	}
	MustUndo(t, p)
	if got := snapshot(t, p); got != before {
		t.Fatalf("undo did not restore:\n%s\n%s", got, before)
	}
	if got, err := GetCoding(p, c1.GUID); err != nil || got.Quote != "labour" {
		t.Fatalf("coding not restored: %+v %v", got, err)
	}
	MustRedo(t, p)
	if got := paths(t, p); got != "B, C" {
		t.Fatalf("after redo = %s", got)
	}
	if err := DeleteCode(p, a); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("delete missing: %v", err)
	}
}

func TestCodeCounts(t *testing.T) {
	p := MustProject(t)
	s1 := MustStudy(t, p, "One", "alpha beta gamma")
	s2 := MustStudy(t, p, "Two", "delta epsilon")
	a := mustCode(t, p, "", "A")
	b := mustCode(t, p, "", "B")
	c := mustCode(t, p, "", "C")
	mustApply(t, p, s1, a, 0, 5)
	mustApply(t, p, s1, a, 6, 10)
	mustApply(t, p, s2, a, 0, 5)
	mustApply(t, p, s2, b, 0, 5)
	counts, err := CodeCounts(p)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]CodeCount{a: {Codings: 3, Studies: 2}, b: {Codings: 1, Studies: 1}}
	for g, w := range want {
		if counts[g] != w {
			t.Errorf("%s: %+v, want %+v", g, counts[g], w)
		}
	}
	if _, ok := counts[c]; ok || len(counts) != 2 {
		t.Errorf("counts = %+v", counts)
	}
}
