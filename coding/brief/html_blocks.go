package brief

import (
	"encoding/base64"
	"regexp"
	"strings"
)

// htmlStyle is the style sheet of HTML briefs laid out from Markdown (an
// author's Markdown template rendered as HTML).
const htmlStyle = `body{font-family:Calibri,Carlito,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45}
h1{color:#1f3864;font-size:1.9rem}h2{color:#1f3864;border-bottom:1px solid #d0d7e5;padding-bottom:.2rem;margin-top:2.2rem}h3{color:#2f5496}
table{border-collapse:collapse;margin:.8rem 0 1.2rem;font-size:.9rem}th,td{border:1px solid #a6a6a6;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#d9e2f3}
blockquote{border-left:4px solid #8eaadb;margin:.6rem 0 .9rem 1rem;padding:.1rem .9rem;color:#404040;font-style:italic}
figure.chart{margin:1rem 0}figure.chart svg{max-width:100%;height:auto}figcaption{font-style:italic;color:#595959;font-size:.85rem}`

// htmlRuns writes inline runs as escaped HTML with <strong> and <em>.
func htmlRuns(b *strings.Builder, rs []run) {
	for _, r := range rs {
		t := xmlEscape(r.text)
		if r.italic {
			t = "<em>" + t + "</em>"
		}
		if r.bold {
			t = "<strong>" + t + "</strong>"
		}
		b.WriteString(t)
	}
}

// blocksHTML writes Markdown blocks as HTML body content; figures become
// inline SVG charts.
func blocksHTML(b *strings.Builder, blocks []block, figs map[string]*figure) {
	inList := false
	for _, bl := range blocks {
		if bl.kind != bBullet && inList {
			b.WriteString("</ul>\n")
			inList = false
		}
		switch bl.kind {
		case bHeading:
			tag := "h" + string(rune('0'+bl.level))
			b.WriteString("<" + tag + ">")
			htmlRuns(b, bl.runs)
			b.WriteString("</" + tag + ">\n")
		case bPara:
			b.WriteString("<p>")
			htmlRuns(b, bl.runs)
			b.WriteString("</p>\n")
		case bBullet:
			if !inList {
				b.WriteString("<ul>\n")
				inList = true
			}
			b.WriteString("<li>")
			htmlRuns(b, bl.runs)
			b.WriteString("</li>\n")
		case bQuote:
			b.WriteString("<blockquote>")
			htmlRuns(b, bl.runs)
			b.WriteString("</blockquote>\n")
		case bTable:
			b.WriteString("<table>\n")
			for i, row := range bl.rows {
				cellTag := "td"
				if i == 0 && bl.header {
					cellTag = "th"
				}
				b.WriteString("<tr>")
				for _, c := range row {
					b.WriteString("<" + cellTag + ">")
					htmlRuns(b, c)
					b.WriteString("</" + cellTag + ">")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		case bImage:
			b.WriteString(`<figure class="area"><img alt="` + xmlEscape(plainText(bl.runs)) + `" src="data:image/png;base64,` +
				base64.StdEncoding.EncodeToString(bl.png) + `" style="max-width:100%"><figcaption>`)
			htmlRuns(b, bl.runs)
			b.WriteString("</figcaption></figure>\n")
		case bFigure:
			if f, ok := figs[bl.name]; ok {
				b.WriteString(`<figure class="chart">` + f.svg() + `<figcaption>`)
				htmlRuns(b, bl.runs)
				b.WriteString("</figcaption></figure>\n")
			}
		}
	}
	if inList {
		b.WriteString("</ul>\n")
	}
}

// markdownPage wraps the HTML of Markdown blocks in a page.
func markdownPage(title string, blocks []block, figs map[string]*figure) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + xmlEscape(title) +
		"</title>\n<style>\n" + htmlStyle + "\n</style>\n</head>\n<body>\n")
	blocksHTML(&b, blocks, figs)
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// htmlTag matches the tags that mark a template as HTML.
var htmlTag = regexp.MustCompile(`(?i)<(!doctype|html|head|body|p|div|span|h[1-6]|table|tr|td|ul|ol|li|section|article|figure|br|em|strong)[\s>/]`)

// isHTMLTemplate reports whether a template is an HTML template (rather
// than Markdown): it has HTML tags such as <p>, <div> or <html>.
func isHTMLTemplate(text string) bool { return htmlTag.MatchString(text) }

// authorMarkdown turns an author's text into the Markdown the DOCX and PDF
// writers understand: paragraphs and "- " items kept, other lines joined
// to their paragraph.
func authorMarkdown(text string) string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "• ") {
			t = "- " + strings.TrimSpace(t[strings.Index(t, " ")+1:])
		}
		if strings.HasPrefix(t, "- ") && len(out) > 0 && out[len(out)-1] != "" && !strings.HasPrefix(out[len(out)-1], "- ") {
			out = append(out, "")
		}
		out = append(out, t)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
