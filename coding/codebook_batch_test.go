package coding

import (
	"errors"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// TestCodeBatchChecksLikeCreateCode: a batch refuses what CreateCodeTx and
// UpdateCodeTx refuse, appends after the existing siblings and keeps pins
// unique, in one action.
func TestCodeBatchChecksLikeCreateCode(t *testing.T) {
	p := MustProject(t)
	root := mustCode(t, p, "", "Rigor")
	mustCode(t, p, root, "Sampling")
	pinned, err := CreateCode(p, Code{Name: "Pinned", Pinned: 3})
	if err != nil {
		t.Fatal(err)
	}
	err = p.Do("Batch", func(tx *corpus.Tx) error {
		b, err := NewCodeBatch(tx)
		if err != nil {
			return err
		}
		for _, c := range []struct {
			code Code
			want error
		}{
			{Code{Name: "  "}, ErrCodeName},
			{Code{Name: "X", Color: "red"}, ErrCodeColor},
			{Code{Name: "rigor"}, ErrCodeNameTaken},
			{Code{Name: "RİGOR"}, nil}, // dotted capital I folds to no ASCII letter: another name, as for EqualFold
			{Code{Name: "X", Parent: "nope"}, corpus.ErrNotFound},
			{Code{GUID: root, Name: "Y"}, nil},
		} {
			_, err := b.Create(c.code)
			if c.want == nil && c.code.GUID == root {
				if err == nil || !strings.Contains(err.Error(), "already another code's") {
					t.Errorf("taken GUID: %v", err)
				}
				continue
			}
			if !errors.Is(err, c.want) {
				t.Errorf("%+v: err = %v, want %v", c.code, err, c.want)
			}
		}
		if _, err := b.Create(Code{Parent: root, Name: "Ethics", Pinned: 3}); err != nil {
			return err
		}
		g, err := b.Create(Code{Parent: root, Name: "Consent"})
		if err != nil {
			return err
		}
		if _, err := b.Create(Code{Parent: root, Name: "consent"}); !errors.Is(err, ErrCodeNameTaken) {
			t.Errorf("a name created in the batch is taken: %v", err)
		}
		c, _ := b.Get(g)
		c.Name = "sampling"
		if err := b.Update(c); !errors.Is(err, ErrCodeNameTaken) {
			t.Errorf("rename onto a sibling: %v", err)
		}
		c.Name = "CONSENT"
		return b.Update(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(t, p); got != "Rigor, Rigor/Sampling, Rigor/Ethics, Rigor/CONSENT, Pinned, RİGOR" {
		t.Errorf("codebook %s", got)
	}
	if c, _ := ResolveCode(p, pinned); c.Pinned != 0 {
		t.Errorf("the pin did not move: %+v", c)
	}
	if c, _ := ResolveCode(p, "Rigor/Ethics"); c.Pinned != 3 {
		t.Errorf("ethics %+v", c)
	}
}

// TestFoldCaseMatchesEqualFold: the batch's sibling keys agree with
// strings.EqualFold, which CreateCodeTx uses.
func TestFoldCaseMatchesEqualFold(t *testing.T) {
	words := []string{"Debt", "DEBT", "debt", "Straße", "STRASSE", "straße", "ǅemal", "ǆemal", "Ǆemal", "Kelvin", "\u212aelvin",
		"σοφός", "ΣΟΦΌΣ", "σοφόσ", "İstanbul", "istanbul", "ıstanbul", "ការងារ", "แรงงาน"}
	for _, a := range words {
		for _, b := range words {
			if got, want := foldCase(a) == foldCase(b), strings.EqualFold(a, b); got != want {
				t.Errorf("%q vs %q: fold %v, EqualFold %v", a, b, got, want)
			}
		}
	}
}
