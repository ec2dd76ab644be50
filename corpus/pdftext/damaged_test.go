package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// variant is one damaged file: a mutant of a corpus file or a real damaged file.
type variant struct {
	name string
	data []byte
}

// mutantKinds are the kinds of damage the generator applies.
var mutantKinds = []string{"truncated", "byteflips", "deletedchunk", "zeroedxref", "wrongstartxref"}

// mutate applies one kind of damage to data, deterministically for rng.
func mutate(data []byte, kind string, rng *rand.Rand) []byte {
	d := append([]byte(nil), data...)
	switch kind {
	case "truncated":
		return d[:len(d)*(20+rng.Intn(76))/100]
	case "byteflips":
		for k := 1 + rng.Intn(40); k > 0; k-- {
			d[rng.Intn(len(d))] = byte(rng.Intn(256))
		}
		return d
	case "deletedchunk":
		n := len(d) * (1 + rng.Intn(5)) / 100
		at := rng.Intn(len(d) - n)
		return append(d[:at], d[at+n:]...)
	case "zeroedxref":
		if i := bytes.LastIndex(d, []byte("\nxref")); i >= 0 {
			end := bytes.Index(d[i:], []byte("trailer"))
			if end < 0 {
				end = len(d) - i
			}
			for k := i + 5; k < i+end; k++ {
				if d[k] >= '0' && d[k] <= '9' {
					d[k] = '0'
				}
			}
			return d
		}
		// A cross-reference stream: zero its data.
		if m := regexp.MustCompile(`/Type\s*/XRef`).FindAllIndex(d, -1); len(m) > 0 {
			at := m[len(m)-1][0]
			s := bytes.Index(d[at:], []byte("stream"))
			e := bytes.Index(d[at:], []byte("endstream"))
			if s > 0 && e > s {
				for k := at + s + 7; k < at+e-1; k++ {
					d[k] = 0
				}
			}
		}
		return d
	case "wrongstartxref":
		i := bytes.LastIndex(d, []byte("startxref"))
		if i < 0 {
			return d
		}
		j := i + len("startxref")
		for j < len(d) && (d[j] == '\r' || d[j] == '\n' || d[j] == ' ') {
			j++
		}
		k := j
		for k < len(d) && d[k] >= '0' && d[k] <= '9' {
			k++
		}
		wrong := fmt.Sprint(rng.Intn(len(d)))
		return append(append(append([]byte(nil), d[:j]...), wrong...), d[k:]...)
	}
	return d
}

// mutantBases lists the corpus files the generator damages: text files that
// pdftotext reads (no password, not scanned), at most maxBytes each.
func mutantBases(t testing.TB, maxBytes int64) []string {
	files := corpusFiles(t)
	var out []string
	for name, cat := range files {
		if strings.HasPrefix(cat, "tricky") || cat == "scanned" {
			continue
		}
		p := filepath.Join(corpusDir, name+".pdf")
		if fi, err := os.Stat(p); err != nil || fi.Size() > maxBytes {
			continue
		}
		if _, err := os.Stat(filepath.Join(corpusDir, "ref", name+".txt")); err != nil {
			continue
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// mutants builds seeded variants: every kind, perKind times, for every base.
func mutants(t testing.TB, bases []string, perKind int, seed int64) []variant {
	rng := rand.New(rand.NewSource(seed))
	var out []variant
	for _, b := range bases {
		data, err := os.ReadFile(b)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(filepath.Base(b), ".pdf")
		for _, kind := range mutantKinds {
			for k := 0; k < perKind; k++ {
				out = append(out, variant{fmt.Sprintf("%s~%s%d", base, kind, k), mutate(data, kind, rng)})
			}
		}
	}
	return out
}

// damagedFiles are the real damaged files of ../shared/corpus/damaged.
func damagedFiles(t testing.TB) []variant {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "damaged", "*.pdf"))
	var out []variant
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, variant{strings.TrimSuffix(filepath.Base(f), ".pdf"), data})
	}
	return out
}

// verdict compares our reading of a variant with pdftotext's. Words are runs
// of letters, marks and digits (a mark does not split an Arabic or Thai word).
type verdict struct {
	name               string
	refOpen            bool // pdftotext read it (exit status 0)
	refWords, ourWords int
	err                error
	ok                 bool // opened without warnings or condition
	path               ReadPath
	panicked, hung     bool
	took               time.Duration
}

// plainMessages are the only messages a failure may carry.
var plainMessages = map[string]bool{
	msgEncrypted: true, msgWrongPassword: true, msgUnsupportedCrypt: true, msgNoText: true,
	msgBroken: true, msgNotPDF: true, msgTooLarge: true, msgTimeout: true,
}

