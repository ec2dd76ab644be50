package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// GroupBy orders the study groups of a result.
type GroupBy int

const (
	// ByRelevance orders studies by their best chunk score.
	ByRelevance GroupBy = iota
	// ByYear orders studies by year, newest first, then by best score.
	ByYear
)

// Facet names returned in Results.Facets and accepted in Options.Filters.
const (
	FacetCountry = "country"
	FacetSector  = "sector"
	FacetMethod  = "method"
	FacetCode    = "code"
	FacetYear    = "year"
	FacetRigor   = "rigor"
)

// facetFields maps facet and filter names to their exact-value index fields.
var facetFields = map[string]string{
	FacetCountry: "country", FacetSector: "sector", FacetMethod: "method",
	FacetCode: "code", FacetYear: "year_kw", FacetRigor: "rigor",
	"lang": "lang", "script": "script", "study": "study",
}

// facetsReturned lists the facets computed for every search.
var facetsReturned = []string{FacetCountry, FacetSector, FacetMethod, FacetCode, FacetYear, FacetRigor}

// ErrUnknownFilter is returned for an Options.Filters key that is not a facet.
var ErrUnknownFilter = errors.New("unknown search filter")

// DefaultSize is the number of chunk hits fetched when Options.Size is 0.
const DefaultSize = 100

// Options controls a search.
type Options struct {
	GroupBy GroupBy             // order of the study groups
	Size    int                 // maximum chunk hits fetched (grouped afterwards); 0 = DefaultSize
	Filters map[string][]string // ticked facet values: OR within a facet, AND across facets
	// FacetSize is the number of values returned per facet; 0 = 30.
	FacetSize int
}

// Range is a half-open range [Start, End) of code points.
type Range struct {
	Start int // first code point
	End   int // code point just past the range
}

// Results is the outcome of a search.
type Results struct {
	Query        string                  // the parsed query in normalised form
	Total        int                     // chunks matching
	TotalStudies int                     // distinct studies with a matching chunk
	Groups       []StudyGroup            // fetched hits grouped by study
	Facets       map[string][]FacetCount // per facet, values by number of matching studies (years newest first)
	Took         time.Duration           // time spent searching
}

// StudyGroup holds the hits of one study.
type StudyGroup struct {
	Study     string  // study GUID
	Title     string  // study title
	Year      int     // study year, 0 if unknown
	BestScore float64 // best hit score
	Hits      []Hit   // hits, best first
}

// Hit is one matching chunk.
type Hit struct {
	ChunkID string  // chunk ID
	Page    int     // 1-based page
	Start   int     // chunk start, code points into the study text
	End     int     // chunk end, code points into the study text
	Score   float64 // relevance score
	Matches []Range // matched terms, code points into the study text (empty for filter-only queries)
	Snippet Snippet // excerpt around the best cluster of matches
}

// FacetCount counts the matching studies and chunks with one facet value.
type FacetCount struct {
	Value   string // facet value, e.g. "Thailand" or "2015"
	Studies int    // matching studies with that value (for codes: with a matching chunk so coded)
	Chunks  int    // matching chunks with that value
}

// Search runs a query (see ParseQuery) with the ticked facet filters and
// returns hits grouped by study, total counts and facet counts. A malformed
// query, or one whose prefix and fuzzy terms stand for too many words (see
// MaxTermExpansion), returns a *QueryError.
func (ix *Index) Search(ctx context.Context, q string, opts Options) (res *Results, err error) {
	pq, err := ParseQuery(q)
	if err != nil {
		return nil, err
	}
	return ix.SearchQuery(ctx, pq, opts)
}

