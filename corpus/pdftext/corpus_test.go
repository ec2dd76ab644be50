package pdftext

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// corpusDir holds the shared real-world PDFs (see its README.md); tests skip without it.
var corpusDir = findShared("corpus")

// findShared returns shared/NAME beside the repository root (../shared), or in
// the nearest ancestor directory that has one (a worktree nested one level
// deeper), or the conventional relative path when none exists.
func findShared(name string) string {
	want := filepath.Join("..", "..", "..", "shared", name)
	if _, err := os.Stat(want); err == nil {
		return want
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		return want
	}
	for {
		p := filepath.Join(dir, "shared", name)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return want
		}
		dir = parent
	}
}

// corpusFiles returns the corpus PDFs and their categories from SOURCES.tsv.
func corpusFiles(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "SOURCES.tsv"))
	if err != nil {
		t.Skip("shared corpus absent")
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) >= 6 && strings.HasSuffix(cols[0], ".pdf") {
			out[strings.TrimSuffix(cols[0], ".pdf")] = cols[5]
		}
	}
	return out
}

func TestCorpusKindsAndNoPanics(t *testing.T) {
	files := corpusFiles(t)
	wantKind := map[string]Kind{
		"plumb_password-example":            Encrypted,
		"pypdf_libreoffice-writer-password": Encrypted,
		"pypdf_unreadablemetadata":          Broken,
	}
	wantCondition := map[string]Kind{
		"plumb_issue-203-decimalize": NoText,
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		doc, err := ExtractFile(context.Background(), filepath.Join(corpusDir, name+".pdf"), Options{})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Errorf("%s: a panic reached the top level: %v", name, err)
			}
			if KindOf(err) == 0 {
				t.Errorf("%s: untyped error %v", name, err)
			}
			if k, ok := wantKind[name]; !ok || k != KindOf(err) {
				t.Errorf("%s: error %v (kind %v), want kind %v", name, err, KindOf(err), wantKind[name])
			}
			continue
		}
		if k, ok := wantKind[name]; ok {
			t.Errorf("%s: extracted, want error kind %v", name, k)
		}
		if k, ok := wantCondition[name]; ok && KindOf(doc.Condition) != k {
			t.Errorf("%s: condition %v, want %v", name, doc.Condition, k)
		}
		cat := files[name]
		if (cat == "report" || cat == "paper") && doc.Condition != nil {
			t.Errorf("%s: %s has condition %v", name, cat, doc.Condition)
		}
		checkPageMap(t, name, doc)
	}
}

// checkPageMap checks the page ranges tile Text with form feeds between pages.
func checkPageMap(t *testing.T, name string, doc *Document) {
	runes := []rune(doc.Text)
	pos := 0
	for i, p := range doc.Pages {
		if p.Start != pos || p.End < p.Start || p.End > len(runes) {
			t.Fatalf("%s: page %d range [%d,%d) at %d", name, i+1, p.Start, p.End, pos)
		}
		if strings.ContainsRune(string(runes[p.Start:p.End]), '\f') {
			t.Fatalf("%s: page %d contains a form feed", name, i+1)
		}
		if got := doc.PageText(i); got != string(runes[p.Start:p.End]) {
			t.Fatalf("%s: PageText(%d) disagrees with the page range", name, i)
		}
		pos = p.End
		if i+1 < len(doc.Pages) {
			if runes[pos] != '\f' {
				t.Fatalf("%s: no form feed after page %d", name, i+1)
			}
			pos++
		}
	}
	if pos != len(runes) {
		t.Fatalf("%s: pages end at %d of %d", name, pos, len(runes))
	}
	for _, m := range doc.Marks {
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			t.Fatalf("%s: bad mark %+v", name, m)
		}
	}
}

// scoreWords mirrors the corpus scorer fidelity.py: words are runs of letters,
// digits and underscores, lower-cased, after joining hyphenated line ends.
func scoreWords(text string) []string {
	rs := []rune(text)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if rs[i] == '-' && i > 0 && i+2 < len(rs) && rs[i+1] == '\n' && isWordRune(rs[i-1]) && isWordRune(rs[i+2]) {
			i++
			continue
		}
		b.WriteRune(rs[i])
	}
	return strings.FieldsFunc(strings.ToLower(b.String()), func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }

func f1(ref, got []string) float64 {
	if len(ref) == 0 && len(got) == 0 {
		return 1
	}
	rc := map[string]int{}
	for _, w := range ref {
		rc[w]++
	}
	common := 0
	for _, w := range got {
		if rc[w] > 0 {
			rc[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, q := float64(common)/float64(len(got)), float64(common)/float64(len(ref))
	return 2 * p * q / (p + q)
}

func bigrams(ws []string) []string {
	out := make([]string, 0, len(ws))
	for i := 1; i < len(ws); i++ {
		out = append(out, ws[i-1]+" "+ws[i])
	}
	return out
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// TestCorpusMinimumFidelity checks the report and paper files against the
// pdftotext references: medians must meet the targets and no file may collapse.
func TestCorpusMinimumFidelity(t *testing.T) {
	files := corpusFiles(t)
	var wf, bf []float64
	for name, cat := range files {
		if cat != "report" && cat != "paper" {
			continue
		}
		ref, err := os.ReadFile(filepath.Join(corpusDir, "ref", name+".txt"))
		if err != nil {
			continue
		}
		rw := scoreWords(string(ref))
		if len(rw) < 50 {
			continue
		}
		doc, err := ExtractFile(context.Background(), filepath.Join(corpusDir, name+".pdf"), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		gw := scoreWords(doc.Text)
		w, b := f1(rw, gw), f1(bigrams(rw), bigrams(gw))
		wf, bf = append(wf, w), append(bf, b)
		if w < 0.9 || b < 0.75 {
			t.Errorf("%s: word-F1 %.3f bigram-F1 %.3f", name, w, b)
		}
	}
	if len(wf) == 0 {
		t.Skip("no references")
	}
	mw, mb := median(wf), median(bf)
	t.Logf("report+paper files %d: median word-F1 %.3f bigram-F1 %.3f", len(wf), mw, mb)
	if mw < 0.99 || mb < 0.95 {
		t.Errorf("median word-F1 %.3f bigram-F1 %.3f, want >= 0.99 / 0.95", mw, mb)
	}
}
