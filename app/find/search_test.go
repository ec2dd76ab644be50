package find

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus/search"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// openIndex opens a demo copy in a test host with its index kept up to date
// the way the main window keeps it, and waits until the index is ready.
func openIndex(t *testing.T, a *uitest.App) (*uitest.Host, *Index) {
	t.Helper()
	h := uitest.NewHost(t, a, uitest.DemoCopy(t), uitest.Identity(t, "Tess Tester"))
	ix := NewIndex(h)
	t.Cleanup(ix.Stop)
	h.OnChange(ix.Touched)
	ix.ProjectOpened(h.Project())
	waitIndex(t, a, ix)
	return h, ix
}

// waitIndex waits until the index has applied every change.
func waitIndex(t *testing.T, a *uitest.App, ix *Index) {
	t.Helper()
	a.WaitFor(t, "the search index", func() bool { x, _ := ix.index(); return x != nil && !ix.Pending() })
	a.Settle(t)
}

func TestSearchPanelFindsJumpsAndCodesAll(t *testing.T) {
	t.Setenv("EWB_CACHE_DIR", t.TempDir())
	a := uitest.New(t)
	h, ix := openIndex(t, a)
	p := h.Project()

	Show(h, h, h, ix)
	sp := ix.panel
	if sp == nil {
		t.Fatal("no search window")
	}
	// runQuery searches and returns what the panel shows (res nil when the
	// query was refused).
	runQuery := func(q string) *search.Results {
		t.Helper()
		sp.res = nil
		sp.query.SetText(q)
		test.Tap(sp.searchBtn)
		a.Settle(t)
		return sp.res
	}

	res := runQuery("wages")
	if res == nil || res.TotalStudies < 2 || len(sp.rows) < 3 {
		t.Fatalf("wages: %q, %d rows", sp.status.Text, len(sp.rows))
	}
	if !strings.Contains(sp.status.Text, "passages in") || sp.history()[0] != "wages" {
		t.Fatalf("status %q history %v", sp.status.Text, sp.history())
	}

	// Tapping the first hit asks the reader to show its passage.
	sp.results.Select(1)
	g := res.Groups[0]
	s, e := hitPassage(g.Hits[0])
	if got := h.Passages(); len(got) != 1 || got[0] != (uitest.Passage{Study: g.Study, Start: s, End: e}) {
		t.Fatalf("passages shown %v, want %s %d-%d", got, g.Study, s, e)
	}
	text, _ := p.Text(g.Study)
	if !strings.Contains(strings.ToLower(text.Slice(s, e)), "wage") {
		t.Fatalf("the hit's passage %q holds no match", text.Slice(s, e))
	}

	// A malformed query says where it is wrong.
	if res := runQuery(`"wages`); res != nil || !strings.Contains(sp.status.Text, "column") {
		t.Fatalf("malformed query: status %q", sp.status.Text)
	}

	// Ticking a country keeps only its studies.
	res = runQuery("wages")
	all := res.TotalStudies
	country := res.Facets[search.FacetCountry][0].Value
	sp.setFilter(search.FacetCountry, country, true)
	a.Settle(t)
	res = sp.res
	if res.TotalStudies == 0 || res.TotalStudies >= all {
		t.Fatalf("filter %s: %q, %d of %d studies", country, sp.status.Text, res.TotalStudies, all)
	}
	for _, g := range res.Groups {
		st, _ := p.Study(g.Study)
		if !slices.Contains(st.Countries, country) {
			t.Fatalf("%q is not in %s: %v", st.Title, country, st.Countries)
		}
	}
	sp.setFilter(search.FacetCountry, country, false)
	a.Settle(t)
	res = sp.res

	// Code every hit's sentence with a code nobody has used, in one action.
	counts, _ := coding.CodeCounts(p)
	var code coding.Code
	for _, c := range h.Codes() {
		if counts[c.GUID].Codings == 0 && c.Kind == coding.KindTheme {
			code = c
			break
		}
	}
	if code.GUID == "" {
		t.Fatal("no unused theme code in the demo")
	}
	before, _ := coding.Codings(p, coding.CodingFilter{})
	// preview opens the code-all dialog and reads its count of passages and studies.
	preview := func() [2]int {
		t.Helper()
		a.Settle(t)
		var n, studies int
		if _, err := fmt.Sscanf(sp.codePreview.Text, "Code %d passages in %d studies", &n, &studies); err != nil {
			if _, err := fmt.Sscanf(sp.codePreview.Text, "Code %d passages in 1 study", &n); err != nil {
				t.Fatalf("preview %q", sp.codePreview.Text)
			}
			studies = 1
		}
		return [2]int{n, studies}
	}

	// With hits ticked, only those are offered by default.
	g0, g1 := res.Groups[0], res.Groups[1]
	sp.ticked[g0.Hits[0].ChunkID], sp.ticked[g1.Hits[0].ChunkID] = true, true
	sp.confirmCodeAll(code)
	if got := preview(); got != [2]int{2, 2} {
		t.Fatalf("ticked preview %v, want 2 passages in 2 studies", got)
	}
	clear(sp.ticked)
	sp.confirmCodeAll(code)
	hitCount := preview()
	if hitCount[0] == 0 || hitCount[1] != res.TotalStudies {
		t.Fatalf("preview %v for %d studies", hitCount, res.TotalStudies)
	}
	sp.codeScope.SetSelected(scopeSentence)
	sentences := preview()
	if sentences[0] == 0 || sentences[0] > hitCount[0] || sentences[1] != hitCount[1] {
		t.Fatalf("sentence preview %v, hits %v", sentences, hitCount)
	}
	changes := h.Changes()
	test.Tap(sp.confirmCode)
	a.Settle(t)
	if h.Changes() != changes+1 {
		t.Fatal("coding all hits did not report one saved change")
	}
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
	waitIndex(t, a, ix)
	if res := runQuery(`code:"` + code.Name + `"`); res == nil || res.TotalStudies != sentences[1] {
		t.Fatalf("code filter after coding: %q", sp.status.Text)
	}

	// One undo removes them all.
	act, err := p.Undo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	h.Changed(act.Studies)
	if now, _ := coding.Codings(p, coding.CodingFilter{}); len(now) != len(before) {
		t.Fatalf("after undo %d codings, want %d", len(now), len(before))
	}
	waitIndex(t, a, ix)
	if res := runQuery(`code:"` + code.Name + `"`); res == nil || res.Total != 0 {
		t.Fatalf("code filter after undo: %q", sp.status.Text)
	}
}

func TestExpandSpanAndMerge(t *testing.T) {
	text := "First one. Second has wages here. Third.\n\nNew paragraph wages."
	runes := []rune(text)
	hit := strings.Index(text, "wages")
	s, e := expandSpan(runes, agree.SentenceStarts(text), hit, hit+5)
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
	a := uitest.New(t)
	h, keeper := openIndex(t, a)
	first := h.Project()
	second := h.Open(t, uitest.DemoCopy(t))
	keeper.ProjectOpened(second)
	waitIndex(t, a, keeper)
	ix, why := keeper.index()
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
