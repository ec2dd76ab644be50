package agree

import (
	"reflect"
	"strings"
	"testing"
)

func TestParagraphStarts(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []int
	}{
		{"", []int{0}},
		{"one line\nsame paragraph", []int{0}},
		{"first\n\nsecond", []int{0, 7}},
		{"first\n  \t\n\n  second\fthird", []int{0, 13, 20}},
		{"\n\nlead", []int{0}},
		{"é\n\nß", []int{0, 3}}, // code points, not bytes
	} {
		if got := ParagraphStarts(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParagraphStarts(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// The byte scan agrees with the rune scan on every kind of text, and
// invalid UTF-8 takes the rune scan.
func TestParagraphStartsByteScan(t *testing.T) {
	parts := []string{"a", "é", "ภาษาไทย", "ຂ", "ខ្មែរ", "မြန်", "Việt", " ", "\t", "\r", "\n", "\n\n", "\f", "\u00a0", "  \n"}
	for seed := 0; seed < 300; seed++ {
		var b []byte
		x := seed*7919 + 13
		for range 40 {
			x = (x*1103515245 + 12345) & 0x7fffffff
			b = append(b, parts[x%len(parts)]...)
		}
		text := string(b)
		if got, want := ParagraphStarts(text), paragraphStartsRunes(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("ParagraphStarts(%q) = %v, rune scan %v", text, got, want)
		}
	}
	bad := "ok\n\n\xff\xfe more\n\nend"
	if got, want := ParagraphStarts(bad), []int{0, 4, 13}; !reflect.DeepEqual(got, want) {
		t.Fatalf("invalid UTF-8: %v, want %v", got, want)
	}
}

// BenchmarkParagraphStarts scans a 300-page study of English prose with a
// blank line after about one sentence in six.
func BenchmarkParagraphStarts(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 600000; i++ {
		sb.WriteString("Migrant workers described withheld wages and debts that grew every season. ")
		if i%6 == 5 {
			sb.WriteString("\n\n")
		}
		if i%30 == 29 {
			sb.WriteString("\f")
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.Run("lines", func(b *testing.B) {
		for b.Loop() {
			ParagraphStarts(text)
		}
	})
	b.Run("runes", func(b *testing.B) {
		for b.Loop() {
			paragraphStartsRunes(text)
		}
	})
}

func TestSentenceStarts(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // the first words of the sentences after the first
	}{
		{`He said "Stop." Then she left.`, []string{"Then"}},
		{"Wages rose 3.5 percent. costs did not! Prices fell?", []string{"Prices"}},
		{`Is it? "Yes," she said. (Later) it ended.`, []string{`"Yes`, "(Later"}},
		{"Title\n\nBody text. Ünïcode start here.\fNext page", []string{"Body", "Ünïcode", "Next"}},
		{"Ends with a stop.  ", nil},
	} {
		want := []int{0}
		for _, w := range tc.want {
			want = append(want, len([]rune(tc.text[:strings.Index(tc.text, w)])))
		}
		if got := SentenceStarts(tc.text); !reflect.DeepEqual(got, want) {
			t.Errorf("SentenceStarts(%q) = %v, want %v", tc.text, got, want)
		}
	}
}
