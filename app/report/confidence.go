package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
)

// ShowConfidence opens the Brief > Confidence in findings window on h's
// project: every finding (theme) with the automatic GRADE-CERQual summary,
// where a reviewer records the confidence it deserves. A study behind a
// finding opens in the main window through nav.
func ShowConfidence(h ui.Host, nav ui.Navigator) { showConfidence(h, nav, brief.Filter{}) }

// showConfidence opens the window on the scope of a brief's sector and
// country filter.
func showConfidence(h ui.Host, nav ui.Navigator, f brief.Filter) {
	newConfidencePanel(h, nav, f).open()
}

const (
	wholeReview   = "The whole review"
	autoConcern   = "as summarised"
	noConcernWord = "none"
)

// confidencePanel is the Confidence in findings screen: the scope, the
// findings on the left, the chosen finding's components, judgement and
// studies on the right.
type confidencePanel struct {
	h   ui.Host
	nav ui.Navigator
	win fyne.Window

	scopes   []brief.Filter // the scope choices, parallel to scope.Options
	scope    *widget.Select
	list     *widget.List
	title    *widget.Label
	parts    [4]*widget.Label
	concerns [4]*widget.Select
	level    *widget.Select
	why      *widget.Entry
	save     *widget.Button
	clear    *widget.Button
	chooser  *studyChooser
	status   *widget.Label

	filter   brief.Filter
	b        *brief.Brief
	selected int
	loading  ui.Lane
}

func newConfidencePanel(h ui.Host, nav ui.Navigator, f brief.Filter) *confidencePanel {
	return &confidencePanel{h: h, nav: nav, filter: f, selected: -1}
}

