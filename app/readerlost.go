package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// lostNote says what a page lost ("" when it lost nothing): the share of its
// text that could not be read, and what to do.
func lostNote(s pdftext.PageStats) string {
	switch {
	case !s.LostText():
		return ""
	case s.Failed:
		return "the text could not be read — check the original page"
	case s.Unreadable > 0:
		return fmt.Sprintf("about %d%% of the text could not be read — check the original page", max(1, int(math.Round(100*s.UnreadableShare()))))
	}
	return "part of the text could not be read (damaged data) — check the original page"
}

// pageMarker is the reader's marker between pages: a page that lost text
// says so where it starts.
func (p *readerPanel) pageMarker(page int) string {
	if p.text != nil && page < len(p.text.PageStats) {
		if n := lostNote(p.text.PageStats[page]); n != "" {
			return fmt.Sprintf("— Page %d: %s —", page+1, n)
		}
	}
	return fmt.Sprintf("— Page %d —", page+1)
}

// onView shows, above the text, what the pages in view lost
// ("Page 4: about 37% of the text could not be read — check the original
// page"), and nothing when they lost nothing.
func (p *readerPanel) onView(start, end int) {
	if p.text == nil || len(p.text.PageStats) == 0 {
		p.lost.Hide()
		return
	}
	var notes []string
	first, last := p.text.PageAt(start), p.text.PageAt(max(start, end-1))
	for pg := first; pg <= last && pg <= len(p.text.PageStats); pg++ {
		if n := lostNote(p.text.PageStats[pg-1]); n != "" {
			notes = append(notes, fmt.Sprintf("Page %d: %s", pg, n))
		}
	}
	if len(notes) == 0 {
		p.lost.Hide()
		return
	}
	if len(notes) > 3 {
		notes = append(notes[:3], fmt.Sprintf("and %d more pages in view", len(notes)-3))
	}
	p.lost.SetText(strings.Join(notes, ". ") + ".")
	p.lost.Show()
}
