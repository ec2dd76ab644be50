package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
)

// Facet counts need the study and the codes of every matching chunk. Asking
// bleve for them (term facets over doc values) decodes the doc values of
// every hit and counts strings in maps: about a third of the cost of a
// search. Instead, a docTable maps the document numbers of one index
// snapshot to small integers for their study and codes, built once per
// snapshot from the postings of the "study" and "code" fields, and a
// document-match handler counts every hit with two slice look-ups while
// bleve's top-N collector runs as usual.

// maxTableDocs bounds the document numbers a docTable accepts.
const maxTableDocs = 1 << 28

// errNoDocTable means the index reader's document numbers cannot be
// tabulated; the search then falls back to bleve's term facets.
var errNoDocTable = errors.New("document numbers not tabulable")

// docTable holds the study and codes of every document of one snapshot.
type docTable struct {
	reader    index.IndexReader // the snapshot (compared by identity)
	study     []int32           // by document number: index into studies, -1 if none
	codeOff   []int32           // codes of document n are codes[codeOff[n]:codeOff[n+1]]
	codes     []int32           // indexes into codeNames
	studies   []string          // study GUIDs
	codeNames []string          // code names
}

// tableCache keeps the docTable of the newest snapshot searched.
type tableCache struct {
	mu  sync.Mutex
	tab *docTable
}

// get returns the table of reader r, building it if r is a new snapshot.
func (c *tableCache) get(ctx context.Context, r index.IndexReader) (*docTable, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tab != nil && c.tab.reader == r {
		return c.tab, nil
	}
	t, err := buildDocTable(ctx, r)
	if err != nil {
		return nil, err
	}
	c.tab = t
	return t, nil
}

// drop forgets the cached table (e.g. when the index is closed).
func (c *tableCache) drop() {
	c.mu.Lock()
	c.tab = nil
	c.mu.Unlock()
}

// visitPostings calls fn with each term of field and the document numbers
// of its postings.
func visitPostings(ctx context.Context, r index.IndexReader, field string, fn func(term string, docs []uint64) error) error {
	dict, err := r.FieldDict(field)
	if err != nil {
		return fmt.Errorf("read %s terms: %w", field, err)
	}
	defer func() { _ = dict.Close() }()
	var docs []uint64
	for {
		de, err := dict.Next()
		if err != nil {
			return fmt.Errorf("read %s terms: %w", field, err)
		}
		if de == nil {
			return nil
		}
		tfr, err := r.TermFieldReader(ctx, []byte(de.Term), field, false, false, false)
		if err != nil {
			return fmt.Errorf("read %s postings: %w", field, err)
		}
		docs = docs[:0]
		var tfd index.TermFieldDoc
		d, err := tfr.Next(&tfd)
		for ; err == nil && d != nil; d, err = tfr.Next(d) {
			if len(d.ID) != 8 {
				err = errNoDocTable
				break
			}
			n := d.ID.Value()
			if n >= maxTableDocs {
				err = errNoDocTable
				break
			}
			docs = append(docs, n)
		}
		_ = tfr.Close()
		if err != nil {
			return err
		}
		if err := fn(de.Term, docs); err != nil {
			return err
		}
	}
}

// buildDocTable tabulates the study and codes of every document of r.
func buildDocTable(ctx context.Context, r index.IndexReader) (*docTable, error) {
	t := &docTable{reader: r}
	err := visitPostings(ctx, r, "study", func(term string, docs []uint64) error {
		si := int32(len(t.studies))
		t.studies = append(t.studies, term)
		for _, n := range docs {
			for uint64(len(t.study)) <= n {
				t.study = append(t.study, -1)
			}
			t.study[n] = si
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	type pair struct{ doc, code int32 }
	var pairs []pair
	err = visitPostings(ctx, r, "code", func(term string, docs []uint64) error {
		ci := int32(len(t.codeNames))
		t.codeNames = append(t.codeNames, term)
		for _, n := range docs {
			if n < uint64(len(t.study)) {
				pairs = append(pairs, pair{int32(n), ci})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].doc < pairs[j].doc })
	t.codeOff = make([]int32, len(t.study)+1)
	t.codes = make([]int32, len(pairs))
	for i, p := range pairs {
		t.codeOff[p.doc+1]++
		t.codes[i] = p.code
	}
	for n := 1; n < len(t.codeOff); n++ {
		t.codeOff[n] += t.codeOff[n-1]
	}
	return t, nil
}

// hitCounter counts the matching chunks per study and per study and code.
type hitCounter struct {
	tab      *docTable
	perStudy []int32          // by study index
	pairs    map[uint64]int32 // study index << 32 | code index -> chunks
	missed   int              // hits outside the table (should not happen)
	err      error            // why the table could not be used
}

// add counts document number n.
func (h *hitCounter) add(n uint64) {
	t := h.tab
	if n >= uint64(len(t.study)) || t.study[n] < 0 {
		h.missed++
		return
	}
	s := t.study[n]
	h.perStudy[s]++
	for _, c := range t.codes[t.codeOff[n]:t.codeOff[n+1]] {
		h.pairs[uint64(s)<<32|uint64(c)]++
	}
}

// handlerMaker returns a bleve document-match handler maker that counts
// every hit and passes it on to the top-N collector's own handler.
func (ix *Index) handlerMaker(ctx context.Context, h *hitCounter) bsearch.MakeDocumentMatchHandler {
	return func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil || next == nil {
			return next, loadID, err
		}
		tab, err := ix.tables.get(ctx, sctx.IndexReader)
		if err != nil {
			h.err = err
			return next, loadID, nil
		}
		h.tab = tab
		h.perStudy = make([]int32, len(tab.studies))
		h.pairs = map[uint64]int32{}
		return func(d *bsearch.DocumentMatch) error {
			if d != nil {
				if len(d.IndexInternalID) == 8 {
					h.add(d.IndexInternalID.Value())
				} else {
					h.missed++
				}
			}
			return next(d)
		}, loadID, nil
	}
}

// counts returns the chunk counts per study GUID and per code (distinct
// studies and chunks).
func (h *hitCounter) counts() (perStudy map[string]int, perCode map[string]codeCount) {
	perStudy = map[string]int{}
	for s, n := range h.perStudy {
		if n > 0 {
			perStudy[h.tab.studies[s]] = int(n)
		}
	}
	perCode = map[string]codeCount{}
	for k, n := range h.pairs {
		name := h.tab.codeNames[k&0xffffffff]
		cc := perCode[name]
		cc.studies++
		cc.chunks += int(n)
		perCode[name] = cc
	}
	return perStudy, perCode
}

// codeCount is the number of matching studies and chunks with one code.
type codeCount struct{ studies, chunks int }
