package coding

import (
	"errors"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

func TestMemos(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "S", "Some study text.")
	code := mustCode(t, p, "", "Debt")
	cd := mustApply(t, p, st, code, 0, 4)
	area, err := ApplyArea(p, PageArea{Study: st, Rect: Rect{X0: 10, Y0: 10, X1: 90, Y1: 40}, Label: "table"}, code, "")
	if err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name, kind, target, text string
		wantErr                  error
		wantTexts                []string // memos on the target afterwards
	}{
		{"study memo", MemoStudy, st, "  Strong sample.  ", nil, []string{"Strong sample."}},
		{"replace study memo", MemoStudy, st, "Weak sample.", nil, []string{"Weak sample."}},
		{"code memo", MemoCode, code, "Includes ÜBERSCHULDUNG.", nil, []string{"Includes ÜBERSCHULDUNG."}},
		{"coding memo", MemoCoding, cd.GUID, "Key quote.", nil, []string{"Key quote."}},
		{"area memo", MemoArea, area.GUID, "Table of DEBTS by month.", nil, []string{"Table of DEBTS by month."}},
		{"clear code memo", MemoCode, code, "", nil, nil},
		{"unknown kind", "source", st, "x", ErrMemoKind, nil},
		{"missing target", MemoStudy, "nope", "x", corpus.ErrNotFound, nil},
		{"missing coding", MemoCoding, "nope", "x", corpus.ErrNotFound, nil},
		{"missing area", MemoArea, "nope", "x", corpus.ErrNotFound, nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			var before []Memo
			if s.wantErr == nil {
				before, _ = Memos(p, s.kind, s.target)
			}
			err := SetMemo(p, s.kind, s.target, s.text)
			if s.wantErr != nil {
				if !errors.Is(err, s.wantErr) {
					t.Fatalf("err = %v, want %v", err, s.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := Memos(p, s.kind, s.target)
			if err != nil || len(got) != len(s.wantTexts) {
				t.Fatalf("memos %+v %v", got, err)
			}
			for i, m := range got {
				if m.Text != s.wantTexts[i] || m.Coder != testCoder.GUID || m.TargetKind != s.kind || m.Target != s.target {
					t.Fatalf("memo %+v", m)
				}
			}
			MustUndo(t, p)
			if again, _ := Memos(p, s.kind, s.target); len(again) != len(before) || (len(before) > 0 && again[0].Text != before[0].Text) {
				t.Fatalf("undo: %+v, want %+v", again, before)
			}
			MustRedo(t, p)
		})
	}
	// Each coder has their own memo on a study.
	if err := p.SetCoder(corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Ben"}); err != nil {
		t.Fatal(err)
	}
	if err := SetMemo(p, MemoStudy, st, "Ben's view: weak"); err != nil {
		t.Fatal(err)
	}
	if ms, _ := Memos(p, MemoStudy, st); len(ms) != 2 {
		t.Fatalf("two coders' memos: %+v", ms)
	}
	found, err := SearchMemos(p, "WEAK")
	if err != nil || len(found) != 2 || found[0].Text != "Ben's view: weak" {
		t.Fatalf("search weak: %+v %v", found, err)
	}
	if found, _ := SearchMemos(p, "überschuldung"); len(found) != 0 {
		t.Fatalf("cleared memo still found: %+v", found)
	}
	if found, _ := SearchMemos(p, "key QUOTE"); len(found) != 1 || found[0].TargetKind != MemoCoding || found[0].Target != cd.GUID {
		t.Fatalf("coding memo search: %+v", found)
	}
	if err := SetMemo(p, MemoCode, code, "Schulden ÜBER alles"); err != nil {
		t.Fatal(err)
	}
	if found, _ := SearchMemos(p, "über"); len(found) != 1 || found[0].Target != code {
		t.Fatalf("non-ASCII case folding: %+v", found)
	}
	if found, _ := SearchMemos(p, "debts by"); len(found) != 1 || found[0].TargetKind != MemoArea || found[0].Target != area.GUID {
		t.Fatalf("area memo search: %+v", found)
	}
	if all, _ := SearchMemos(p, ""); len(all) != 5 {
		t.Fatalf("all memos: %+v", all)
	}
	// A memo another tool attached to the coding (REFI-QDA import) is listed after its own note.
	err = p.Do("Import note", func(tx *corpus.Tx) error {
		return tx.Insert("memos", corpus.Row{"guid": "m-imported", "target_kind": MemoCoding, "target": cd.GUID,
			"coder": testCoder.GUID, "text": "Imported note", "created_at": tx.Stamp(), "updated_at": tx.Stamp()})
	})
	if err != nil {
		t.Fatal(err)
	}
	if ms, _ := Memos(p, MemoCoding, cd.GUID); len(ms) != 2 || ms[0].Text != "Key quote." || ms[1].Text != "Imported note" {
		t.Fatalf("coding memos: %+v", ms)
	}
	if err := RemoveCoding(p, cd.GUID); err != nil || countRows(t, p, "memos", "target = ?", cd.GUID) != 0 {
		t.Fatalf("remove coding left its memos: %v", err)
	}
}
