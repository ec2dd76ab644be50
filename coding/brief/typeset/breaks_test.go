package typeset

import (
	"strings"
	"testing"

	"github.com/go-text/typesetting/segmenter"
)

// words splits text at its break opportunities, for tests.
func words(text string) []string {
	var seg segmenter.Segmenter
	r := []rune(text)
	b := findBreaks(&seg, r)
	var out []string
	last := 0
	for i := 1; i <= len(r); i++ {
		if b.can[i] {
			out = append(out, strings.TrimSpace(string(r[last:i])))
			last = i
		}
	}
	return out
}

func TestWordBreaks(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Forced labour in Viet Nam", []string{"Forced", "labour", "in", "Viet", "Nam"}},
		{"แรงงานข้ามชาติถูกยึดเอกสาร", []string{"แรงงาน", "ข้าม", "ชาติ", "ถูก", "ยึด", "เอกสาร"}},
		{"ແຮງງານຕ່າງປະເທດ", []string{"ແຮງງານ", "ຕ່າງປະເທດ"}},
		{"កម្មករចំណាកស្រុក", []string{"កម្មករ", "ចំណាកស្រុក"}},
		{"အလုပ်သမားများ", []string{"အလုပ်သမား", "များ"}},
		{"Lao động cưỡng bức", []string{"Lao", "động", "cưỡng", "bức"}},
	}
	for _, c := range cases {
		if got := words(c.text); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestUnknownWordsBreakAtClusters: a run the dictionary does not know still
// breaks, but never inside a cluster (a Thai leading vowel stays with its
// consonant, a Khmer subscript with its base, a killed Burmese consonant
// with its syllable).
func TestUnknownWordsBreakAtClusters(t *testing.T) {
	cases := []struct {
		text             string
		badStart, badEnd []string
	}{
		{"เกเกเกเก", nil, []string{"เ"}},
		{"ក្កក្កក្ក", []string{"្", "ក្"[3:]}, []string{"្"}},
		{"ကန်ကန်ကန်", []string{"်", "န်"}, nil},
	}
	for _, c := range cases {
		pieces := words(c.text)
		if len(pieces) < 2 {
			t.Errorf("%s: no break at all", c.text)
		}
		for _, w := range pieces {
			for _, b := range c.badStart {
				if strings.HasPrefix(w, b) {
					t.Errorf("%s: piece %q starts inside a cluster", c.text, w)
				}
			}
			for _, b := range c.badEnd {
				if strings.HasSuffix(w, b) {
					t.Errorf("%s: piece %q ends inside a cluster", c.text, w)
				}
			}
		}
	}
}
