package find

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/coding/index"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/search"
)

// Scopes of "Code all hits": what part of the text around a hit is coded.
const (
	scopeHit       = "Whole hit"
	scopeSentence  = "Sentence"
	scopeParagraph = "Paragraph"
	whichAll       = "All hits"
	whichTicked    = "Ticked hits only"
	// maxCodeAll caps the passages one "Code all hits" fetches and codes.
	maxCodeAll = 10000
)

// onCodeAll asks for the code, then for the scope, and codes the hits.
func (p *searchPanel) onCodeAll() {
	if p.res == nil || p.res.Total == 0 {
		p.status.SetText("Search first: the hits of the last search are coded.")
		return
	}
	p.host.Window().RequestFocus()
	p.codes.PickCode("Code all hits as…", p.confirmCodeAll)
}

// confirmCodeAll shows the scope choice and a preview of the count, and
// codes on confirmation.
func (p *searchPanel) confirmCodeAll(code coding.Code) {
	proj := p.host.Project()
	ix, why := p.ix.index()
	if proj == nil || ix == nil {
		p.status.SetText(why)
		return
	}
	scope := widget.NewRadioGroup([]string{scopeHit, scopeSentence, scopeParagraph}, nil)
	scope.Horizontal = true
	scope.Selected = scopeHit
	which := widget.NewRadioGroup([]string{whichAll, whichTicked}, nil)
	which.Horizontal = true
	which.Selected = whichAll
	if len(p.ticked) == 0 {
		which.Disable()
	} else {
		which.Selected = whichTicked
	}
	preview := widget.NewLabel("")
	preview.Wrapping = fyne.TextWrapWord
	confirm := widget.NewButtonWithIcon("Code", theme.ConfirmIcon(), nil)
	confirm.Importance = widget.HighImportance
	var spans []coding.CodingSpan
	type counted struct {
		spans   []coding.CodingSpan
		studies int
	}
	recompute := func() {
		confirm.Disable()
		preview.SetText("Counting passages…")
		job := codeAllJob{res: p.res, q: p.q, opts: p.opts, ticked: maps.Clone(p.ticked),
			scope: scope.Selected, all: which.Selected != whichTicked}
		ui.Run(&p.coding, func(ctx context.Context) (counted, error) {
			sp, studies, err := job.spans(ctx, proj, ix)
			return counted{sp, studies}, err
		}, func(c counted, err error) {
			spans = c.spans
			switch {
			case err != nil:
				preview.SetText("Cannot list the passages: " + ui.Plain(err))
			case len(c.spans) == 0:
				preview.SetText("No passages to code.")
			default:
				preview.SetText(fmt.Sprintf("Code %s in %s as '%s'?", ui.Count(len(c.spans), "passage"), ui.Count(c.studies, "study"), code.Name))
				confirm.Enable()
			}
		})
	}
	scope.OnChanged = func(string) { recompute() }
	which.OnChanged = func(string) { recompute() }
	content := container.NewVBox(
		widget.NewLabelWithStyle("Code with '"+code.Name+"'", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel("Passage to code around each hit:"), scope,
		widget.NewLabel("Hits:"), which, preview)
	d := dialog.NewCustomWithoutButtons("Code all hits", content, p.win)
	confirm.OnTapped = func() {
		d.Hide()
		p.confirmCode = nil
		p.applyCodeAll(proj, code, spans)
	}
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		d.Hide()
		p.confirmCode = nil
	}), confirm})
	p.confirmCode, p.codeScope, p.codePreview = confirm, scope, preview
	d.Resize(fyne.NewSize(520, 300))
	p.win.RequestFocus()
	d.Show()
	recompute()
}

