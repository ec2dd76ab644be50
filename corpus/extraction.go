package corpus

import (
	"strings"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// Extraction is what a study keeps of its PDF's extraction: the text and its
// page map, layout marks, the outcome and the per-page figures.
type Extraction struct {
	Text       string              // pages joined by "\f"
	PageStarts []int               // code-point offset where each page starts
	Marks      []Mark              // running headers, footers and page numbers
	Status     string              // ExtractOK, ExtractWarning or ExtractNoText
	Message    string              // plain sentences, empty when all went well
	PageStats  []pdftext.PageStats // per-page figures
	// Boxes has, per page, one box per code point of its text; PageSizes the
	// displayed page's width and height in points.
	Boxes     [][]pdftext.Box
	PageSizes [][2]float64
}

// ExtractionOf decides what a study stores from an extracted document. The
// status is ExtractNoText only for a document without any text-drawing
// operator (a scan), ExtractWarning whenever a page lost text (it could not
// be read in whole or in part, or characters could not be decoded: the
// message names the pages and the share) and ExtractOK otherwise: never "ok"
// with text missing.
func ExtractionOf(doc *pdftext.Document) Extraction {
	e := Extraction{Text: doc.Text, Status: ExtractOK}
	for _, pg := range doc.Pages {
		e.PageStarts = append(e.PageStarts, pg.Start)
		e.PageStats = append(e.PageStats, pg.Stats)
		e.Boxes = append(e.Boxes, pg.Boxes)
		e.PageSizes = append(e.PageSizes, [2]float64{pg.Width, pg.Height})
	}
	for _, m := range doc.Marks {
		e.Marks = append(e.Marks, Mark{Start: m.Start, End: m.End, Kind: strings.ReplaceAll(m.Kind.String(), " ", "-")})
	}
	lost := false
	for _, s := range e.PageStats {
		lost = lost || s.LostText()
	}
	switch {
	case pdftext.KindOf(doc.Condition) == pdftext.NoText:
		e.Status, e.Message = ExtractNoText, doc.Condition.Error()
	case len(doc.Warnings) > 0:
		e.Status, e.Message = ExtractWarning, strings.Join(doc.Warnings, " ")
	case lost:
		// The extractor words every loss as a warning; a figure that says
		// otherwise is still never reported as "ok".
		e.Status, e.Message = ExtractWarning, "Some pages lost text."
	}
	return e
}

// ReplaceExtraction stores a new extraction of a study's PDF (codings are
// re-anchored by the caller in the same action).
func (t *Tx) ReplaceExtraction(study string, e Extraction) error {
	t.Touch(study)
	return studiesTable.Update(t, study,
		colText.To(e.Text), colPageStarts.To(mustJSON(e.PageStarts)), colMarks.To(mustJSON(nonNil(e.Marks))),
		colPages.To(len(e.PageStarts)), colTextLen.To(utf8.RuneCountInString(e.Text)),
		colExtraction.To(e.Status), colExtractionMessage.To(e.Message),
		colPageStats.To(mustJSON(nonNilStats(e.PageStats))), colPageBoxes.To(boxesBlob(e.Boxes, e.PageSizes)))
}

// boxesBlob encodes page boxes for storage (nil, stored as NULL, when there are none).
func boxesBlob(boxes [][]pdftext.Box, sizes [][2]float64) []byte {
	if len(boxes) == 0 {
		return nil
	}
	return encodeBoxes(boxes, sizes)
}
