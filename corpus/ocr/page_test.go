package ocr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// mustTestdata reads a file of testdata/ (real Tesseract 5.3.0 output for
// pages generated with LibreOffice and Noto fonts, rendered at 300 dpi).
func mustTestdata(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// checkOffsets verifies that every word's range in the page text holds the
// word and that CharBoxes covers the text.
func checkOffsets(t *testing.T, p *Page) {
	t.Helper()
	runes := []rune(p.Text)
	for _, w := range p.Words {
		if w.Start < 0 || w.End > len(runes) || w.Start >= w.End || string(runes[w.Start:w.End]) != w.Text {
			t.Fatalf("word %q at %d-%d does not match the text", w.Text, w.Start, w.End)
		}
		if w.Box.Empty() {
			t.Errorf("word %q has an empty box %+v", w.Text, w.Box)
		}
	}
	boxes := p.CharBoxes()
	if len(boxes) != len(runes) {
		t.Fatalf("%d char boxes for %d code points", len(boxes), len(runes))
	}
	for _, w := range p.Words {
		for i := w.Start; i < w.End; i++ {
			b := boxes[i]
			if b.Empty() || b.X0 < w.Box.X0-1e-9 || b.X1 > w.Box.X1+1e-9 {
				t.Fatalf("char %d (%q) box %+v outside its word's %+v", i, runes[i], b, w.Box)
			}
		}
	}
}

func TestBuildPageThai(t *testing.T) {
	toks, err := parseTSV(mustTestdata(t, "thai.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	txt := mustTestdata(t, "thai.txt")
	p := buildPage(toks, txt, 300)
	checkOffsets(t, p)
	if len(p.Words) < 200 {
		t.Fatalf("only %d tokens: Thai comes as letters and syllables", len(p.Words))
	}
	// Spaces only where Tesseract saw them (the printed phrase breaks), not
	// between its hundreds of tokens.
	wantSpaces := strings.Count(strings.ReplaceAll(txt, "\n", ""), " ")
	if got := strings.Count(p.Text, " "); got != wantSpaces {
		t.Errorf("%d spaces in the page text, Tesseract printed %d:\n%s", got, wantSpaces, p.Text)
	}
	for _, want := range []string{"แรงงานข้ามชาติจำนวนมากในประเทศไทยทำงานในภาคประมงและการเกษตร หลายคนถูกหลอก\n", "นายจ้างบางรายยึดหนังสือเดินทางไว้ ทำให้แรงงาน"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("page text lacks %q:\n%s", want, p.Text)
		}
	}
	if strings.ContainsRune(p.Text, 0x0E4D) {
		t.Errorf("NIKHAHIT left in the text (SARA AM not composed):\n%s", p.Text)
	}
	if strings.Count(p.Text, "\n\n") < 1 {
		t.Errorf("no paragraph break:\n%s", p.Text)
	}
	// Boxes are in points at 300 dpi: the first token sits near the top-left
	// margin (pixel 242,147 -> 58 pt, 35 pt).
	if b := p.Words[0].Box; b.X0 < 57 || b.X0 > 59 || b.Y0 < 34 || b.Y0 > 36 {
		t.Errorf("first box %+v", b)
	}
}

func TestBuildPageKhmer(t *testing.T) {
	toks, err := parseTSV(mustTestdata(t, "khmer.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	txt := mustTestdata(t, "khmer.txt")
	p := buildPage(toks, txt, 300)
	checkOffsets(t, p)
	flat := strings.Join(strings.Fields(txt), " ")
	if got := strings.Join(strings.Fields(p.Text), " "); got != flat {
		t.Errorf("page text\n%s\ndiffers from Tesseract's\n%s", got, flat)
	}
}

func TestBuildPageSpacing(t *testing.T) {
	tok := func(line, left, w int, text string) token {
		return token{block: 1, par: 1, line: line, left: left, top: 100, w: w, h: 40, conf: 90, text: text}
	}
	for _, tc := range []struct {
		name string
		toks []token
		txt  string
		want string
	}{
		{"english from txt", []token{tok(1, 0, 100, "Debt"), tok(1, 120, 100, "bondage"), tok(2, 0, 50, "grew.")},
			"Debt bondage\ngrew.\n", "Debt bondage\ngrew."},
		{"thai from txt", []token{tok(1, 0, 30, "แร"), tok(1, 32, 20, "ง"), tok(1, 100, 30, "คน")},
			"แรง คน\n", "แรง คน"},
		{"thai without txt: gaps decide", []token{tok(1, 0, 30, "แร"), tok(1, 32, 20, "ง"), tok(1, 100, 30, "คน")},
			"", "แรง คน"},
		{"latin without txt: always a space", []token{tok(1, 0, 30, "a"), tok(1, 31, 30, "b")}, "", "a b"},
		{"sara am over two tokens", []token{tok(1, 0, 20, "จ"), tok(1, 21, 5, "\u0E4D"), tok(1, 27, 20, "\u0E32"), tok(1, 48, 20, "น")},
			"จ\u0E4D\u0E32น\n", "จำน"},
		{"sara am inside a token", []token{tok(1, 0, 60, "ท\u0E4D\u0E32")}, "ท\u0E4D\u0E32\n", "ทำ"},
		{"new paragraph", []token{tok(1, 0, 30, "One."), {block: 1, par: 2, line: 1, left: 0, top: 200, w: 30, h: 40, text: "Two."}},
			"One.\n\nTwo.\n", "One.\n\nTwo."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildPage(tc.toks, tc.txt, 72)
			if p.Text != tc.want {
				t.Errorf("text %q, want %q", p.Text, tc.want)
			}
			checkOffsets(t, p)
		})
	}
}

func TestCharBoxesMarks(t *testing.T) {
	// "ที่" is one letter with two marks: all three share the whole box.
	p := buildPage([]token{{block: 1, par: 1, line: 1, left: 0, top: 0, w: 30, h: 30, text: "ที่"},
		{block: 1, par: 1, line: 1, left: 60, top: 0, w: 60, h: 30, text: "ab"}}, "ที่ ab", 72)
	b := p.CharBoxes()
	if utf8.RuneCountInString(p.Text) != 6 || b[0] != b[1] || b[1] != b[2] || b[0].X1 != 30 {
		t.Fatalf("text %q boxes %+v", p.Text, b)
	}
	if b[3].X0 != 30 || b[3].X1 != 60 {
		t.Errorf("space box %+v, want the gap 30-60", b[3])
	}
	if b[4].X0 != 60 || b[4].X1 != 90 || b[5].X0 != 90 || b[5].X1 != 120 {
		t.Errorf("latin boxes %+v %+v", b[4], b[5])
	}
}

func TestParseTSVErrors(t *testing.T) {
	if _, err := parseTSV("Error: not tsv\n"); err == nil {
		t.Error("garbage accepted")
	}
	toks, err := parseTSV("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t95.5\tword\n5\t1\t1\t1\t1\t2\t50\t20\t30\t40\t-1\t \n4\t1\t1\t1\t1\t0\t0\t0\t9\t9\t-1\t\n")
	if err != nil || len(toks) != 1 || toks[0] != (token{block: 1, par: 1, line: 1, left: 10, top: 20, w: 30, h: 40, conf: 95.5, text: "word"}) {
		t.Errorf("tokens %+v, %v", toks, err)
	}
}
