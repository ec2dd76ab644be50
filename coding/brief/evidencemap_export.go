package brief

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"
	"sync"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/internal/cellsafe"
	"github.com/xuri/excelize/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// MapStyle are the colours of an exported evidence map.
type MapStyle struct {
	Fill       color.NRGBA // the fullest cell; emptier cells fade towards Background
	Background color.NRGBA // page and empty cells
	Text       color.NRGBA // labels and counts on light cells
	Grid       color.NRGBA // cell borders
}

// DefaultMapStyle is a blue scale on white.
func DefaultMapStyle() MapStyle {
	return MapStyle{Fill: color.NRGBA{0x1d, 0x4e, 0x89, 0xff}, Background: color.NRGBA{0xff, 0xff, 0xff, 0xff},
		Text: color.NRGBA{0x22, 0x22, 0x22, 0xff}, Grid: color.NRGBA{0xcc, 0xcc, 0xcc, 0xff}}
}

// Shade returns the strength (0..1) of a cell with n studies in a map whose
// fullest cell has max: 0 for an empty cell, from 0.15 for one study up to 1.
func Shade(n, max int) float64 {
	if n <= 0 || max <= 0 {
		return 0
	}
	return 0.15 + 0.85*float64(n)/float64(max)
}

// CellColor returns the fill of a cell of strength s (see Shade) and the
// text colour that reads on it.
func (st MapStyle) CellColor(s float64) (fill, text color.NRGBA) {
	mix := func(a, b uint8) uint8 { return uint8(float64(a)*(1-s) + float64(b)*s + 0.5) }
	fill = color.NRGBA{mix(st.Background.R, st.Fill.R), mix(st.Background.G, st.Fill.G), mix(st.Background.B, st.Fill.B), 0xff}
	text = st.Text
	if luminance(fill) < 0.5 {
		text = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	}
	return fill, text
}

