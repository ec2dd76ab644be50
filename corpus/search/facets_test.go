package search

import (
	"context"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestHitCountsMatchBleveFacets checks that the chunk counts per study and
// per code taken from the document table equal bleve's term facets over
// the doc values, before and after an update replaces the snapshot, and
// that a memory index (upsidedown) falls back to bleve's facets.
func TestHitCountsMatchBleveFacets(t *testing.T) {
	chunks, _ := benchCorpus(600)
	ix, err := Open(t.TempDir()) // scorch; NewMem's upsidedown index uses the fallback

	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	err = ix.Rebuild(ctx, func(yield func(Chunk) bool) error {
		for _, c := range chunks {
			if !yield(c) {
				break
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for _, q := range benchQueries[:20] {
			pq, err := ParseQuery(q.ours)
			if err != nil {
				t.Fatal(err)
			}
			bq, _, err := ix.compile(pq)
			if err != nil {
				t.Fatal(err)
			}
			ix.mu.RLock()
			hc := &hitCounter{}
			req := bleve.NewSearchRequestOptions(bq, 10, 0, false)
			_, err = ix.idx.SearchInContext(contextWithCounter(ctx, ix, hc), req)
			if err != nil {
				t.Fatal(err)
			}
			_, wantStudy, wantCode, err := bleveCounts(ctx, ix.idx, bleve.NewSearchRequestOptions(bq, 10, 0, false))
			ix.mu.RUnlock()
			if err != nil {
				t.Fatal(err)
			}
			if hc.tab == nil || hc.err != nil || hc.missed != 0 {
				t.Fatalf("%s %s: table not used (err %v, missed %d)", when, q.ours, hc.err, hc.missed)
			}
			gotStudy, gotCode := hc.counts()
			if !reflect.DeepEqual(gotStudy, wantStudy) {
				t.Errorf("%s %s: per-study counts differ from bleve facets:\n got %v\nwant %v", when, q.ours, gotStudy, wantStudy)
			}
			if !reflect.DeepEqual(gotCode, wantCode) {
				t.Errorf("%s %s: per-code counts differ from bleve facets:\n got %v\nwant %v", when, q.ours, gotCode, wantCode)
			}
		}
	}
	check("after rebuild")
	c := chunks[3]
	c.Codes = append(append([]string(nil), c.Codes...), "new code")
	if err := ix.UpdateChunks([]Chunk{c}); err != nil {
		t.Fatal(err)
	}
	if err := ix.DeleteStudy(chunks[len(chunks)-1].Study); err != nil {
		t.Fatal(err)
	}
	check("after updates")
	mem, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	few := append([]Chunk(nil), chunks[:6]...)
	few[3] = c
	if err := mem.UpdateStudy(c.Study, few); err != nil {
		t.Fatal(err)
	}
	if res, err := mem.Search(ctx, `code:"new code"`, Options{}); err != nil || res.Total != 1 || len(res.Facets[FacetCode]) == 0 {
		t.Errorf("memory index: %v, %+v", err, res)
	}
	res, err := ix.Search(ctx, `code:"new code"`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f := res.Facets[FacetCode]; res.Total != 1 || len(f) == 0 || f[0].Chunks != 1 || f[0].Studies != 1 {
		t.Errorf(`code:"new code": total %d, code facet %v`, res.Total, f)
	}
}
