package coding

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
)

// ErrNoMatch means the text to code was not found in the study.
var ErrNoMatch = errors.New("the text was not found in the study")

// Mismatch is a coding whose stored quote differs from the study's text at
// its offsets (the text changed under it).
type Mismatch struct {
	Coding        // the coding as stored
	Found  string // what the text holds at the coding's offsets now
}

// VerifyCodings lists the codings of a study (of every study when study is
// "") whose quote no longer matches the text at their offsets, or whose
// range lies outside the text. Nothing is changed: a shifted coding is
// reported, never silently moved. Each text is read once.
func VerifyCodings(p *corpus.Project, study string) ([]Mismatch, error) {
	return VerifyCodingsContext(context.Background(), p, study, nil)
}

// VerifyCodingsContext is VerifyCodings that can be cancelled and reports
// progress (studies checked of the total) after each study; progress may be nil.
func VerifyCodingsContext(ctx context.Context, p *corpus.Project, study string, progress func(done, total int)) ([]Mismatch, error) {
	studies := []string{study}
	if study == "" {
		var err error
		studies, err = corpus.QueryStrings(p.DB(), `SELECT DISTINCT study FROM codings ORDER BY study`)
		if err != nil {
			return nil, fmt.Errorf("verify codings: %w", err)
		}
	}
	var out []Mismatch
	for i, s := range studies {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if progress != nil && i > 0 {
			progress(i, len(studies))
		}
		cs, err := CodingsOfStudy(p, s)
		if err != nil {
			return nil, err
		}
		if len(cs) == 0 {
			continue
		}
		var runes []rune
		if t, err := p.Text(s); err == nil {
			runes = []rune(t.String)
		} else if !errors.Is(err, corpus.ErrNotFound) {
			return nil, fmt.Errorf("verify codings: %w", err)
		}
		for _, c := range cs {
			found := ""
			if c.Start >= 0 && c.Start < len(runes) && c.End > c.Start {
				found = string(runes[c.Start:min(c.End, len(runes))])
			}
			if c.Start < 0 || c.End <= c.Start || c.End > len(runes) || found != c.Quote {
				out = append(out, Mismatch{Coding: c, Found: found})
			}
		}
	}
	if progress != nil {
		progress(len(studies), len(studies))
	}
	return out, nil
}

// foldedText is a text with whitespace runs collapsed to one space (and,
// when folding, letters lower-cased), remembering for each byte the code
// point offset in the original it came from.
type foldedText struct {
	s    string
	orig []int32
}

func foldText(text string, fold bool) foldedText {
	var b strings.Builder
	b.Grow(len(text))
	orig := make([]int32, 0, len(text))
	space := false
	i := int32(0)
	for _, r := range text {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				orig = append(orig, i)
			}
			space = true
			i++
			continue
		}
		space = false
		if fold {
			r = unicode.ToLower(r)
		}
		n := b.Len()
		b.WriteRune(r)
		for ; n < b.Len(); n++ {
			orig = append(orig, i)
		}
		i++
	}
	return foldedText{s: b.String(), orig: orig}
}

// normNeedle collapses and trims whitespace (and lower-cases when folding).
func normNeedle(s string, fold bool) string {
	f := foldText(s, fold)
	return strings.TrimSpace(f.s)
}

// find returns every occurrence of needle (already normalised) as
// code-point ranges of the original text.
func (f foldedText) find(needle string) [][2]int {
	if needle == "" {
		return nil
	}
	var out [][2]int
	for from := 0; from <= len(f.s)-len(needle); {
		i := strings.Index(f.s[from:], needle)
		if i < 0 {
			break
		}
		i += from
		j := i + len(needle)
		out = append(out, [2]int{int(f.orig[i]), int(f.orig[j-1]) + 1})
		// Step one code point, so overlapping occurrences are found too.
		step := 1
		for i+step < len(f.s) && f.orig[i+step] == f.orig[i] {
			step++
		}
		from = i + step
	}
	return out
}

