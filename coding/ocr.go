package coding

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/ocr"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// ErrNothingToOCR means no page was named for OCR and none is flagged as
// scanned or unreadable.
var ErrNothingToOCR = errors.New("no page of this study is scanned or unreadable; name the pages to read by OCR")

// OCRResult tells what storing OCR text changed.
type OCRResult struct {
	Study     string   // study GUID
	Pages     []int    // 0-based pages whose text now comes from OCR (this run)
	Lang      string   // Tesseract languages used
	Conf      float64  // mean word confidence of this run, 0-100
	Chars     int      // code points the OCR read (spaces not counted)
	Moved     int      // codings re-anchored to a new position
	Unchanged int      // codings whose text stayed where it was
	Lost      []Coding // codings whose passage no longer occurs: left as they were
}

// OCRPages returns the 0-based pages of a study's text that OCR should read:
// pages without a text layer, pages that lost text, and pages with images
// but no text. Pages read by OCR before are included when they still have
// no text layer, so that a re-run reads them again.
func OCRPages(t *corpus.Text) []int {
	var out []int
	for i, s := range t.PageStats {
		if s.NoText || s.LostText() || (s.Chars == 0 && s.Images > 0) || (s.OCR && s.Glyphs == 0) {
			out = append(out, i)
		}
	}
	if len(t.PageStats) == 0 && strings.TrimSpace(strings.ReplaceAll(t.String, "\f", "")) == "" {
		for i := range max(len(t.PageStarts), 1) {
			out = append(out, i)
		}
	}
	return out
}

// OCR reads pages (0-based; nil: OCRPages) of a study's stored PDF with
// Tesseract and stores the result with ApplyOCR. Nothing is stored when any
// page fails or ctx ends: the error names the page. progress (may be nil)
// is called after each page.
func OCR(ctx context.Context, p *corpus.Project, study string, pages []int, o ocr.Options, progress func(done, total int)) (OCRResult, error) {
	res := OCRResult{Study: study}
	t, err := ocr.Find(ctx)
	if err != nil {
		if errors.Is(err, ocr.ErrNotInstalled) {
			return res, &ocr.NotInstalledError{Langs: ocr.SplitLangs(o.Lang)}
		}
		return res, err
	}
	if err := t.Check(ctx, o.Lang); err != nil {
		return res, err
	}
	name, data, err := p.PDF(study)
	if err != nil {
		return res, err
	}
	if pages == nil {
		text, err := p.Text(study)
		if err != nil {
			return res, err
		}
		if pages = OCRPages(text); len(pages) == 0 {
			return res, ErrNothingToOCR
		}
	}
	doc, err := pdfpage.Open(ctx, data)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	defer doc.Close()
	for _, pg := range pages {
		if pg < 0 || pg >= doc.PageCount() {
			return res, fmt.Errorf("%s has %d pages; there is no page %d", name, doc.PageCount(), pg+1)
		}
	}
	read, err := t.OCR(ctx, doc, pages, o, progress)
	if err == nil {
		err = ctx.Err() // cancelled after the last page: store nothing
	}
	if err != nil {
		return res, fmt.Errorf("OCR of %s: %w", name, err)
	}
	return ApplyOCR(p, study, read)
}

// ApplyOCR stores the text OCR read from some pages of a study's PDF, with
// a box per character, as those pages' text, in one action ("OCR ..."):
// other pages keep their text, boxes and layout marks; the study's
// extraction status becomes corpus.ExtractOCR with a sentence naming the
// pages read by OCR; every coding is re-anchored by its quoted text as
// re-extraction does (Lost lists those that could not be). Undo restores
// the old text and offsets.
func ApplyOCR(p *corpus.Project, study string, read []*ocr.Page) (OCRResult, error) {
	res := OCRResult{Study: study}
	if len(read) == 0 {
		return res, ErrNothingToOCR
	}
	s, err := p.Study(study)
	if err != nil {
		return res, err
	}
	old, err := p.Text(study)
	if err != nil {
		return res, err
	}
	boxes, err := p.StudyBoxes(study)
	if err != nil {
		return res, err
	}
	byPage := map[int]*ocr.Page{}
	n := len(old.PageStarts)
	var conf, weight float64
	for _, pg := range read {
		if pg == nil || pg.Index < 0 {
			return res, fmt.Errorf("OCR of %s: a page without its page number", s.FileName)
		}
		byPage[pg.Index] = pg
		n = max(n, pg.Index+1)
		res.Pages = append(res.Pages, pg.Index)
		res.Lang = pg.Lang
		for _, r := range pg.Text {
			if !unicode.IsSpace(r) {
				res.Chars++
			}
		}
		k := float64(utf8.RuneCountInString(pg.Text))
		conf += pg.Conf() * k
		weight += k
	}
	if weight > 0 {
		res.Conf = conf / weight
	}
	slices.Sort(res.Pages)
	e := ocrExtraction(old, boxes, byPage, n)
	e.Status, e.Message = corpus.ExtractOCR, ocrMessage(e.PageStats, res, s)
	before, err := CodingsOfStudy(p, study)
	if err != nil {
		return res, err
	}
	err = p.Do("OCR "+s.FileName, func(tx *corpus.Tx) error {
		if err := tx.ReplaceExtraction(study, e); err != nil {
			return err
		}
		lost, err := Reanchor(tx, study, old.String, e.Text)
		res.Lost = lost
		return err
	})
	if err != nil {
		return res, fmt.Errorf("OCR of %s: %w", s.FileName, err)
	}
	res.Unchanged, res.Moved, err = countMoved(p, study, before, len(res.Lost))
	return res, err
}

