package pdftext

import (
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
