package brief

import (
	"bytes"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"maps"
	"strconv"
	"strings"
	"text/template"
)

// Format is an output format of Render.
type Format string

// Output formats.
const (
	// Markdown is CommonMark with pipe tables; figures are inline SVG data
	// URIs.
	Markdown Format = "md"
	// HTML is one self-contained page with inline CSS and SVG charts.
	HTML Format = "html"
	// DOCX is a WordprocessingML document for Word and LibreOffice.
	DOCX Format = "docx"
	// PDF is an A4 PDF document.
	PDF Format = "pdf"
)

// Formats lists the supported formats.
var Formats = []Format{Markdown, HTML, DOCX, PDF}

// ErrUnknownFormat reports a format Render does not support.
var ErrUnknownFormat = errors.New("unknown brief format (use md, html, docx or pdf)")

// ParseFormat reads a format name or file extension ("md", ".docx",
// "markdown", "PDF").
func ParseFormat(s string) (Format, error) {
	switch strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), ".") {
	case "md", "markdown":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "docx", "word":
		return DOCX, nil
	case "pdf":
		return PDF, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrUnknownFormat)
}

// TemplateError reports an author's template that cannot be parsed or
// executed.
type TemplateError struct {
	// Format is the format being rendered.
	Format Format
	// Err is the template package's error, which names the line.
	Err error
}

// Error implements error.
func (e *TemplateError) Error() string {
	return fmt.Sprintf("brief template for %s: %v", e.Format, e.Err)
}

// Unwrap returns the underlying error.
func (e *TemplateError) Unwrap() error { return e.Err }

//go:embed templates/*.tmpl
var templateFS embed.FS

// DefaultTemplate returns the embedded template of a format's family: the
// HTML template for HTML, and the Markdown template for Markdown, DOCX and
// PDF (DOCX and PDF are laid out from the Markdown the template produces:
// headings, paragraphs, "- " lists, "> " quotes, pipe tables, **bold**,
// *italic* and figure lines such as {{figure "heatmap"}}). A Markdown
// template may be used for HTML too: the page is then laid out from its
// Markdown in the same way.
func DefaultTemplate(f Format) (string, error) {
	name := "templates/brief.md.tmpl"
	switch f {
	case HTML:
		name = "templates/brief.html.tmpl"
	case Markdown, DOCX, PDF:
	default:
		return "", fmt.Errorf("%q: %w", f, ErrUnknownFormat)
	}
	b, err := templateFS.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("read default template: %w", err)
	}
	return string(b), nil
}

// Render writes the brief in format f. templateText is an author's template
// (Go text/template syntax; html/template for HTML) or "" for the default.
// The template's data is the *Brief; see DefaultTemplate for the functions
// available. Output is byte-identical for the same brief and template.
func Render(w io.Writer, b *Brief, f Format, templateText string) (err error) {
	if b == nil {
		return errors.New("render brief: no brief")
	}
	if _, perr := ParseFormat(string(f)); perr != nil {
		return perr
	}
	if templateText == "" {
		if templateText, err = DefaultTemplate(f); err != nil {
			return err
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render brief as %s: internal error: %v", f, r)
		}
	}()
	figs := figures(b)
	var buf bytes.Buffer
	if f == HTML && isHTMLTemplate(templateText) {
		if err := execHTML(&buf, b, figs, templateText); err != nil {
			return err
		}
		_, err = w.Write(buf.Bytes())
		return err
	}
	if err := execText(&buf, b, f, figs, templateText); err != nil {
		return err
	}
	if f == Markdown {
		_, err = w.Write(buf.Bytes())
		return err
	}
	// The other formats lay out the template's Markdown themselves (HTML
	// here from a Markdown template).
	blocks := fillAreaImages(parseBlocks(buf.String()), b)
	switch f {
	case DOCX:
		return writeDOCX(w, b, blocks, figs)
	case PDF:
		return writePDF(w, b, blocks, figs)
	}
	_, err = io.WriteString(w, markdownPage(b.Title, blocks, figs))
	return err
}

