package report

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/brief"
)

// briefFigure is one number of a drafted brief with the studies behind it.
type briefFigure struct {
	section string // "Scope", "Evidence map"...
	label   string // what is counted, e.g. "Cambodia × Agriculture"
	count   brief.Count
	code    string // for a theme: its code, so a study opens at its first passage
}

// briefFigures lists the numbers of a brief in the order the draft shows them.
func briefFigures(b *brief.Brief) []briefFigure {
	var out []briefFigure
	add := func(section, label string, c brief.Count) {
		if c.N > 0 {
			out = append(out, briefFigure{section: section, label: label, count: c})
		}
	}
	add("Scope", "Included studies", b.Scope.Studies)
	add("Scope", "Left out by the filters", b.Scope.FilteredOut)
	add("Scope", "Appraised for rigor", b.Scope.Appraised)
	add("Scope", "Coded by two or more reviewers", b.Scope.DoubleCoded)
	add("Scope", "Studies without a known year", b.Scope.YearUnknown)
	add("Scope", "Consensus appraisals", b.Scope.ConsensusAppraised)
	for _, c := range b.Scope.Countries {
		add("Scope", "Country: "+c.Label, c.Count)
	}
	for _, c := range b.Scope.Sectors {
		add("Scope", "Sector: "+c.Label, c.Count)
	}
	fl := b.Flow
	add("Screening", "Records identified", fl.Identified)
	for _, s := range fl.Sources {
		add("Screening", "From "+s.Label, s.Count)
	}
	add("Screening", "Added without an import record", fl.Unrecorded)
	add("Screening", "Duplicate files found at import (the studies they duplicate)", fl.DuplicatesAtImport)
	add("Screening", "Marked as duplicates", fl.DuplicatesMarked)
	add("Screening", "Not screened yet", fl.AwaitingScreening)
	add("Screening", "Screened", fl.Screened)
	add("Screening", "Excluded", fl.Excluded)
	for _, r := range fl.Reasons {
		add("Screening", "Excluded: "+r.Label, r.Count)
	}
	add("Screening", "Included in the review", fl.Included)
	for i, row := range b.Map.Cells {
		for _, cell := range row {
			add("Evidence map", cell.Country+" × "+cell.Sector, cell.All)
		}
		add("Evidence map", b.Map.Countries[i]+" (all sectors)", b.Map.CountryTotals[i])
	}
	for _, m := range b.Methods.Methods {
		add("Methods", "Method: "+m.Label, m.Count)
	}
	for _, m := range b.Methods.Populations {
		add("Methods", "Population: "+m.Label, m.Count)
	}
	add("Methods", "Sample size reported", b.Methods.Samples.Reported)
	add("Methods", "Sample size not reported", b.Methods.Samples.NotReported)
	for _, c := range b.Rigor.Criteria {
		add("Rigor", c.Name+": met", c.Met)
		add("Rigor", c.Name+": partly met", c.Partly)
		add("Rigor", c.Name+": not met", c.NotMet)
		add("Rigor", c.Name+": not reported", c.NotReported)
		add("Rigor", c.Name+": not appraised", c.NotAppraised)
	}
	for _, r := range b.Rigor.Ratings {
		label := r.Label
		if label == "" {
			label = "not rated"
		}
		add("Rigor", "Rated "+label, r.Count)
	}
	for _, f := range b.Findings {
		label := f.Name + ": not yet judged"
		if f.Confidence.Judged {
			label = f.Name + ": " + f.Confidence.Level + " confidence"
		}
		add("Findings", label, f.Studies)
		if n := len(out); n > 0 && out[n-1].label == label {
			out[n-1].code = f.CodeGUID
		}
	}
	for _, s := range b.Themes {
		add("Themes", s.Sector+" (all studies)", s.Studies)
		for _, t := range append(append([]brief.ThemeSummary{}, s.Themes...), s.More...) {
			add("Themes", s.Sector+": "+t.Name, t.Studies)
			if n := len(out); n > 0 && out[n-1].label == s.Sector+": "+t.Name {
				out[n-1].code = t.CodeGUID
			}
		}
	}
	for _, g := range b.Gaps {
		add("Gaps", shortText(g.Text, 90), brief.Count{N: len(g.Studies), Studies: g.Studies})
	}
	return out
}

