package pdftext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// scriptWords splits text into words as runs of letters, combining marks and
// digits (so a Thai or Khmer word keeps its vowel signs), lower-cased.
// Thai, Lao, Khmer and Burmese put no space between words, so a line break
// between two of their letters may fall inside a "word" (a run without
// spaces, where a word processor wrapped the line) or stand for a space: it
// is joined when the source text has the two sides joined.
func scriptWords(text, source string) []string {
	rs := []rune(text)
	var b strings.Builder
	for i, r := range rs {
		if r == '\n' && i > 0 && i+1 < len(rs) && noSpaceScript(rs[i-1]) && noSpaceScript(rs[i+1]) {
			joined := string(rs[max(0, i-3):i]) + string(rs[i+1:min(len(rs), i+4)])
			if strings.Contains(source, joined) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return strings.FieldsFunc(strings.ToLower(b.String()), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
	})
}

func noSpaceScript(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

func TestGeneratedScripts(t *testing.T) {
	for _, s := range scriptSamples {
		for _, o := range shapedVariants {
			t.Run(s.name+"/"+o.variantName(), func(t *testing.T) {
				data, src := shapedPDF(t, s, o)
				doc := extractOK(t, data)
				w := f1(scriptWords(src, src), scriptWords(doc.Text, src))
				t.Logf("word-F1 %.3f warnings %q", w, doc.Warnings)
				if w < 0.95 {
					t.Errorf("word-F1 %.3f\n got %q\nwant %q", w, doc.Text, src)
				}
			})
		}
	}
}

func TestLibreOfficeScripts(t *testing.T) {
	dir := libreOfficePDFs(t)
	for _, s := range scriptSamples {
		data := mustRead(t, filepath.Join(dir, s.name+".pdf"))
		src := strings.Join(s.paragraphs, "\n\n")
		t.Run(s.name, func(t *testing.T) {
			doc := extractOK(t, data)
			w := f1(scriptWords(src, src), scriptWords(doc.Text, src))
			t.Logf("word-F1 %.3f warnings %q\n%s", w, doc.Warnings, doc.Text)
			if w < 0.95 || len(doc.Warnings) > 0 {
				t.Errorf("word-F1 %.3f warnings %q\n got %q\nwant %q", w, doc.Warnings, doc.Text, src)
			}
		})
		t.Run(s.name+"/no-tounicode", func(t *testing.T) {
			doc := extractOK(t, stripToUnicode(data))
			w := f1(scriptWords(src, src), scriptWords(doc.Text, src))
			t.Logf("word-F1 %.3f warnings %q\n%s", w, doc.Warnings, doc.Text)
		})
	}
}

// scriptFile is one file of the non-Latin test set.
type scriptFile struct {
	name       string
	data       []byte
	source     string
	unreadable bool // its fonts cannot say which letters their glyphs are (ToUnicode removed from subset fonts)
}

// scriptFiles builds the non-Latin test set: every sample in every HarfBuzz
// variant (full fonts, with and without ToUnicode and /ActualText), and as
// LibreOffice writes it (subset fonts with ToUnicode), with its ToUnicode
// maps and /ActualText removed (then unreadable, which must be said).
func scriptFiles(tb testing.TB) []scriptFile {
	var out []scriptFile
	for _, s := range scriptSamples {
		for _, o := range shapedVariants {
			data, src := shapedPDF(tb, s, o)
			out = append(out, scriptFile{s.name + "/harfbuzz+" + o.variantName(), data, src, false})
		}
	}
	if _, err := exec.LookPath("soffice"); err == nil {
		dir := libreOfficePDFs(tb)
		for _, s := range scriptSamples {
			data, err := os.ReadFile(filepath.Join(dir, s.name+".pdf"))
			if err != nil {
				tb.Fatal(err)
			}
			src := strings.Join(s.paragraphs, "\n\n")
			out = append(out, scriptFile{s.name + "/libreoffice-subset+tounicode", data, src, false},
				scriptFile{s.name + "/libreoffice-subset+no-tounicode", stripToUnicode(data), src, true})
		}
	}
	return out
}

// BenchmarkScriptFidelity extracts the non-Latin test set and reports the
// median word-F1 against the source text, pdftotext's on the same files
// (when installed), ours against pdftotext's text where that text is
// meaningful (word-F1 >= 0.5 against the source), and whether every
// unreadable variant came with a warning.
func BenchmarkScriptFidelity(b *testing.B) {
	files := scriptFiles(b)
	_, errPT := exec.LookPath("pdftotext")
	dir := b.TempDir()
	var ours, theirs, vsRef []float64
	flagged, unreadable := 0, 0
	for i := 0; i < b.N; i++ {
		ours, theirs, vsRef = nil, nil, nil
		flagged, unreadable = 0, 0
		for _, f := range files {
			doc, err := Extract(context.Background(), f.data, Options{})
			if err != nil {
				b.Fatalf("%s: %v", f.name, err)
			}
			if f.unreadable {
				unreadable++
				if len(doc.Warnings) > 0 {
					flagged++
				}
				continue
			}
			w := f1(scriptWords(f.source, f.source), scriptWords(doc.Text, f.source))
			ours = append(ours, w)
			line := fmt.Sprintf("%-48s ours %.3f", f.name, w)
			if errPT == nil {
				p := filepath.Join(dir, "f.pdf")
				os.WriteFile(p, f.data, 0o644)
				out, err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", p, "-").Output()
				if err == nil {
					ref := string(out)
					t := f1(scriptWords(f.source, f.source), scriptWords(ref, f.source))
					theirs = append(theirs, t)
					line += fmt.Sprintf("  pdftotext %.3f", t)
					if t >= 0.5 {
						v := f1(scriptWords(ref, f.source), scriptWords(doc.Text, f.source))
						vsRef = append(vsRef, v)
						line += fmt.Sprintf("  ours vs pdftotext %.3f", v)
					}
				}
			}
			if i == 0 {
				b.Log(line)
			}
		}
	}
	b.ReportMetric(median(ours), "word-F1-vs-source")
	b.ReportMetric(float64(len(ours)), "files")
	if len(theirs) > 0 {
		b.ReportMetric(median(theirs), "pdftotext-word-F1-vs-source")
	}
	if len(vsRef) > 0 {
		b.ReportMetric(median(vsRef), "word-F1-vs-pdftotext")
		b.ReportMetric(float64(len(vsRef)), "pdftotext-meaningful-files")
	}
	b.ReportMetric(float64(flagged), "unreadable-flagged")
	b.ReportMetric(float64(unreadable), "unreadable-files")
}
