package study

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/ocr"
)

// ocrPanel reads a study's scanned pages with Tesseract: languages (guessed
// from the study's language or countries), pages (those the import flagged),
// progress and Cancel.
type ocrPanel struct {
	host   ui.Host
	study  corpus.Study
	reopen func(corpus.Study)

	langs     *widget.Entry
	installed *widget.Label
	pages     *widget.Entry
	column    *widget.Check
	message   *widget.Label
	progress  *widget.ProgressBar
	runButton *widget.Button
	cancel    *widget.Button
	close     func()

	busy    func(string) // ends the status bar's activity of a run under way
	stopRun func()       // cancels the run under way (Cancel)
	have    []string     // installed languages, nil until known
	setup   ui.Lane      // finding Tesseract and the flagged pages
	running ui.Lane      // the OCR run
}

// ocrSetup is what the panel reads before a run.
type ocrSetup struct {
	langs   []string // installed languages
	flagged []int    // pages the import flagged (0-based)
	pages   int      // pages of the study's text
}

func newOCRPanel(h ui.Host, s corpus.Study, reopen func(corpus.Study)) *ocrPanel {
	return &ocrPanel{host: h, study: s, reopen: reopen, close: func() {}}
}

// ShowOCR opens the OCR window of study s (the study shown in the reader);
// reopen shows the study's new text once it is stored.
func ShowOCR(h ui.Host, s corpus.Study, reopen func(corpus.Study)) {
	p := newOCRPanel(h, s, reopen)
	p.close = showForm(h, "OCR — "+ui.StudyTitle(s), fyne.NewSize(620, 420), p.build(), []*ui.Lane{&p.setup, &p.running}, p.endBusy)
}

// endBusy ends the status bar's activity of a run whose window was closed
// (the run is stopped and will not report).
func (p *ocrPanel) endBusy() {
	if p.busy != nil {
		p.busy("The OCR window was closed: the OCR was stopped.")
		p.busy = nil
	}
}

func (p *ocrPanel) build() fyne.CanvasObject {
	p.langs = widget.NewEntry()
	p.langs.SetText(ocr.Langs(p.study.Language, p.study.Countries))
	p.langs.OnChanged = func(string) { p.checkLangs() }
	p.installed = widget.NewLabel("Looking for Tesseract…")
	p.installed.Wrapping = fyne.TextWrapWord
	p.pages = widget.NewEntry()
	p.pages.SetPlaceHolder("e.g. 1-3, 7")
	p.column = widget.NewCheck("Read each page as a single column (helps Khmer and Burmese)", nil)
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.progress = widget.NewProgressBar()
	p.progress.Hide()
	p.runButton = widget.NewButton("Read pages", p.onRun)
	p.runButton.Importance = widget.HighImportance
	p.runButton.Disable()
	p.cancel = widget.NewButton("Cancel", p.onCancel)
	p.cancel.Hide()
	intro := widget.NewLabel("Tesseract reads the page images and its text replaces the pages' text, with each word's place on the page. Codings are moved with their words; Ctrl+Z undoes it all.")
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Languages", p.langs),
		widget.NewFormItem("", p.installed),
		widget.NewFormItem("Pages", p.pages),
		widget.NewFormItem("", p.column),
	)
	buttons := container.NewHBox(p.cancel, p.runButton)
	bottom := container.NewVBox(p.progress, container.NewBorder(nil, nil, nil, buttons, p.message))
	p.load()
	return container.NewBorder(intro, bottom, nil, nil, form)
}

// load finds Tesseract, its languages and the pages to read, off the UI goroutine.
func (p *ocrPanel) load() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	ui.Run(&p.setup, func(ctx context.Context) (ocrSetup, error) {
		var o ocrSetup
		text, err := proj.Text(p.study.GUID)
		if err != nil {
			return o, err
		}
		o.flagged, o.pages = coding.OCRPages(text), len(text.PageStarts)
		t, err := ocr.Find(ctx)
		if err != nil {
			return o, err
		}
		o.langs, err = t.Languages(ctx)
		return o, err
	}, func(o ocrSetup, err error) {
		p.pages.SetText(coding.FormatPages(o.flagged))
		if len(o.flagged) == 0 {
			p.message.SetText(fmt.Sprintf("No page of this study is flagged as scanned or unreadable; name the pages (1-%d) to read them by OCR anyway.", max(o.pages, 1)))
		}
		if err != nil {
			if errors.Is(err, ocr.ErrNotInstalled) {
				err = &ocr.NotInstalledError{Langs: ocr.SplitLangs(p.langs.Text)}
			}
			p.installed.SetText(sentence(ui.Plain(err)))
			return
		}
		p.have = o.langs
		p.checkLangs()
	})
}

