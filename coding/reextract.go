package coding

import (
	"context"
	"fmt"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// ReextractResult tells what re-extracting a study changed.
type ReextractResult struct {
	Study     string   // study GUID
	Pages     int      // pages in the new text
	Changed   bool     // false when the new text equals the old one
	Moved     int      // codings re-anchored to a new position
	Unchanged int      // codings whose text stayed where it was
	Lost      []Coding // codings whose passage no longer occurs: listed for the reviewer, left as they were
}

// Reextract extracts a study's stored PDF again (for example after the
// extractor improved) and replaces its text in one action, re-anchoring every
// coding by its quoted text. Codings that cannot be re-anchored are kept
// unchanged and returned in Lost for the reviewer; VerifyCodings keeps
// reporting them until they are fixed. Undo restores the old text and offsets.
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
	// As an import stores it: text, page map, marks, outcome, per-page
	// figures and every character's box (the page view needs them).
	e := corpus.ExtractionOf(doc)
	if doc.Text == old.String {
		// The same text: only a study imported before boxes were kept
		// has something to gain, its boxes.
		if pb, err := p.PageBoxes(study, 1); err != nil || pb.Boxes != nil || len(e.Boxes) == 0 {
			return res, nil
		}
		return res, p.Do("Re-extract "+name, func(tx *corpus.Tx) error { return tx.ReplaceExtraction(study, e) })
	}
	res.Changed = true
	before, err := CodingsOfStudy(p, study)
	if err != nil {
		return res, err
	}
	err = p.Do("Re-extract "+name, func(tx *corpus.Tx) error {
		if err := tx.ReplaceExtraction(study, e); err != nil {
			return err
		}
		lost, err := Reanchor(tx, study, old.String, doc.Text)
		res.Lost = lost
		return err
	})
	if err != nil {
		return res, fmt.Errorf("re-extract %s: %w", name, err)
	}
	after, err := CodingsOfStudy(p, study)
	if err != nil {
		return res, err
	}
	pos := map[string][2]int{}
	for _, c := range before {
		pos[c.GUID] = [2]int{c.Start, c.End}
	}
	for _, c := range after {
		if pos[c.GUID] == [2]int{c.Start, c.End} {
			res.Unchanged++
		} else {
			res.Moved++
		}
	}
	res.Unchanged -= len(res.Lost)
	return res, nil
}
