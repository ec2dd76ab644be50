package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/corpus"
)

// perDimension is the dimension of the series the export writes ("" for
// one brief).
func (p *briefPanel) perDimension() string {
	switch p.per.Selected {
	case perSector:
		return brief.PerSector
	case perCountry:
		return brief.PerCountry
	}
	return ""
}

// chooseSeriesFolder asks for the folder a series of briefs is written to.
func (p *briefPanel) chooseSeriesFolder(f brief.Format, per string) {
	if p.win == nil {
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		p.onExportSeries(u.Path(), f, per)
	}, p.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// seriesResult is a written series: the files and what the series left out.
type seriesResult struct {
	files []string
	s     *brief.Series
	// problems name the coded areas written without their image.
	problems []string
}

// onExportSeries writes one brief per sector or country of the current
// filters into dir, in the background; each keeps the review's frame and
// says how many studies its filter leaves out.
func (p *briefPanel) onExportSeries(dir string, f brief.Format, per string) {
	if p.data == nil {
		return
	}
	filter, err := p.filter()
	if err != nil {
		p.status.SetText(err.Error())
		return
	}
	data := *p.data
	data.Title, data.Date = "", strings.TrimSpace(p.date.Text)
	tmpl := ""
	if (f == brief.HTML) == p.tmplHTML {
		tmpl = p.tmplText
	}
	proj := p.h.Project()
	p.status.SetText(fmt.Sprintf("Writing one brief per %s into %s…", per, filepath.Base(dir)))
	ui.Go(func() (seriesResult, error) {
		s, err := brief.BuildSeries(data, filter, per)
		if err != nil {
			return seriesResult{}, err
		}
		res := seriesResult{s: s}
		used := map[string]int{}
		for _, it := range s.Items {
			stem := brief.FileName(it.Value)
			if used[stem]++; used[stem] > 1 {
				stem += fmt.Sprintf("-%d", used[stem])
			}
			path := filepath.Join(dir, stem+"."+string(f))
			b, problems, err := withAreaImages(proj, it.Brief)
			if err != nil {
				return res, err
			}
			res.problems = append(res.problems, problems...)
			if err := ui.WriteFileAtomic(path, func(w *os.File) error { return brief.Render(w, b, f, tmpl) }); err != nil {
				return res, fmt.Errorf("write %s: %w", filepath.Base(path), err)
			}
			res.files = append(res.files, path)
		}
		return res, nil
	}, func(res seriesResult, err error) {
		if err != nil {
			msg := "Export failed"
			if len(res.files) > 0 {
				msg = fmt.Sprintf("Export stopped after %d of the briefs", len(res.files))
			}
			p.status.SetText(msg + ": " + ui.Plain(err))
			if p.win != nil {
				ui.ShowError(p.win, "Export briefs", err)
			}
			return
		}
		msg := fmt.Sprintf("Wrote %s into %s.", ui.Count(len(res.files), "brief"), dir) + areaProblems(res.problems)
		if len(res.s.Skipped) > 0 {
			msg += fmt.Sprintf(" None for %s: no study matching the filters covers it.", strings.Join(res.s.Skipped, ", "))
		}
		if n := res.s.Unassigned.N; n > 0 {
			msg += fmt.Sprintf(" %s no %s and %s in none of them.", ui.Count(n, "study reports", "studies report"), per,
				map[bool]string{true: "is", false: "are"}[n == 1])
		}
		p.status.SetText(msg)
	})
}

// withAreaImages is a copy of b whose coded areas carry their images
// cropped from the project's PDFs (b itself, shown on screen, is left as
// it is), with a sentence for each area that could not be drawn.
func withAreaImages(proj *corpus.Project, b *brief.Brief) (*brief.Brief, []string, error) {
	if proj == nil {
		return b, nil, nil
	}
	return brief.WithAreaImages(context.Background(), proj, b, 0)
}

// areaProblems says which coded areas were written without an image, ""
// when none.
func areaProblems(problems []string) string {
	switch len(problems) {
	case 0:
		return ""
	case 1:
		return " " + problems[0] + "."
	}
	return fmt.Sprintf(" %d coded areas have no image: %s.", len(problems), strings.Join(problems, "; "))
}

// citationLabel names a citation style as the brief screen offers it.
func citationLabel(st brief.CitationStyle) string {
	switch st {
	case brief.StyleAPA:
		return "APA 7 (Nguyen & Tran, 2018)"
	case brief.StyleAuthorYear:
		return "Author–year (Nguyen and Tran 2018)"
	}
	return string(st)
}

// citationLabels are the citation styles offered, default first.
func citationLabels() []string {
	var out []string
	for _, st := range brief.CitationStyles {
		out = append(out, citationLabel(st))
	}
	return out
}
