package main

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/go-pdf/fpdf"
)

// study is the full text and metadata of one demo report.
type study struct {
	meta     assets.DemoStudy // Codings are filled in by render
	month    time.Month       // publication month, used for the PDF dates
	short    string           // running header title
	abstract string
	sections []section
	refs     []string
}

// section is a numbered section; a block starting with "> " is printed as an
// indented quotation in quotation marks, followed by the speaker in brackets
// when the block ends with " ~~ speaker"; any other block is a paragraph.
type section struct {
	heading string
	blocks  []string
}

// Layout in millimetres and points.
const (
	margin     = 22.0
	bodySize   = 10.5
	bodyLine   = 5.2
	quoteSize  = 10.0
	quoteLine  = 5.0
	quoteInset = 10.0
	refSize    = 9.0
	refLine    = 4.4
	// raggedLimit is the shortest a wrapped (non-final) line may be, as a
	// fraction of the width; unbreakable coded passages can otherwise leave
	// lines that look like paragraph ends.
	raggedLimit = 0.72
)

// span is a coded passage found in the markup.
type span struct {
	codes []string
	text  string
	page  int
}

// word is an unbreakable run of text; spans lists the coded passages in it.
type word struct {
	text  string
	spans []int
}

// renderer writes one study and collects its text and coded spans.
type renderer struct {
	pdf    *fpdf.Fpdf
	lines  []string
	spans  []span
	ragged []string
}