// funcs are the template functions shared by every format.
func funcs(b *Brief) map[string]any {
	return map[string]any{
		"pct":     pctText,
		"num":     func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
		"grouped": grouped,
		"fixed":   func(d int, v float64) string { return strconv.FormatFloat(v, 'f', d, 64) },
		"join":    func(v []string, sep string) string { return strings.Join(v, sep) },
		"joinAnd": joinAnd,
		"cap":     capitalise,
		"add":     func(a, b int) int { return a + b },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"years": func(s Scope) string {
			switch {
			case s.YearFrom == 0:
				return "in unknown years"
			case s.YearFrom == s.YearTo:
				return "in " + strconv.Itoa(s.YearFrom)
			}
			return "between " + strconv.Itoa(s.YearFrom) + " and " + strconv.Itoa(s.YearTo)
		},
		"cites": func(guids []string) string {
			var out []string
			for _, g := range guids {
				if s, ok := b.Study(g); ok {
					out = append(out, s.Citation)
				}
			}
			return strings.Join(out, "; ")
		},
		"reported": func(ls []Labeled) []Labeled {
			var out []Labeled
			for _, l := range ls {
				if l.Label != notReported {
					out = append(out, l)
				}
			}
			return out
		},
		"num0": func(n int) string {
			if n <= 0 {
				return "–"
			}
			return grouped(n)
		},
		"word": numberWord,
		"rated": func(r string) string {
			if r == "" {
				return "not rated"
			}
			return r
		},
		"labels": func(ls []Labeled) []string {
			out := make([]string, len(ls))
			for i, l := range ls {
				out[i] = l.Label
			}
			return out
		},
	}
}

// grouped formats a number with thousands separators: 12500 -> "12,500",
// 1250.5 -> "1,250.5".
func grouped(v any) string {
	var s string
	switch x := v.(type) {
	case int:
		s = strconv.Itoa(x)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

var mdReplacer = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "#", `\#`)

func execText(buf *bytes.Buffer, b *Brief, f Format, figs map[string]*figure, text string) error {
	fm := funcs(b)
	fm["md"] = func(s string) string { return mdReplacer.Replace(strings.Join(strings.Fields(s), " ")) }
	maps.Copy(fm, areaFuncs(f, false))
	fm["author"] = authorMarkdown
	fm["figure"] = func(name string) (string, error) {
		fig, ok := figs[name]
		if !ok {
			return "", fmt.Errorf("no figure %q (use heatmap, rigor, ratings or flow)", name)
		}
		if f == Markdown {
			data := base64.StdEncoding.EncodeToString([]byte(fig.svg()))
			return "![" + mdReplacer.Replace(fig.caption) + "](data:image/svg+xml;base64," + data + ")", nil
		}
		return "![" + mdReplacer.Replace(fig.caption) + "](figure:" + name + ")", nil
	}
	t, err := template.New("brief").Funcs(fm).Parse(text)
	if err != nil {
		return &TemplateError{Format: f, Err: err}
	}
	if err := t.Execute(buf, b); err != nil {
		return &TemplateError{Format: f, Err: err}
	}
	return nil
}

func execHTML(buf *bytes.Buffer, b *Brief, figs map[string]*figure, text string) error {
	fm := funcs(b)
	maps.Copy(fm, areaFuncs(HTML, true))
	// md is the identity in HTML: html/template escapes the text itself.
	fm["md"] = func(s string) string { return strings.Join(strings.Fields(s), " ") }
	fm["author"] = func(s string) htmltemplate.HTML {
		var out strings.Builder
		blocksHTML(&out, parseBlocks(authorMarkdown(s)), figs)
		return htmltemplate.HTML(out.String()) // every text is escaped by blocksHTML
	}
	fm["figure"] = func(name string) (htmltemplate.HTML, error) {
		fig, ok := figs[name]
		if !ok {
			return "", fmt.Errorf("no figure %q (use heatmap, rigor, ratings or flow)", name)
		}
		// The SVG is built by this package with every text escaped.
		return htmltemplate.HTML(`<figure class="chart">` + fig.svg() + `<figcaption>` +
			xmlEscape(fig.caption) + `</figcaption></figure>`), nil
	}
	fm["heat"] = func(n, max int) htmltemplate.CSS {
		if n == 0 {
			return "background:#ffffff"
		}
		v := 0.15 + 0.85*float64(n)/float64(max)
		fg := "#222222"
		if v > 0.5 {
			fg = "#ffffff"
		}
		return htmltemplate.CSS("background:#" + heatColour(v) + ";color:" + fg)
	}
	t, err := htmltemplate.New("brief").Funcs(fm).Parse(text)
	if err != nil {
		return &TemplateError{Format: HTML, Err: err}
	}
	if err := t.Execute(buf, b); err != nil {
		return &TemplateError{Format: HTML, Err: err}
	}
	return nil
}