// SearchQuery runs an already parsed query; see Search.
func (ix *Index) SearchQuery(ctx context.Context, pq *Query, opts Options) (res *Results, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("search %q: bleve panic: %v", pq.String(), r)
		}
	}()
	bq, exps, err := ix.compile(pq)
	if err != nil {
		return nil, err
	}
	if fq, err := filterQuery(opts.Filters); err != nil {
		return nil, err
	} else if fq != nil {
		bq = query.NewConjunctionQuery([]query.Query{bq, fq})
	}
	size := opts.Size
	if size <= 0 {
		size = DefaultSize
	}
	facetSize := opts.FacetSize
	if facetSize <= 0 {
		facetSize = 30
	}

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return nil, err
	}
	if err := checkExpansions(idx, exps, defaultLimits); err != nil {
		return nil, err
	}
	// Phase 1: scores of the top hits and the per-study and per-code chunk
	// counts of all hits, without term locations (decoding positions for
	// every matching chunk would dominate the cost). The counts come from a
	// document-match handler over the snapshot's docTable (see facets.go),
	// or from bleve's term facets if the table cannot be used.
	sr, perStudy, perCode, err := ix.phase1(ctx, idx, bq, size)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", pq.String(), err)
	}
	res = &Results{Query: pq.String(), Total: int(sr.Total)}
	res.TotalStudies = len(perStudy)
	res.Facets = ix.studyFacets(perStudy, perCode, facetSize)
	if len(sr.Hits) == 0 {
		res.Took = sr.Took
		return res, nil
	}

	// Phase 2: stored fields and term locations of the top hits only.
	ids := make([]string, len(sr.Hits))
	scores := make(map[string]float64, len(sr.Hits))
	for i, h := range sr.Hits {
		ids[i] = h.ID
		scores[h.ID] = h.Score
	}
	req2 := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{bq, query.NewDocIDQuery(ids)}), len(ids), 0, false)
	req2.IncludeLocations = true
	req2.Fields = []string{"study", "title", "year", "page", "start", "end", fieldTextEn, fieldTextUni, fieldTextSEA}
	sr2, err := idx.SearchInContext(ctx, req2)
	if err != nil {
		return nil, fmt.Errorf("search %q: load hits: %w", pq.String(), err)
	}
	for _, h := range sr2.Hits {
		h.Score = scores[h.ID]
	}
	sort.SliceStable(sr2.Hits, func(i, j int) bool {
		a, b := sr2.Hits[i], sr2.Hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	res.Groups = groupHits(sr2, opts.GroupBy)
	res.Took = sr.Took + sr2.Took
	return res, nil
}

// phase1 runs the query for the top size hits and the chunk counts per
// study and per code of all hits.
func (ix *Index) phase1(ctx context.Context, idx bleve.Index, bq query.Query, size int) (*bleve.SearchResult, map[string]int, map[string]codeCount, error) {
	hc := &hitCounter{}
	req := bleve.NewSearchRequestOptions(bq, size, 0, false)
	sr, err := idx.SearchInContext(contextWithCounter(ctx, ix, hc), req)
	if err != nil {
		return nil, nil, nil, err
	}
	if hc.err == nil && hc.tab != nil && hc.missed == 0 {
		perStudy, perCode := hc.counts()
		return sr, perStudy, perCode, nil
	}
	// fallback: bleve's term facets over the doc values
	return bleveCounts(ctx, idx, req)
}

// contextWithCounter returns ctx carrying a document-match handler maker
// that counts every hit into hc.
func contextWithCounter(ctx context.Context, ix *Index, hc *hitCounter) context.Context {
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, ix.handlerMaker(ctx, hc))
}

// bleveCounts runs req with bleve term facets on the "study" and
// "study_code" doc values and returns the chunk counts per study and code.
func bleveCounts(ctx context.Context, idx bleve.Index, req *bleve.SearchRequest) (*bleve.SearchResult, map[string]int, map[string]codeCount, error) {
	req.AddFacet("study", bleve.NewFacetRequest("study", 1<<30))
	req.AddFacet("study_code", bleve.NewFacetRequest("study_code", 1<<30))
	sr, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, nil, err
	}
	perStudy, perCode := map[string]int{}, map[string]codeCount{}
	if fr := sr.Facets["study"]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			perStudy[t.Term] = t.Count
		}
	}
	if fr := sr.Facets["study_code"]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			if _, code, ok := strings.Cut(t.Term, studyCodeSep); ok {
				cc := perCode[code]
				cc.studies++
				cc.chunks += t.Count
				perCode[code] = cc
			}
		}
	}
	return sr, perStudy, perCode, nil
}

// filterQuery builds the conjunction of ticked facet values.
func filterQuery(filters map[string][]string) (query.Query, error) {
	names := make([]string, 0, len(filters))
	for name := range filters {
		names = append(names, name)
	}
	sort.Strings(names)
	var conj []query.Query
	for _, name := range names {
		field, ok := facetFields[name]
		if !ok {
			return nil, fmt.Errorf("%w %q", ErrUnknownFilter, name)
		}
		var disj []query.Query
		for _, v := range filters[name] {
			t := query.NewTermQuery(v)
			t.SetField(field)
			disj = append(disj, t)
		}
		if len(disj) > 0 {
			conj = append(conj, query.NewDisjunctionQuery(disj))
		}
	}
	if len(conj) == 0 {
		return nil, nil
	}
	return query.NewConjunctionQuery(conj), nil
}

// groupHits turns bleve hits into study groups.
func groupHits(sr *bleve.SearchResult, by GroupBy) []StudyGroup {
	var groups []StudyGroup
	where := map[string]int{}
	for _, dm := range sr.Hits {
		str := func(f string) string { s, _ := dm.Fields[f].(string); return s }
		num := func(f string) int { v, _ := dm.Fields[f].(float64); return int(v) }
		h := Hit{ChunkID: dm.ID, Page: num("page"), Start: num("start"), End: num("end"), Score: dm.Score}
		text := ""
		for _, f := range textFields {
			if s := str(f); s != "" {
				text = s
				break
			}
		}
		local := matchRanges(text, dm.Locations)
		h.Snippet = makeSnippet(text, local, h.Start)
		for _, m := range local {
			h.Matches = append(h.Matches, Range{m.Start + h.Start, m.End + h.Start})
		}
		study := str("study")
		gi, ok := where[study]
		if !ok {
			gi = len(groups)
			where[study] = gi
			groups = append(groups, StudyGroup{Study: study, Title: str("title"), Year: num("year"), BestScore: dm.Score})
		}
		g := &groups[gi]
		if dm.Score > g.BestScore {
			g.BestScore = dm.Score
		}
		g.Hits = append(g.Hits, h)
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if by == ByYear && a.Year != b.Year {
			return a.Year > b.Year
		}
		return a.BestScore > b.BestScore
	})
	return groups
}
