// Package guide is the Help > User guide screen: docs/guide.md, embedded
// in the program, shown as a scrollable window.
package guide

import (
	_ "embed" // the in-app copy of the user guide
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// guideMarkdown is docs/guide.md, copied to app/guide/guide.md by
// go generate (make screenshots runs it) (a test checks the two are identical).
//
//go:generate cp ../../docs/guide.md guide.md
//go:embed guide.md
var guideMarkdown string

// anchorLink matches a link to a heading of the guide itself: [text](#anchor).
var anchorLink = regexp.MustCompile(`\[([^\]]+)\]\(#[^)]*\)`)

// guideText is the guide as the window shows it: without screenshots, with
// links within the page as plain text, and tables (which Fyne's Markdown
// does not render) as lists of "cell: cell".
func guideText() string {
	var lines []string
	header := true // the next table row is a header
	for _, line := range strings.Split(guideMarkdown, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "!["):
			continue
		case strings.HasPrefix(trimmed, "|"):
			cells := strings.Split(strings.Trim(trimmed, "|"), "|")
			isRule := strings.Trim(trimmed, "|-: ") == ""
			if header || isRule {
				header = false
				continue
			}
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			line = "- **" + cells[0] + "**: " + strings.Join(cells[1:], " · ")
		default:
			header = true
		}
		lines = append(lines, anchorLink.ReplaceAllString(line, "$1"))
	}
	return joinSoftBreaks(lines)
}

// blockStart matches lines that begin a Markdown block rather than continue a paragraph.
var blockStart = regexp.MustCompile("^(#|- |\\* |[0-9]+\\. |```|\\|)")

// joinSoftBreaks joins the lines of each paragraph and list item (Fyne
// renders some soft line breaks as hard ones), leaving code blocks alone.
func joinSoftBreaks(lines []string) string {
	var out []string
	code, joinable := false, false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			code = !code
			joinable = false
		case code || trimmed == "":
			joinable = false
		case joinable && !blockStart.MatchString(trimmed):
			out[len(out)-1] += " " + trimmed
			continue
		default:
			joinable = !strings.HasPrefix(trimmed, "#")
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n") + "\n"
}

// Show opens the user guide in a scrollable window of a.
func Show(a fyne.App) fyne.Window {
	text := widget.NewRichTextFromMarkdown(guideText())
	text.Wrapping = fyne.TextWrapWord
	w := a.NewWindow("User guide — Evidence Workbench")
	w.SetContent(container.NewVScroll(text))
	w.Resize(fyne.NewSize(820, 700)) // fits a 1366×768 screen
	w.Show()
	return w
}