// FindText returns the code-point ranges where needle occurs in text,
// ignoring case and differences in whitespace (line breaks, page breaks,
// repeated spaces), in text order.
func FindText(text, needle string) [][2]int {
	return foldText(text, true).find(normNeedle(needle, true))
}

// Reanchor moves the codings of a study, inside the action that replaces its
// text (re-extraction), from oldText to newText: each coding goes to the
// occurrence of its quote in the new text (whitespace differences ignored)
// nearest to its old relative position, and takes the new text's passage as
// its quote. Codings whose quote no longer occurs are left unchanged and
// returned, for the caller to show to the user (VerifyCodings will keep
// reporting them).
func Reanchor(tx *corpus.Tx, study, oldText, newText string) ([]Coding, error) {
	rows, err := tx.Query(`SELECT `+codingCols+` FROM codings WHERE study = ? ORDER BY start`, study)
	if err != nil {
		return nil, fmt.Errorf("re-anchor codings: %w", err)
	}
	var cs []Coding
	for rows.Next() {
		c, err := scanCoding(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("re-anchor codings: %w", err)
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("re-anchor codings: %w", err)
	}
	if len(cs) == 0 {
		return nil, nil
	}
	oldLen := len([]rune(oldText))
	idx := NewQuoteIndex(newText)
	var lost []Coding
	for _, c := range cs {
		if c.End <= idx.Len() && c.Start >= 0 && c.Start < c.End && idx.Slice(c.Start, c.End) == c.Quote {
			continue // unchanged
		}
		want := c.Start
		if oldLen > 0 {
			want = int(int64(c.Start) * int64(idx.Len()) / int64(oldLen))
		}
		start, end, ok := idx.Nearest(c.Quote, want)
		if !ok {
			lost = append(lost, c)
			continue
		}
		if err := schema.Codings.Update(tx, c.GUID, schema.CodingCol.Start.To(start), schema.CodingCol.End.To(end),
			schema.CodingCol.Quote.To(idx.Slice(start, end))); err != nil {
			return lost, err
		}
	}
	tx.Touch(study)
	return lost, nil
}

// QuoteIndex finds quoted passages in a text whatever its whitespace (line
// breaks, doubled spaces), as re-extraction and merging need when a
// passage's offsets no longer fit the text.
type QuoteIndex struct {
	f     foldedText
	fold  bool
	runes []rune
}

// NewQuoteIndex indexes text for Nearest.
func NewQuoteIndex(text string) *QuoteIndex {
	return &QuoteIndex{f: foldText(text, false), runes: []rune(text)}
}

// NewFoldedQuoteIndex is NewQuoteIndex ignoring letter case as well.
func NewFoldedQuoteIndex(text string) *QuoteIndex {
	return &QuoteIndex{f: foldText(text, true), fold: true, runes: []rune(text)}
}

// Len is the text's length in code points.
func (q *QuoteIndex) Len() int { return len(q.runes) }

// Slice returns the text's code points [start, end).
func (q *QuoteIndex) Slice(start, end int) string { return string(q.runes[start:end]) }

// Nearest returns the code-point range of the occurrence of quote
// (whitespace-insensitive) nearest to the offset want; ok is false when the
// quote does not occur or is blank.
func (q *QuoteIndex) Nearest(quote string, want int) (start, end int, ok bool) {
	hits := q.f.find(normNeedle(quote, q.fold))
	if len(hits) == 0 {
		return 0, 0, false
	}
	best := hits[0]
	for _, h := range hits[1:] {
		if runeDist(h[0], want) < runeDist(best[0], want) {
			best = h
		}
	}
	return best[0], best[1], true
}

// runeDist is the distance between two offsets.
func runeDist(a, b int) int {
	if a < b {
		return b - a
	}
	return a - b
}

// CodingSpan is a passage to code: [Start, End) code points of a study.
type CodingSpan struct {
	Study string // study GUID
	Start int    // first code point
	End   int    // one past the last code point
}

// BulkResult tells what a bulk coding did.
type BulkResult struct {
	Added   []Coding // the new codings
	Skipped int      // passages that already had the code from this coder
}

// ApplyCodeSpans codes many passages (for example every search hit) with one
// code as a single action, so one undo removes them all. Passages the coder
// already coded with it are skipped and counted; any other problem (a range
// outside a text, an unknown study) cancels the whole action.
func ApplyCodeSpans(p *corpus.Project, code string, spans []CodingSpan, memo string) (BulkResult, error) {
	var res BulkResult
	label := fmt.Sprintf("Code %d passages", len(spans))
	if len(spans) == 1 {
		label = "Code passage"
	}
	err := p.Do(label, func(tx *corpus.Tx) error {
		res = BulkResult{}
		if len(spans) == 1 {
			c, err := applyCode(tx, spans[0].Study, code, spans[0].Start, spans[0].End, memo)
			if errors.Is(err, ErrDuplicateCoding) {
				res.Skipped++
				return nil
			}
			res.Added = append(res.Added, c)
			return err
		}
		if err := codeExists(tx, code); err != nil {
			return err
		}
		coder := tx.Coder()
		if coder == "" {
			return ErrNoCoder
		}
		// Consecutive spans of one study share one read of its text.
		var study string
		var runes []rune
		for _, s := range spans {
			if s.Study != study || runes == nil {
				var text string
				err := tx.QueryRow(`SELECT text FROM studies WHERE guid = ?`, s.Study).Scan(&text)
				if errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("study %s: %w", s.Study, corpus.ErrNotFound)
				}
				if err != nil {
					return fmt.Errorf("code passages: %w", err)
				}
				study, runes = s.Study, []rune(text)
			}
			c, err := applyCodeRunes(tx, runes, s, code, coder, memo)
			if errors.Is(err, ErrDuplicateCoding) {
				res.Skipped++
				continue
			}
			if err != nil {
				return fmt.Errorf("passage %d:%d of study %s: %w", s.Start, s.End, s.Study, err)
			}
			res.Added = append(res.Added, c)
		}
		return nil
	})
	if err != nil {
		return BulkResult{}, err
	}
	return res, nil
}

