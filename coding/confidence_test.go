package coding

import (
	"errors"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

func TestNormaliseConfidenceAndConcern(t *testing.T) {
	for in, want := range map[string]string{"High": ConfidenceHigh, " moderate ": ConfidenceModerate,
		"LOW": ConfidenceLow, "very-low": ConfidenceVeryLow, "verylow": ConfidenceVeryLow, "very_low": ConfidenceVeryLow} {
		if got, err := NormaliseConfidence(in); err != nil || got != want {
			t.Errorf("NormaliseConfidence(%q) = %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "medium", "none"} {
		if _, err := NormaliseConfidence(bad); !errors.Is(err, ErrConfidenceLevel) {
			t.Errorf("NormaliseConfidence(%q) = %v", bad, err)
		}
	}
	for in, want := range map[string]string{"": "", "none": ConcernNone, "No": ConcernNone, "minor": ConcernMinor,
		"Moderate": ConcernModerate, "serious": ConcernSerious, "no or very minor": ConcernNone} {
		if got, err := NormaliseConcern(in); err != nil || got != want {
			t.Errorf("NormaliseConcern(%q) = %q %v, want %q", in, got, err, want)
		}
	}
	if _, err := NormaliseConcern("grave"); !errors.Is(err, ErrConcern) {
		t.Errorf("NormaliseConcern(grave) = %v", err)
	}
}

func TestSetConfidence(t *testing.T) {
	p := MustProject(t)
	theme := mustCode(t, p, "", "Debt bondage")
	other, err := CreateCode(p, Code{Name: "Sampling", Color: "#123456", Kind: KindRigor})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		c       Confidence
		wantErr error
		want    []string // level/scope/explanation of every judgement afterwards
	}{
		{"first judgement", Confidence{Theme: theme, Level: "Moderate", Explanation: " Three studies, two low rigor. ", Adequacy: "minor"}, nil,
			[]string{"moderate||Three studies, two low rigor.|minor"}},
		{"replaced", Confidence{Theme: theme, Level: "low", Explanation: "Thin data."}, nil,
			[]string{"low||Thin data.|"}},
		{"other scope", Confidence{Theme: theme, Scope: "sector:agriculture", Level: "very low", Explanation: "One study."}, nil,
			[]string{"low||Thin data.|", "very low|sector:agriculture|One study.|"}},
		{"bad level", Confidence{Theme: theme, Level: "medium", Explanation: "x"}, ErrConfidenceLevel, nil},
		{"bad concern", Confidence{Theme: theme, Level: "high", Explanation: "x", Coherence: "grave"}, ErrConcern, nil},
		{"no explanation", Confidence{Theme: theme, Level: "high", Explanation: "  "}, ErrNoExplanation, nil},
		{"not a theme", Confidence{Theme: other, Level: "high", Explanation: "x"}, ErrNotATheme, nil},
		{"missing code", Confidence{Theme: "nope", Level: "high", Explanation: "x"}, corpus.ErrNotFound, nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			before, _ := Confidences(p)
			err := SetConfidence(p, s.c)
			if s.wantErr != nil {
				if !errors.Is(err, s.wantErr) {
					t.Fatalf("err = %v, want %v", err, s.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := Confidences(p)
			if err != nil || len(got) != len(s.want) {
				t.Fatalf("judgements %+v %v", got, err)
			}
			for i, c := range got {
				if k := c.Level + "|" + c.Scope + "|" + c.Explanation + "|" + c.Adequacy; k != s.want[i] || c.Coder != testCoder.GUID || c.Theme != theme {
					t.Errorf("judgement %d = %q (%+v), want %q", i, k, c, s.want[i])
				}
			}
			MustUndo(t, p)
			if again, _ := Confidences(p); len(again) != len(before) {
				t.Fatalf("undo left %+v, want %+v", again, before)
			}
			MustRedo(t, p)
		})
	}
	if err := ClearConfidence(p, theme, "sector:agriculture"); err != nil {
		t.Fatal(err)
	}
	if err := ClearConfidence(p, theme, "sector:agriculture"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("second clear = %v", err)
	}
	if got, _ := Confidences(p); len(got) != 1 {
		t.Fatalf("after clear %+v", got)
	}
}

func TestConfidenceFollowsCodeEdits(t *testing.T) {
	p := MustProject(t)
	a, b, c := mustCode(t, p, "", "Debt"), mustCode(t, p, "", "Debts"), mustCode(t, p, "", "Fees")
	for _, j := range []Confidence{
		{Theme: a, Level: "high", Explanation: "a whole"}, {Theme: a, Scope: "sector:x", Level: "low", Explanation: "a x"},
		{Theme: b, Level: "moderate", Explanation: "b whole"}, {Theme: c, Level: "low", Explanation: "c whole"},
	} {
		if err := SetConfidence(p, j); err != nil {
			t.Fatal(err)
		}
	}
	// Merging a into b: b keeps its own whole-review judgement and takes a's
	// judgement for the scope it lacked.
	if err := MergeCodes(p, a, b); err != nil {
		t.Fatal(err)
	}
	got, _ := Confidences(p)
	byKey := map[string]string{}
	for _, j := range got {
		byKey[j.Theme+"|"+j.Scope] = j.Explanation
	}
	if len(got) != 3 || byKey[b+"|"] != "b whole" || byKey[b+"|sector:x"] != "a x" || byKey[c+"|"] != "c whole" {
		t.Fatalf("after merge %v", byKey)
	}
	if err := DeleteCode(p, c); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, p, "confidence", "theme = ?", c); n != 0 {
		t.Fatalf("deleting a code left %d judgements", n)
	}
	MustUndo(t, p)
	if n := countRows(t, p, "confidence", "theme = ?", c); n != 1 {
		t.Fatalf("undoing the delete restored %d judgements", n)
	}
	if problems, err := p.Check(t.Context()); err != nil || len(problems) > 0 {
		t.Fatalf("check %v %v", problems, err)
	}
}

func TestRecordImport(t *testing.T) {
	p := MustProject(t)
	s1, s2 := MustStudy(t, p, "One", "one"), MustStudy(t, p, "Two", "two")
	if rec, err := RecordImport(p, "empty", nil); err != nil || rec.GUID != "" {
		t.Fatalf("empty run recorded: %+v %v", rec, err)
	}
	rec, err := RecordImport(p, "  Scopus   search ", []corpus.ImportResult{
		{Path: "a.pdf", Status: corpus.ImportOK, Study: s1},
		{Path: "b.pdf", Status: corpus.ImportWarning, Study: s2},
		{Path: "c.pdf", Status: corpus.ImportDuplicate, Study: s1},
		{Path: "d.pdf", Status: corpus.ImportFailed, Message: "damaged"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RecordImport(p, "", []corpus.ImportResult{{Path: "e.pdf", Status: corpus.ImportDuplicate, Study: s2}}); err != nil {
		t.Fatal(err)
	}
	got, err := ImportRecords(p)
	if err != nil || len(got) != 2 {
		t.Fatalf("records %+v %v", got, err)
	}
	r := got[0]
	if r.GUID != rec.GUID || r.Source != "Scopus search" || r.Files != 4 || r.Failed != 1 || r.Coder != testCoder.GUID ||
		len(r.Studies) != 2 || r.Studies[0] != s1 || r.Studies[1] != s2 || len(r.Duplicates) != 1 || r.Duplicates[0] != s1 || r.At.IsZero() {
		t.Errorf("first record %+v", r)
	}
	if got[1].Source != "PDF import" || len(got[1].Studies) != 0 || got[1].Duplicates[0] != s2 {
		t.Errorf("second record %+v", got[1])
	}
	MustUndo(t, p)
	if again, _ := ImportRecords(p); len(again) != 1 {
		t.Fatalf("undo left %d records", len(again))
	}
}

func TestBriefMemos(t *testing.T) {
	p := MustProject(t)
	other := corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Bo"}
	if err := SetMemo(p, MemoKeyFindings, "", "Debt bondage is the most reported harm."); err != nil {
		t.Fatal(err)
	}
	if err := SetMemo(p, MemoKeyFindings, "sector:agriculture", "Agriculture findings."); err != nil {
		t.Fatal(err)
	}
	// Another reviewer edits the same review-wide text rather than adding theirs.
	if err := p.SetCoder(other); err != nil {
		t.Fatal(err)
	}
	if err := SetMemo(p, MemoKeyFindings, " ", "Debt bondage is the most reported harm, in every sector."); err != nil {
		t.Fatal(err)
	}
	ms, err := Memos(p, MemoKeyFindings, "")
	if err != nil || len(ms) != 1 || ms[0].Text != "Debt bondage is the most reported harm, in every sector." || ms[0].Coder != other.GUID {
		t.Fatalf("key findings %+v %v", ms, err)
	}
	if ms, _ := Memos(p, MemoKeyFindings, "sector:agriculture"); len(ms) != 1 || ms[0].Text != "Agriculture findings." {
		t.Fatalf("agriculture key findings %+v", ms)
	}
	if ms, _ := Memos(p, MemoRecommendations, ""); len(ms) != 0 {
		t.Fatalf("recommendations %+v", ms)
	}
	MustUndo(t, p)
	if ms, _ := Memos(p, MemoKeyFindings, ""); len(ms) != 1 || ms[0].Text != "Debt bondage is the most reported harm." || ms[0].Coder != testCoder.GUID {
		t.Fatalf("undo %+v", ms)
	}
	if err := SetMemo(p, MemoRecommendations, "", ""); err != nil {
		t.Fatal(err)
	}
	if !IsBriefMemo(MemoRecommendations) || IsBriefMemo(MemoStudy) {
		t.Error("IsBriefMemo")
	}
	hits, err := SearchMemos(p, "agriculture")
	if err != nil || len(hits) != 1 || hits[0].TargetKind != MemoKeyFindings {
		t.Fatalf("search %+v %v", hits, err)
	}
}