// ocrExtraction builds the study's new text of n pages: OCR'd pages from
// byPage, the others as they were.
func ocrExtraction(old *corpus.Text, boxes []corpus.PageBoxes, byPage map[int]*ocr.Page, n int) corpus.Extraction {
	runes := []rune(old.String)
	oldPage := func(i int) (int, int) { // code-point range of page i's text
		if i >= len(old.PageStarts) {
			return len(runes), len(runes)
		}
		s, e := old.PageStarts[i], len(runes)
		if i+1 < len(old.PageStarts) {
			e = old.PageStarts[i+1] - 1 // before the form feed
		}
		return min(s, len(runes)), min(max(e, s), len(runes))
	}
	var e corpus.Extraction
	var b strings.Builder
	at := 0
	for i := range n {
		if i > 0 {
			b.WriteByte('\f')
			at++
		}
		e.PageStarts = append(e.PageStarts, at)
		var stats pdftext.PageStats
		if i < len(old.PageStats) {
			stats = old.PageStats[i]
		}
		if pg := byPage[i]; pg != nil {
			b.WriteString(pg.Text)
			cb := pg.CharBoxes()
			bx := make([]pdftext.Box, len(cb))
			for j, r := range cb {
				bx[j] = pdftext.Box{X0: float32(r.X0), Y0: float32(r.Y0), X1: float32(r.X1), Y1: float32(r.Y1)}
			}
			e.Boxes = append(e.Boxes, bx)
			e.PageSizes = append(e.PageSizes, [2]float64{pg.Size.W, pg.Size.H})
			stats.OCR = true
			stats.Chars = 0
			for _, r := range pg.Text {
				if !unicode.IsSpace(r) {
					stats.Chars++
				}
			}
			at += len(cb)
		} else {
			s, end := oldPage(i)
			b.WriteString(string(runes[s:end]))
			for _, m := range old.Marks {
				if m.Start >= s && m.End <= end {
					e.Marks = append(e.Marks, corpus.Mark{Start: m.Start - s + at, End: m.End - s + at, Kind: m.Kind})
				}
			}
			var bx []pdftext.Box
			var size [2]float64
			if i < len(boxes) {
				bx, size = boxes[i].Boxes, [2]float64{boxes[i].Width, boxes[i].Height}
			}
			e.Boxes = append(e.Boxes, bx)
			e.PageSizes = append(e.PageSizes, size)
			at += end - s
		}
		e.PageStats = append(e.PageStats, stats)
	}
	e.Text = b.String()
	return e
}

// ocrMessage says which pages were read by OCR, with what, and keeps the
// old extraction's warning when pages not read by OCR still lost text.
func ocrMessage(stats []pdftext.PageStats, res OCRResult, s corpus.Study) string {
	var pages []int
	stillLost := false
	for i, st := range stats {
		if st.OCR {
			pages = append(pages, i)
		} else if st.LostText() {
			stillLost = true
		}
	}
	msg := fmt.Sprintf("%s of %d read from the page images by OCR (Tesseract, %s, mean confidence %.0f%%).",
		pageList(pages), len(stats), res.Lang, res.Conf)
	if stillLost && s.Extraction == corpus.ExtractWarning && s.ExtractionMessage != "" {
		msg += " " + s.ExtractionMessage
	}
	return msg
}

// pageList writes 0-based pages as "Page 3" or "Pages 1-3, 7" (counted from 1).
func pageList(pages []int) string {
	if len(pages) == 1 {
		return "Page " + FormatPages(pages)
	}
	return "Pages " + FormatPages(pages)
}

// FormatPages writes sorted 0-based pages counted from 1 with ranges, as
// ParsePages reads them: "1-3, 7".
func FormatPages(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", pages[i]+1, pages[j]+1))
		} else {
			parts = append(parts, fmt.Sprint(pages[i]+1))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// ParsePages reads pages counted from 1, single or as ranges separated by
// commas ("1-3,7"), into 0-based pages in the order given, without repeats.
func ParsePages(s string) ([]int, error) {
	seen := map[int]bool{}
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 1 || b < a {
			return nil, fmt.Errorf("%q is not a page or a range of pages counted from 1", part)
		}
		if b-a > 100000 {
			return nil, fmt.Errorf("%q is too long a range", part)
		}
		for n := a; n <= b; n++ {
			if !seen[n] {
				seen[n] = true
				out = append(out, n-1)
			}
		}
	}
	return out, nil
}