// checkLangs lists the installed languages and says which chosen ones are missing.
func (p *ocrPanel) checkLangs() {
	if p.have == nil {
		return
	}
	names := make([]string, len(p.have))
	for i, l := range p.have {
		names[i] = l + " (" + ocr.LanguageName(l) + ")"
	}
	text := "Installed: " + strings.Join(names, ", ") + "."
	var missing []string
	for _, l := range ocr.SplitLangs(p.langs.Text) {
		if !contains(p.have, l) {
			missing = append(missing, l)
		}
	}
	switch {
	case len(ocr.SplitLangs(p.langs.Text)) == 0:
		text += " Give at least one language, e.g. tha+eng."
		p.runButton.Disable()
	case len(missing) > 0:
		text += " " + sentence((&ocr.MissingLanguageError{Missing: missing}).Error())
		p.runButton.Disable()
	default:
		p.runButton.Enable()
	}
	p.installed.SetText(text)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// sentence gives a message a capital letter.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// onRun reads the pages in the background, with progress and Cancel.
func (p *ocrPanel) onRun() {
	proj := p.host.Project()
	pages, err := coding.ParsePages(p.pages.Text)
	if err != nil {
		p.message.SetText("Pages: " + err.Error() + ".")
		return
	}
	opts := ocr.Options{Lang: strings.Join(ocr.SplitLangs(p.langs.Text), "+")}
	if p.column.Checked {
		opts.PSM = 4
	}
	p.runButton.Disable()
	p.cancel.Enable()
	p.cancel.Show()
	p.progress.SetValue(0)
	p.progress.Show()
	p.message.SetText(fmt.Sprintf("Reading %s…", ui.Count(len(pages), "page")))
	p.busy = p.host.Busy("OCR of " + ui.StudyTitle(p.study) + "…")
	done := p.busy
	lane := &p.running
	stopped, stop := context.WithCancel(context.Background())
	p.stopRun = stop
	ui.Run(lane, func(ctx context.Context) (coding.OCRResult, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		defer context.AfterFunc(stopped, cancel)()
		return coding.OCR(ctx, proj, p.study.GUID, pages, opts, func(n, total int) {
			lane.Do(ctx, func() {
				p.progress.SetValue(float64(n) / float64(total))
				p.message.SetText(fmt.Sprintf("Read %d of %d pages…", n, total))
			})
		})
	}, func(res coding.OCRResult, err error) {
		p.busy, p.stopRun = nil, nil
		stop()
		p.cancel.Hide()
		p.progress.Hide()
		p.runButton.Enable()
		if errors.Is(err, context.Canceled) {
			done("OCR cancelled: nothing was changed.")
			p.message.SetText("Cancelled: nothing was changed.")
			return
		}
		if err != nil {
			done("OCR failed: nothing was changed.")
			p.message.SetText(sentence(ui.Plain(err)) + " Nothing was changed.")
			return
		}
		msg := fmt.Sprintf("Read %s by OCR (%s, mean confidence %.0f%%): %d codings moved, %d unchanged.",
			ui.Count(len(res.Pages), "page"), res.Lang, res.Conf, res.Moved, res.Unchanged)
		done(msg)
		p.host.Changed([]string{p.study.GUID})
		if p.reopen != nil {
			p.reopen(p.study)
		}
		if len(res.Lost) > 0 {
			var b strings.Builder
			for _, l := range res.Lost {
				fmt.Fprintf(&b, "\n• %q (characters %d–%d)", l.Quote, l.Start, l.End)
			}
			dialog.ShowInformation("Codings to check", fmt.Sprintf("%d codings could not be re-anchored; they stay where they were:%s", len(res.Lost), b.String()), p.host.Window())
		}
		p.message.SetText(msg)
		p.close()
	})
}

// onCancel stops the run: Tesseract is stopped and nothing is stored,
// unless the pages were being stored already (the result then says so).
func (p *ocrPanel) onCancel() {
	if p.stopRun != nil {
		p.stopRun()
		p.message.SetText("Cancelling…")
		p.cancel.Disable()
	}
}