// judge reads v with pdftotext (in dir) and with Extract.
func judge(v variant, dir string) verdict {
	vd := verdict{name: v.name}
	path := filepath.Join(dir, strings.ReplaceAll(v.name, "/", "_")+".pdf")
	if err := os.WriteFile(path, v.data, 0o644); err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		out, err := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", path, "-").Output()
		cancel()
		if err == nil {
			vd.refOpen = true
			vd.refWords = len(scriptWords(string(out), ""))
		}
		os.Remove(path)
	}
	start := time.Now()
	doc, err := Extract(context.Background(), v.data, Options{Timeout: 60 * time.Second})
	vd.took = time.Since(start)
	vd.err = err
	switch {
	case err != nil && strings.Contains(fmt.Sprint(errorsCause(err)), "internal error"):
		vd.panicked = true
	case KindOf(err) == Timeout:
		vd.hung = true
	case err == nil:
		vd.ourWords = len(scriptWords(doc.Text, ""))
		vd.ok = len(doc.Warnings) == 0 && doc.Condition == nil
		vd.path = doc.Path
	}
	return vd
}

func errorsCause(err error) error {
	if e, ok := err.(*Error); ok && e.Err != nil {
		return e.Err
	}
	return err
}

// problems lists a verdict's breaches of the targets.
func (vd verdict) problems() []string {
	var p []string
	if vd.panicked {
		p = append(p, "panic: "+fmt.Sprint(errorsCause(vd.err)))
	}
	if vd.hung || vd.took > 60*time.Second {
		p = append(p, "took "+vd.took.String())
	}
	if vd.err != nil && !plainMessages[vd.err.Error()] {
		p = append(p, fmt.Sprintf("message %q is not one of the plain sentences", vd.err.Error()))
	}
	if vd.ok && vd.refOpen && float64(vd.ourWords) < 0.9*float64(vd.refWords) {
		p = append(p, fmt.Sprintf(`"ok" with %d words where pdftotext reads %d`, vd.ourWords, vd.refWords))
	}
	return p
}

// tally summarises verdicts.
type tally struct {
	variants, refOpened, opened, openedToo, panics, hangs, okLoss int
	paths                                                         map[ReadPath]int // which object layer read the variants opened
}

func summarise(vds []verdict) tally {
	t := tally{paths: map[ReadPath]int{}}
	for _, vd := range vds {
		t.variants++
		if vd.refOpen {
			t.refOpened++
		}
		if vd.err == nil {
			t.opened++
			t.paths[vd.path]++
			if vd.refOpen {
				t.openedToo++
			}
		}
		if vd.panicked {
			t.panics++
		}
		if vd.hung {
			t.hangs++
		}
		if vd.ok && vd.refOpen && float64(vd.ourWords) < 0.9*float64(vd.refWords) {
			t.okLoss++
		}
	}
	return t
}

// TestDamagedVariants checks, against pdftotext, seeded mutants of small
// corpus files and the real damaged files: no panic, no hang, failures in
// plain sentences, never "ok" with less than 90% of pdftotext's words, and at
// least as many files opened as pdftotext opens.
func TestDamagedVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs pdftotext on every variant")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	vs := append(mutants(t, mutantBases(t, 400<<10), 1, 12), damagedFiles(t)...)
	dir := t.TempDir()
	var vds []verdict
	for _, v := range vs {
		vd := judge(v, dir)
		vds = append(vds, vd)
		for _, p := range vd.problems() {
			t.Errorf("%s: %s", v.name, p)
		}
	}
	s := summarise(vds)
	t.Logf("%d variants: pdftotext opens %d, we open %d (%d of pdftotext's); read by %v", s.variants, s.refOpened, s.opened, s.openedToo, s.paths)
	if s.opened < s.refOpened {
		t.Errorf("we open %d variants, pdftotext %d", s.opened, s.refOpened)
	}
}

// BenchmarkDamagedVariants reports, for the full seeded mutant set (three of
// each kind per corpus file up to 2 MB) plus the real damaged files, how many
// open against pdftotext, panics, hangs, "ok" imports with lost words, and the
// time per variant.
func BenchmarkDamagedVariants(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	vs := append(mutants(b, mutantBases(b, 2<<20), 3, 7), damagedFiles(b)...)
	dir := b.TempDir()
	var s tally
	var worst time.Duration
	var total time.Duration
	for i := 0; i < b.N; i++ {
		var vds []verdict
		for _, v := range vs {
			vd := judge(v, dir)
			vds = append(vds, vd)
			total += vd.took
			worst = max(worst, vd.took)
			for _, p := range vd.problems() {
				b.Logf("%s: %s", v.name, p)
			}
		}
		s = summarise(vds)
	}
	b.ReportMetric(float64(s.variants), "variants")
	b.ReportMetric(float64(s.refOpened), "pdftotext-opens")
	b.ReportMetric(float64(s.opened), "opens")
	b.ReportMetric(float64(s.openedToo), "opens-of-pdftotext's")
	b.ReportMetric(float64(s.panics), "panics")
	b.ReportMetric(float64(s.hangs), "hangs")
	b.ReportMetric(float64(s.okLoss), "ok-with-loss")
	b.ReportMetric(float64(total.Milliseconds())/float64(s.variants*b.N), "ms/variant")
	b.ReportMetric(float64(worst.Milliseconds()), "worst-ms")
	for _, p := range []ReadPath{ReadLibrary, ReadLibraryRepaired, ReadOwn, ReadRebuilt} {
		b.ReportMetric(float64(s.paths[p]), "read-"+p.String())
	}
}
