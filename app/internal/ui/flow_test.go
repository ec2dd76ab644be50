package ui

import "testing"

func TestFlowLinesKeepsOffsets(t *testing.T) {
	in := "Title line\n\nfirst line of a paragraph\nsecond line\fnext page\nline\n"
	out := FlowLines(in)
	if want := "Title line\n\nfirst line of a paragraph second line\fnext page line\n"; out != want {
		t.Fatalf("FlowLines = %q", out)
	}
	if len([]rune(out)) != len([]rune(in)) {
		t.Fatal("flowing lines changed the length")
	}
}
