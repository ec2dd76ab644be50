package app

import (
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus/search"
)

// Every workbench opened by the tests builds a search index: keep those out
// of the user's cache folder.
func init() {
	if os.Getenv("EWB_CACHE_DIR") == "" {
		if dir, err := makeTempDir(); err == nil {
			os.Setenv("EWB_CACHE_DIR", dir)
		}
	}
}

type searchOutcome struct {
	res *search.Results
	err error
}

// drain empties a signal channel.
func drain[T any](ch chan T) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func TestSearchPanelFindsJumpsAndCodesAll(t *testing.T) {
	t.Setenv("EWB_CACHE_DIR", t.TempDir())
	wb := newTestWorkbench(t)
	ready := make(chan struct{}, 16)
	wb.searcher.ready = func() {
		select {
		case ready <- struct{}{}:
		default:
		}
	}
	p := openAndWait(t, wb, demoCopy(t))
	waitFor(t, ready, "search index to be built")

	wb.onSearch()
	sp := wb.searcher.panel
	if sp == nil {
		t.Fatal("no search window")
	}
	searched := make(chan searchOutcome, 4)
	sp.searched = func(res *search.Results, err error) { searched <- searchOutcome{res, err} }
	runQuery := func(q string) searchOutcome {
		t.Helper()
		sp.query.SetText(q)
		test.Tap(sp.searchBtn)
		return waitFor(t, searched, "search "+q)
	}

	out := runQuery("wages")
	if out.err != nil || out.res.TotalStudies < 2 || len(sp.rows) < 3 {
		t.Fatalf("wages: %v, %d rows", out.err, len(sp.rows))
	}
	if !strings.Contains(sp.status.Text, "passages in") || sp.history()[0] != "wages" {
		t.Fatalf("status %q history %v", sp.status.Text, sp.history())
	}

	// Tapping the first hit opens its study with the passage highlighted.
	loaded := make(chan string, 1)
	wb.reader.loaded = func(s string) { loaded <- s }
	sp.results.Select(1)
	study := waitFor(t, loaded, "study to open from a hit")
	wb.reader.loaded = nil
	g := out.res.Groups[0]
	s, e := hitPassage(g.Hits[0])
	if study != g.Study || wb.reader.study != g.Study {
		t.Fatalf("reader shows %s, hit is in %s", study, g.Study)
	}
	if hs, he := wb.reader.view.Highlighted(); hs != s || he != e || !strings.Contains(strings.ToLower(wb.reader.view.Text(s, e)), "wage") {
		t.Fatalf("highlight %d-%d %q, hit %d-%d", hs, he, wb.reader.view.Text(hs, he), s, e)
	}

	// A malformed query says where it is wrong.
	if out := runQuery(`"wages`); out.err == nil || !strings.Contains(sp.status.Text, "column") {
		t.Fatalf("malformed query: %v, status %q", out.err, sp.status.Text)
	}

	// Ticking a country keeps only its studies.
	out = runQuery("wages")
	all := out.res.TotalStudies
	country := out.res.Facets[search.FacetCountry][0].Value
	sp.setFilter(search.FacetCountry, country, true)
	out = waitFor(t, searched, "filtered search")
	if out.err != nil || out.res.TotalStudies == 0 || out.res.TotalStudies >= all {
		t.Fatalf("filter %s: %v, %d of %d studies", country, out.err, out.res.TotalStudies, all)
	}
	for _, g := range out.res.Groups {
		st, _ := p.Study(g.Study)
		if !slices.Contains(st.Countries, country) {
			t.Fatalf("%q is not in %s: %v", st.Title, country, st.Countries)
		}
	}
	sp.setFilter(search.FacetCountry, country, false)
	out = waitFor(t, searched, "unfiltered search")

	// Code every hit's sentence with a code nobody has used, in one action.
	counts, _ := coding.CodeCounts(p)
	var code coding.Code
	for _, c := range wb.codebook.codes {
		if counts[c.GUID].Codings == 0 && c.Kind == coding.KindTheme {
			code = c
			break
		}
	}
	if code.GUID == "" {
		t.Fatal("no unused theme code in the demo")
	}
	before, _ := coding.Codings(p, coding.CodingFilter{})
	previews := make(chan [2]int, 4)
	sp.previewed = func(n, studies int) { previews <- [2]int{n, studies} }

	// With hits ticked, only those are offered by default.
	g0, g1 := out.res.Groups[0], out.res.Groups[1]
	sp.ticked[g0.Hits[0].ChunkID], sp.ticked[g1.Hits[0].ChunkID] = true, true
	sp.confirmCodeAll(code)
	if got := waitFor(t, previews, "ticked preview"); got != [2]int{2, 2} {
		t.Fatalf("ticked preview %v, want 2 passages in 2 studies", got)
	}
	clear(sp.ticked)
	sp.confirmCodeAll(code)
	hitCount := waitFor(t, previews, "preview")
	if hitCount[0] == 0 || hitCount[1] != out.res.TotalStudies {
		t.Fatalf("preview %v for %d studies", hitCount, out.res.TotalStudies)
	}
	sp.codeScope.SetSelected(scopeSentence)
	sentences := waitFor(t, previews, "sentence preview")
	if sentences[0] == 0 || sentences[0] > hitCount[0] || sentences[1] != hitCount[1] {
		t.Fatalf("sentence preview %v, hits %v", sentences, hitCount)
	}
	saved := make(chan struct{}, 4)
	wb.afterChange = func() { saved <- struct{}{} }
	drain(ready)
	test.Tap(sp.confirmCode)
	waitFor(t, saved, "coding all hits")
	after, _ := coding.Codings(p, coding.CodingFilter{})
	if len(after) != len(before)+sentences[0] {
		t.Fatalf("codings %d -> %d, want +%d", len(before), len(after), sentences[0])
	}
	// Each new coding is a sentence holding a hit.
	mine, _ := coding.Codings(p, coding.CodingFilter{Code: code.GUID})
	if len(mine) != sentences[0] {
		t.Fatalf("%d codings with %s, want %d", len(mine), code.Name, sentences[0])
	}
	for _, c := range mine {
		if !strings.Contains(strings.ToLower(c.Quote), "wage") || c.End-c.Start <= len("wages") {
			t.Fatalf("coded passage %q is not a sentence around a hit", c.Quote)
		}
	}
	// The index learns the new codings in the background.
	waitFor(t, ready, "index update after coding")
	if out := runQuery(`code:"` + code.Name + `"`); out.err != nil || out.res.TotalStudies != sentences[1] {
		t.Fatalf("code filter after coding: %v, %+v", out.err, out.res)
	}

	// One undo removes them all.
	wb.onUndo()
	waitFor(t, saved, "undo")
	if now, _ := coding.Codings(p, coding.CodingFilter{}); len(now) != len(before) {
		t.Fatalf("after undo %d codings, want %d", len(now), len(before))
	}
	waitFor(t, ready, "index update after undo")
	if out := runQuery(`code:"` + code.Name + `"`); out.err != nil || out.res.Total != 0 {
		t.Fatalf("code filter after undo: %v, %+v", out.err, out.res)
	}
}

