package brief

import (
	"fmt"
	"strings"
)

// flowBox is one box of the screening flow diagram: a bold first line,
// then plain lines.
type flowBox struct {
	lines []string
	count Count // the studies behind the box's main figure
}

// flowRow is one stage of the diagram: a box on the main path, boxes of
// records leaving it on the right.
type flowRow struct {
	stage string
	main  flowBox
	side  []flowBox
}

// flowRows lays out the screening flow as the rows of a PRISMA 2020 style
// diagram; every format draws these rows.
func flowRows(b *Brief) []flowRow {
	fl := &b.Flow
	n := func(label string, v int) string { return fmt.Sprintf("%s (n = %d)", label, v) }
	ident := flowBox{lines: []string{n("Records identified", fl.Identified.N)}, count: fl.Identified}
	for _, s := range fl.Sources {
		ident.lines = append(ident.lines, n(s.Label, s.N))
	}
	if fl.Unrecorded.N > 0 {
		label := "Added without an import record"
		if len(fl.Sources) == 0 {
			label = "Studies in the project (sources not recorded)"
		}
		ident.lines = append(ident.lines, n(label, fl.Unrecorded.N))
	}
	removed := flowBox{lines: []string{n("Records removed before screening", fl.DuplicatesAtImport.N+fl.DuplicatesMarked.N),
		n("Duplicate files found at import (same SHA-256)", fl.DuplicatesAtImport.N),
		n("Studies marked as duplicates", fl.DuplicatesMarked.N)},
		count: Count{N: fl.DuplicatesAtImport.N + fl.DuplicatesMarked.N, Studies: mergeSorted(fl.DuplicatesAtImport.Studies, fl.DuplicatesMarked.Studies)}}
	excluded := flowBox{lines: []string{n("Records excluded", fl.Excluded.N)}, count: fl.Excluded}
	for i, r := range fl.Reasons {
		if i == 5 && len(fl.Reasons) > 6 {
			rest := 0
			for _, x := range fl.Reasons[5:] {
				rest += x.N
			}
			excluded.lines = append(excluded.lines, n("Other reasons", rest))
			break
		}
		excluded.lines = append(excluded.lines, n(r.Label, r.N))
	}
	rows := []flowRow{
		{stage: "Identification", main: ident, side: []flowBox{removed}},
		{stage: "Screening", main: flowBox{lines: []string{n("Records screened", fl.Screened.N)}, count: fl.Screened}, side: []flowBox{excluded}},
	}
	if fl.AwaitingScreening.N > 0 {
		rows[0].side = append(rows[0].side, flowBox{lines: []string{n("Not screened yet", fl.AwaitingScreening.N)}, count: fl.AwaitingScreening})
	}
	inc := flowRow{stage: "Included", main: flowBox{lines: []string{n("Studies included in the review", fl.Included.N)}, count: fl.Included}}
	if fl.Filtered() {
		inc.side = []flowBox{{lines: []string{n("Left out by this brief's filters", fl.FilteredOut.N)}, count: fl.FilteredOut}}
	}
	rows = append(rows, inc)
	if fl.Filtered() {
		rows = append(rows, flowRow{stage: "This brief", main: flowBox{lines: []string{n("Studies in this brief", fl.InBrief.N)}, count: fl.InBrief}})
	}
	return rows
}

// flowFigure draws the screening flow: the main path of boxes on the left
// with arrows down, the records leaving it in boxes on the right.
func flowFigure(b *Brief) *figure {
	const mw, sx, sw, size, lh, pad, gap = 250.0, 300.0, 183.0, 8.0, 10.5, 5.0, 30.0
	f := &figure{name: "flow", caption: "Screening flow (PRISMA 2020 style): records identified, removed, screened, excluded and included."}
	f.w = sx + sw
	perLine := func(w float64) int { return max(int((w-2*pad)/(size*0.5)), 8) }
	wrap := func(box flowBox, w float64) []string {
		per := perLine(w)
		var out []string
		for _, l := range box.lines {
			out = append(out, wrapWords(l, per)...)
		}
		return out
	}
	boxH := func(lines []string) float64 { return float64(len(lines))*lh + 2*pad - 1 }
	draw := func(x, y, w float64, lines []string, boldLines int) {
		f.box(x, y, w, boxH(lines), "f7f9fc", "5b7fb5")
		for k, l := range lines {
			f.label(x+pad, y+pad+lh*float64(k)+size, l, size, "start", colText, k < boldLines)
		}
	}
	y := 12.0
	var prevBottom float64
	for r, row := range flowRows(b) {
		f.label(0, y-3, row.stage, 7.5, "start", colNotReported, true)
		ml := wrap(row.main, mw)
		first := len(wrapWords(row.main.lines[0], perLine(mw)))
		mh := boxH(ml)
		var sides [][]string
		sh := 0.0
		for i, s := range row.side {
			sl := wrap(s, sw)
			sides = append(sides, sl)
			if i > 0 {
				sh += 8
			}
			sh += boxH(sl)
		}
		rowH := max(mh, sh)
		my := y + (rowH-mh)/2
		if r > 0 {
			f.arrow(mw/2, prevBottom, mw/2, my, "5b7fb5")
		}
		draw(0, my, mw, ml, first)
		sy := y + (rowH-sh)/2
		for i, sl := range sides {
			h := boxH(sl)
			fl := len(wrapWords(row.side[i].lines[0], perLine(sw)))
			draw(sx, sy, sw, sl, fl)
			f.arrow(mw, my+mh/2, sx, sy+h/2, "5b7fb5")
			sy += h + 8
		}
		prevBottom = my + mh
		y += rowH + gap
	}
	f.h = y - gap + 4
	return f
}

// flowText is the flow as plain lines (for the Markdown and HTML text
// beside the diagram and for tests).
func flowText(b *Brief) []string {
	var out []string
	for _, row := range flowRows(b) {
		line := row.stage + ": " + strings.Join(row.main.lines, "; ")
		for _, s := range row.side {
			line += " → " + strings.Join(s.lines, "; ")
		}
		out = append(out, line)
	}
	return out
}
