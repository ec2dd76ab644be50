package team

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/merge"
)

// conflictRow shows one codebook conflict with a choice of resolution.
func (p *mergePanel) conflictRow(f *reviewerFile, c merge.Conflict) fyne.CanvasObject {
	desc := widget.NewLabel(fmt.Sprintf("%s — %s", filepath.Base(f.path), describeConflict(c)))
	desc.Wrapping = fyne.TextWrapWord
	target := widget.NewLabel("")
	sel := widget.NewSelect(resolutionLabels, nil)
	cur := f.res[c.ID]
	sel.SetSelected(resolutionLabel(cur.Action))
	if cur.Action == merge.MapTo {
		target.SetText("→ " + p.codePath(cur.Target))
	}
	quiet := false // set while the choice is put back without acting on it
	sel.OnChanged = func(v string) {
		if quiet {
			return
		}
		switch v {
		case resKeepMaster:
			p.setResolution(f, c.ID, merge.Resolution{Action: merge.KeepMaster})
			target.SetText("")
		case resTakeRev:
			p.setResolution(f, c.ID, merge.Resolution{Action: merge.TakeReviewer})
			target.SetText("")
		case resKeepBoth:
			p.setResolution(f, c.ID, merge.Resolution{Action: merge.KeepBoth})
			target.SetText("")
		case resMapTo:
			p.pickCode("Map “"+c.Reviewer.Path+"” onto…", func(code coding.Code) {
				p.setResolution(f, c.ID, merge.Resolution{Action: merge.MapTo, Target: code.GUID})
				target.SetText("→ " + p.codePath(code.GUID))
			}, func() { // cancelled: show the resolution in force again
				quiet = true
				sel.SetSelected(resolutionLabel(f.res[c.ID].Action))
				quiet = false
			})
		}
	}
	choice := container.NewGridWrap(fyne.NewSize(230, sel.MinSize().Height), sel)
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(target, choice), desc), widget.NewSeparator())
}

// resolutionLabel is the choice shown for a resolution.
func resolutionLabel(a merge.Action) string {
	switch a {
	case merge.TakeReviewer:
		return resTakeRev
	case merge.KeepBoth:
		return resKeepBoth
	case merge.MapTo:
		return resMapTo
	}
	return resKeepMaster
}

// pickCode lets the lead choose a master code in this window: type to
// filter, Enter or click to choose.
func (p *mergePanel) pickCode(title string, choose func(coding.Code), cancelled func()) {
	codes := p.codes.Codes()
	paths := make([]string, len(codes))
	for i, c := range codes {
		paths[i] = p.codes.CodePath(c.GUID)
	}
	var shown []int // indexes into codes
	filter := func(q string) {
		q = strings.ToLower(strings.TrimSpace(q))
		shown = shown[:0]
		for i := range codes {
			if q == "" || strings.Contains(strings.ToLower(paths[i]), q) {
				shown = append(shown, i)
			}
		}
	}
	filter("")
	var d *dialog.CustomDialog
	chosen := false
	pick := func(c coding.Code) {
		chosen = true
		d.Hide()
		choose(c)
	}
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewLabel("code") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(shown) {
				o.(*widget.Label).SetText(paths[shown[i]])
			}
		})
	list.OnSelected = func(i widget.ListItemID) {
		if i < len(shown) {
			pick(codes[shown[i]])
		}
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder("Type to filter codes, Enter chooses the first")
	entry.OnChanged = func(s string) { filter(s); list.Refresh() }
	entry.OnSubmitted = func(string) {
		if len(shown) > 0 {
			pick(codes[shown[0]])
		}
	}
	d = dialog.NewCustom(title, "Cancel", container.NewBorder(entry, nil, nil, nil, list), p.win)
	d.SetOnClosed(func() {
		if !chosen && cancelled != nil {
			cancelled()
		}
	})
	d.Resize(fyne.NewSize(460, 480))
	d.Show()
	p.win.Canvas().Focus(entry)
}

// codePath is a master code's path in the codebook, never its identity.
func (p *mergePanel) codePath(guid string) string {
	if _, ok := p.codes.Code(guid); ok {
		if path := p.codes.CodePath(guid); path != "" {
			return path
		}
	}
	return "(a code no longer in the codebook)"
}

// describeConflict says in words, without identities, how a reviewer's code
// differs from the master's.
func describeConflict(c merge.Conflict) string {
	if c.Kind == merge.ConflictSameName {
		return fmt.Sprintf("the reviewer's “%s” is another code with the name of the master's (made separately)", c.Reviewer.Path)
	}
	var diffs []string
	if c.Master.Name != c.Reviewer.Name {
		diffs = append(diffs, fmt.Sprintf("renamed “%s”", c.Reviewer.Name))
	}
	if !strings.EqualFold(c.Master.Color, c.Reviewer.Color) {
		diffs = append(diffs, "another colour")
	}
	if c.Master.Parent != c.Reviewer.Parent {
		diffs = append(diffs, fmt.Sprintf("moved to “%s”", c.Reviewer.Path))
	}
	return fmt.Sprintf("the reviewer changed the master's “%s”: %s", c.Master.Path, strings.Join(diffs, ", "))
}

// setAll gives every conflict of every file the same resolution.
func (p *mergePanel) setAll(label string) {
	a := merge.KeepMaster
	switch label {
	case resTakeRev:
		a = merge.TakeReviewer
	case resKeepBoth:
		a = merge.KeepBoth
	case "":
		return
	}
	for _, f := range p.files {
		for _, c := range f.plan.Conflicts {
			f.res[c.ID] = merge.Resolution{Action: a}
		}
		p.repreview(f)
	}
	p.refresh()
	p.setAllSel.ClearSelected()
}

// setResolution records a choice and recomputes that file's preview in the background.
func (p *mergePanel) setResolution(f *reviewerFile, id string, r merge.Resolution) {
	f.res[id] = r
	p.repreview(f)
}

// repreview recomputes a file's preview with its resolutions in the
// background; a newer choice supersedes it.
func (p *mergePanel) repreview(f *reviewerFile) {
	master := p.h.Project()
	if master == nil {
		return
	}
	res := f.resolutions()
	ui.Run(&f.previewing, func(ctx context.Context) (*merge.Report, error) {
		return f.plan.PreviewWith(ctx, master, res)
	}, func(rep *merge.Report, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		f.preview = rep
		p.showPreview()
	})
}

// showPreview sums what the merge would bring in.
func (p *mergePanel) showPreview() {
	if len(p.files) == 0 {
		return
	}
	var b strings.Builder
	for _, f := range p.files {
		r := f.preview
		fmt.Fprintf(&b, "%s: ", filepath.Base(f.path))
		if !r.Changed() {
			b.WriteString("nothing new.\n")
			continue
		}
		fmt.Fprintf(&b, "%d studies, %d codes, %d codings, %d appraisals, %d memos new", r.New.Studies, r.New.Codes, r.New.Codings, r.New.Appraisals, r.New.Memos)
		if u := r.Updated.Total(); u > 0 {
			fmt.Fprintf(&b, "; %d updated", u)
		}
		if len(r.Unanchored) > 0 {
			fmt.Fprintf(&b, "; %d codings cannot be placed", len(r.Unanchored))
		}
		b.WriteString(".\n")
	}
	p.preview.SetText(strings.TrimSpace(b.String()))
}
