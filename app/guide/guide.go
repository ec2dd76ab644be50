// Package guide is the Help > User guide screen: docs/guide.md, embedded
// in the program, shown section by section: the guide's chapters listed on
// the left, the chosen one on the right (a long guide laid out at once
// takes seconds; one chapter at a time opens at once).
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

// section is one chapter of the guide: a level-2 heading and its text.
type section struct {
	title string
	text  string // Markdown, starting with the heading
}

// sections splits the guide text at its level-2 headings; what comes before
// the first one is the introduction.
func sections(text string) []section {
	var out []section
	cur := section{title: "Introduction"}
	var b strings.Builder
	flush := func() {
		if strings.TrimSpace(b.String()) != "" {
			cur.text = b.String()
			out = append(out, cur)
		}
		b.Reset()
	}
	code := false
	for _, line := range strings.SplitAfter(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			code = !code
		}
		if !code && strings.HasPrefix(line, "## ") {
			flush()
			cur = section{title: strings.TrimSpace(strings.TrimPrefix(line, "## "))}
		}
		b.WriteString(line)
	}
	flush()
	return out
}

// panel is the guide window's content.
type panel struct {
	sections []section
	list     *widget.List
	text     *widget.RichText
	scroll   *container.Scroll
}

func newPanel() *panel { return &panel{sections: sections(guideText())} }

func (p *panel) build() fyne.CanvasObject {
	p.text = widget.NewRichText()
	p.text.Wrapping = fyne.TextWrapWord
	p.scroll = container.NewVScroll(p.text)
	p.list = widget.NewList(func() int { return len(p.sections) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("chapter")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.sections[i].title) })
	p.list.OnSelected = p.onSelected
	split := container.NewHSplit(p.list, p.scroll)
	split.SetOffset(0.27)
	p.list.Select(0)
	return split
}

// onSelected shows a chapter from its top.
func (p *panel) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(p.sections) {
		return
	}
	p.text.ParseMarkdown(p.sections[i].text)
	p.scroll.ScrollToTop()
}

// Show opens the user guide in a window of a.
func Show(a fyne.App) fyne.Window {
	w := a.NewWindow("User guide — Evidence Workbench")
	w.SetContent(newPanel().build())
	w.Resize(fyne.NewSize(980, 700)) // fits a 1366×768 screen
	w.Show()
	return w
}