func TestExpandSpanAndMerge(t *testing.T) {
	text := "First one. Second has wages here. Third.\n\nNew paragraph wages."
	runes := []rune(text)
	hit := strings.Index(text, "wages")
	s, e := expandSpan(runes, coding.SentenceStarts(text), hit, hit+5)
	if got := string(runes[s:e]); got != "Second has wages here." {
		t.Fatalf("sentence %q", got)
	}
	paras := []int{0, strings.Index(text, "New")}
	s, e = expandSpan(runes, paras, hit, hit+5)
	if got := string(runes[s:e]); got != "First one. Second has wages here. Third." {
		t.Fatalf("paragraph %q", got)
	}
	last := strings.LastIndex(text, "wages")
	if s, e = expandSpan(runes, paras, last, last+5); string(runes[s:e]) != "New paragraph wages." {
		t.Fatalf("last paragraph %q", string(runes[s:e]))
	}
	got := mergeRanges([][2]int{{10, 20}, {0, 5}, {15, 30}, {30, 31}, {10, 20}, {7, 7}})
	if want := [][2]int{{0, 5}, {10, 30}, {30, 31}}; !slices.Equal(got, want) {
		t.Fatalf("merge %v, want %v", got, want)
	}
}

func TestSearchIndexFollowsTheOpenProject(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("EWB_CACHE_DIR", cache)
	wb := newTestWorkbench(t)
	ready := make(chan struct{}, 16)
	wb.searcher.ready = func() {
		select {
		case ready <- struct{}{}:
		default:
		}
	}
	first := openAndWait(t, wb, demoCopy(t))
	waitFor(t, ready, "first index")
	second := openAndWait(t, wb, demoCopy(t))
	waitFor(t, ready, "second index")
	ix, why := wb.searcher.index()
	if ix == nil || first.GUID() == second.GUID() {
		t.Fatalf("index of the second project: %s", why)
	}
	if !strings.HasSuffix(ix.Dir(), second.GUID()) {
		t.Fatalf("index folder %s is not the second project's %s", ix.Dir(), second.GUID())
	}
	res, err := ix.Search(t.Context(), "wages", search.Options{})
	if err != nil || res.TotalStudies == 0 {
		t.Fatalf("search in the second project: %v", err)
	}
}
