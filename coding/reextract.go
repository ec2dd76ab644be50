package coding

import (
	"context"
	"fmt"
	"slices"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// ReextractResult tells what re-extracting a study changed.
type ReextractResult struct {
	Study     string   // study GUID
	Pages     int      // pages in the new text
	Changed   bool     // false when the new text equals the old one
	Refreshed bool     // the extraction was stored (new text, or the same text with new figures, boxes or marks)
	Moved     int      // codings re-anchored to a new position
	Unchanged int      // codings whose text stayed where it was
	Lost      []Coding // codings whose passage no longer occurs: listed for the reviewer, left as they were
}

// Reextract extracts a study's stored PDF again (for example after the
// extractor improved) and stores the new extraction in one action: the text
// with its page map, marks, status, per-page figures and character boxes
// (corpus.ExtractionOf), re-anchoring every coding by its quoted text.
// Codings that cannot be re-anchored are kept unchanged and returned in Lost
// for the reviewer; VerifyCodings keeps reporting them until they are fixed.
// When nothing about the extraction changed, nothing is stored. Undo restores
// the old extraction and offsets.
func Reextract(ctx context.Context, p *corpus.Project, study string) (ReextractResult, error) {
	res := ReextractResult{Study: study}
	name, data, err := p.PDF(study)
	if err != nil {
		return res, err
	}
	old, err := p.Text(study)
	if err != nil {
		return res, err
	}
	doc, err := pdftext.Extract(ctx, data, pdftext.Options{})
	if err != nil {
		return res, fmt.Errorf("re-extract %s: %w", name, err)
	}
	res.Pages = len(doc.Pages)
	e := corpus.ExtractionOf(doc)
	res.Changed = doc.Text != old.String
	if !res.Changed {
		same, err := sameExtraction(p, study, old, e)
		if err != nil || same {
			return res, err
		}
	}
	before, err := CodingsOfStudy(p, study)
	if err != nil {
		return res, err
	}
	err = p.Do("Re-extract "+name, func(tx *corpus.Tx) error {
		if err := tx.ReplaceExtraction(study, e); err != nil {
			return err
		}
		if !res.Changed {
			return nil
		}
		lost, err := Reanchor(tx, study, old.String, doc.Text)
		res.Lost = lost
		return err
	})
	if err != nil {
		return res, fmt.Errorf("re-extract %s: %w", name, err)
	}
	res.Refreshed = true
	res.Unchanged, res.Moved, err = countMoved(p, study, before, len(res.Lost))
	return res, err
}

// sameExtraction reports whether a study already stores extraction e of its
// unchanged text: the same marks, status, message and per-page figures, and
// character boxes.
func sameExtraction(p *corpus.Project, study string, old *corpus.Text, e corpus.Extraction) (bool, error) {
	st, err := p.Study(study)
	if err != nil {
		return false, err
	}
	if st.Extraction != e.Status || st.ExtractionMessage != e.Message ||
		!slices.Equal(old.Marks, e.Marks) || !slices.Equal(old.PageStats, e.PageStats) {
		return false, nil
	}
	for i, b := range e.Boxes {
		if len(b) == 0 {
			continue
		}
		pb, err := p.PageBoxes(study, i+1)
		if err != nil || !slices.EqualFunc(pb.Boxes, b, nearBox) {
			return false, nil // none stored (imported before boxes were kept), or others
		}
	}
	return true, nil
}

// nearBox compares a stored box (kept to 1/8 pt) with a fresh one.
func nearBox(a, b pdftext.Box) bool {
	near := func(x, y float32) bool { return x-y <= 0.25 && y-x <= 0.25 }
	return near(a.X0, b.X0) && near(a.Y0, b.Y0) && near(a.X1, b.X1) && near(a.Y1, b.Y1)
}

// countMoved compares a study's codings with their positions before a new
// text was anchored: how many stayed where they were and how many moved
// (lost ones, which Reanchor reported, are neither).
func countMoved(p *corpus.Project, study string, before []Coding, lost int) (unchanged, moved int, err error) {
	after, err := CodingsOfStudy(p, study)
	if err != nil {
		return 0, 0, err
	}
	pos := map[string][2]int{}
	for _, c := range before {
		pos[c.GUID] = [2]int{c.Start, c.End}
	}
	for _, c := range after {
		if pos[c.GUID] == [2]int{c.Start, c.End} {
			unchanged++
		} else {
			moved++
		}
	}
	return unchanged - lost, moved, nil
}