func luminance(c color.NRGBA) float64 {
	return (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
}

func hexColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// mapLayout measures the grid in pixels for the SVG and PNG writers.
type mapLayout struct {
	labelW, cellW, cellH, headH, pad int
	width, height                    int
	heads                            [][]string // column headings wrapped to at most two lines
}

func layoutMap(m *EvidenceMap, measure func(string) int) mapLayout {
	l := mapLayout{cellW: 84, cellH: 44, pad: 12}
	for _, r := range m.RowLabels {
		l.labelW = max(l.labelW, measure(clipLabel(r)))
	}
	l.labelW = min(max(l.labelW+16, 80), 260)
	cols := append(slicesClone(m.ColLabels), "Total")
	for _, c := range cols {
		for _, w := range strings.Fields(c) {
			l.cellW = max(l.cellW, min(measure(w)+12, 150))
		}
	}
	lines := 1
	for _, c := range cols {
		h := wrapLabel(c, l.cellW-8, measure)
		lines = max(lines, len(h))
		l.heads = append(l.heads, h)
	}
	l.headH = 26 + 16*lines
	l.width = 2*l.pad + l.labelW + len(cols)*l.cellW
	l.height = 2*l.pad + l.headH + (len(m.RowLabels)+1)*l.cellH + 24
	return l
}

// wrapLabel breaks a label into at most two lines of the given width, the
// second clipped with an ellipsis when needed.
func wrapLabel(s string, width int, measure func(string) int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && measure(cur+" "+w) > width && len(lines) == 0 {
			lines, cur = append(lines, cur), w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	for measure(cur) > width && len([]rune(cur)) > 2 {
		r := []rune(strings.TrimSuffix(cur, "…"))
		cur = strings.TrimSpace(string(r[:len(r)-1])) + "…"
	}
	return append(lines, cur)
}

func clipLabel(s string) string {
	r := []rune(s)
	if len(r) > 28 {
		return string(r[:27]) + "…"
	}
	return s
}

// mapTitle is the heading of an exported map.
func mapTitle(m *EvidenceMap) string {
	return fmt.Sprintf("Evidence map: %s × %s (%d studies)", m.Rows, m.Cols, m.Total.N())
}

// WriteEvidenceMapSVG writes the map as an SVG image: a grid of cells
// shaded by study count, each with its count and rigor mark, and totals.
func WriteEvidenceMapSVG(w io.Writer, m *EvidenceMap, st MapStyle) error {
	bw := bufio.NewWriter(w)
	l := layoutMap(m, func(s string) int { return int(float64(len([]rune(s))) * 7.2) })
	esc := xmlText
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="12">`+"\n",
		l.width, l.height, l.width, l.height)
	fmt.Fprintf(bw, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", hexColor(st.Background))
	fmt.Fprintf(bw, `<text x="%d" y="%d" font-weight="bold" font-size="14" fill="%s">%s</text>`+"\n", l.pad, l.pad+14, hexColor(st.Text), esc(mapTitle(m)))
	y0 := l.pad + l.headH
	x0 := l.pad + l.labelW
	for c, head := range l.heads {
		x := x0 + c*l.cellW + l.cellW/2
		for i, line := range head {
			fmt.Fprintf(bw, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold" fill="%s">%s</text>`+"\n",
				x, y0-8-16*(len(head)-1-i), hexColor(st.Text), esc(line))
		}
	}
	cell := func(x, y int, c MapCell, total bool) {
		fill, text := st.CellColor(Shade(c.N(), m.Max))
		if total {
			fill, text = st.Background, st.Text
		}
		fmt.Fprintf(bw, `<g><title>%s</title><rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="%s"/>`,
			esc(strings.Join(m.titles(c.Studies), "\n")), x, y, l.cellW, l.cellH, hexColor(fill), hexColor(st.Grid))
		if c.N() > 0 {
			fmt.Fprintf(bw, `<text x="%d" y="%d" text-anchor="middle" font-weight="bold" font-size="15" fill="%s">%d</text>`,
				x+l.cellW/2, y+19, hexColor(text), c.N())
			fmt.Fprintf(bw, `<text x="%d" y="%d" text-anchor="middle" font-size="10" fill="%s">%s</text>`,
				x+l.cellW/2, y+35, hexColor(text), esc(c.RigorMark()))
		}
		fmt.Fprintln(bw, `</g>`)
	}
	for r, row := range m.RowLabels {
		y := y0 + r*l.cellH
		fmt.Fprintf(bw, `<text x="%d" y="%d" font-weight="bold" fill="%s">%s</text>`+"\n", l.pad, y+l.cellH/2+4, hexColor(st.Text), esc(clipLabel(row)))
		for c := range m.ColLabels {
			cell(x0+c*l.cellW, y, m.Cells[r][c], false)
		}
		cell(x0+len(m.ColLabels)*l.cellW, y, m.RowTotals[r], true)
	}
	y := y0 + len(m.RowLabels)*l.cellH
	fmt.Fprintf(bw, `<text x="%d" y="%d" font-weight="bold" fill="%s">Total</text>`+"\n", l.pad, y+l.cellH/2+4, hexColor(st.Text))
	for c := range m.ColLabels {
		cell(x0+c*l.cellW, y, m.ColTotals[c], true)
	}
	cell(x0+len(m.ColLabels)*l.cellW, y, m.Total, true)
	fmt.Fprintf(bw, `<text x="%d" y="%d" font-size="10" fill="%s">%s</text>`+"\n", l.pad, l.height-l.pad, hexColor(st.Text),
		esc("Cells: studies; H/M/L: rated high/medium/low rigor, ?: not rated. A study counts in each of its values."))
	fmt.Fprintln(bw, `</svg>`)
	return bw.Flush()
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// titles returns the titles of studies for tooltips and lists.
func (m *EvidenceMap) titles(guids []string) []string {
	out := make([]string, 0, len(guids))
	for _, s := range m.StudyList(guids) {
		out = append(out, s.Title)
	}
	return out
}

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

var (
	pngFontOnce       sync.Once
	pngRegular, pngBd *opentype.Font
	pngFontErr        error
)

// pngFonts returns the bundled Noto Sans regular and bold (Latin with
// Vietnamese, Greek and Cyrillic), parsed once.
func pngFonts() (*opentype.Font, *opentype.Font, error) {
	pngFontOnce.Do(func() {
		load := func(file string) (*opentype.Font, error) {
			b, err := assets.FontFile(file)
			if err != nil {
				return nil, err
			}
			return opentype.Parse(b)
		}
		if pngRegular, pngFontErr = load(assets.FontSans); pngFontErr == nil {
			pngBd, pngFontErr = load(assets.FontSansBold)
		}
	})
	return pngRegular, pngBd, pngFontErr
}

