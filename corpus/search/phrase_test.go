package search

import (
	"fmt"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPhraseMatchesBleve checks that phraseQuery finds the same chunks with
// the same scores and term locations as bleve's match-phrase query.
func TestPhraseMatchesBleve(t *testing.T) {
	chunks, _ := benchCorpus(600)
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.UpdateChunks(chunks[:300]); err != nil {
		t.Fatal(err)
	}
	phrases := []string{"debt bondage", "passport retention", "isolation at sea", "employer-pays principle",
		"key informant interviews", "the national action plan", "forced labour", "sea at isolation", "debt debt"}
	for _, field := range []string{fieldTextEn, "title"} {
		for _, p := range phrases {
			analyzer := analyzerOf(field)
			toks := ix.analyze(analyzer, p)
			ours := newPhraseQuery(toks, field, p, analyzer)
			if _, ok := ours.(*phraseQuery); !ok {
				t.Fatalf("%q: not a phraseQuery", p)
			}
			theirs := query.NewMatchPhraseQuery(p)
			theirs.SetField(field)
			theirs.Analyzer = analyzer
			got, want := phraseHits(t, ix, ours), phraseHits(t, ix, theirs)
			if len(want) == 0 && p != "sea at isolation" && p != "debt debt" && field == fieldTextEn {
				t.Errorf("%s %q: bleve finds nothing; pick another phrase", field, p)
			}
			if len(got) != len(want) {
				t.Errorf("%s %q: %d hits, bleve %d", field, p, len(got), len(want))
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s %q: hit %d\n got %s\nwant %s", field, p, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// phraseHits returns every hit of q as "id score locations", sorted.
func phraseHits(t *testing.T, ix *Index, q query.Query) []string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.IncludeLocations = true
	sr, err := ix.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range sr.Hits {
		var locs []string
		for f, tl := range h.Locations {
			for term, ls := range tl {
				for _, l := range ls {
					locs = append(locs, fmt.Sprintf("%s:%s@%d[%d,%d]", f, term, l.Pos, l.Start, l.End))
				}
			}
		}
		sort.Strings(locs)
		out = append(out, fmt.Sprintf("%s %.6f %v", h.ID, h.Score, locs))
	}
	sort.Strings(out)
	return out
}
