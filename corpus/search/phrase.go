package search

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches the analyzed terms of a phrase at consecutive
// positions (gaps left by stop words are kept) in one field. It finds the
// same documents with the same scores and term locations as bleve's phrase
// query, but checks the positions on the candidate's flat list of term
// locations instead of building a map of them per candidate, which made
// phrases of common words the slowest queries (about half their time).
type phraseQuery struct {
	terms []string // term at each relative position, "" for a gap
	field string
}

// newPhraseQuery returns the phrase query for tokens (analyzed in field),
// or bleve's own phrase query when two tokens share a position.
func newPhraseQuery(tokens analysis.TokenStream, field, value, analyzer string) query.Query {
	first, last := math.MaxInt, 0
	for _, t := range tokens {
		first = min(first, t.Position)
		last = max(last, t.Position)
	}
	terms := make([]string, last-first+1)
	for _, t := range tokens {
		i := t.Position - first
		if terms[i] != "" {
			pq := query.NewMatchPhraseQuery(value)
			pq.SetField(field)
			pq.Analyzer = analyzer
			return pq
		}
		terms[i] = string(t.Term)
	}
	return &phraseQuery{terms: terms, field: field}
}

// Searcher implements query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	options.IncludeTermVectors = true
	var terms []bsearch.Searcher
	closeAll := func() {
		for _, s := range terms {
			_ = s.Close()
		}
	}
	for _, t := range q.terms {
		if t == "" {
			continue
		}
		ts, err := searcher.NewTermSearcher(ctx, r, t, q.field, 1, options)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("phrase term %q: %w", t, err)
		}
		terms = append(terms, ts)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, terms, options)
	if err != nil {
		closeAll()
		return nil, fmt.Errorf("phrase conjunction: %w", err)
	}
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return &phraseSearcher{must: must, terms: q.terms, at: make([][]int32, len(q.terms)), ptr: make([]int, len(q.terms))}, nil
}

// phraseSearcher filters the documents holding every term of a phrase to
// those where the terms occur at the phrase's relative positions.
type phraseSearcher struct {
	must  bsearch.Searcher // conjunction of the terms, with term vectors
	terms []string
	at    [][]int32 // scratch: per phrase position, indexes of its term's locations
	ptr   []int     // scratch: per phrase position, first candidate in at
	keep  []bool    // scratch: locations that are part of a phrase match
}

// Next implements search.Searcher.
func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		d, err := s.must.Next(ctx)
		if err != nil || d == nil {
			return nil, err
		}
		if s.matches(d) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
}

// Advance implements search.Searcher.
func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	d, err := s.must.Advance(ctx, id)
	if err != nil || d == nil {
		return nil, err
	}
	if s.matches(d) {
		return d, nil
	}
	ctx.DocumentMatchPool.Put(d)
	return s.Next(ctx)
}

// matches reports whether d's term locations hold the phrase and, if so,
// keeps only the locations of the phrase's occurrences.
func (s *phraseSearcher) matches(d *bsearch.DocumentMatch) bool {
	ftls := d.FieldTermLocations
	for i := range s.at {
		s.at[i] = s.at[i][:0]
	}
	for li := range ftls {
		for i, t := range s.terms {
			if t != "" && ftls[li].Term == t {
				s.at[i] = append(s.at[i], int32(li))
			}
		}
	}
	s.keep = slices.Grow(s.keep[:0], len(ftls))[:len(ftls)]
	clear(s.keep)
	found := false
	ptr := s.ptr
	clear(ptr)
	for _, l0 := range s.at[0] {
		a := &ftls[l0].Location
		ok := true
		for i := 1; i < len(s.terms) && ok; i++ {
			if s.terms[i] == "" {
				continue
			}
			want := a.Pos + uint64(i)
			list := s.at[i]
			for ptr[i] < len(list) && ftls[list[ptr[i]]].Location.Pos < want {
				ptr[i]++
			}
			ok = false
			for j := ptr[i]; j < len(list) && ftls[list[j]].Location.Pos == want; j++ {
				if slices.Equal(ftls[list[j]].Location.ArrayPositions, a.ArrayPositions) {
					ok = true
					break
				}
			}
		}
		if !ok {
			continue
		}
		found = true
		s.keep[l0] = true
		for i := 1; i < len(s.terms); i++ {
			if s.terms[i] == "" {
				continue
			}
			want := a.Pos + uint64(i)
			for j := ptr[i]; j < len(s.at[i]) && ftls[s.at[i][j]].Location.Pos == want; j++ {
				if slices.Equal(ftls[s.at[i][j]].Location.ArrayPositions, a.ArrayPositions) {
					s.keep[s.at[i][j]] = true
					break
				}
			}
		}
	}
	if !found {
		return false
	}
	out := ftls[:0]
	for li := range ftls {
		if s.keep[li] {
			out = append(out, ftls[li])
		}
	}
	d.FieldTermLocations = out
	return true
}

// Weight implements search.Searcher.
func (s *phraseSearcher) Weight() float64 { return s.must.Weight() }

// SetQueryNorm implements search.Searcher.
func (s *phraseSearcher) SetQueryNorm(n float64) { s.must.SetQueryNorm(n) }

// Count implements search.Searcher.
func (s *phraseSearcher) Count() uint64 { return s.must.Count() }

// Min implements search.Searcher.
func (s *phraseSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *phraseSearcher) Size() int { return s.must.Size() + 64 }

// DocumentMatchPoolSize implements search.Searcher.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }

// Close implements search.Searcher.
func (s *phraseSearcher) Close() error { return s.must.Close() }
