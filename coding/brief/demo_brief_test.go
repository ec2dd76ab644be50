package brief

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The demo's brief shows, in every format, the confidence in each finding,
// the screening flow, the table of included studies and the author's key
// findings and recommendations; its DOCX converts in LibreOffice.
func TestDemoBriefEveryFormat(t *testing.T) {
	p := openDemo(t)
	d, err := FromProject(context.Background(), p, ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := mustBuild(t, d, Filter{})
	if fl := b.Flow; fl.Identified.N != 12 || fl.DuplicatesAtImport.N != 2 || fl.Included.N != 10 || len(fl.Sources) != 2 {
		t.Errorf("flow %+v", fl)
	}
	judged := 0
	for _, f := range b.Findings {
		if f.Confidence.Judged {
			judged++
		}
	}
	if judged != 3 || b.KeyFindings.Generated || b.Recommendations.Generated || len(b.Studies) != 10 {
		t.Errorf("%d judged findings, key findings generated %v, recommendations generated %v", judged, b.KeyFindings.Generated, b.Recommendations.Generated)
	}
	// Text every format must show (whitespace collapsed).
	want := []string{
		"Moderate confidence: serious concerns about methodological limitations",
		"Very low confidence:",
		"Confidence not yet judged by a reviewer. Automatic summary:",
		"Records identified (n = 12)",
		"Duplicate files found at import", // wrapped in the diagram's box
		"Characteristics of included studies",
		"Recruitment debt and withheld wages are the most widely reported means of control",
		"Fund studies of agriculture and fishing in Lao PDR and Viet Nam",
		"rated high for rigor)",
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	dir := t.TempDir()
	for _, f := range Formats {
		data := render(t, b, f, "")
		path := filepath.Join(dir, "demo."+string(f))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var text string
		switch f {
		case Markdown:
			text = string(data)
		case HTML:
			text = strings.NewReplacer("&#39;", "'", "&amp;", "&").Replace(string(data))
			if !strings.Contains(text, "<svg") || strings.Count(text, "<svg") != 4 {
				t.Errorf("html charts: %d", strings.Count(text, "<svg"))
			}
		case DOCX:
			checkWellFormed(t, data)
			text = strings.NewReplacer("&#39;", "'", "&apos;", "'", "&amp;", "&").Replace(docxText(t, data))
			text = strings.NewReplacer(`</w:t></w:r><w:r><w:t xml:space="preserve">`, "", `</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">`, "").Replace(text)
		case PDF:
			text = pdfText(t, path)
		}
		if text == "" {
			continue
		}
		text = flat(text)
		for _, w := range want {
			if f == Markdown && strings.HasPrefix(w, "Records identified (n") {
				w = "Records identified: 12" // the diagram is an image in Markdown
			}
			if f == Markdown && strings.HasPrefix(w, "Duplicate files found") {
				w = "2 duplicate files found at import and 0 studies marked as duplicates"
			}
			if !strings.Contains(text, flat(w)) {
				t.Errorf("%s lacks %q", f, w)
			}
		}
	}
	if testing.Short() {
		return
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("LibreOffice not installed: skipping the conversion of the demo's DOCX")
		return
	}
	out, err := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo"), filepath.Join(dir, "demo.docx")).CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	if text := flat(pdfText(t, filepath.Join(dir, "lo", "demo.pdf"))); text != "" {
		for _, w := range want {
			if !strings.Contains(text, flat(w)) {
				t.Errorf("the DOCX as LibreOffice lays it out lacks %q", w)
			}
		}
	}
}

// pdfText is pdftotext's text of a PDF, "" when pdftotext is not installed.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	txt, err := exec.LookPath("pdftotext")
	if err != nil {
		return ""
	}
	out, err := exec.Command(txt, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", filepath.Base(path), err)
	}
	return string(out)
}
