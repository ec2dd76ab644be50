package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/search"
)

// This file holds the tour's scenes in the windows beyond the main one.

// tourReviewer is the second reviewer whose file the tour merges.
const tourReviewer = "Ana Reyes"

// makeReviewer writes a second reviewer's copy of the open project in which
// she coded the coded studies partly like the project's coders and partly
// not, appraised the tour's study and renamed a code (a codebook conflict).
func (t *tour) makeReviewer() error {
	proj := t.wb.Project()
	t.reviewer = filepath.Join(t.tmp, "reviewer-ana-reyes"+corpus.Extension)
	if err := proj.SaveAs(t.reviewer); err != nil {
		return fmt.Errorf("copy the project for the second reviewer: %w", err)
	}
	r, err := corpus.Open(t.reviewer, corpus.Options{})
	if err != nil {
		return err
	}
	defer r.Close()
	if err := r.SetCoder(corpus.CoderNamed(tourReviewer)); err != nil {
		return err
	}
	codes, err := coding.Codebook(r)
	if err != nil {
		return err
	}
	studies, err := r.Studies()
	if err != nil {
		return err
	}
	coded := 0
	for _, s := range studies {
		cs, err := coding.CodingsOfStudy(r, s.GUID)
		if err != nil {
			return err
		}
		if len(cs) == 0 || (coded >= 3 && s.GUID != t.study.GUID) {
			continue
		}
		coded++
		if err := reviewStudy(r, s, cs, codes); err != nil {
			return err
		}
	}
	if err := appraiseLikeOthers(r, t.study.GUID); err != nil {
		return err
	}
	for _, c := range codes {
		if c.Kind == coding.KindTheme && c.Parent != "" {
			c.Name += " (revised)"
			return coding.UpdateCode(r, c)
		}
	}
	return nil
}

// reviewStudy codes a study's passages again: the same, running on a few
// words further, with a sibling code, or not at all, in turn.
func reviewStudy(r *corpus.Project, s corpus.Study, cs []coding.Coding, codes []coding.Code) error {
	text, err := r.Text(s.GUID)
	if err != nil {
		return err
	}
	runes := []rune(text.String)
	for i, c := range cs {
		start, end, code := c.Start, c.End, c.Code
		switch i % 4 {
		case 1: // a few words more, ending at a word's end
			end = min(c.End+30, len(runes))
			for end < len(runes) && unicode.IsLetter(runes[end]) {
				end++
			}
		case 2:
			code = siblingCode(codes, c.Code)
		case 3:
			continue
		}
		if _, err := coding.ApplyCode(r, s.GUID, code, start, end, ""); err != nil {
			return fmt.Errorf("second reviewer's coding: %w", err)
		}
	}
	return nil
}

// siblingCode returns another code under the same parent (or the code itself).
func siblingCode(codes []coding.Code, guid string) string {
	var parent string
	for _, c := range codes {
		if c.GUID == guid {
			parent = c.Parent
		}
	}
	for _, c := range codes {
		if c.Parent == parent && c.GUID != guid && c.Parent != "" {
			return c.GUID
		}
	}
	return guid
}

// appraiseLikeOthers judges every criterion of the study, agreeing with the
// first other reviewer's judgement on every other criterion.
func appraiseLikeOthers(r *corpus.Project, study string) error {
	crits, err := coding.Criteria(r)
	if err != nil {
		return err
	}
	others, err := coding.Appraisals(r, study)
	if err != nil {
		return err
	}
	prior := map[string]string{}
	if len(others) > 0 {
		for guid, j := range others[0].Judgements {
			prior[guid] = j.Judgement
		}
	}
	for i, c := range crits {
		j := prior[c.GUID]
		if j == "" || i%2 == 1 {
			j = coding.PartlyMet
			if prior[c.GUID] == coding.PartlyMet {
				j = coding.Met
			}
		}
		if err := coding.SetJudgement(r, study, c.GUID, j, "Second reading by "+tourReviewer); err != nil {
			return fmt.Errorf("second reviewer's appraisal: %w", err)
		}
	}
	return nil
}

