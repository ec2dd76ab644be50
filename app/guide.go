package app

import (
	_ "embed" // the in-app copy of the user guide
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// guideMarkdown is docs/guide.md, copied to app/guide.md by
// scripts/screenshots.sh (a test checks the two are identical).
//
//go:embed guide.md
var guideMarkdown string

// guideCommands adds Help > User guide.
func (wb *Workbench) guideCommands() []extraCommand {
	return []extraCommand{{menu: "Help", cmd: &command{label: "User guide", run: wb.onGuide}}}
}

// guideText is the guide without its screenshots (the window shows text only).
func guideText() string {
	var b strings.Builder
	for _, line := range strings.Split(guideMarkdown, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "![") {
			continue
		}
		b.WriteString(line)
		b.WriteString("\n")
	}
	return b.String()
}

// onGuide shows the user guide in a scrollable window.
func (wb *Workbench) onGuide() {
	text := widget.NewRichTextFromMarkdown(guideText())
	text.Wrapping = fyne.TextWrapWord
	w := wb.app.NewWindow("User guide — Evidence Workbench")
	w.SetContent(container.NewVScroll(text))
	w.Resize(fyne.NewSize(820, 760))
	w.Show()
}
