package pdftext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PageStats are one page's extraction figures: what the page draws against
// what was read from it.
type PageStats struct {
	// Glyphs counts the characters drawn by text operators inside the page's
	// crop box (spaces not counted).
	Glyphs int `json:"glyphs"`
	// Chars counts the characters of the page's extracted text (white space
	// not counted).
	Chars int `json:"chars"`
	// Unreadable counts drawn characters that could not be decoded: their font
	// gives no way to know which character a glyph is.
	Unreadable int `json:"unreadable"`
	// Clipped counts characters drawn outside the crop box, left out on purpose.
	Clipped int `json:"clipped,omitempty"`
	// Images counts the images drawn.
	Images int `json:"images"`
	// NoText is true when the page has no text-drawing operator at all.
	NoText bool `json:"no_text,omitempty"`
	// Damaged is true when part of the page's content could not be read.
	Damaged bool `json:"damaged,omitempty"`
	// Failed is true when the page could not be read at all.
	Failed bool `json:"failed,omitempty"`
}

// UnreadableShare is the share (0..1) of the page's drawn characters that
// could not be read.
func (s PageStats) UnreadableShare() float64 {
	if s.Glyphs == 0 {
		return 0
	}
	return float64(s.Unreadable) / float64(s.Glyphs)
}

// LostText reports whether the page lost text: it could not be read, part of
// it is damaged, or at least 1% (and two) of its characters are unreadable.
func (s PageStats) LostText() bool {
	return s.Failed || s.Damaged || (s.Unreadable >= 2 && s.Unreadable*100 >= s.Glyphs)
}

// pageStat is the per-page tally the interpreter keeps.
type pageStat struct {
	drawn, unreadable, clipped, images, textOps int
	guessed                                     int // glyphs read by encoding names their font does not confirm
	damaged                                     bool
}

// export completes the tally with the extracted text.
func (s pageStat) export(text string) PageStats {
	chars := 0
	for _, r := range text {
		if !unicode.IsSpace(r) {
			chars++
		}
	}
	return PageStats{
		Glyphs: s.drawn, Chars: chars, Unreadable: s.unreadable, Clipped: s.clipped,
		Images: s.images, NoText: s.textOps == 0, Damaged: s.damaged,
	}
}

// dropGuesses removes glyphs whose text is only the encoding's guess when the
// guesses read as punctuation rather than words: a symbolic font numbering
// its glyphs, whose letters nothing names. They count as unreadable.
func (s *pageStat) dropGuesses(glyphs []glyph) []glyph {
	if s.guessed == 0 {
		return glyphs
	}
	letters := 0
	for _, g := range glyphs {
		if g.guess {
			for _, r := range g.text {
				if unicode.IsLetter(r) {
					letters++
				}
			}
		}
	}
	if letters*10 >= s.guessed*4 {
		return glyphs
	}
	out := glyphs[:0]
	for _, g := range glyphs {
		if !g.guess {
			out = append(out, g)
		}
	}
	s.unreadable += s.guessed
	return out
}

// unreadableText reports decoded text that says nothing: empty, the
// replacement character or control characters only (white space aside,
// which callers handle first).
func unreadableText(s string) bool {
	for _, r := range s {
		if r != '\uFFFD' && (!unicode.IsControl(r) || unicode.IsSpace(r)) {
			return false
		}
	}
	return true
}

