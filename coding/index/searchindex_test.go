package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/search"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// indexFixture is a project with two studies and one code, and its index folder.
type indexFixture struct {
	p            *corpus.Project
	alpha, beta  string
	debt         string // "Debt bondage" code GUID
	cache        string
	progressSeen [][2]int
}

func newIndexFixture(t *testing.T) *indexFixture {
	t.Helper()
	p := testkit.Project(t)
	f := &indexFixture{p: p, cache: t.TempDir()}
	f.alpha = testkit.Study(t, p, "Alpha fields", "Recruiters lied about wages.\n\nDebts grew every season in the fields.\fPassports were taken by the broker.")
	f.beta = testkit.Study(t, p, "Beta homes", "Debt kept maids in homes. Agents deceived them about the wages.")
	var err error
	if f.debt, err = coding.CreateCode(p, coding.Code{Name: "Debt bondage", Kind: coding.KindTheme}); err != nil {
		t.Fatal(err)
	}
	if err := coding.SetAttributes(p, f.alpha, corpus.Attributes{Title: "Alpha fields", Year: 2015, Countries: []string{"Nepal"}, Sectors: []string{"Agriculture"}, Method: "qualitative"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *indexFixture) open(t *testing.T, p *corpus.Project) *Index {
	t.Helper()
	f.progressSeen = nil
	s, err := Open(t.Context(), p, f.cache, func(done, total int) { f.progressSeen = append(f.progressSeen, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// studiesFound runs a query and returns the studies hit.
func studiesFound(t *testing.T, s *Index, q string) map[string]int {
	t.Helper()
	res, err := s.Search(t.Context(), q, search.Options{})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	out := map[string]int{}
	for _, g := range res.Groups {
		out[g.Study] = len(g.Hits)
	}
	return out
}

func TestOpenIndexRebuildsAndReuses(t *testing.T) {
	f := newIndexFixture(t)
	s := f.open(t, f.p)
	if s.Note() != nil {
		t.Fatalf("note on a writable folder: %v", s.Note())
	}
	if want := filepath.Join(f.cache, f.p.GUID()); s.Dir() != want {
		t.Fatalf("dir %q, want %q", s.Dir(), want)
	}
	if n := len(f.progressSeen); n == 0 || f.progressSeen[n-1] != [2]int{2, 2} {
		t.Fatalf("progress %v, want to end at 2/2", f.progressSeen)
	}
	if got := studiesFound(t, s, "passports"); len(got) != 1 || got[f.alpha] != 1 {
		t.Fatalf("passports: %v", got)
	}
	if got := studiesFound(t, s, "wages country:Nepal"); len(got) != 1 || got[f.alpha] == 0 {
		t.Fatalf("wages in Nepal: %v", got)
	}
	if s.Generation() != f.p.Generation() {
		t.Fatalf("generation %d, project %d", s.Generation(), f.p.Generation())
	}
	s.Close()

	// Reopened at the same generation: no rebuild.
	s = f.open(t, f.p)
	if len(f.progressSeen) != 0 {
		t.Fatalf("current index rebuilt: %v", f.progressSeen)
	}
	if got := studiesFound(t, s, "maids"); got[f.beta] != 1 {
		t.Fatalf("maids after reopen: %v", got)
	}
	s.Close()

	// A change made while the index was closed makes it stale.
	if _, err := coding.ApplyCode(f.p, f.beta, f.debt, 0, 24, ""); err != nil {
		t.Fatal(err)
	}
	s = f.open(t, f.p)
	if len(f.progressSeen) == 0 {
		t.Fatal("stale index not rebuilt")
	}
	if got := studiesFound(t, s, `code:"Debt bondage"`); len(got) != 1 || got[f.beta] != 1 {
		t.Fatalf("code filter after rebuild: %v", got)
	}

	// Updates are flushed on Close: the next open reuses the index.
	if _, err := coding.ApplyCode(f.p, f.alpha, f.debt, 30, 40, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(t.Context(), []string{f.alpha}); err != nil {
		t.Fatal(err)
	}
	if stored, _ := s.Index().Generation(); stored == f.p.Generation() {
		t.Fatal("Update stored the generation itself; Flush or Close should")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = f.open(t, f.p)
	if len(f.progressSeen) != 0 {
		t.Fatalf("flushed index rebuilt: %v", f.progressSeen)
	}
	if got := studiesFound(t, s, `code:"Debt bondage"`); len(got) != 2 {
		t.Fatalf("code filter after reopen: %v", got)
	}
}

func TestIndexUpdateAfterCodingAndUndo(t *testing.T) {
	f := newIndexFixture(t)
	s := f.open(t, f.p)
	ctx := t.Context()
	// Code "Debts grew" on page 1 of Alpha, as one action that reports its studies.
	res, err := coding.ApplyCodeSpans(f.p, f.debt, []coding.CodingSpan{{Study: f.alpha, Start: 30, End: 40}}, "")
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("apply: %v %+v", err, res)
	}
	before := s.state[f.alpha].chunks
	if err := s.Update(ctx, []string{f.alpha}); err != nil {
		t.Fatal(err)
	}
	if got := studiesFound(t, s, `code:"Debt bondage"`); len(got) != 1 || got[f.alpha] != 1 {
		t.Fatalf("after coding: %v", got)
	}
	if got := studiesFound(t, s, `passports code:"Debt bondage"`); len(got) != 0 {
		t.Fatalf("page 2 chunk got the code: %v", got)
	}
	after := s.state[f.alpha].chunks
	if !sameChunking(before, after) {
		t.Fatal("a coding changed the chunking")
	}
	if s.Generation() != f.p.Generation() {
		t.Fatalf("generation %d, project %d", s.Generation(), f.p.Generation())
	}

	// Undo does not say which studies it touched: Update(nil) finds them.
	testkit.Undo(t, f.p)
	if err := s.Update(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := studiesFound(t, s, `code:"Debt bondage"`); len(got) != 0 {
		t.Fatalf("after undo: %v", got)
	}

	// Renaming the code reaches the index through Update(nil) as well.
	if _, err := coding.ApplyCode(f.p, f.beta, f.debt, 0, 24, ""); err != nil {
		t.Fatal(err)
	}
	if err := coding.UpdateCode(f.p, coding.Code{GUID: f.debt, Name: "Debt", Kind: coding.KindTheme, Color: "#aa0000"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := studiesFound(t, s, `code:Debt`); len(got) != 1 || got[f.beta] != 1 {
		t.Fatalf("after rename: %v", got)
	}

	// A metadata change re-indexes the whole study.
	if err := coding.SetAttributes(f.p, f.beta, corpus.Attributes{Title: "Beta homes", Year: 2021, Countries: []string{"India"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := studiesFound(t, s, `maids country:India year:2021`); got[f.beta] != 1 {
		t.Fatalf("after attributes: %v", got)
	}

	// A deleted study leaves the index.
	touched, err := f.p.DoTouched("Delete study", func(tx *corpus.Tx) error { return tx.DeleteStudy(f.beta) })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, touched); err != nil {
		t.Fatal(err)
	}
	if got := studiesFound(t, s, "maids"); len(got) != 0 {
		t.Fatalf("deleted study still found: %v", got)
	}
}

func TestOpenIndexReadOnlyAndUnwritableCache(t *testing.T) {
	f := newIndexFixture(t)
	path := f.p.Path()
	f.p.Close()
	ro, err := corpus.Open(path, corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()

	// A cache folder that does not exist yet is created.
	f.cache = filepath.Join(t.TempDir(), "not", "yet")
	s := f.open(t, ro)
	if s.Note() != nil || studiesFound(t, s, "broker")[f.alpha] != 1 {
		t.Fatalf("read-only project: note %v", s.Note())
	}
	s.Close()

	// A cache "folder" that is a file: the index is kept in memory.
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.cache = blocker
	s = f.open(t, ro)
	if !errors.Is(s.Note(), ErrMemoryOnly) || s.Dir() != "" {
		t.Fatalf("note %v dir %q", s.Note(), s.Dir())
	}
	if got := studiesFound(t, s, "broker"); got[f.alpha] != 1 {
		t.Fatalf("memory index: %v", got)
	}
}

func TestOpenIndexDamagedAndCancelled(t *testing.T) {
	f := newIndexFixture(t)
	s := f.open(t, f.p)
	dir := s.Dir()
	s.Close()
	// Damage every file of the index.
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			err = os.WriteFile(path, []byte("garbage"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s = f.open(t, f.p)
	if len(f.progressSeen) == 0 || studiesFound(t, s, "maids")[f.beta] != 1 {
		t.Fatalf("damaged index not rebuilt: %v", f.progressSeen)
	}
	s.Close()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, f.p, t.TempDir(), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled open: %v", err)
	}
}

func TestRigorOf(t *testing.T) {
	rev := func(r string) coding.Appraisal { return coding.Appraisal{Rating: r} }
	cons := func(r string) coding.Appraisal { return coding.Appraisal{Rating: r, Consensus: true} }
	for _, c := range []struct {
		as   []coding.Appraisal
		want string
	}{
		{nil, ""},
		{[]coding.Appraisal{rev(coding.RatingLow)}, coding.RatingLow},
		{[]coding.Appraisal{rev(coding.RatingLow), rev(coding.RatingHigh)}, ""},
		{[]coding.Appraisal{rev(coding.RatingLow), rev(coding.RatingHigh), cons(coding.RatingMedium)}, coding.RatingMedium},
		{[]coding.Appraisal{rev(coding.RatingLow), cons("")}, coding.RatingLow},
		{[]coding.Appraisal{{Rating: coding.RatingLow, Override: coding.RatingHigh}}, coding.RatingHigh},
	} {
		if got := rigorOf(c.as); got != c.want {
			t.Errorf("rigorOf(%+v) = %q, want %q", c.as, got, c.want)
		}
	}
	if languageCode("English") != "en" || languageCode("th") != "th" || languageCode("Klingon") != "" {
		t.Error("languageCode")
	}
}

func TestCodingDigestsNoticeSwappedCodes(t *testing.T) {
	f := newIndexFixture(t)
	other, err := coding.CreateCode(f.p, coding.Code{Name: "Wage theft", Kind: coding.KindTheme})
	if err != nil {
		t.Fatal(err)
	}
	a, err := coding.ApplyCode(f.p, f.beta, f.debt, 0, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := coding.ApplyCode(f.p, f.beta, other, 20, 30, "")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := codeNames(f.p)
	d1, err := codingDigests(f.p, names, f.beta)
	if err != nil || d1[f.beta] == "" {
		t.Fatalf("digest %v %v", d1, err)
	}
	if err := coding.ChangeCode(f.p, a.GUID, other); err != nil {
		t.Fatal(err)
	}
	if err := coding.ChangeCode(f.p, b.GUID, f.debt); err != nil {
		t.Fatal(err)
	}
	d2, _ := codingDigests(f.p, names, f.beta)
	if d1[f.beta] == d2[f.beta] {
		t.Fatalf("swapping the codes of two codings left the digest %q", d1[f.beta])
	}
	all, _ := codingDigests(f.p, names, "")
	if all[f.beta] != d2[f.beta] || len(all) != 1 {
		t.Fatalf("digest of all studies %v, of one %v", all, d2)
	}
}
