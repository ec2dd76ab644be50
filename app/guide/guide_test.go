package guide

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
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

// The guide window shows a window with the guide's headings and no image references.
func TestGuideWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := Show(a)
	defer w.Close()
	text := w.Content().(*container.Scroll).Content.(*widget.RichText)
	var all strings.Builder
	for _, s := range text.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			all.WriteString(ts.Text)
		}
		if _, ok := s.(*widget.ImageSegment); ok {
			t.Error("the guide window shows an image segment; screenshots should be left out")
		}
	}
	for _, want := range []string{"Keyboard shortcuts", "Troubleshooting", "wb "} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("guide window lacks %q", want)
		}
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
