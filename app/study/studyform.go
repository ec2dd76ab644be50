// Package study holds the Study menu's per-study screens: the attributes
// and review-status form, the rigor appraisal form, re-extracting a study's
// text, bulk edits of the studies the list shows, the exclusion reasons,
// and memos (on a study, on a code, and memo search). Each is given the
// main window as a ui.Host and, where it needs them, the study shown in the
// reader, the codebook (ui.Codebook), the reader (ui.Navigator) and plain
// callbacks; it never reaches into another screen.
package study

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// attributesPanel edits the open study's attributes and review status.
type attributesPanel struct {
	host  ui.Host
	study corpus.Study

	title, authors, year, countries, sectors *widget.Entry
	sample, population, language, pubType    *widget.Entry
	publisher, doi                           *widget.Entry
	cited                                    *widget.Label // how the authors will be cited
	peopleButton                             *widget.Button
	method, status, reason                   *widget.Select
	saveButton                               *widget.Button
	message                                  *widget.Label
	close                                    func() // closes the form's window once saved
}

func newAttributesPanel(h ui.Host, s corpus.Study) *attributesPanel {
	return &attributesPanel{host: h, study: s, close: func() {}}
}

// ShowAttributes opens the attributes and review-status form of study s
// (the study shown in the reader).
func ShowAttributes(h ui.Host, s corpus.Study) {
	p := newAttributesPanel(h, s)
	p.close = showForm(h, "Attributes — "+ui.StudyTitle(s), fyne.NewSize(620, 640), p.build(), nil)
}

// showForm opens content in its own window (see ui.ShowWindow) and returns
// a function that closes the window unless the user has closed it already.
func showForm(h ui.Host, title string, size fyne.Size, content fyne.CanvasObject, lanes []*ui.Lane, stops ...func()) (close func()) {
	open := true
	w := ui.ShowWindow(h, title, size, content, lanes, append(stops, func() { open = false })...)
	return func() {
		if open {
			w.Close()
		}
	}
}

func (p *attributesPanel) build() fyne.CanvasObject {
	s := p.study
	entry := func(v string) *widget.Entry { e := widget.NewEntry(); e.SetText(v); return e }
	p.title = entry(s.Title)
	p.authors = entry(names.JoinText(s.Authors))
	p.year = entry(intText(s.Year))
	p.countries = entry(coding.JoinMulti(s.Countries))
	p.sectors = entry(coding.JoinMulti(s.Sectors))
	p.sample = entry(intText(s.SampleSize))
	p.population = entry(s.Population)
	p.language = entry(s.Language)
	p.pubType = entry(s.PubType)
	p.publisher = entry(s.Publisher)
	p.doi = entry(s.DOI)
	p.cited = widget.NewLabel(citedPreview(p.authors.Text))
	p.cited.Wrapping = fyne.TextWrapWord
	p.authors.OnChanged = func(text string) { p.cited.SetText(citedPreview(text)) }
	p.authors.SetPlaceHolder("Nguyen Van Minh; Daw Hnin Wai; Smith, John")
	p.peopleButton = widget.NewButton("People…", p.onPeople)
	authorsHint := widget.NewLabel(authorsHelp)
	authorsHint.Wrapping = fyne.TextWrapWord
	authorsHint.TextStyle.Italic = true
	p.method = widget.NewSelect(append([]string{""}, coding.Methods...), nil)
	p.method.SetSelected(s.Method)
	p.status = widget.NewSelect(corpus.Statuses, func(v string) {
		if p.reason != nil {
			if v == corpus.StatusExcluded {
				p.reason.Enable()
			} else {
				p.reason.Disable()
			}
		}
	})
	p.reason = widget.NewSelect(reasonNames(p.host.Project()), nil)
	p.reason.PlaceHolder = "(reason — the lead defines the list)"
	p.reason.SetSelected(s.ExclusionReason)
	p.status.SetSelected(s.Status)
	p.message = widget.NewLabel("Multi-valued fields are separated by “; ”.")
	p.message.Wrapping = fyne.TextWrapWord
	p.saveButton = widget.NewButton("Save", p.onSave)
	p.saveButton.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("Title", p.title),
		widget.NewFormItem("Authors", container.NewBorder(nil, nil, nil, p.peopleButton, p.authors)),
		widget.NewFormItem("", p.cited), widget.NewFormItem("", authorsHint),
		widget.NewFormItem("Year", p.year), widget.NewFormItem("Countries", p.countries),
		widget.NewFormItem("Sectors", p.sectors), widget.NewFormItem("Method", p.method),
		widget.NewFormItem("Sample size", p.sample), widget.NewFormItem("Population", p.population),
		widget.NewFormItem("Language", p.language), widget.NewFormItem("Publication type", p.pubType),
		widget.NewFormItem("Publisher", p.publisher), widget.NewFormItem("DOI", p.doi),
		widget.NewFormItem("Review status", p.status),
		widget.NewFormItem("Exclusion reason", p.reason),
	)
	return container.NewBorder(nil, container.NewBorder(nil, nil, nil, p.saveButton, p.message), nil, nil, container.NewVScroll(form))
}