func render(s study, tpl assets.Template) ([]byte, []assets.DemoCoding, error) {
	date := time.Date(s.meta.Year, s.month, 15, 9, 0, 0, 0, time.UTC)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetTitle(s.meta.Title, false)
	pdf.SetAuthor(strings.Join(s.meta.Authors, ", "), false)
	pdf.SetSubject(s.meta.Method+"; "+strings.Join(s.meta.Countries, ", "), false)
	pdf.SetCreator("Evidence Workbench demo generator", false)
	pdf.SetProducer("Evidence Workbench gendemo (fpdf)", false)
	pdf.AliasNbPages("{nb}")
	r := &renderer{pdf: pdf}
	pdf.SetHeaderFunc(func() {
		if pdf.PageNo() == 1 {
			return
		}
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.SetY(10)
		pdf.CellFormat(120, 5, s.short, "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, fmt.Sprintf("%s %d", s.meta.Organisation, s.meta.Year), "", 1, "R", false, 0, "")
		pdf.SetDrawColor(180, 180, 180)
		pdf.Line(margin, 16, 210-margin, 16)
		pdf.SetTextColor(0, 0, 0)
		pdf.SetY(margin)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})

	if err := r.titlePage(s); err != nil {
		return nil, nil, err
	}
	pdf.AddPage()
	r.heading("Abstract")
	if err := r.paragraph(s.abstract, "", bodySize, bodyLine, 0); err != nil {
		return nil, nil, fmt.Errorf("abstract: %w", err)
	}
	for i, sec := range s.sections {
		r.heading(fmt.Sprintf("%d. %s", i+1, sec.heading))
		for _, b := range sec.blocks {
			var err error
			if q, ok := strings.CutPrefix(b, "> "); ok {
				q, who, _ := strings.Cut(q, " ~~ ")
				q = `"` + q + `"`
				if who != "" {
					q += " (" + who + ")"
				}
				err = r.paragraph(q, "I", quoteSize, quoteLine, quoteInset)
			} else {
				err = r.paragraph(b, "", bodySize, bodyLine, 0)
			}
			if err != nil {
				return nil, nil, fmt.Errorf("section %q: %w", sec.heading, err)
			}
		}
	}
	r.heading("References")
	for _, ref := range s.refs {
		if err := r.paragraph(ref, "", refSize, refLine, 0); err != nil {
			return nil, nil, fmt.Errorf("references: %w", err)
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, nil, fmt.Errorf("render PDF: %w", err)
	}
	if len(r.ragged) > 0 {
		return nil, nil, fmt.Errorf("shorten or move coded passages:\n  %s", strings.Join(r.ragged, "\n  "))
	}
	if n := pdf.PageNo(); n < 3 || n > 4 {
		return nil, nil, fmt.Errorf("%d pages, want 3 or 4 (title page plus 2-3)", n)
	}
	codings, err := r.codings(tpl)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, nil, fmt.Errorf("write PDF: %w", err)
	}
	return buf.Bytes(), codings, nil
}

// codings checks the collected spans and turns them into manifest codings.
func (r *renderer) codings(tpl assets.Template) ([]assets.DemoCoding, error) {
	full := collapse(strings.Join(r.lines, "\n"))
	var out []assets.DemoCoding
	for _, sp := range r.spans {
		if n := strings.Count(full, sp.text); n != 1 {
			return nil, fmt.Errorf("coded passage %q occurs %d times in the document, want once", sp.text, n)
		}
		for _, c := range sp.codes {
			if _, ok := tpl.Find(c); !ok {
				return nil, fmt.Errorf("coded passage %q: code %q is not in the default template", sp.text, c)
			}
			out = append(out, assets.DemoCoding{Code: c, Quote: sp.text, Page: sp.page})
		}
	}
	return out, nil
}

func (r *renderer) titlePage(s study) error {
	pdf := r.pdf
	pdf.AddPage()
	pdf.SetFillColor(29, 78, 137)
	pdf.Rect(0, 0, 210, 14, "F")
	pdf.SetY(30)
	pdf.SetFont("Helvetica", "B", 12)
	pdf.SetTextColor(29, 78, 137)
	r.line(s.meta.Organisation, 0, 6)
	pdf.SetFont("Helvetica", "", 10)
	pdf.SetTextColor(90, 90, 90)
	r.line(fmt.Sprintf("%s, %s %d", s.meta.PublicationType, s.month, s.meta.Year), 0, 6)
	pdf.SetY(75)
	pdf.SetTextColor(0, 0, 0)
	if err := r.paragraph(s.meta.Title, "B", 20, 9, 0); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	pdf.Ln(8)
	pdf.SetFont("Helvetica", "B", 12)
	r.line(strings.Join(s.meta.Authors, ", "), 0, 6)
	pdf.SetFont("Helvetica", "", 11)
	r.line(s.meta.Organisation, 0, 6)
	pdf.Ln(12)
	pdf.SetFont("Helvetica", "", 10)
	r.line("Countries: "+strings.Join(s.meta.Countries, ", "), 0, 5.5)
	r.line("Sectors: "+strings.Join(s.meta.Sectors, ", "), 0, 5.5)
	r.line("Published by "+s.meta.Publisher, 0, 5.5)
	pdf.SetY(245)
	pdf.SetTextColor(110, 110, 110)
	return r.paragraph("Synthetic demonstration document produced for Evidence Workbench. "+
		"The people, organisations, workplaces, quotations and figures in it are fictitious; "+
		"it is not a real study and must not be cited.", "I", 8.5, 4.2, 0)
}

// line prints one unwrapped line and records its text.
func (r *renderer) line(text string, inset, h float64) {
	r.pdf.SetX(margin + inset)
	r.pdf.CellFormat(0, h, text, "", 1, "L", false, 0, "")
	r.lines = append(r.lines, text)
}

func (r *renderer) heading(text string) {
	pdf := r.pdf
	_, pageH := pdf.GetPageSize()
	if pdf.GetY()+22 > pageH-margin {
		pdf.AddPage()
	} else if pdf.GetY() > margin+1 {
		pdf.Ln(3)
	}
	pdf.SetFont("Helvetica", "B", 12)
	pdf.SetTextColor(29, 78, 137)
	r.line(text, 0, 7)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(1)
}

// paragraph parses markup, word-wraps with the font's metrics and prints the
// lines, keeping each coded passage on one line.
func (r *renderer) paragraph(markup, style string, size, lineH, inset float64) error {
	pdf := r.pdf
	pdf.SetFont("Helvetica", style, size)
	words, err := r.parse(markup)
	if err != nil {
		return err
	}
	width := 210 - 2*margin - 2*inset
	var cur []word
	flush := func() {
		if len(cur) == 0 {
			return
		}
		r.line(lineText(cur), inset, lineH)
		for _, w := range cur {
			for _, si := range w.spans {
				r.spans[si].page = pdf.PageNo()
			}
		}
		cur = cur[:0]
	}
	lineW := 0.0
	space := pdf.GetStringWidth(" ")
	for _, w := range words {
		ww := pdf.GetStringWidth(w.text)
		if ww > width {
			return fmt.Errorf("%q is too wide for one line (%.0f of %.0f mm)", w.text, ww, width)
		}
		if len(cur) > 0 && lineW+space+ww > width {
			if lineW < raggedLimit*width {
				r.ragged = append(r.ragged, fmt.Sprintf("coded passage %q leaves a ragged line %q", w.text, lineText(cur)))
			}
			flush()
			lineW = 0
		}
		if len(cur) > 0 {
			lineW += space
		}
		lineW += ww
		cur = append(cur, w)
	}
	flush()
	pdf.Ln(lineH * 0.5)
	return nil
}

// parse splits markup into unbreakable words, registering coded spans.
func (r *renderer) parse(markup string) ([]word, error) {
	for _, c := range markup {
		if c < 0x20 || c > 0x7e {
			return nil, fmt.Errorf("character %q in %q: use printable ASCII only (core fonts)", c, markup)
		}
	}
	var words []word
	add := func(text string, spaceBefore bool, spanIdx int) {
		if spaceBefore || len(words) == 0 {
			words = append(words, word{})
		}
		w := &words[len(words)-1]
		w.text += text
		if spanIdx >= 0 {
			w.spans = append(w.spans, spanIdx)
		}
	}
	addPlain := func(s string, spaceBefore bool) bool {
		for i, f := range strings.Fields(s) {
			add(f, spaceBefore || i > 0 || strings.HasPrefix(s, " "), -1)
		}
		return strings.HasSuffix(s, " ")
	}
	rest := markup
	spaceBefore := true
	for {
		open := strings.Index(rest, "{{")
		if open < 0 {
			addPlain(rest, spaceBefore)
			break
		}
		before := rest[:open]
		if before != "" {
			spaceBefore = addPlain(before, spaceBefore)
			if strings.TrimSpace(before) == "" {
				spaceBefore = true
			}
		}
		end := strings.Index(rest[open:], "}}")
		if end < 0 {
			return nil, fmt.Errorf("unclosed {{ in %q", markup)
		}
		inner := rest[open+2 : open+end]
		codes, text, ok := strings.Cut(inner, "|")
		text = strings.TrimSpace(text)
		if !ok || text == "" || strings.Contains(inner, "{{") {
			return nil, fmt.Errorf("bad coded passage {{%s}}", inner)
		}
		var sp span
		for _, c := range strings.Split(codes, ";") {
			if c = strings.TrimSpace(c); c != "" {
				sp.codes = append(sp.codes, c)
			}
		}
		if len(sp.codes) == 0 {
			return nil, fmt.Errorf("coded passage %q has no code", text)
		}
		sp.text = strings.Join(strings.Fields(text), " ")
		r.spans = append(r.spans, sp)
		add(sp.text, spaceBefore, len(r.spans)-1)
		spaceBefore = false
		rest = rest[open+end+2:]
	}
	return words, nil
}

func lineText(ws []word) string {
	texts := make([]string, len(ws))
	for i, w := range ws {
		texts[i] = w.text
	}
	return strings.Join(texts, " ")
}

// collapse replaces every run of white space with one space and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
