package search

import (
	"errors"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// Bounds on the words that prefix (recruit*) and fuzzy (labour~1) terms
// stand for. bleve expands each such term into one term search per
// matching word of the index, in every text field searched, with no limit:
// 800 "a*" terms over 30,000 pages took 28 s and 2.4 GB. The words and the
// passages they occur in (their postings, which is what a search reads:
// 0.2 to 1 µs each) are counted in the index's dictionaries before the
// search runs, stopping at the bounds, and a query over a bound is refused
// with a *QueryError that wraps ErrQueryTooBroad. Repeated terms are
// searched once (see compileNode).
const (
	// MaxTermExpansion is the most words one prefix or fuzzy term may
	// stand for, over all the fields it is searched in.
	MaxTermExpansion = 2000
	// MaxQueryExpansion is the most words the prefix and fuzzy terms of one
	// query may stand for together.
	MaxQueryExpansion = 10000
	// MaxQueryPostings is the most occurrences (word x passage) the words
	// of a query's prefix and fuzzy terms may have together: about a second
	// of work over 30,000 pages on a loaded 2-core machine.
	MaxQueryPostings = 2_000_000
)

// ErrQueryTooBroad is wrapped by the *QueryError of a query whose prefix or
// fuzzy terms stand for too many words.
var ErrQueryTooBroad = errors.New("the query is too broad")

// expansion is one prefix or fuzzy query the compiler made: the word as
// typed (for the message), where it is, and the field and term bleve expands.
type expansion struct {
	word      string
	pos       int
	field     string
	term      string
	fuzziness int // 0 for a prefix
}

// expansionLimits are the bounds checkExpansions applies.
type expansionLimits struct {
	term, query int
	postings    uint64
}

var defaultLimits = expansionLimits{MaxTermExpansion, MaxQueryExpansion, MaxQueryPostings}

// checkExpansions counts the words each expansion stands for in idx and
// refuses the query when a term or the whole query goes over its bound.
func checkExpansions(idx bleve.Index, exps []expansion, lim expansionLimits) error {
	if len(exps) == 0 {
		return nil
	}
	var fuzzy index.IndexReaderFuzzy
	if slices.ContainsFunc(exps, func(e expansion) bool { return e.fuzziness > 0 }) {
		if adv, err := idx.Advanced(); err == nil {
			if r, err := adv.Reader(); err == nil {
				defer r.Close()
				fuzzy, _ = r.(index.IndexReaderFuzzy)
			}
		}
	}
	total, postings := 0, uint64(0)
	perWord := map[int]int{} // by position of the word in the query
	for _, e := range exps {
		limit := min(lim.term-perWord[e.pos], lim.query-total) + 1
		n, occ, err := countWords(idx, fuzzy, e, limit, lim.postings-postings+1)
		if err != nil {
			return fmt.Errorf("search: count the words of %s: %w", e.word, err)
		}
		perWord[e.pos] += n
		total += n
		postings += occ
		switch {
		case perWord[e.pos] > lim.term:
			return &QueryError{Pos: e.pos, Err: ErrQueryTooBroad, Msg: fmt.Sprintf(
				"the query is too broad: %s stands for more than %d different words; type more letters before the * (or use a smaller ~)",
				e.word, lim.term)}
		case total > lim.query:
			return &QueryError{Pos: e.pos, Err: ErrQueryTooBroad, Msg: fmt.Sprintf(
				"the query is too broad: its words with * or ~ stand for more than %d different words together; use fewer of them or type more letters before the *",
				lim.query)}
		case postings > lim.postings:
			return &QueryError{Pos: e.pos, Err: ErrQueryTooBroad, Msg: fmt.Sprintf(
				"the query is too broad: the words its * and ~ terms stand for occur more than %s times in the studies; type more letters before the * or use fewer such words",
				postingsText(lim.postings))}
		}
	}
	return nil
}

// countWords counts the dictionary words of one expansion and their
// postings, until either reaches its limit.
func countWords(idx bleve.Index, fuzzy index.IndexReaderFuzzy, e expansion, limit int, postingsLimit uint64) (n int, postings uint64, err error) {
	var dict index.FieldDict
	switch {
	case e.fuzziness == 0:
		dict, err = idx.FieldDictPrefix(e.field, []byte(e.term))
	case fuzzy != nil:
		dict, err = fuzzy.FieldDictFuzzy(e.field, e.term, e.fuzziness, "")
	default:
		return 1, 0, nil // an index that cannot list fuzzy candidates: bleve's own work is bounded by the edit distance
	}
	if err != nil {
		return 0, 0, err
	}
	defer func() {
		if cerr := dict.Close(); err == nil {
			err = cerr
		}
	}()
	for n < limit && postings < postingsLimit {
		d, err := dict.Next()
		if err != nil {
			return n, postings, err
		}
		if d == nil {
			break
		}
		n++
		postings += d.Count
	}
	return n, postings, nil
}

// postingsText writes a count of occurrences for a message: "5 million".
func postingsText(n uint64) string {
	if n >= 1_000_000 && n%1_000_000 == 0 {
		return fmt.Sprintf("%d million", n/1_000_000)
	}
	return fmt.Sprint(n)
}
