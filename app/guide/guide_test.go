package guide

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The in-app guide is the same text as docs/guide.md (scripts/screenshots.sh copies it).
func TestGuideCopyIsCurrent(t *testing.T) {
	doc, err := os.ReadFile("../../docs/guide.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(doc) != guideMarkdown {
		t.Fatal("app/guide.md differs from docs/guide.md: run `go generate ./app/guide`")
	}
}

// The guide window lists the guide's chapters and shows each one, with the
// guide's headings and text and no image references.
func TestGuideWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("guide")
	p := newPanel()
	w.SetContent(p.build())
	w.Resize(fyne.NewSize(980, 700))
	defer w.Close()
	if len(p.sections) < 6 || p.sections[0].title != "Introduction" {
		t.Fatalf("%d chapters, first %q", len(p.sections), p.sections[0].title)
	}
	var all strings.Builder
	titles := map[string]bool{}
	for i, sec := range p.sections {
		titles[sec.title] = true
		p.list.Select(i)
		for _, s := range p.text.Segments {
			if ts, ok := s.(*widget.TextSegment); ok {
				all.WriteString(ts.Text + "\n")
			}
			if _, ok := s.(*widget.ImageSegment); ok {
				t.Errorf("chapter %q shows an image segment; screenshots should be left out", sec.title)
			}
		}
	}
	for _, want := range []string{"Keyboard shortcuts", "Troubleshooting"} {
		if !titles[want] {
			t.Errorf("no chapter %q in %v", want, titles)
		}
	}
	for _, want := range []string{"Ctrl+K", "wb ", "Krippendorff"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("guide window lacks %q", want)
		}
	}
}

// Headings inside code blocks do not start chapters; every line is kept.
func TestSections(t *testing.T) {
	text := "Intro line\n## One\na\n```sh\n## not a heading\n```\n## Two\nb\n"
	got := sections(text)
	if len(got) != 3 || got[0].title != "Introduction" || got[1].title != "One" || got[2].title != "Two" {
		t.Fatalf("sections %+v", got)
	}
	var joined string
	for _, s := range got {
		joined += s.text
	}
	if joined != text {
		t.Fatalf("text changed: %q", joined)
	}
}

// The window's text turns tables into list items and in-page links into plain text.
func TestGuideText(t *testing.T) {
	text := guideText()
	for _, bad := range []string{"|---|", "](#", "![", "| Keys | Action |"} {
		if strings.Contains(text, bad) {
			t.Errorf("guide text still contains %q", bad)
		}
	}
	if !strings.Contains(text, "- **Ctrl+K**: Code the selection (code picker)") {
		t.Error("the shortcut table did not become a list")
	}
}

// Soft line breaks inside paragraphs and list items are joined; code blocks keep theirs.
func TestJoinSoftBreaks(t *testing.T) {
	in := []string{"A paragraph", "**continues** here.", "", "- an item", "  goes on", "- another", "```sh", "wb demo demo.ewb", "wb info demo.ewb", "```", "## Head", "text"}
	want := "A paragraph **continues** here.\n\n- an item goes on\n- another\n```sh\nwb demo demo.ewb\nwb info demo.ewb\n```\n## Head\ntext\n"
	if got := joinSoftBreaks(in); got != want {
		t.Errorf("joinSoftBreaks:\n%q\nwant\n%q", got, want)
	}
}