// WriteEvidenceMapPNG writes the map as a PNG image laid out like the SVG,
// at twice the SVG's pixel size for sharp printing.
func WriteEvidenceMapPNG(w io.Writer, m *EvidenceMap, st MapStyle) error {
	reg, bold, err := pngFonts()
	if err != nil {
		return fmt.Errorf("evidence map PNG: font: %w", err)
	}
	const scale = 2
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size * scale, DPI: 72, Hinting: font.HintingFull})
	}
	small, err1 := face(reg, 10)
	normal, err2 := face(bold, 12)
	big, err3 := face(bold, 15)
	title, err4 := face(bold, 14)
	for _, e := range []error{err1, err2, err3, err4} {
		if e != nil {
			return fmt.Errorf("evidence map PNG: font: %w", e)
		}
	}
	measure := func(f font.Face, s string) int { return font.MeasureString(f, s).Ceil() }
	l := layoutMap(m, func(s string) int { return measure(normal, s) / scale })
	img := image.NewNRGBA(image.Rect(0, 0, l.width*scale, l.height*scale))
	draw.Draw(img, img.Bounds(), image.NewUniform(st.Background), image.Point{}, draw.Src)
	text := func(f font.Face, s string, x, y int, c color.NRGBA, centre bool) {
		if centre {
			x -= measure(f, s) / (2 * scale)
		}
		d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x*scale, y*scale)}
		d.DrawString(s)
	}
	rect := func(x, y, wd, ht int, fill, border color.NRGBA) {
		r := image.Rect(x*scale, y*scale, (x+wd)*scale, (y+ht)*scale)
		draw.Draw(img, r, image.NewUniform(border), image.Point{}, draw.Src)
		draw.Draw(img, r.Inset(1), image.NewUniform(fill), image.Point{}, draw.Src)
	}
	text(title, mapTitle(m), l.pad, l.pad+14, st.Text, false)
	y0, x0 := l.pad+l.headH, l.pad+l.labelW
	for c, head := range l.heads {
		for i, line := range head {
			text(normal, line, x0+c*l.cellW+l.cellW/2, y0-8-16*(len(head)-1-i), st.Text, true)
		}
	}
	cell := func(x, y int, c MapCell, total bool) {
		fill, tc := st.CellColor(Shade(c.N(), m.Max))
		if total {
			fill, tc = st.Background, st.Text
		}
		rect(x, y, l.cellW, l.cellH, fill, st.Grid)
		if c.N() > 0 {
			text(big, fmt.Sprint(c.N()), x+l.cellW/2, y+20, tc, true)
			text(small, c.RigorMark(), x+l.cellW/2, y+36, tc, true)
		}
	}
	for r, row := range m.RowLabels {
		y := y0 + r*l.cellH
		text(normal, clipLabel(row), l.pad, y+l.cellH/2+4, st.Text, false)
		for c := range m.ColLabels {
			cell(x0+c*l.cellW, y, m.Cells[r][c], false)
		}
		cell(x0+len(m.ColLabels)*l.cellW, y, m.RowTotals[r], true)
	}
	y := y0 + len(m.RowLabels)*l.cellH
	text(normal, "Total", l.pad, y+l.cellH/2+4, st.Text, false)
	for c := range m.ColLabels {
		cell(x0+c*l.cellW, y, m.ColTotals[c], true)
	}
	cell(x0+len(m.ColLabels)*l.cellW, y, m.Total, true)
	text(small, "Cells: studies; H/M/L: rated high/medium/low rigor, ?: not rated. A study counts in each of its values.",
		l.pad, l.height-l.pad, st.Text, false)
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("evidence map PNG: %w", err)
	}
	return nil
}

