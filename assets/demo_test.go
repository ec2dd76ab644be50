package assets

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var mekongCountries = map[string]bool{"Cambodia": true, "Lao PDR": true, "Myanmar": true, "Thailand": true, "Viet Nam": true}

func TestDemoFilesAndManifest(t *testing.T) {
	files := DemoFiles()
	if len(files) != 10 {
		t.Fatalf("%d demo PDFs, want 10", len(files))
	}
	total := 0
	for _, f := range files {
		data, err := DemoPDF(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "%PDF-") {
			t.Errorf("%s is not a PDF", f)
		}
		total += len(data)
	}
	if total > 300<<10 {
		t.Errorf("demo PDFs total %d bytes, want < 300 KB", total)
	}
	m, err := DemoManifest()
	if err != nil {
		t.Fatal(err)
	}
	if m.Template != DefaultTemplateID || len(m.Studies) != len(files) {
		t.Fatalf("manifest template %q with %d studies", m.Template, len(m.Studies))
	}
	tpl := DefaultTemplate()
	sectors, countries := map[string]bool{}, map[string]bool{}
	for i, s := range m.Studies {
		if s.File != files[i] {
			t.Errorf("study %d is %q, want %q", i, s.File, files[i])
		}
		if s.Title == "" || len(s.Authors) == 0 || s.Year < 2000 || s.Method == "" || s.SampleSize <= 0 ||
			s.Population == "" || s.Language == "" || s.PublicationType == "" || s.Publisher == "" {
			t.Errorf("%s: incomplete metadata %+v", s.File, s)
		}
		for _, c := range s.Countries {
			if !mekongCountries[c] {
				t.Errorf("%s: country %q is not one of the five", s.File, c)
			}
			countries[c] = true
		}
		for _, sec := range s.Sectors {
			if c, ok := tpl.Find(sec); !ok || c.Kind != KindSector {
				t.Errorf("%s: sector %q is not a sector code", s.File, sec)
			}
			sectors[sec] = true
		}
		if len(s.Codings) < 4 {
			t.Errorf("%s: only %d codings", s.File, len(s.Codings))
		}
		for _, c := range s.Codings {
			if _, ok := tpl.Find(c.Code); !ok {
				t.Errorf("%s: code %q is not in the default template", s.File, c.Code)
			}
			if c.Quote == "" || c.Page < 1 {
				t.Errorf("%s: bad coding %+v", s.File, c)
			}
		}
	}
	if len(countries) != 5 || len(sectors) != 4 {
		t.Errorf("demo covers countries %v and sectors %v, want all five and four", countries, sectors)
	}
	if len(m.Appraisals) == 0 {
		t.Fatal("no appraisal")
	}
	rigor, _ := tpl.Find("Rigor")
	for _, a := range m.Appraisals {
		judged := map[string]bool{}
		for _, j := range a.Criteria {
			judged[j.Criterion] = true
			switch j.Judgement {
			case JudgementMet, JudgementPartlyMet, JudgementNotMet, JudgementNotReported:
			default:
				t.Errorf("%s: judgement %q", a.File, j.Judgement)
			}
			if j.Justification == "" {
				t.Errorf("%s: %q has no justification", a.File, j.Criterion)
			}
		}
		for _, c := range rigor.Children {
			if !judged[c.Name] {
				t.Errorf("%s: criterion %q not judged", a.File, c.Name)
			}
		}
		if a.Overall != RatingHigh && a.Overall != RatingModerate && a.Overall != RatingLow {
			t.Errorf("%s: overall %q", a.File, a.Overall)
		}
	}
}

func TestDemoPDFRejectsUnknownNames(t *testing.T) {
	for _, name := range []string{"", "missing.pdf", "../icon.png", "manifest.json", "demo/01-cambodia-thailand-agriculture-debt.pdf"} {
		if _, err := DemoPDF(name); !errors.Is(err, ErrNoDemoFile) {
			t.Errorf("DemoPDF(%q) error = %v, want ErrNoDemoFile", name, err)
		}
	}
}

// TestDemoQuotesExtractable checks with poppler's pdftotext that every coded
// quote occurs exactly once in the extracted text (whitespace collapsed),
// within a single extracted line, on the page the manifest states.
func TestDemoQuotesExtractable(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	m, err := DemoManifest()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, s := range m.Studies {
		data, err := DemoPDF(s.File)
		if err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, s.File)
		if err := os.WriteFile(in, data, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", s.File, err)
		}
		text := string(out)
		all := collapseSpace(text)
		if !strings.Contains(all, collapseSpace(s.Title)) {
			t.Errorf("%s: title not found in text", s.File)
		}
		pages := strings.Split(text, "\f")
		for _, c := range s.Codings {
			q := collapseSpace(c.Quote)
			if n := strings.Count(all, q); n != 1 {
				t.Errorf("%s: quote %q occurs %d times, want 1", s.File, q, n)
				continue
			}
			if c.Page > len(pages) {
				t.Errorf("%s: quote %q on page %d of %d", s.File, q, c.Page, len(pages))
				continue
			}
			onLine := false
			for _, line := range strings.Split(pages[c.Page-1], "\n") {
				if strings.Contains(collapseSpace(line), q) {
					onLine = true
					break
				}
			}
			if !onLine {
				t.Errorf("%s: quote %q not on a single line of page %d", s.File, q, c.Page)
			}
		}
	}
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
