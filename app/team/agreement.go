package team

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/corpus"
)

// Agreement units as offered in the window, with coding's unit names.
var agreementUnits = []struct{ label, unit string }{
	{"Character", agreement.UnitChar}, {"Sentence", agreement.UnitSentence},
	{"Paragraph", agreement.UnitParagraph}, {"Study", agreement.UnitStudy},
}

const agreeAllCodes = "(all codes)"

// Missing-data rules as offered in the window, with coding's names.
var agreementAbsent = []struct{ label, absent string }{
	{"Missing there (left out)", agreement.AbsentMissing},
	{`Said "no" to every code`, agreement.AbsentZero},
}

// agreementColumns head the coding agreement tables: the chance-corrected
// figures first, percent agreement last.
var agreementColumns = []string{"Name", "Units", "Compared", "Coded by anyone", "Krippendorff's α", "95% interval", "P(α < 0.667)",
	"P(α < 0.8)", "Cohen's κ", "Fleiss' κ", "% agreement"}

// appraisalColumns head the appraisal agreement table.
var appraisalColumns = []string{"Criterion", "Studies", "Krippendorff's α", "95% interval", "P(α < 0.667)", "P(α < 0.8)",
	"Weighted κ", "% agreement"}

// agreementPanel computes and shows inter-coder agreement.
type agreementPanel struct {
	h     ui.Host
	codes ui.Codebook
	win   fyne.Window

	coders    *widget.CheckGroup
	coderIDs  map[string]string // name -> GUID
	unit      *widget.Select
	code      *widget.Select
	codedOnly *widget.Check
	absent    *widget.Select
	runBtn    *widget.Button
	exportBtn *widget.Button
	progress  *widget.ProgressBar
	overall   *widget.Label // the overall figures
	basis     *widget.Label // what they rest on and the missing-data rule
	body      *fyne.Container
	message   *widget.Label
	byCode    *widget.Table
	byStudy   *widget.Table
	appraisal *widget.Table

	res       *agreement.Result
	computing ui.Lane // the computation shown is the latest one
}

// ShowAgreement opens the Team > Agreement window on h's project and
// computes the agreement of everyone who coded; codes offers the codes to
// narrow it to.
func ShowAgreement(h ui.Host, codes ui.Codebook) { showAgreement(h, codes).run() }

// showAgreement opens the agreement window (run computes).
func showAgreement(h ui.Host, codes ui.Codebook) *agreementPanel {
	p := newAgreementPanel(h, codes)
	content := p.build()
	stop := h.OnChange(p.onChange)
	p.win = ui.ShowWindow(h, "Inter-coder agreement", fyne.NewSize(980, 680), content, []*ui.Lane{&p.computing}, stop)
	return p
}

func newAgreementPanel(h ui.Host, codes ui.Codebook) *agreementPanel {
	return &agreementPanel{h: h, codes: codes, coderIDs: map[string]string{}}
}

// onChange restarts a computation under way on the changed project, or
// says that the figures shown are out of date (agreement over a whole
// project is not recomputed on every edit made elsewhere).
func (p *agreementPanel) onChange([]string) {
	switch {
	case p.computing.Busy():
		p.run()
	case p.res != nil:
		p.message.SetText("The project has changed since these figures were computed: press Compute to update them.")
	}
}

func (p *agreementPanel) build() fyne.CanvasObject {
	p.coders = widget.NewCheckGroup(nil, nil) // the project's coders come with the first computation
	p.coders.Horizontal = true
	var units []string
	for _, u := range agreementUnits {
		units = append(units, u.label)
	}
	p.unit = widget.NewSelect(units, nil)
	p.unit.SetSelected(units[0])
	codes := []string{agreeAllCodes}
	for _, c := range p.codes.Codes() {
		codes = append(codes, p.codes.CodePath(c.GUID))
	}
	p.code = widget.NewSelect(codes, nil)
	p.code.SetSelected(agreeAllCodes)
	p.codedOnly = widget.NewCheck("Count only coded text", nil)
	var rules []string
	for _, a := range agreementAbsent {
		rules = append(rules, a.label)
	}
	p.absent = widget.NewSelect(rules, nil)
	p.absent.SetSelected(rules[0])
	p.runBtn = widget.NewButtonWithIcon("Compute", theme.ViewRefreshIcon(), p.run)
	p.runBtn.Importance = widget.HighImportance
	p.exportBtn = widget.NewButtonWithIcon("Export CSV…", theme.DocumentSaveIcon(), p.onExport)
	p.exportBtn.Disable()
	p.progress = widget.NewProgressBar()
	p.progress.Hide()
	p.overall = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.overall.Wrapping = fyne.TextWrapWord
	p.basis = widget.NewLabel("")
	p.basis.Wrapping = fyne.TextWrapWord
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord

	p.byCode = p.rowTable(func() []agreement.Row { return p.rows(false) })
	p.byStudy = p.rowTable(func() []agreement.Row { return p.rows(true) })
	p.appraisal = p.appraisalTable()

	form := widget.NewForm(
		widget.NewFormItem("Coders", container.NewHScroll(p.coders)),
		widget.NewFormItem("Unit", container.NewHBox(p.unit, p.codedOnly)),
		widget.NewFormItem("Code", p.code),
		widget.NewFormItem("A coder who coded nothing in a study is", p.absent),
	)
	top := container.NewVBox(form, container.NewBorder(nil, nil, nil, container.NewHBox(p.exportBtn, p.runBtn), p.progress), p.overall, p.basis)
	tabs := container.NewAppTabs(
		container.NewTabItem("By code", p.byCode),
		container.NewTabItem("By study", p.byStudy),
		container.NewTabItem("Appraisal", p.appraisal),
	)
	p.body = container.NewBorder(top, p.message, nil, nil, tabs)
	return p.body
}