// WriteEvidenceMapXLSX writes the map as a workbook: a "Map" sheet of study
// counts shaded like the picture, a "Rigor" sheet with the same grid of
// rigor marks ("H2 M1 L0") and a "Studies" sheet listing the studies of
// every cell. Text cells a spreadsheet would take for a formula are escaped
// (see internal/cellsafe).
func WriteEvidenceMapXLSX(w io.Writer, m *EvidenceMap, st MapStyle) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write evidence map workbook: %v", r)
		}
	}()
	f := excelize.NewFile()
	defer f.Close()
	fail := func(e error) error { return fmt.Errorf("write evidence map workbook: %w", e) }
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fail(err)
	}
	// One style per shade level (ten steps are plenty for a heat map).
	shades := map[int]int{}
	styleFor := func(n int) (int, error) {
		level := int(Shade(n, m.Max)*10 + 0.5)
		if id, ok := shades[level]; ok {
			return id, nil
		}
		fill, text := st.CellColor(float64(level) / 10)
		s := &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center"},
			Font: &excelize.Font{Color: strings.TrimPrefix(hexColor(text), "#")}}
		if level > 0 {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{strings.TrimPrefix(hexColor(fill), "#")}}
		}
		id, err := f.NewStyle(s)
		shades[level] = id
		return id, err
	}
	put := func(sheet string, col, row int, v any, style int) error {
		if str, ok := v.(string); ok {
			v = cellsafe.Escape(str)
		}
		addr, err := excelize.CoordinatesToCellName(col, row)
		if err == nil {
			err = f.SetCellValue(sheet, addr, v)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(sheet, addr, addr, style)
		}
		return err
	}
	sheets := []struct {
		name  string
		value func(MapCell) any
	}{
		{"Map", func(c MapCell) any { return c.N() }},
		{"Rigor", func(c MapCell) any { return c.RigorMark() }},
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return fail(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return fail(err)
		}
		if err := put(sh.name, 1, 1, m.Rows+" \\ "+m.Cols, bold); err != nil {
			return fail(err)
		}
		for c, label := range append(slicesClone(m.ColLabels), "Total") {
			if err := put(sh.name, c+2, 1, label, bold); err != nil {
				return fail(err)
			}
		}
		for r := 0; r <= len(m.RowLabels); r++ {
			label, cells, total := "Total", m.ColTotals, m.Total
			if r < len(m.RowLabels) {
				label, cells, total = m.RowLabels[r], m.Cells[r], m.RowTotals[r]
			}
			if err := put(sh.name, 1, r+2, label, bold); err != nil {
				return fail(err)
			}
			for c, cell := range cells {
				style := bold
				if r < len(m.RowLabels) {
					if style, err = styleFor(cell.N()); err != nil {
						return fail(err)
					}
				}
				if err := put(sh.name, c+2, r+2, sh.value(cell), style); err != nil {
					return fail(err)
				}
			}
			if err := put(sh.name, len(cells)+2, r+2, sh.value(total), bold); err != nil {
				return fail(err)
			}
		}
		f.SetColWidth(sh.name, "A", "A", 30)
		last, _ := excelize.ColumnNumberToName(len(m.ColLabels) + 2)
		f.SetColWidth(sh.name, "B", last, 16)
		f.SetPanes(sh.name, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"})
	}
	if _, err := f.NewSheet("Studies"); err != nil {
		return fail(err)
	}
	for c, h := range []string{m.Rows, m.Cols, "Study", "Year", "Rigor", "Consensus appraisal", "Study GUID"} {
		if err := put("Studies", c+1, 1, h, bold); err != nil {
			return fail(err)
		}
	}
	line := 2
	for r, row := range m.RowLabels {
		for c, col := range m.ColLabels {
			for _, s := range m.StudyList(m.Cells[r][c].Studies) {
				vals := []any{cellsafe.Escape(row), cellsafe.Escape(col), cellsafe.Escape(s.Title), s.Year,
					cellsafe.Escape(s.Rating), s.Consensus, s.GUID}
				addr, _ := excelize.CoordinatesToCellName(1, line)
				if err := f.SetSheetRow("Studies", addr, &vals); err != nil {
					return fail(err)
				}
				line++
			}
		}
	}
	f.SetColWidth("Studies", "A", "B", 22)
	f.SetColWidth("Studies", "C", "C", 70)
	f.SetColWidth("Studies", "G", "G", 38)
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fail(err)
	}
	return nil
}