// merge plans the second reviewer's file in Team > Merge, captures the
// conflicts and preview, then merges it.
func (t *tour) merge() error {
	if err := t.makeReviewer(); err != nil {
		return err
	}
	planned := make(chan error, 4)
	merged := make(chan error, 4)
	var p *mergePanel
	if err := t.ui(func() {
		p = t.wb.showMergeWindow()
		p.planned = func(_ string, err error) { signal(planned, err) }
		p.merged = func(_ []*merge.Report, err error) { signal(merged, err) }
		p.addFile(t.reviewer)
	}); err != nil {
		return err
	}
	if err, werr := wait(t, planned, "read the reviewer's file"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	if err := t.shot("merge", func() fyne.Window { return p.win }); err != nil {
		return err
	}
	if err := t.ui(p.onMergeTapped); err != nil {
		return err
	}
	if err, werr := wait(t, merged, "merge"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	return t.ui(p.close)
}

// agreement computes Team > Agreement over every coder.
func (t *tour) agreement() error {
	computed := make(chan error, 4)
	var p *agreementPanel
	if err := t.ui(func() {
		p = t.wb.showAgreementWindow()
		p.computed = func(err error) { signal(computed, err) }
		p.run()
	}); err != nil {
		return err
	}
	if err, werr := wait(t, computed, "compute agreement"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	if err := t.shot("agreement", func() fyne.Window { return p.win }); err != nil {
		return err
	}
	return t.ui(p.win.Close)
}

// reconcile opens Team > Reconcile on the first undecided disagreement.
func (t *tour) reconcile() error {
	loaded := make(chan error, 4)
	shown := make(chan string, 4)
	var p *reconcilePanel
	if err := t.ui(func() {
		p = t.wb.showReconcileWindow()
		p.win.Resize(fyne.NewSize(1280, 800))
		p.loaded = func(err error) { signal(loaded, err) }
		p.shown = func(item string) { signal(shown, item) }
		p.load("")
	}); err != nil {
		return err
	}
	if err, werr := wait(t, loaded, "list disagreements"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	if _, err := wait(t, shown, "show a disagreement"); err != nil {
		return err
	}
	if err := t.shot("reconcile", func() fyne.Window { return p.win }); err != nil {
		return err
	}
	return t.ui(p.win.Close)
}

// search runs a query in the search window once the index is ready.
func (t *tour) search() error {
	if _, err := wait(t, t.ready, "build the search index"); err != nil {
		return err
	}
	searched := make(chan error, 4)
	var p *searchPanel
	if err := t.ui(func() {
		t.wb.onSearch()
		p = t.wb.searcher.panel
		p.win.Resize(fyne.NewSize(1000, 760))
		p.searched = func(_ *search.Results, err error) { signal(searched, err) }
		p.query.SetText(`recruit* AND debt`)
		p.run()
	}); err != nil {
		return err
	}
	if err, werr := wait(t, searched, "search"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	if err := t.shot("search", func() fyne.Window { return p.win }); err != nil {
		return err
	}
	return t.ui(p.win.Close)
}

// evidenceMap opens Brief > Evidence map.
func (t *tour) evidenceMap() error {
	loaded := make(chan error, 4)
	var p *mapPanel
	if err := t.ui(func() {
		p = newMapPanel(t.wb)
		p.loaded = func(err error) { signal(loaded, err) }
		p.open()
	}); err != nil {
		return err
	}
	if err, werr := wait(t, loaded, "compute the evidence map"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	if err := t.ui(func() { // select the fullest cell
		rows, cols := p.size()
		var best widget.TableCellID
		n := -1
		for r := 0; r < rows; r++ {
			for c := 0; c < cols; c++ {
				if cell, _, total := p.cell(r, c); !total && cell.N() > n {
					n, best = cell.N(), widget.TableCellID{Row: r, Col: c}
				}
			}
		}
		p.table.Select(best)
	}); err != nil {
		return err
	}
	if err := t.shot("map", func() fyne.Window { return p.win }); err != nil {
		return err
	}
	return t.ui(p.win.Close)
}

// brief opens Brief > Draft brief and waits for the first draft.
func (t *tour) brief() error {
	built := make(chan error, 4)
	var p *briefPanel
	if err := t.ui(func() {
		p = newBriefPanel(t.wb)
		p.built = func(err error) { signal(built, err) }
		p.open()
		p.win.Resize(fyne.NewSize(1280, 800))
	}); err != nil {
		return err
	}
	if err, werr := wait(t, built, "draft the brief"); werr != nil || err != nil {
		return errors.Join(werr, err)
	}
	if err := t.ui(func() { // trace a theme's number to its studies
		for i, f := range p.figures {
			if f.code != "" {
				p.numbers.Select(i)
				p.numbers.ScrollTo(i)
				return
			}
		}
	}); err != nil {
		return err
	}
	if err := t.shot("brief", func() fyne.Window { return p.win }); err != nil {
		return err
	}
	return t.ui(p.win.Close)
}