// assemble joins page texts with form feeds and finds marks and conditions.
func assemble(pages []pageResult, claimed int) *Document {
	doc := &Document{}
	var b strings.Builder
	off := 0
	letters, unreadable := 0, 0
	for i, p := range pages {
		if i > 0 {
			b.WriteByte('\f')
			off++
		}
		n := utf8.RuneCountInString(p.text)
		doc.Pages = append(doc.Pages, Page{Number: i + 1, Start: off, End: off + n, Err: p.err, Stats: p.stats, Width: p.w, Height: p.h, Boxes: p.boxes})
		for _, r := range p.text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				letters++
			}
		}
		unreadable += p.stats.Unreadable
		b.WriteString(p.text)
		off += n
	}
	doc.Text = b.String()
	doc.Warnings = warnings(doc.Pages, claimed)
	if letters == 0 && unreadable == 0 && len(doc.Warnings) == 0 {
		// Keep no stray characters from a scan's invisible artefacts.
		doc.Text = strings.Repeat("\f", max(len(pages)-1, 0))
		for i := range doc.Pages {
			doc.Pages[i].Start, doc.Pages[i].End = i, i
			doc.Pages[i].Boxes = nil
		}
		doc.Condition = newError(NoText, nil)
		doc.Warnings = []string{"This PDF has no text layer (it looks scanned): it is imported for appraisal, but passages cannot be coded yet."}
		return doc
	}
	doc.Marks = findMarks(pages, doc.Pages)
	return doc
}

// warnings describes, in plain sentences, the pages that lost text.
func warnings(pages []Page, claimed int) []string {
	var failed, damaged, unread, scanned []int
	glyphs, lost := 0, 0
	for _, p := range pages {
		s := p.Stats
		switch {
		case p.Err != nil || s.Failed:
			failed = append(failed, p.Number)
		case s.Damaged:
			damaged = append(damaged, p.Number)
		case s.Unreadable >= 2 && s.Unreadable*100 >= s.Glyphs:
			unread = append(unread, p.Number)
			glyphs += s.Glyphs
			lost += s.Unreadable
		case s.Glyphs == 0 && s.Images > 0:
			scanned = append(scanned, p.Number)
		}
	}
	var out []string
	if len(failed) > 0 {
		out = append(out, fmt.Sprintf("%s could not be read (damaged data) and %s left empty.", pagesPhrase(failed), isAre(failed, "is", "are")))
	}
	if len(damaged) > 0 {
		out = append(out, fmt.Sprintf("Part of the text on %s could not be read (damaged data).", strings.ToLower(pagesPhrase(damaged)[:1])+pagesPhrase(damaged)[1:]))
	}
	if len(unread) > 0 {
		share := float64(lost) / float64(max(glyphs, 1)) * 100
		out = append(out, fmt.Sprintf("Text on %s could not be read (about %s of the characters there): its fonts do not say which letters their glyphs are.",
			strings.ToLower(pagesPhrase(unread)[:1])+pagesPhrase(unread)[1:], percent(share)))
	}
	if len(scanned) > 0 && len(scanned) < len(pages) {
		out = append(out, fmt.Sprintf("%s no text layer (%s scanned): %s passages cannot be coded yet.",
			pagesPhrase(scanned)+" "+isAre(scanned, "has", "have"), isAre(scanned, "it looks", "they look"), isAre(scanned, "its", "their")))
	}
	if claimed > len(pages) && claimed <= 100000 {
		out = append(out, fmt.Sprintf("The document says it has %d pages, but only %d could be found.", claimed, len(pages)))
	}
	return out
}

func percent(p float64) string {
	switch {
	case p >= 99.5 && p < 100:
		return "99%"
	case p >= 1:
		return fmt.Sprintf("%.0f%%", p)
	}
	return "1%"
}

func isAre(pages []int, one, many string) string {
	if len(pages) == 1 {
		return one
	}
	return many
}

// pagesPhrase names pages compactly: "Page 3", "Pages 2-5, 9 and 11".
func pagesPhrase(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, fmt.Sprint(pages[i]))
		case j == i+1:
			parts = append(parts, fmt.Sprint(pages[i]), fmt.Sprint(pages[j]))
		default:
			parts = append(parts, fmt.Sprintf("%d-%d", pages[i], pages[j]))
		}
		i = j + 1
	}
	if len(pages) == 1 {
		return "Page " + parts[0]
	}
	if len(parts) > 12 {
		parts = append(parts[:12], fmt.Sprintf("%d more", len(parts)-12))
	}
	if len(parts) == 1 {
		return "Pages " + parts[0]
	}
	return "Pages " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