// reasonNames lists the project's exclusion reasons (a small read).
func reasonNames(proj *corpus.Project) []string {
	if proj == nil {
		return nil
	}
	var names []string
	rs, _ := coding.ExclusionReasons(proj)
	for _, r := range rs {
		names = append(names, r.Name)
	}
	return names
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// values reads the form into attributes, or says which field is wrong.
func (p *attributesPanel) values() (corpus.Attributes, error) {
	a := corpus.Attributes{
		Title: strings.TrimSpace(p.title.Text), Authors: coding.ParseAuthors(p.authors.Text),
		Countries: coding.SplitMulti(p.countries.Text), Sectors: coding.SplitMulti(p.sectors.Text),
		Method: p.method.Selected, Population: strings.TrimSpace(p.population.Text),
		Language: strings.TrimSpace(p.language.Text), PubType: strings.TrimSpace(p.pubType.Text),
		Publisher: strings.TrimSpace(p.publisher.Text), DOI: strings.TrimSpace(p.doi.Text),
	}
	var err error
	if t := strings.TrimSpace(p.year.Text); t != "" {
		if a.Year, err = strconv.Atoi(t); err != nil {
			return a, fmt.Errorf("year %q is not a number", t)
		}
	}
	if t := strings.TrimSpace(p.sample.Text); t != "" {
		if a.SampleSize, err = strconv.Atoi(t); err != nil {
			return a, fmt.Errorf("sample size %q is not a number", t)
		}
	}
	return a, nil
}

func (p *attributesPanel) onSave() {
	a, err := p.values()
	if err != nil {
		p.message.SetText(err.Error())
		return
	}
	proj := p.host.Project()
	if proj == nil {
		return
	}
	study, status, reason := p.study.GUID, p.status.Selected, p.reason.Selected
	changedStatus := status != p.study.Status || reason != p.study.ExclusionReason
	p.saveButton.Disable()
	ui.Go(func() (struct{}, error) {
		err := coding.SetAttributes(proj, study, a)
		if err == nil && changedStatus {
			err = coding.SetStatus(proj, []string{study}, status, reason)
		}
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		p.saveButton.Enable()
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.message.SetText("Saved. Edit > Undo reverts it.")
		p.host.Changed([]string{study})
		p.close()
	})
}

// ShowAppraisal reads the codebook's rigor criteria and the current
// reviewer's appraisal of study s (the study shown in the reader) in the
// background, then opens the appraisal form.
func ShowAppraisal(h ui.Host, s corpus.Study) {
	proj := h.Project()
	if proj == nil {
		return
	}
	ui.Go(func() (appraisalData, error) { return loadAppraisal(proj, s.GUID) }, func(d appraisalData, err error) {
		if err != nil {
			ui.ShowError(h.Window(), "Appraise", err)
			return
		}
		if len(d.criteria) == 0 {
			dialog.ShowInformation("Appraise", "The codebook has no rigor criteria (codes of kind “rigor”). Add some first.", h.Window())
			return
		}
		p := newAppraisalPanel(h, s, d)
		p.close = showForm(h, "Appraise — "+ui.StudyTitle(s), fyne.NewSize(760, 760), p.build(), nil)
	})
}

// Reextract extracts study s's text again from its PDF in the background,
// re-anchors its codings, says what moved (and lists the codings it could
// not re-anchor) and then calls reopen to show the study's new text.
func Reextract(h ui.Host, s corpus.Study, reopen func(corpus.Study)) {
	proj := h.Project()
	if proj == nil {
		return
	}
	done := h.Busy("Re-extracting " + ui.StudyTitle(s) + "…")
	ui.Go(func() (coding.ReextractResult, error) {
		return coding.Reextract(context.Background(), proj, s.GUID)
	}, func(res coding.ReextractResult, err error) {
		if err != nil {
			done("")
			ui.ShowError(h.Window(), "Re-extract", err)
			return
		}
		msg := fmt.Sprintf("Re-extracted %d pages: %d codings moved, %d unchanged.", res.Pages, res.Moved, res.Unchanged)
		switch {
		case !res.Changed && res.Refreshed:
			msg = "Re-extracted: the text is the same as before; its page figures, marks and character boxes were refreshed."
		case !res.Changed:
			msg = "Re-extracted: the text is the same as before."
		}
		if len(res.Lost) > 0 {
			var b strings.Builder
			for _, l := range res.Lost {
				fmt.Fprintf(&b, "\n• %q (characters %d–%d)", l.Quote, l.Start, l.End)
			}
			dialog.ShowInformation("Codings to check", fmt.Sprintf("%d codings could not be re-anchored; they stay where they were:%s", len(res.Lost), b.String()), h.Window())
		}
		done(msg)
		h.Changed([]string{s.GUID})
		if reopen != nil {
			reopen(s)
		}
	})
}
