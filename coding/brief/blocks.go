package brief

import (
	"strings"
)

// The DOCX and PDF writers lay out the Markdown that the template produces.
// They understand this subset: "#" to "###" headings, paragraphs, "- "
// list items, "> " quotes, pipe tables (the first row is the header when a
// "|---|" line follows it), **bold**, *italic*, backslash escapes, and
// figure lines "![caption](figure:name)" and area image lines
// "![caption](area:GUID)".

type blockKind int

const (
	bPara blockKind = iota
	bHeading
	bBullet
	bQuote
	bTable
	bFigure
	bImage // a coded area's image: "![caption](area:GUID)"
)

// run is a piece of inline text with its emphasis.
type run struct {
	text         string
	bold, italic bool
}

type block struct {
	kind   blockKind
	level  int // heading level
	runs   []run
	rows   [][][]run // table: rows of cells
	header bool      // table: first row is a header
	name   string    // figure name; image: the area coding's GUID
	png    []byte    // image: the PNG (see fillAreaImages)
}

// plain returns the block's text without emphasis.
func plainText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.text)
	}
	return b.String()
}

// parseInline splits Markdown inline text into runs.
func parseInline(s string) []run {
	var out []run
	var cur strings.Builder
	bold, italic := false, false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, run{text: cur.String(), bold: bold, italic: italic})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\*_`[]<>|#", s[i+1]) >= 0:
			cur.WriteByte(s[i+1])
			i++
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			flush()
			bold = !bold
			i++
		case c == '*':
			flush()
			italic = !italic
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

// splitCells splits a table line on unescaped pipes.
func splitCells(line string) []string {
	line = strings.TrimSpace(line)
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) {
			cur.WriteByte(line[i])
			cur.WriteByte(line[i+1])
			i++
			continue
		}
		if line[i] == '|' {
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteByte(line[i])
	}
	cells = append(cells, strings.TrimSpace(cur.String()))
	if len(cells) > 0 && cells[0] == "" && strings.HasPrefix(line, "|") {
		cells = cells[1:]
	}
	if len(cells) > 0 && cells[len(cells)-1] == "" && strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func isSeparator(cells []string) bool {
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		c = strings.Trim(c, ": ")
		if len(c) < 3 || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// parseBlocks turns the template's Markdown into blocks.
func parseBlocks(md string) []block {
	var out []block
	var para []string
	var paraKind blockKind
	flush := func() {
		if len(para) > 0 {
			out = append(out, block{kind: paraKind, runs: parseInline(strings.Join(para, " "))})
			para = nil
		}
	}
	var table *block
	endTable := func() {
		if table != nil {
			out = append(out, *table)
			table = nil
		}
	}
	for _, raw := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "|") {
			flush()
			cells := splitCells(trim)
			if table == nil {
				table = &block{kind: bTable}
			}
			if isSeparator(cells) {
				table.header = len(table.rows) == 1
				continue
			}
			row := make([][]run, len(cells))
			for i, c := range cells {
				row[i] = parseInline(c)
			}
			table.rows = append(table.rows, row)
			continue
		}
		endTable()
		switch {
		case trim == "":
			flush()
		case strings.HasPrefix(trim, "#"):
			flush()
			level := len(trim) - len(strings.TrimLeft(trim, "#"))
			if level <= 6 && strings.HasPrefix(trim[level:], " ") {
				out = append(out, block{kind: bHeading, level: min(level, 3), runs: parseInline(strings.TrimSpace(trim[level:]))})
			} else {
				para, paraKind = append(para, trim), bPara
			}
		case strings.HasPrefix(trim, "![") && strings.HasSuffix(trim, ")") && strings.Contains(trim, "](figure:"):
			flush()
			i := strings.LastIndex(trim, "](figure:")
			out = append(out, block{kind: bFigure, runs: parseInline(trim[2:i]), name: trim[i+9 : len(trim)-1]})
		case strings.HasPrefix(trim, "![") && strings.HasSuffix(trim, ")") && strings.Contains(trim, "](area:"):
			flush()
			i := strings.LastIndex(trim, "](area:")
			out = append(out, block{kind: bImage, runs: parseInline(trim[2:i]), name: trim[i+7 : len(trim)-1]})
		case strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "* "):
			flush()
			para, paraKind = []string{strings.TrimSpace(trim[2:])}, bBullet
		case strings.HasPrefix(trim, ">"):
			text := strings.TrimSpace(strings.TrimPrefix(trim, ">"))
			if paraKind != bQuote || text == "" {
				flush()
			}
			if text != "" {
				para, paraKind = append(para, text), bQuote
			}
		default:
			if len(para) == 0 {
				paraKind = bPara
			}
			para = append(para, trim)
		}
	}
	endTable()
	flush()
	return out
}
