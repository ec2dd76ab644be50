package coding

import (
	"context"
	"errors"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// replaceText swaps a study's text inside one action and re-anchors its
// codings, as re-extraction does.
func replaceText(tb testing.TB, p *corpus.Project, study, newText string) []Coding {
	tb.Helper()
	old, err := p.Text(study)
	if err != nil {
		tb.Fatal(err)
	}
	var lost []Coding
	err = p.Do("Re-extract text", func(tx *corpus.Tx) error {
		if err := tx.ReplaceText(study, newText, []int{0}, nil, corpus.ExtractOK, ""); err != nil {
			return err
		}
		lost, err = Reanchor(tx, study, old.String, newText)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return lost
}

func TestVerifyCodings(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "S", "Recruiters charged fees. Workers were in debt.")
	other := MustStudy(t, p, "T", "Untouched study text.")
	code := mustCode(t, p, "", "Debt")
	fees := mustApply(t, p, st, code, 19, 23)
	debt := mustApply(t, p, st, code, 41, 45)
	mustApply(t, p, other, code, 0, 9)
	if ms, err := VerifyCodings(p, ""); err != nil || len(ms) != 0 {
		t.Fatalf("clean project: %+v %v", ms, err)
	}
	// The text changes without re-anchoring: both codings are reported,
	// with what the text now holds, and nothing is moved.
	err := p.Do("Change text", func(tx *corpus.Tx) error {
		return tx.ReplaceText(st, "Agents charged fees. Workers were in debt.", []int{0}, nil, corpus.ExtractOK, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := VerifyCodings(p, st)
	if err != nil || len(ms) != 2 {
		t.Fatalf("mismatches %+v %v", ms, err)
	}
	if ms[0].GUID != fees.GUID || ms[0].Found != ". Wo" || ms[0].Quote != "fees" {
		t.Errorf("first mismatch %+v", ms[0])
	}
	if ms[1].GUID != debt.GUID || ms[1].Found != "." {
		t.Errorf("second mismatch (runs past the end) %+v", ms[1])
	}
	if c, _ := GetCoding(p, fees.GUID); c.Start != 19 {
		t.Errorf("verify moved a coding: %+v", c)
	}
	if ms, _ := VerifyCodings(p, other); len(ms) != 0 {
		t.Errorf("other study: %+v", ms)
	}
	if ms, _ := VerifyCodings(p, ""); len(ms) != 2 {
		t.Errorf("all studies: %+v", ms)
	}
	var calls [][2]int
	if _, err := VerifyCodingsContext(t.Context(), p, "", func(d, n int) { calls = append(calls, [2]int{d, n}) }); err != nil ||
		len(calls) != 2 || calls[1] != [2]int{2, 2} {
		t.Errorf("progress %v, %v", calls, err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := VerifyCodingsContext(ctx, p, "", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestReanchor(t *testing.T) {
	const old = "Intro. Debt bondage was common.\fPage two: debt bondage again and passports."
	cases := []struct {
		name       string
		newText    string
		start, end int    // coding in the old text
		want       string // quote expected afterwards ("" = lost)
		wantStart  int
	}{
		{"unchanged", old, 7, 19, "Debt bondage", 7},
		{"shifted", "A longer introduction. Debt bondage was common.\fPage two: debt bondage again and passports.", 7, 19, "Debt bondage", 23},
		{"whitespace differs", "Intro. Debt\nbondage was common.\fPage two: debt bondage again and passports.", 7, 19, "Debt\nbondage", 7},
		{"nearest of two", "Intro. debt bondage was common.\fPage two: more text here. debt bondage again and passports.", 42, 54, "debt bondage", 58},
		{"gone", "Intro. Forced labour was common.\fPage two: and passports.", 7, 19, "", 7},
		{"across page break", "Intro: Debt bondage was common.\n\fPage two: debt bondage again and passports.", 20, 41, "was common.\n\fPage two:", 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := MustProject(t)
			st := MustStudy(t, p, "S", old)
			code := mustCode(t, p, "", "Debt")
			cd := mustApply(t, p, st, code, c.start, c.end)
			lost := replaceText(t, p, st, c.newText)
			got, err := GetCoding(p, cd.GUID)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == "" {
				if len(lost) != 1 || lost[0].GUID != cd.GUID || got != cd {
					t.Fatalf("lost %+v, coding %+v", lost, got)
				}
				if ms, _ := VerifyCodings(p, st); len(ms) != 1 {
					t.Fatalf("a lost coding should stay reported: %+v", ms)
				}
				return
			}
			if len(lost) != 0 || got.Quote != c.want || got.Start != c.wantStart {
				t.Fatalf("lost %+v, coding %+v", lost, got)
			}
			if ms, _ := VerifyCodings(p, st); len(ms) != 0 {
				t.Fatalf("re-anchored coding mismatches: %+v", ms)
			}
			// Undo restores the old text and offsets together.
			MustUndo(t, p)
			if back, _ := GetCoding(p, cd.GUID); back != cd {
				t.Fatalf("undo: %+v, want %+v", back, cd)
			}
		})
	}
}
