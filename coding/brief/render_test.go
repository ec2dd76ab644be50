package brief

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus/names"
)

func render(t *testing.T, b *Brief, f Format, tmpl string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, b, f, tmpl); err != nil {
		t.Fatalf("Render %s: %v", f, err)
	}
	return buf.Bytes()
}

func TestRenderMarkdown(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	md := string(render(t, b, Markdown, ""))
	for _, want := range []string{
		"# Evidence brief: TIP sectors review\n",
		"This brief draws on 6 included studies published between 2017 and 2021, from 3 countries and 3 sectors. 7 passages were coded with the review's themes. All 6 studies have been appraised for rigor (5 by consensus).",
		"**Inter-coder agreement:** over the 2 studies of the review coded independently by two or more reviewers (42 coded paragraphs), Krippendorff's alpha = 0.81.",
		"| India | 2\u00a0(H1 M1) | 2\u00a0(H2) | – | 3 |\n",
		"| Nepal | 1\u00a0(?1) | – | 1\u00a0(L1) | 2 |\n",
		"| Okafor 2020 | Nepal, Qatar | Domestic work | Qualitative interviews | – | low | Domestic workers |\n",
		"| Debt bondage | 3 | Not yet judged | Confidence not yet judged by a reviewer. Automatic summary: moderate concerns about methodological limitations (1 of 3 studies rated low; 44% of their criterion judgements not met or not reported), moderate concerns about coherence (reviewers coding independently agreed on the theme in 1 of 2 double-coded studies) and minor concerns about adequacy (3 studies, 3 coded passages). |",
		"Records identified: 8. Removed before screening: 0 duplicate files found at import and 0 studies marked as duplicates. Screened: 7 (1 more awaiting screening); excluded: 1 (No reason recorded 1); included: 6.",
		"## Key findings\n\n*Draft generated from the coded evidence",
		"- Debt bondage was found in 3 of the 6 studies (Agriculture and Construction); confidence not yet judged.\n",
		"## 10. Recommendations\n\n*Draft generated from the gaps",
		"| **Total** | **3** | **3** | **1** | **6** |",
		"| Survey | 3 | 50% |",
		"median 300, range 40 to 1,200; 1 study does not report one.",
		"| Ethics approval | 3\u00a0(50%) | 0\u00a0(0%) | 3\u00a0(50%) | 0\u00a0(0%) | 0\u00a0(0%) |",
		"> “Workers described debts that grew every season.” (Smith et al. 2019, p. 4; rated high for rigor)",
		"### Countries and sectors\n\n- For Agriculture, no included study covers Qatar, only one covers Nepal (Smith 2019a) and only two cover India.",
		"- Smith, J. (2019a). Agricultural labour in Nepal. Walk Free.",
		"](data:image/svg+xml;base64,",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	// Every table row of a table has the same number of cells.
	for _, bl := range parseBlocks(md) {
		if bl.kind != bTable {
			continue
		}
		for _, r := range bl.rows {
			if len(r) != len(bl.rows[0]) {
				t.Errorf("ragged table row %q", plainText(r[0]))
			}
		}
	}
}

func TestRenderHTML(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	h := string(render(t, b, HTML, ""))
	for _, want := range []string{
		"<title>Evidence brief: TIP sectors review</title>",
		`data-studies="s1 s2"`,
		`<svg xmlns="http://www.w3.org/2000/svg"`,
		"Krippendorff&#39;s alpha = 0.81",
		"<cite>(Smith et al. 2019, p. 4; rated high for rigor)</cite>",
		`<tr data-study="s4"><td>Okafor 2020</td><td>Nepal, Qatar</td>`,
		`<td style="background:#ffffff" data-studies="">–</td>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Count(h, "<svg") != 4 {
		t.Errorf("want 4 inline charts, got %d", strings.Count(h, "<svg"))
	}
	// Injected markup in study data must be escaped.
	d := fixture()
	d.Project = "<script>alert(1)</script>"
	h = string(render(t, mustBuild(t, d, Filter{}), HTML, ""))
	if strings.Contains(h, "<script>") {
		t.Error("html does not escape the project name")
	}
}

func shuffled(d Data, seed int64) Data {
	r := rand.New(rand.NewSource(seed))
	d.Studies = append([]Study(nil), d.Studies...)
	d.Quotes = append([]Quote(nil), d.Quotes...)
	r.Shuffle(len(d.Studies), func(i, j int) { d.Studies[i], d.Studies[j] = d.Studies[j], d.Studies[i] })
	r.Shuffle(len(d.Quotes), func(i, j int) { d.Quotes[i], d.Quotes[j] = d.Quotes[j], d.Quotes[i] })
	return d
}

func TestRenderDeterministic(t *testing.T) {
	b1 := mustBuild(t, fixture(), Filter{})
	b2 := mustBuild(t, shuffled(fixture(), 7), Filter{})
	for _, f := range Formats {
		a, b, c := render(t, b1, f, ""), render(t, b1, f, ""), render(t, b2, f, "")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", f)
		}
		if !bytes.Equal(a, c) {
			t.Errorf("%s: input order changes the output", f)
		}
	}
}

func TestCustomTemplate(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	tmpl := `{{.Scope.Studies.N}} studies{{range .References}}; {{.Citation}}{{end}}. {{cites (index .Map.Cells 0 0).All.Studies}}`
	got := string(render(t, b, Markdown, tmpl))
	want := "6 studies; Garcia and Chen 2021; International Labour Organization 2017; Okafor 2020; Smith 2019a; Smith 2019b; Smith et al. 2019. Smith et al. 2019; Garcia and Chen 2021"
	if got != want {
		t.Errorf("custom template:\n%s\nwant\n%s", got, want)
	}
	h := string(render(t, b, HTML, `<p>{{.Title}}</p>{{figure "ratings"}}`))
	if !strings.HasPrefix(h, "<p>Evidence brief: TIP sectors review</p><figure") {
		t.Errorf("custom html %q", h[:min(len(h), 80)])
	}
	var te *TemplateError
	if err := Render(io.Discard, b, Markdown, "{{.Nope"); !errors.As(err, &te) {
		t.Errorf("parse error: %v", err)
	}
	if err := Render(io.Discard, b, PDF, `{{figure "pie"}}`); !errors.As(err, &te) {
		t.Errorf("unknown figure: %v", err)
	}
	if err := Render(io.Discard, b, Format("odt"), ""); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown format: %v", err)
	}
	// A custom Markdown template drives the DOCX layout.
	doc := docxText(t, render(t, b, DOCX, "# Short brief\n\nIt covers **{{.Scope.Studies.N}}** studies.\n"))
	if !strings.Contains(doc, `<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">Short brief</w:t>`) ||
		!strings.Contains(doc, `<w:b/></w:rPr><w:t xml:space="preserve">6</w:t>`) {
		t.Errorf("custom docx body: %s", doc)
	}
}

func TestGrouped(t *testing.T) {
	for in, want := range map[any]string{12500: "12,500", 999: "999", 1234567.5: "1,234,567.5", -4000: "-4,000", 0: "0"} {
		if got := grouped(in); got != want {
			t.Errorf("grouped(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"md": Markdown, ".DOCX": DOCX, "html": HTML, "pdf": PDF, "Markdown": Markdown} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
}

// docxText opens a DOCX, checks every XML part is well formed and returns
// word/document.xml.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("docx is not a zip: %v", err)
	}
	var doc string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		if f.Name == "word/document.xml" {
			doc = string(body)
		}
	}
	if doc == "" {
		t.Fatal("docx has no word/document.xml")
	}
	return doc
}

var (
	reTbl   = regexp.MustCompile(`(?s)<w:tbl>.*?</w:tbl>`)
	reGrid  = regexp.MustCompile(`<w:gridCol `)
	reRow   = regexp.MustCompile(`(?s)<w:tr>.*?</w:tr>`)
	reCell  = regexp.MustCompile(`<w:tc>`)
	reSpan  = regexp.MustCompile(`<w:gridSpan w:val="(\d+)"/>`)
	reTcEnd = regexp.MustCompile(`</w:tc>`)
)

func TestRenderDOCX(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	data := render(t, b, DOCX, "")
	doc := docxText(t, data)
	for _, want := range []string{"Evidence brief: TIP sectors review", "Evidence map", "(Smith et al. 2019, p. 4; rated high for rigor)",
		"Records identified (n = 8)", "Characteristics of included studies"} {
		if !strings.Contains(doc, xmlEscape(want)) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	if !strings.Contains(doc, `w:fill="C62828"`) {
		t.Error("document.xml has no not-met bar segment")
	}
	// Each table row must fill exactly the table grid, or Word reports the
	// file as damaged.
	tables := reTbl.FindAllString(doc, -1)
	if len(tables) < 8 {
		t.Errorf("only %d tables", len(tables))
	}
	for ti, tbl := range tables {
		cols := len(reGrid.FindAllString(tbl, -1))
		for _, row := range reRow.FindAllString(tbl, -1) {
			n := len(reCell.FindAllString(row, -1))
			if n != len(reTcEnd.FindAllString(row, -1)) || n == 0 {
				t.Fatalf("table %d: malformed row", ti)
			}
			for _, m := range reSpan.FindAllStringSubmatch(row, -1) {
				v, _ := strconv.Atoi(m[1])
				n += v - 1
			}
			if n != cols {
				t.Errorf("table %d: row spans %d of %d grid columns", ti, n, cols)
			}
		}
	}
	checkWellFormed(t, data)
	if testing.Short() {
		t.Log("-short: skipping the DOCX to PDF conversion through LibreOffice")
		return
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Log("LibreOffice not installed: skipping the DOCX to PDF conversion check")
			return
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "brief.docx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", dir, in).CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	if st, err := os.Stat(filepath.Join(dir, "brief.pdf")); err != nil || st.Size() < 1000 {
		t.Fatalf("libreoffice produced no PDF: %v\n%s", err, out)
	}
	if ppm, err := exec.LookPath("pdftoppm"); err == nil {
		if out, err := exec.Command(ppm, "-r", "60", "-png", filepath.Join(dir, "brief.pdf"), filepath.Join(dir, "docx")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm on the converted DOCX: %v\n%s", err, out)
		}
		if pages, _ := filepath.Glob(filepath.Join(dir, "docx-*.png")); len(pages) < 2 {
			t.Errorf("converted DOCX has %d pages", len(pages))
		}
	}
}

func TestRenderPDF(t *testing.T) {
	b := mustBuild(t, fixture(), Filter{})
	data := render(t, b, PDF, "")
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "brief.pdf")
	if err := os.WriteFile(pdf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("BRIEF_KEEP"); keep != "" {
		// For looking at the pages by eye: BRIEF_KEEP=/tmp/x go test -run PDF
		_ = os.MkdirAll(keep, 0o755)
		_ = os.WriteFile(filepath.Join(keep, "brief.pdf"), data, 0o644)
		_ = os.WriteFile(filepath.Join(keep, "brief.docx"), render(t, b, DOCX, ""), 0o644)
		_ = os.WriteFile(filepath.Join(keep, "brief.html"), render(t, b, HTML, ""), 0o644)
		_ = os.WriteFile(filepath.Join(keep, "brief.md"), render(t, b, Markdown, ""), 0o644)
	}
	if txt, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(txt, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		for _, want := range []string{"Evidence brief: TIP sectors review", "4. Evidence map", "(Smith et al. 2019, p. 4; rated high for", "Okafor, N. (2020)",
			"Records identified (n = 8)", "Findings and confidence"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("pdf text lacks %q", want)
			}
		}
	}
	ppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not installed (apt-get install poppler-utils)")
	}
	if out, err := exec.Command(ppm, "-r", "60", "-png", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pages) < 2 {
		t.Errorf("want several pages, got %d", len(pages))
	}
}

func TestRenderMinimalAndUnicode(t *testing.T) {
	d := Data{Studies: []Study{
		{GUID: "u1", Title: "Lao động cưỡng bức ở Việt Nam", Authors: names.ParseTexts([]string{"Nguyễn, Văn An"}), Status: "included",
			Countries: []string{"Việt Nam"}, Sectors: []string{"漁業"}},
		{GUID: "u2", Title: "No attributes at all", Status: "included"},
	}, Themes: []Theme{{CodeGUID: "k", Name: "Ελληνικά"}},
		Quotes: []Quote{{StudyGUID: "u1", CodeGUID: "k", Text: "Tôi đã làm việc 16 giờ mỗi ngày.\f"}}}
	b := mustBuild(t, d, Filter{})
	if b.Title != "Evidence brief" || b.Scope.YearUnknown.N != 2 {
		t.Errorf("title %q, unknown years %d", b.Title, b.Scope.YearUnknown.N)
	}
	if !reflect.DeepEqual(b.Map.Countries, []string{"Việt Nam", notReported}) {
		t.Errorf("countries %v", b.Map.Countries)
	}
	for _, f := range Formats {
		out := render(t, b, f, "")
		if keep := os.Getenv("BRIEF_KEEP"); keep != "" {
			_ = os.WriteFile(filepath.Join(keep, "minimal."+string(f)), out, 0o644)
		}
		if len(out) < 500 {
			t.Errorf("%s: %d bytes", f, len(out))
		}
		if f == DOCX {
			if doc := docxText(t, out); !strings.Contains(doc, "Tôi đã làm việc 16 giờ mỗi ngày.") {
				t.Error("docx loses Unicode text")
			}
		}
		if f == Markdown && !strings.Contains(string(out), "No rigor criteria were defined") {
			t.Error("markdown: no note on missing criteria")
		}
	}
	if got := b.References[0].Text; got != "Nguyễn, V. A. (n.d.). Lao động cưỡng bức ở Việt Nam." {
		t.Errorf("reference %q", got)
	}
}

// checkWellFormed parses every XML part of a DOCX package.
func checkWellFormed(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue // pictures
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		rc.Close()
	}
}

// No page of a long PDF brief ends with a heading: each stays with the
// start of what follows it.
func TestPDFHeadingsKeptWithText(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 30-page brief")
	}
	txt, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	b := mustBuild(t, synthetic(500, 5000), Filter{})
	var md bytes.Buffer
	if err := Render(&md, b, Markdown, ""); err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, bl := range parseBlocks(md.String()) {
		if bl.kind == bHeading {
			headings[strings.Join(strings.Fields(plainText(bl.runs)), " ")] = true
		}
	}
	pdf := filepath.Join(t.TempDir(), "brief.pdf")
	if err := os.WriteFile(pdf, render(t, b, PDF, ""), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(txt, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) < 10 {
		t.Fatalf("%d pages", len(pages))
	}
	for i, page := range pages {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" && !strings.HasPrefix(l, "Page ") && l != b.Title {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 && headings[lines[len(lines)-1]] {
			t.Errorf("page %d ends with the heading %q", i+1, lines[len(lines)-1])
		}
	}
}