func (p *agreementPanel) rows(byStudy bool) []agreement.Row {
	if p.res == nil {
		return nil
	}
	if byStudy {
		return p.res.ByStudy
	}
	return p.res.ByCode
}

// teamTable makes a table with a header row of column names.
func teamTable(cols []string, rows func() int, cell func(r, c int) string) *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("0.000")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Col == 0 {
				l.Alignment = fyne.TextAlignLeading
			} else {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.SetText(cell(id.Row, id.Col))
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("header", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col])
		}
	}
	t.SetColumnWidth(0, 260)
	for i := 1; i < len(cols); i++ {
		t.SetColumnWidth(i, 100)
		if strings.Contains(cols[i], "interval") || strings.Contains(cols[i], "Krippendorff") || strings.Contains(cols[i], "anyone") {
			t.SetColumnWidth(i, 130)
		}
	}
	return t
}

func (p *agreementPanel) rowTable(rows func() []agreement.Row) *widget.Table {
	return teamTable(agreementColumns, func() int { return len(rows()) }, func(r, c int) string {
		rs := rows()
		if r >= len(rs) {
			return ""
		}
		return agreementCells(rs[r])[c]
	})
}

func (p *agreementPanel) appraisalTable() *widget.Table {
	return teamTable(appraisalColumns, func() int {
		if p.res == nil {
			return 0
		}
		return len(p.res.Appraisal)
	}, func(r, c int) string {
		if p.res == nil || r >= len(p.res.Appraisal) {
			return ""
		}
		a := p.res.Appraisal[r]
		return []string{a.Name, strconv.Itoa(a.Units), agreeCoef(a.Alpha), agreeInterval(a.AlphaLow, a.AlphaHigh),
			agreeCoef(a.BelowTentative), agreeCoef(a.BelowReliable), agreeCoef(a.Kappa), agreePercent(a.Percent)}[c]
	})
}

// agreementCells are a row's table cells, "—" for an undefined coefficient.
func agreementCells(r agreement.Row) []string {
	return []string{r.Name, agreeCount(r.Units), agreeCount(r.Pairable), agreeCount(r.Coded), agreeCoef(r.Alpha),
		agreeInterval(r.AlphaLow, r.AlphaHigh), agreeCoef(r.BelowTentative), agreeCoef(r.BelowReliable),
		agreeCoef(r.Cohen), agreeCoef(r.Fleiss), agreePercent(r.Percent)}
}

// agreeInterval formats an interval of alpha, "—" when there is none.
func agreeInterval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "—"
	}
	return agreeCoef(lo) + " – " + agreeCoef(hi)
}

// agreeCount formats a unit count with thousands separators.
func agreeCount(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return agreement.Count(v)
}

// unitLabel names a unit for people.
func unitLabel(unit string) string {
	for _, u := range agreementUnits {
		if u.unit == unit {
			return strings.ToLower(u.label)
		}
	}
	return unit
}

func agreePercent(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

func agreeCoef(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// setCoders offers the project's coders, keeping the ticks.
func (p *agreementPanel) setCoders(cs []corpus.Coder) {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, c.Name)
		p.coderIDs[c.Name] = c.GUID
	}
	if strings.Join(names, "\x00") != strings.Join(p.coders.Options, "\x00") {
		p.coders.Options = names
		p.coders.Refresh()
	}
}

// options reads the form.
func (p *agreementPanel) options() agreement.Options {
	var o agreement.Options
	for _, name := range p.coders.Selected {
		o.Coders = append(o.Coders, p.coderIDs[name])
	}
	for _, u := range agreementUnits {
		if u.label == p.unit.Selected {
			o.Unit = u.unit
		}
	}
	if c := p.code.Selected; c != "" && c != agreeAllCodes {
		for _, code := range p.codes.Codes() {
			if p.codes.CodePath(code.GUID) == c {
				o.Code = code.GUID
				break
			}
		}
	}
	o.CodedOnly = p.codedOnly.Checked
	for _, a := range agreementAbsent {
		if a.label == p.absent.Selected {
			o.Absent = a.absent
		}
	}
	o.Bootstrap = agree.DefaultResamples
	return o
}

