package typeset

import (
	"strings"
	"testing"
)

func mustEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestLayoutBreaksThaiBetweenWords(t *testing.T) {
	e := mustEngine(t)
	text := "แรงงานข้ามชาติหลายคนถูกนายจ้างยึดหนังสือเดินทางและไม่ได้รับค่าจ้างตามที่ตกลงกันไว้"
	lines := e.Layout([]Span{{Text: text}}, 10, 120)
	if len(lines) < 2 || len(lines) > 5 {
		t.Fatalf("%d lines", len(lines))
	}
	var joined strings.Builder
	for _, l := range lines {
		if l.Width > 120.01 {
			t.Errorf("line %q is %.1f wide", l.Text, l.Width)
		}
		joined.WriteString(l.Text)
		t.Logf("%q %.1f", l.Text, l.Width)
	}
	if joined.String() != text {
		t.Errorf("lines give %q", joined.String())
	}
	// Every line ends between two words of the dictionary segmentation.
	ws := words(text)
	ends := map[int]bool{}
	pos := 0
	for _, w := range ws {
		pos += len([]rune(w))
		ends[pos] = true
	}
	for _, l := range lines[:len(lines)-1] {
		if !ends[l.End] {
			t.Errorf("line %q ends inside a word", l.Text)
		}
	}
	if len(e.Missing()) != 0 {
		t.Errorf("missing glyphs %v", e.Missing())
	}
}

func TestShapingUsesTheScriptsFonts(t *testing.T) {
	e := mustEngine(t)
	for text, fontName := range map[string]string{
		"ພາສາລາວ": "NotoSansLao-Regular", "ភាសាខ្មែរ": "NotoSansKhmer-Regular",
		"မြန်မာစာ": "NotoSansMyanmar-Regular", "ภาษาไทย": "NotoSansThai-Regular", "Tiếng Việt": "NotoSans-Regular",
	} {
		lines := e.Layout([]Span{{Text: text}}, 10, 500)
		if len(lines) != 1 || len(lines[0].Runs) != 1 || lines[0].Runs[0].FontName() != fontName {
			t.Errorf("%s: %+v", text, lines)
			continue
		}
		r := lines[0].Runs[0]
		if r.Text != text {
			t.Errorf("%s: run text %q", text, r.Text)
		}
		for _, g := range r.Glyphs {
			if g.ID == 0 {
				t.Errorf("%s: .notdef glyph", text)
			}
		}
	}
	// Khmer coeng and the split vowel: HarfBuzz reorders and the cluster
	// keeps its text.
	l := e.Layout([]Span{{Text: "ខ្មែរ"}}, 10, 500)[0]
	if g := l.Runs[0].Glyphs; len(g) < 3 || g[0].Text != "ខ្មែ" && g[0].Text != "ខ្មែរ" {
		t.Errorf("Khmer clusters %+v", g)
	}
	if len(e.Missing()) != 0 {
		t.Errorf("missing %v", e.Missing())
	}
	e.Layout([]Span{{Text: "ሰላም"}}, 10, 500)
	if e.Missing()['ሰ'] != 1 {
		t.Errorf("Ethiopic not reported missing: %v", e.Missing())
	}
}

func TestMixedStylesAndOverlongWords(t *testing.T) {
	e := mustEngine(t)
	lines := e.Layout([]Span{{Text: "Bold start "}, {Text: "then italic ", Style: Style{Italic: true}}, {Text: "ไทยตัวเอียง", Style: Style{Italic: true}}}, 10, 1000)
	if len(lines) != 1 || len(lines[0].Runs) < 3 {
		t.Fatalf("%+v", lines)
	}
	last := lines[0].Runs[len(lines[0].Runs)-1]
	if !last.SynthItalic() || last.FontName() != "NotoSansThai-Regular" {
		t.Errorf("Thai italic run %+v", last)
	}
	long := strings.Repeat("x", 200)
	for _, l := range e.Layout([]Span{{Text: long}}, 10, 50) {
		if l.Width > 50 {
			t.Errorf("cut line %.1f wide", l.Width)
		}
	}
	if w := e.MinWidth("a verylongword b", Style{}, 10); w < e.Width("verylongword", Style{}, 10)-0.01 || w > e.Width("verylongword", Style{}, 10)+0.01 {
		t.Errorf("min width %.2f", w)
	}
}