func (p *confidencePanel) build() fyne.CanvasObject {
	p.scope = widget.NewSelect(nil, p.onScope)
	p.list = widget.NewList(func() int { return p.count() },
		func() fyne.CanvasObject { return ui.NewTwoLineRow("finding", "confidence") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if p.b == nil || id >= len(p.b.Findings) {
				return
			}
			f := p.b.Findings[id]
			judged := "not yet judged (the summary suggests " + f.Suggested + ")"
			if f.Confidence.Judged {
				judged = f.Confidence.Level + " confidence"
			}
			ui.SetTwoLineRow(o, fmt.Sprintf("%s · %s", f.Name, ui.Count(f.Studies.N, "study", "studies")), judged)
		})
	p.list.OnSelected = p.onSelect
	p.title = widget.NewLabelWithStyle("Select a finding.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	names := []string{"Methodological limitations", "Coherence", "Adequacy", "Relevance"}
	form := container.NewVBox(p.title)
	for i := range p.parts {
		p.parts[i] = widget.NewLabel("")
		p.parts[i].Wrapping = fyne.TextWrapWord
		p.concerns[i] = widget.NewSelect(append([]string{autoConcern, noConcernWord}, coding.Concerns[1:]...), nil)
		p.concerns[i].Selected = autoConcern
		form.Add(widget.NewLabelWithStyle(names[i], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		form.Add(container.NewBorder(nil, nil, nil, container.NewBorder(nil, nil, widget.NewLabel("Reviewers' concern:"), nil, p.concerns[i]), p.parts[i]))
	}
	p.level = widget.NewSelect(coding.ConfidenceLevels, nil)
	p.level.PlaceHolder = "Choose a level"
	p.why = widget.NewMultiLineEntry()
	p.why.Wrapping = fyne.TextWrapWord
	p.why.SetPlaceHolder("Why: the concerns that lowered the confidence, in a sentence or two.")
	p.why.SetMinRowsVisible(3)
	p.save = widget.NewButton("Save judgement", p.onSave)
	p.clear = widget.NewButton("Clear judgement", p.onClear)
	form.Add(widget.NewLabelWithStyle("Confidence in the finding", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	form.Add(p.level)
	form.Add(p.why)
	form.Add(container.NewHBox(p.save, p.clear))
	p.chooser = newStudyChooser(p.h, p.nav)
	right := container.NewVSplit(container.NewVScroll(form), p.chooser.build())
	right.SetOffset(0.72)
	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	intro := widget.NewLabel("Each theme is a finding. Its methodological limitations, coherence, adequacy and relevance are summarised from the appraisals and codings (GRADE-CERQual); record the confidence it deserves and why. The brief prints it beside the finding.")
	intro.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(p.list, right)
	split.SetOffset(0.38)
	top := container.NewVBox(intro, container.NewBorder(nil, nil, widget.NewLabel("Scope:"), nil, p.scope))
	p.setEditing(false)
	return container.NewBorder(top, p.status, nil, nil, split)
}

func (p *confidencePanel) count() int {
	if p.b == nil {
		return 0
	}
	return len(p.b.Findings)
}

// open shows the screen in its own window; it follows every saved change.
func (p *confidencePanel) open() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	content := p.build()
	stop := p.h.OnChange(func([]string) { p.load() })
	p.win = ui.ShowWindow(p.h, "Confidence in findings — "+proj.Name(), fyne.NewSize(1100, 760), content, []*ui.Lane{&p.loading}, stop)
	p.load()
}

// confidenceView is a loaded scope: the brief and the scopes on offer.
type confidenceView struct {
	b      *brief.Brief
	scopes []brief.Filter
	names  []string
}

// load reads the project and builds the brief of the scope in the background.
func (p *confidencePanel) load() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	f := p.filter
	p.status.SetText("Reading appraisals and codings…")
	ui.Run(&p.loading, func(ctx context.Context) (confidenceView, error) {
		data, err := brief.FromProject(ctx, proj, brief.ProjectOptions{SkipAgreement: true})
		if err != nil {
			return confidenceView{}, err
		}
		v := confidenceView{scopes: []brief.Filter{{}}, names: []string{wholeReview}}
		whole, err := brief.Build(data, brief.Filter{})
		if err == nil {
			for _, s := range whole.Map.Sectors {
				v.scopes, v.names = append(v.scopes, brief.Filter{Sectors: []string{s}}), append(v.names, "Sector: "+s)
			}
			for _, c := range whole.Map.Countries {
				v.scopes, v.names = append(v.scopes, brief.Filter{Countries: []string{c}}), append(v.names, "Country: "+c)
			}
		}
		if key := brief.ScopeKey(f); key != "" && !slices.ContainsFunc(v.scopes, func(x brief.Filter) bool { return brief.ScopeKey(x) == key }) {
			v.scopes, v.names = append(v.scopes, f), append(v.names, "This brief: "+brief.ScopeLabel(key))
		}
		v.b, err = brief.Build(data, f)
		return v, err
	}, func(v confidenceView, err error) {
		if err != nil {
			p.b = nil
			p.list.Refresh()
			p.status.SetText("Could not summarise the findings: " + ui.Plain(err))
			return
		}
		p.b, p.scopes = v.b, v.scopes
		p.scope.Options = v.names
		for i, s := range v.scopes {
			if brief.ScopeKey(s) == brief.ScopeKey(p.filter) {
				p.scope.Selected = v.names[i]
			}
		}
		p.scope.Refresh()
		p.list.Refresh()
		judged := 0
		for _, f := range p.b.Findings {
			if f.Confidence.Judged {
				judged++
			}
		}
		p.status.SetText(fmt.Sprintf("%s of %s, %d judged.", ui.Count(len(p.b.Findings), "finding"), p.b.ScopeLabel, judged))
		if p.selected >= 0 && p.selected < len(p.b.Findings) {
			p.showFinding(p.selected)
		} else {
			p.setEditing(false)
		}
	})
}

func (p *confidencePanel) onScope(name string) {
	i := slices.Index(p.scope.Options, name)
	if i < 0 || i >= len(p.scopes) || brief.ScopeKey(p.scopes[i]) == brief.ScopeKey(p.filter) {
		return
	}
	p.filter, p.selected = p.scopes[i], -1
	p.list.UnselectAll()
	p.load()
}

func (p *confidencePanel) onSelect(id widget.ListItemID) {
	p.selected = id
	p.showFinding(id)
}

// showFinding fills the right side with a finding's summary and judgement.
func (p *confidencePanel) showFinding(i int) {
	f := p.b.Findings[i]
	p.title.SetText(fmt.Sprintf("%s: %s, %d coded passages", f.Name, ui.Count(f.Studies.N, "study", "studies"), f.Codings))
	for k, c := range []brief.Component{f.Limitations, f.Coherence, f.Adequacy, f.Relevance} {
		text := "Not assessed automatically"
		if c.Concern != "" {
			text = capitalise(c.Concern) + " concerns"
			if c.Recorded {
				text += " (the reviewers')"
			}
		}
		if c.Reason != "" {
			text += ": " + c.Reason
		}
		p.parts[k].SetText(text + ".")
		sel := autoConcern
		if c.Recorded {
			sel = c.Concern
			if sel == coding.ConcernNone {
				sel = noConcernWord
			}
		}
		p.concerns[k].SetSelected(sel)
	}
	p.level.ClearSelected()
	p.why.SetText("")
	if f.Confidence.Judged && f.JudgedScope == p.b.ScopeKey {
		p.level.SetSelected(f.Confidence.Level)
		p.why.SetText(f.Explanation)
	}
	p.setEditing(true)
	items := make([]studyItem, 0, f.Studies.N)
	for _, g := range f.Studies.Studies {
		if ref, ok := p.b.Study(g); ok {
			detail := ref.Citation + ", " + ratedText(ref.Rating)
			items = append(items, studyItem{guid: g, title: ref.Title, detail: detail})
		}
	}
	head := "Studies behind the finding (tap one to open it)"
	if f.Confidence.Judged && f.JudgedScope != p.b.ScopeKey {
		head = "This scope uses the whole review's judgement (" + f.Confidence.Level + "); save one to give it its own. " + head
	}
	p.chooser.show(head, items)
}

func ratedText(r string) string {
	if r == "" {
		return "not rated"
	}
	return "rated " + r
}

func (p *confidencePanel) setEditing(on bool) {
	for _, w := range []interface {
		Enable()
		Disable()
	}{p.level, p.why, p.save, p.clear, p.concerns[0], p.concerns[1], p.concerns[2], p.concerns[3]} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// onSave records the judgement of the selected finding as one action.
func (p *confidencePanel) onSave() {
	proj := p.h.Project()
	if proj == nil || p.b == nil || p.selected < 0 || p.selected >= len(p.b.Findings) {
		return
	}
	f := p.b.Findings[p.selected]
	c := coding.Confidence{Theme: f.CodeGUID, Scope: p.b.ScopeKey, Level: p.level.Selected, Explanation: p.why.Text}
	for k, dst := range []*string{&c.Limitations, &c.Coherence, &c.Adequacy, &c.Relevance} {
		if v := p.concerns[k].Selected; v != autoConcern {
			*dst = v
		}
	}
	if c.Level == "" {
		p.status.SetText("Choose a level of confidence first.")
		return
	}
	p.run("Judge confidence in "+f.Name, func() error { return coding.SetConfidence(proj, c) })
}

func (p *confidencePanel) onClear() {
	proj := p.h.Project()
	if proj == nil || p.b == nil || p.selected < 0 || p.selected >= len(p.b.Findings) {
		return
	}
	f := p.b.Findings[p.selected]
	scope := p.b.ScopeKey
	p.run("Clear the confidence judgement of "+f.Name, func() error { return coding.ClearConfidence(proj, f.CodeGUID, scope) })
}

// run saves in the background and reloads the findings when it is saved.
func (p *confidencePanel) run(title string, fn func() error) {
	ui.Go(func() (struct{}, error) { return struct{}{}, fn() }, func(_ struct{}, err error) {
		if err != nil {
			p.status.SetText(title + ": " + ui.Plain(err))
			return
		}
		p.h.Status(title + ": saved (Ctrl+Z undoes).")
		p.h.Changed([]string{})
	})
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