func shortText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// previewMarkdown adapts a brief's Markdown to what widget.RichText shows:
// figures (SVG data URIs) become a note, pipe tables become aligned
// monospace blocks.
func previewMarkdown(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "![") && strings.Contains(l, "data:image"):
			alt := strings.TrimPrefix(l[:max(strings.Index(l, "]("), 2)], "![")
			if alt == "" {
				alt = "chart"
			}
			out = append(out, "*[Figure: "+alt+" — included in every export]*")
		case strings.HasPrefix(strings.TrimSpace(l), "|"):
			var rows [][]string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				cells := strings.Split(strings.Trim(strings.TrimSpace(lines[i]), "|"), "|")
				sep := true
				for j := range cells {
					cells[j] = strings.ReplaceAll(strings.TrimSpace(cells[j]), "**", "")
					if strings.Trim(cells[j], "-: ") != "" {
						sep = false
					}
				}
				if !sep {
					rows = append(rows, cells)
				}
			}
			i--
			out = append(out, previewTable(rows)...)
		default:
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// previewTable shows a narrow table as an aligned monospace block and a
// wide one as a list, one row per item ("**row** — column: value · ..."),
// because RichText wraps long lines.
func previewTable(rows [][]string) []string {
	if len(rows) == 0 {
		return nil
	}
	width := 0
	for _, r := range rows {
		w := 0
		for _, c := range r {
			w += utf8.RuneCountInString(c) + 2
		}
		width = max(width, w)
	}
	if width <= 64 {
		return []string{"```", alignTable(rows), "```"}
	}
	head := rows[0]
	out := []string{"**" + strings.Join(head, " · ") + "**", ""}
	for _, r := range rows[1:] {
		var parts []string
		for j := 1; j < len(r); j++ {
			h := ""
			if j < len(head) {
				h = head[j] + ": "
			}
			parts = append(parts, h+r[j])
		}
		out = append(out, "- **"+r[0]+"** — "+strings.Join(parts, " · "))
	}
	return append(out, "")
}

// alignTable pads the columns of a table to a common width.
func alignTable(rows [][]string) string {
	var widths []int
	for _, r := range rows {
		for j, c := range r {
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, c := range r {
			b.WriteString(c)
			if j < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)+2))
			}
		}
	}
	return b.String()
}

// studyChooser is the list of studies behind a figure or map cell; tapping
// one opens it in the main window.
type studyChooser struct {
	h      ui.Host
	nav    ui.Navigator
	list   *widget.List
	items  []studyItem
	header *widget.Label
}

// studyItem is one study of a studyChooser; with end > 0 the study opens
// at the passage [start, end).
type studyItem struct {
	guid, title, detail string
	start, end          int
}

func newStudyChooser(h ui.Host, nav ui.Navigator) *studyChooser {
	c := &studyChooser{h: h, nav: nav}
	c.header = widget.NewLabel("Select a number to see its studies.")
	c.header.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(func() int { return len(c.items) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("title")
			t.Truncation = fyne.TextTruncateEllipsis
			return t
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(c.items) {
				it := c.items[id]
				text := it.title
				if it.detail != "" {
					text += " · " + it.detail
				}
				o.(*widget.Label).SetText(text)
			}
		})
	c.list.OnSelected = func(id widget.ListItemID) {
		if id < len(c.items) {
			c.open(c.items[id])
		}
	}
	return c
}

func (c *studyChooser) build() fyne.CanvasObject {
	return container.NewBorder(c.header, nil, nil, nil, c.list)
}

// show lists studies under a heading.
func (c *studyChooser) show(heading string, items []studyItem) {
	c.header.SetText(heading)
	c.items = items
	c.list.UnselectAll()
	c.list.Refresh()
}

// open shows a study in the main window, at its passage when it has one
// (an item without one asks for the empty passage 0–0: the study as it is).
func (c *studyChooser) open(it studyItem) {
	c.nav.ShowPassage(it.guid, it.start, it.end)
	c.h.Window().RequestFocus()
}
