package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding/index"
	"github.com/evidence-workbench/workbench/corpus/search"
)

func init() {
	register(&verb{
		name: "search", args: "FILE QUERY", nargs: [2]int{2, 2},
		summary: "full-text search of the studies, grouped by study, with snippets and facet counts",
		help: `QUERY uses the search language: words (all must occur), "exact phrase", AND, OR, NOT or -word,
(grouping), prefix*, fuzzy~1, and field filters such as country:Thailand sector:construction
code:"Debt bondage" method:qualitative rigor:high year:2015..2020 title:word author:name page:3.
--facet field=value (repeatable; fields country, sector, method, code, year, rigor) keeps hits
with that value: values of one field are alternatives, different fields must all match.
--by year orders studies newest first instead of by relevance; --limit N is the number of
passages fetched before grouping (default 100).
The index lives in the user's cache folder ($EWB_CACHE_DIR overrides) and is rebuilt when it
is missing or behind the project. A malformed query exits with status 2.`,
		opts: func() options { return &searchOptions{} },
	})
}

// searchOptions are the flags of wb search.
type searchOptions struct {
	by     string
	limit  int
	facets listFlag
	search search.Options // set by check
}

func (o *searchOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.by, "by", "relevance", "order of studies: relevance or year")
	fs.IntVar(&o.limit, "limit", search.DefaultSize, "number of passages fetched before grouping by study")
	fs.Var(&o.facets, "facet", "field=value filter (repeatable)")
}

// check reads --by, --limit and --facet into the search options.
func (o *searchOptions) check() error {
	switch strings.ToLower(o.by) {
	case "relevance", "":
		o.search.GroupBy = search.ByRelevance
	case "year":
		o.search.GroupBy = search.ByYear
	default:
		return usageError("--by must be relevance or year, not %q", o.by)
	}
	if o.limit < 1 {
		return usageError("--limit must be a positive number, not %q", strconv.Itoa(o.limit))
	}
	o.search.Size = o.limit
	for _, fv := range o.facets {
		field, value, ok := strings.Cut(fv, "=")
		field, value = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(value)
		if !ok || field == "" || value == "" {
			return usageError("--facet wants field=value, e.g. country=Thailand, not %q", fv)
		}
		if o.search.Filters == nil {
			o.search.Filters = map[string][]string{}
		}
		o.search.Filters[field] = append(o.search.Filters[field], value)
	}
	return nil
}

// searchJSON is the --json output of wb search.
type searchJSON struct {
	Query   string                    `json:"query"`
	Total   int                       `json:"total"`
	Studies []searchStudyJSON         `json:"studies"`
	Facets  map[string]map[string]int `json:"facets"`
}

type searchStudyJSON struct {
	Study string          `json:"study"`
	Title string          `json:"title"`
	Year  int             `json:"year"`
	Score float64         `json:"score"`
	Hits  []searchHitJSON `json:"hits"`
}

type searchHitJSON struct {
	Page    int      `json:"page"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Snippet string   `json:"snippet"`
	Score   float64  `json:"score"`
	Matches [][2]int `json:"matches"`
}

func (o *searchOptions) run(c *call) error {
	query := c.args[1]
	if _, err := search.ParseQuery(query); err != nil {
		return exitError{code: 2, msg: "bad query: " + err.Error()}
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	f, ok := c.stderr.(*os.File)
	bar := newProgressBar(c.stderr, ok && isTerminal(f))
	started := false
	ix, err := index.Open(c.ctx, p, "", func(done, total int) {
		started = true
		bar.update(done, total, "studies indexed")
	})
	if started {
		bar.done()
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	if n := ix.Note(); n != nil {
		fmt.Fprintf(c.stderr, "wb search: note: %v\n", n)
	}
	res, err := ix.Search(c.ctx, query, o.search)
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return exitError{code: 2, msg: "bad query: " + qe.Error()}
	}
	if errors.Is(err, search.ErrUnknownFilter) {
		return exitError{code: 2, msg: err.Error()}
	}
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(searchResultJSON(query, res))
	}
	printSearchText(c, res)
	return nil
}

// facetOrder lists the facets in the order they are printed.
var facetOrder = []string{search.FacetCountry, search.FacetSector, search.FacetMethod, search.FacetCode, search.FacetYear, search.FacetRigor}

func searchResultJSON(query string, res *search.Results) searchJSON {
	out := searchJSON{Query: query, Total: res.Total, Studies: []searchStudyJSON{}, Facets: map[string]map[string]int{}}
	for _, g := range res.Groups {
		sj := searchStudyJSON{Study: g.Study, Title: g.Title, Year: g.Year, Score: g.BestScore, Hits: []searchHitJSON{}}
		for _, h := range g.Hits {
			hj := searchHitJSON{Page: h.Page, Start: h.Start, End: h.End, Score: h.Score,
				Snippet: h.Snippet.Marked("«", "»"), Matches: [][2]int{}}
			for _, m := range h.Matches {
				hj.Matches = append(hj.Matches, [2]int{m.Start, m.End})
			}
			sj.Hits = append(sj.Hits, hj)
		}
		out.Studies = append(out.Studies, sj)
	}
	for name, counts := range res.Facets {
		m := map[string]int{}
		for _, fc := range counts {
			m[fc.Value] = fc.Studies
		}
		out.Facets[name] = m
	}
	return out
}

func printSearchText(c *call, res *search.Results) {
	w := c.stdout
	fmt.Fprintf(w, "%d passages in %d studies for %s", res.Total, res.TotalStudies, res.Query)
	if shown := countHits(res); shown < res.Total {
		fmt.Fprintf(w, " (best %d shown; --limit fetches more)", shown)
	}
	fmt.Fprintln(w)
	for _, g := range res.Groups {
		year := "n.d."
		if g.Year > 0 {
			year = strconv.Itoa(g.Year)
		}
		fmt.Fprintf(w, "\n%s (%s)  score %.2f  [%s]\n", g.Title, year, g.BestScore, g.Study)
		for _, h := range g.Hits {
			from, to := h.Start, h.End
			if len(h.Matches) > 0 {
				from, to = h.Matches[0].Start, h.Matches[len(h.Matches)-1].End
			}
			fmt.Fprintf(w, "  p. %d  %d-%d  score %.2f\n    %s\n", h.Page, from, to, h.Score, h.Snippet.Marked("«", "»"))
		}
	}
	var facets []string
	for _, name := range facetOrder {
		counts := res.Facets[name]
		if len(counts) == 0 {
			continue
		}
		parts := make([]string, 0, len(counts))
		for _, fc := range counts {
			parts = append(parts, fmt.Sprintf("%s %d", fc.Value, fc.Studies))
		}
		facets = append(facets, fmt.Sprintf("  %-8s %s", name+":", strings.Join(parts, ", ")))
	}
	if len(facets) > 0 {
		fmt.Fprintln(w, "\nFacets (studies):")
		fmt.Fprintln(w, strings.Join(facets, "\n"))
	}
}

func countHits(res *search.Results) int {
	n := 0
	for _, g := range res.Groups {
		n += len(g.Hits)
	}
	return n
}
