package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestWordTokenizer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Forced labour, debt-bondage!", "Forced@0-6 labour@7-13 debt@15-19 bondage@20-27"},
		{"workers' wages; don't U.S. 3.5 1,000 x.", "workers@0-7 wages@9-14 don't@16-21 U.S@22-25 3.5@27-30 1,000@31-36 x@37-38"},
		{"Người lao động", "Người@0-8 lao@9-12 động@13-20"},
		{"mới 工人 ok", "mới@0-5 工@6-9 人@9-12 ok@13-15"},
		{"", ""},
		{"...,,''", ""},
	}
	for _, tt := range tests {
		var got []string
		for i, tok := range (wordTokenizer{}).Tokenize([]byte(tt.in)) {
			if tok.Position != i+1 {
				t.Errorf("%q: token %d has position %d", tt.in, i, tok.Position)
			}
			if string(tok.Term) != tt.in[tok.Start:tok.End] {
				t.Errorf("%q: term %q != input[%d:%d]", tt.in, tok.Term, tok.Start, tok.End)
			}
			got = append(got, fmt.Sprintf("%s@%d-%d", tok.Term, tok.Start, tok.End))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Tokenize(%q) = %s, want %s", tt.in, g, tt.want)
		}
	}
}

func TestEnglishAnalyzer(t *testing.T) {
	ix, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var got []string
	for _, tok := range ix.analyze(analyzerEn, "The workers' recruiters were recruiting fishers in the ports") {
		got = append(got, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
	}
	if g, want := strings.Join(got, " "), "worker@2 recruit@3 recruit@5 fisher@6 port@9"; g != want {
		t.Errorf("analysis = %s, want %s", g, want)
	}
}
