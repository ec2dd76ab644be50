package app

import (
	"fmt"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// subscribers are the screens listening for saved changes (UI goroutine only).
type subscribers struct {
	next int
	fns  map[int]func(studies []string)
}

func (s *subscribers) add(f func(studies []string)) (stop func()) {
	if s.fns == nil {
		s.fns = map[int]func([]string){}
	}
	s.next++
	id := s.next
	s.fns[id] = f
	return func() { delete(s.fns, id) }
}

func (s *subscribers) notify(studies []string) {
	for _, f := range s.fns {
		f(studies)
	}
}

// Changed reloads what a saved change may have changed (the studies
// touched, or everything when nil) in the main window, the search index and
// every subscribed screen.
func (wb *Workbench) Changed(studies []string) {
	wb.studies.reload()
	wb.codebook.reload()
	wb.reader.reload()
	if wb.pages.shown {
		wb.pages.loadAreas()
	}
	wb.refreshMenu()
	wb.index.Touched(studies)
	wb.subs.notify(studies)
}

// OnChange subscribes f to every saved change.
func (wb *Workbench) OnChange(f func(studies []string)) (stop func()) { return wb.subs.add(f) }

// act runs one domain action in the background and refreshes the views when
// it is saved; a failure is shown and nothing changes.
func (wb *Workbench) act(title string, fn func(p *corpus.Project) error) {
	p := wb.Project()
	if p == nil || refuseReadOnly(wb) {
		return
	}
	ui.Go(func() (struct{}, error) { return struct{}{}, fn(p) }, func(_ struct{}, err error) {
		if err != nil {
			wb.noteError(err)
			ui.ShowError(wb.win, title, err)
			return
		}
		wb.Status(title + ": saved (Ctrl+Z undoes).")
		wb.Changed(nil)
	})
}

// appraisalStatuses returns the per-study appraisal status text for the
// study list (off the UI goroutine).
func appraisalStatuses(p *corpus.Project) map[string]string {
	st, err := coding.AppraisalStatuses(p)
	if err != nil {
		return nil
	}
	out := make(map[string]string, len(st))
	for study, s := range st {
		switch {
		case s.Consensus != coding.ProgressNone:
			out[study] = "consensus appraisal " + s.Consensus
		case s.Complete > 0:
			out[study] = fmt.Sprintf("appraised by %d of %d", s.Complete, s.Reviewers)
		case s.Reviewers > 0:
			out[study] = "appraisal in progress"
		}
	}
	return out
}