// applyCodeRunes checks a span against its study's text and stores it.
func applyCodeRunes(tx *corpus.Tx, runes []rune, s CodingSpan, code, coder, memo string) (Coding, error) {
	if s.Start < 0 || s.End <= s.Start || s.End > len(runes) {
		return Coding{}, fmt.Errorf("range %d:%d, text has %d characters: %w", s.Start, s.End, len(runes), ErrCodingRange)
	}
	var dup int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM codings WHERE study = ? AND start = ? AND "end" = ? AND code = ? AND coder = ?`,
		s.Study, s.Start, s.End, code, coder).Scan(&dup); err != nil {
		return Coding{}, fmt.Errorf("code passage: %w", err)
	}
	if dup > 0 {
		return Coding{}, ErrDuplicateCoding
	}
	return insertCoding(tx, Coding{Study: s.Study, Code: code, Start: s.Start, End: s.End,
		Quote: string(runes[s.Start:s.End]), Coder: coder, Memo: memo})
}

// ApplyCodeToMatches codes the first occurrence (every occurrence when all
// is true) of text in a study, found with FindText, as one action. It fails
// with ErrNoMatch when the text does not occur.
func ApplyCodeToMatches(p *corpus.Project, study, code, text string, all bool, memo string) (BulkResult, error) {
	t, err := p.Text(study)
	if err != nil {
		return BulkResult{}, err
	}
	hits := FindText(t.String, text)
	if len(hits) == 0 {
		return BulkResult{}, fmt.Errorf("%q: %w", text, ErrNoMatch)
	}
	if !all {
		hits = hits[:1]
	}
	spans := make([]CodingSpan, len(hits))
	for i, h := range hits {
		spans[i] = CodingSpan{Study: study, Start: h[0], End: h[1]}
	}
	return ApplyCodeSpans(p, code, spans, memo)
}