// applyCodeAll codes the passages as one action (one undo step).
func (p *searchPanel) applyCodeAll(proj *corpus.Project, code coding.Code, spans []coding.CodingSpan) {
	p.status.SetText(fmt.Sprintf("Coding %d passages…", len(spans)))
	ui.Go(func() (coding.BulkResult, error) {
		return coding.ApplyCodeSpans(proj, code.GUID, spans, "")
	}, func(res coding.BulkResult, err error) {
		if err != nil {
			p.status.SetText("Nothing was coded.")
			ui.ShowError(p.win, "Code all hits", err)
			return
		}
		msg := fmt.Sprintf("Coded %s as '%s'", ui.Count(len(res.Added), "passage"), code.Name)
		if res.Skipped > 0 {
			msg += fmt.Sprintf("; %d already had the code", res.Skipped)
		}
		msg += ". Edit > Undo removes them all."
		p.status.SetText(msg)
		p.host.Status(msg)
		if p.host.Project() == proj {
			p.host.Changed(spanStudies(spans))
		}
	})
}

// spanStudies lists the distinct studies of spans.
func spanStudies(spans []coding.CodingSpan) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range spans {
		if !seen[s.Study] {
			seen[s.Study] = true
			out = append(out, s.Study)
		}
	}
	return out
}

// codeAllJob computes the passages "Code all hits" codes, off the UI goroutine.
type codeAllJob struct {
	res    *search.Results
	q      string
	opts   search.Options
	ticked map[string]bool
	scope  string
	all    bool
}

// spans returns the passages to code (merged where they overlap) and the
// number of studies they are in. With all hits wanted and more matches than
// were listed, the search is run again to fetch them all (up to maxCodeAll).
func (j codeAllJob) spans(ctx context.Context, proj *corpus.Project, ix *index.Index) ([]coding.CodingSpan, int, error) {
	res := j.res
	listed := 0
	for _, g := range res.Groups {
		listed += len(g.Hits)
	}
	if j.all && listed < res.Total && listed < maxCodeAll {
		opts := j.opts
		opts.Size = min(res.Total, maxCodeAll)
		var err error
		if res, err = ix.Search(ctx, j.q, opts); err != nil {
			return nil, 0, err
		}
	}
	var out []coding.CodingSpan
	studies := 0
	for _, g := range res.Groups {
		var ranges [][2]int
		for _, h := range g.Hits {
			if j.all || j.ticked[h.ChunkID] {
				s, e := hitPassage(h)
				ranges = append(ranges, [2]int{s, e})
			}
		}
		if len(ranges) == 0 {
			continue
		}
		if j.scope != scopeHit {
			text, err := proj.Text(g.Study)
			if err != nil {
				return nil, 0, fmt.Errorf("read %q: %w", g.Title, err)
			}
			runes := text.Runes()
			var starts []int
			if j.scope == scopeSentence {
				starts = agree.SentenceStarts(text.String)
			} else {
				starts = agree.ParagraphStarts(text.String)
			}
			for i, r := range ranges {
				ranges[i][0], ranges[i][1] = expandSpan(runes, starts, r[0], r[1])
			}
		}
		merged := mergeRanges(ranges)
		for _, r := range merged {
			out = append(out, coding.CodingSpan{Study: g.Study, Start: r[0], End: r[1]})
		}
		studies++
	}
	return out, studies, nil
}

// expandSpan widens [s, e) to the units (sentences or paragraphs, whose
// start offsets are starts) it touches, without surrounding white space.
func expandSpan(runes []rune, starts []int, s, e int) (int, int) {
	if len(starts) == 0 || s >= len(runes) {
		return s, e
	}
	i := sort.SearchInts(starts, s+1) - 1
	a := 0
	if i >= 0 {
		a = starts[i]
	}
	b := len(runes)
	if j := sort.SearchInts(starts, max(e, s+1)); j < len(starts) {
		b = starts[j]
	}
	for b > a && unicode.IsSpace(runes[b-1]) {
		b--
	}
	for a < b && unicode.IsSpace(runes[a]) {
		a++
	}
	if a >= b {
		return s, e
	}
	return a, b
}

// mergeRanges sorts ranges and joins those that overlap.
func mergeRanges(rs [][2]int) [][2]int {
	slices.SortFunc(rs, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	var out [][2]int
	for _, r := range rs {
		if r[1] <= r[0] {
			continue
		}
		if n := len(out); n > 0 && r[0] < out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}