// agreementRun is one computation's result with the project's coders.
type agreementRun struct {
	res       *agreement.Result
	coders    []corpus.Coder
	codersErr error
}

// run computes the agreement in the background; a newer run supersedes it.
func (p *agreementPanel) run() {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	p.computing.Stop()
	opts := p.options()
	if len(opts.Coders) == 1 {
		p.progress.Hide()
		p.message.SetText("Choose at least two coders (or none for everyone who coded).")
		return
	}
	p.progress.SetValue(0)
	p.progress.Show()
	p.message.SetText("Computing…")
	lane := &p.computing
	ui.Run(lane, func(ctx context.Context) (agreementRun, error) {
		o := opts
		o.Progress = func(done, total int) {
			if total > 0 {
				lane.Do(ctx, func() { p.progress.SetValue(float64(done) / float64(total)) })
			}
		}
		var r agreementRun
		var err error
		r.res, err = agreement.Compute(ctx, proj, o)
		r.coders, r.codersErr = proj.Coders()
		return r, err
	}, func(r agreementRun, err error) {
		if r.codersErr == nil {
			p.setCoders(r.coders)
		}
		p.progress.Hide()
		p.show(r.res, err)
	})
}

// show puts a result (or an error) on screen.
func (p *agreementPanel) show(res *agreement.Result, err error) {
	if err != nil {
		p.message.SetText(ui.Plain(err))
		return
	}
	p.res = res
	if len(p.coders.Selected) == 0 {
		var names []string
		for _, c := range res.Coders {
			names = append(names, c.Name)
		}
		p.coders.SetSelected(names)
	}
	if len(res.Coders) < 2 {
		p.overall.SetText("Fewer than two coders have coded anything: there is no agreement to compute.")
		p.basis.SetText("")
	} else {
		p.overall.SetText(overallText(res))
		p.basis.SetText(basisText(res))
	}
	p.body.Refresh() // the wrapped lines above the tables may have changed height
	msg := fmt.Sprintf("%s, %s, %s.", ui.Count(len(res.ByCode), "code"), ui.Count(len(res.ByStudy), "study"),
		ui.Count(len(res.Appraisal), "appraisal row"))
	if res.OutOfText > 0 {
		msg += fmt.Sprintf(" %d codings lie outside their study's text and were skipped.", res.OutOfText)
	}
	p.message.SetText(msg)
	p.byCode.Refresh()
	p.byStudy.Refresh()
	p.appraisal.Refresh()
	p.exportBtn.Enable()
}

// overallText is the overall line: Krippendorff's alpha with its interval
// first, percent agreement last.
func overallText(res *agreement.Result) string {
	o := res.Overall
	var b strings.Builder
	fmt.Fprintf(&b, "Overall (%d coders, by %s): Krippendorff's α %s", len(res.Coders), unitLabel(res.Unit), agreeCoef(o.Alpha))
	if !math.IsNaN(o.AlphaLow) {
		fmt.Fprintf(&b, ", 95%% interval %s, P(α < 0.667) %s, P(α < 0.8) %s", agreeInterval(o.AlphaLow, o.AlphaHigh),
			agreeCoef(o.BelowTentative), agreeCoef(o.BelowReliable))
	}
	if len(res.Coders) == 2 {
		fmt.Fprintf(&b, "; Cohen's κ %s", agreeCoef(o.Cohen))
	}
	fmt.Fprintf(&b, "; Fleiss' κ %s; percent agreement %s", agreeCoef(o.Fleiss), agreePercent(o.Percent))
	return b.String()
}

// basisText says what the overall figures rest on, the missing-data rule
// and where the interval comes from.
func basisText(res *agreement.Result) string {
	s := "Basis: " + res.Basis(res.Overall) + ". " + agreement.MissingRule(res.Absent)
	if res.Resamples > 0 {
		s += fmt.Sprintf(" The interval of α: %s bootstrap resamples (KALPHA's method, fixed seed).", agreeCount(float64(res.Resamples)))
	}
	return s
}

func (p *agreementPanel) onExport() {
	if p.res == nil {
		return
	}
	name := "agreement"
	if proj := p.h.Project(); proj != nil {
		name = strings.TrimSuffix(filepath.Base(proj.Path()), corpus.Extension) + " agreement"
	}
	res := p.res
	ui.SaveFile(p.win, name, ".csv", func(path string) {
		ui.Go(func() (struct{}, error) { return struct{}{}, writeAgreementCSV(path, res) }, func(_ struct{}, err error) {
			if err != nil {
				ui.ShowError(p.win, "Export agreement", err)
				return
			}
			p.message.SetText("Saved " + path)
		})
	})
}
