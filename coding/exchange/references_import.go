package exchange

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"golang.org/x/text/unicode/norm"
)

// How a reference was matched to a study.
const (
	MatchDOI          = "doi"           // the same DOI (the study's, or one printed in its text)
	MatchTitle        = "title"         // the same title, ignoring case, accents, punctuation and spacing
	MatchSimilarTitle = "similar title" // a title that differs a little (a typo, a subtitle cut)
)

// similarTitle is the smallest similarity (Dice coefficient of letter
// pairs) at which two titles count as the same work; ambiguousGap is how
// much better the best study must be than the next.
const (
	similarTitle = 0.85
	ambiguousGap = 0.05
)

// FieldChange is one attribute a reference changes.
type FieldChange struct {
	Field    string // coding.Field* name
	Old, New string // values as text
}

// ReferenceMatch is a reference matched to a study, with what it changes.
type ReferenceMatch struct {
	Reference  Reference
	Study      string  // study GUID
	StudyTitle string  // the study's title before the import
	By         string  // MatchDOI, MatchTitle or MatchSimilarTitle
	Score      float64 // title similarity (1 for a DOI or the same title)
	Changes    []FieldChange
}

// ReferenceMiss is a reference that changed no study, and why.
type ReferenceMiss struct {
	Reference Reference
	Reason    string // plain sentence
}

// ReferenceReport says what ImportReferences matched and changed.
type ReferenceReport struct {
	References int              // records read
	Matched    []ReferenceMatch // in file order
	Unmatched  []ReferenceMiss  // in file order
	Changed    int              // studies whose attributes changed
	DryRun     bool             // nothing was saved
}

// ReferenceOptions tune ImportReferences.
type ReferenceOptions struct {
	// DryRun computes the report without saving anything.
	DryRun bool
	// Label names the action for undo ("Import references from refs.ris").
	Label string
}

// ImportReferences matches references to the project's studies, by DOI
// (the study's DOI attribute, else a DOI printed in the first pages of its
// text), else by title (the same title ignoring case, accents, punctuation
// and spacing, else a similar one, unambiguous and not contradicted by the
// year), each study at most once; then fills and corrects the matched
// studies' metadata as one action: title, authors, year and DOI take the
// reference's values when it has them; publisher, publication type and
// language are filled only when empty. Review attributes (countries,
// sectors, method...) are never touched. Every change is in the report.
func ImportReferences(ctx context.Context, p *corpus.Project, refs []Reference, opts ReferenceOptions) (*ReferenceReport, error) {
	studies, err := p.Studies()
	if err != nil {
		return nil, fmt.Errorf("import references: %w", err)
	}
	rep := &ReferenceReport{References: len(refs), DryRun: opts.DryRun}
	m := newMatcher(studies)
	if err := m.textDOIs(ctx, p, refs); err != nil {
		return nil, fmt.Errorf("import references: %w", err)
	}
	type cand struct {
		ref   int
		study int
		by    string
		score float64
	}
	var cands []cand
	miss := map[int]string{}
	for i, r := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s, ok := m.byDOI[strings.ToLower(r.DOI)]; ok && r.DOI != "" {
			cands = append(cands, cand{i, s, MatchDOI, 1})
			continue
		}
		s, by, score, why := m.byTitle(r)
		if s < 0 {
			miss[i] = why
			continue
		}
		cands = append(cands, cand{i, s, by, score})
	}
	// Each study once: DOI matches first, then the same title, then the most similar.
	rank := map[string]int{MatchDOI: 0, MatchTitle: 1, MatchSimilarTitle: 2}
	sort.SliceStable(cands, func(a, b int) bool {
		if rank[cands[a].by] != rank[cands[b].by] {
			return rank[cands[a].by] < rank[cands[b].by]
		}
		return cands[a].score > cands[b].score
	})
	taken := map[int]int{}
	var matched []cand
	for _, c := range cands {
		if prev, ok := taken[c.study]; ok {
			miss[c.ref] = fmt.Sprintf("it matches the same study as the reference on line %d (%q)", refs[prev].Line, studies[c.study].Title)
			continue
		}
		taken[c.study] = c.ref
		matched = append(matched, c)
	}
	sort.Slice(matched, func(a, b int) bool { return matched[a].ref < matched[b].ref })
	next := map[string]corpus.Attributes{}
	for _, c := range matched {
		s := studies[c.study]
		a, changes := applyReference(s.Attributes, refs[c.ref])
		rep.Matched = append(rep.Matched, ReferenceMatch{Reference: refs[c.ref], Study: s.GUID, StudyTitle: s.Title,
			By: c.by, Score: c.score, Changes: changes})
		if len(changes) > 0 {
			if err := coding.ValidateAttributes(&a); err != nil {
				return nil, fmt.Errorf("import references: line %d (%q): %w", refs[c.ref].Line, refs[c.ref].Title, err)
			}
			next[s.GUID] = a
		}
	}
	for i, r := range refs {
		if why, ok := miss[i]; ok {
			rep.Unmatched = append(rep.Unmatched, ReferenceMiss{Reference: r, Reason: why})
		}
	}
	rep.Changed = len(next)
	if opts.DryRun || len(next) == 0 {
		return rep, nil
	}
	label := opts.Label
	if label == "" {
		label = "Import references"
	}
	guids := make([]string, 0, len(next))
	for g := range next {
		guids = append(guids, g)
	}
	slices.Sort(guids)
	err = p.Do(label, func(tx *corpus.Tx) error {
		for _, g := range guids {
			if err := tx.SetAttributes(g, next[g]); err != nil {
				return fmt.Errorf("study %s: %w", g, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import references: %w", err)
	}
	return rep, nil
}

// applyReference returns a study's attributes corrected and filled from a
// reference, with the changes.
func applyReference(a corpus.Attributes, r Reference) (corpus.Attributes, []FieldChange) {
	var ch []FieldChange
	set := func(field string, cur *string, v string, onlyEmpty bool) {
		v = strings.Join(strings.Fields(v), " ")
		if v == "" || v == *cur || onlyEmpty && strings.TrimSpace(*cur) != "" {
			return
		}
		ch = append(ch, FieldChange{Field: field, Old: *cur, New: v})
		*cur = v
	}
	set(coding.FieldTitle, &a.Title, r.Title, false)
	if len(r.Authors) > 0 && !sameAuthors(a.Authors, r.Authors) {
		ch = append(ch, FieldChange{Field: coding.FieldAuthors, Old: names.JoinText(a.Authors), New: names.JoinText(r.Authors)})
		a.Authors = r.Authors
	}
	if r.Year != 0 && r.Year != a.Year {
		ch = append(ch, FieldChange{Field: coding.FieldYear, Old: yearText(a.Year), New: strconv.Itoa(r.Year)})
		a.Year = r.Year
	}
	if r.DOI != "" && !strings.EqualFold(r.DOI, a.DOI) {
		set(coding.FieldDOI, &a.DOI, r.DOI, false)
	}
	set(coding.FieldPublisher, &a.Publisher, r.Publisher, true)
	set(coding.FieldPubType, &a.PubType, r.Type, true)
	set(coding.FieldLanguage, &a.Language, r.Language, true)
	return a, ch
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func sameAuthors(a, b []names.Author) bool {
	return slices.EqualFunc(a, b, func(x, y names.Author) bool { return x == y })
}

// matcher finds studies by DOI and title.
type matcher struct {
	studies []corpus.Study
	byDOI   map[string]int   // lower-case DOI -> study index
	titles  []string         // normalised titles
	pairs   [][]uint64       // sorted letter pairs of the titles
	exact   map[string][]int // normalised title -> studies
}

func newMatcher(studies []corpus.Study) *matcher {
	m := &matcher{studies: studies, byDOI: map[string]int{}, exact: map[string][]int{}}
	for i, s := range studies {
		if s.DOI != "" {
			m.byDOI[strings.ToLower(s.DOI)] = i
		}
		t := normTitle(s.Title)
		m.titles = append(m.titles, t)
		m.pairs = append(m.pairs, letterPairs(t))
		if t != "" {
			m.exact[t] = append(m.exact[t], i)
		}
	}
	return m
}

var doiInText = regexp.MustCompile(`(?i)\b10\.\d{4,9}/[^\s"<>]+`)

// textDOIs adds the DOIs printed in the first pages of studies without a
// DOI attribute, when some reference's DOI matched none.
func (m *matcher) textDOIs(ctx context.Context, p *corpus.Project, refs []Reference) error {
	need := false
	for _, r := range refs {
		if _, ok := m.byDOI[strings.ToLower(r.DOI)]; r.DOI != "" && !ok {
			need = true
			break
		}
	}
	if !need {
		return nil
	}
	index := map[string]int{}
	for i, s := range m.studies {
		index[s.GUID] = i
	}
	rows, err := p.DB().QueryContext(ctx, `SELECT guid, substr(text, 1, 12000) FROM studies WHERE doi = ''`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var guid, text string
		if err := rows.Scan(&guid, &text); err != nil {
			return err
		}
		i, ok := index[guid]
		if !ok {
			continue
		}
		for _, d := range doiInText.FindAllString(text, 5) {
			d = strings.ToLower(strings.TrimRight(d, ".,;)]"))
			if _, dup := m.byDOI[d]; !dup {
				m.byDOI[d] = i
			}
		}
	}
	return rows.Err()
}

// byTitle finds the study with the reference's title: the same normalised
// title, else the single most similar one above similarTitle. It returns
// -1 and the reason when there is none.
func (m *matcher) byTitle(r Reference) (int, string, float64, string) {
	t := normTitle(r.Title)
	if t == "" {
		return -1, "", 0, "it has no title and no DOI of a study"
	}
	yearOK := func(i int) bool {
		y := m.studies[i].Year
		return y == 0 || r.Year == 0 || y-r.Year <= 1 && r.Year-y <= 1
	}
	if same := m.exact[t]; len(same) > 0 {
		var ok []int
		for _, i := range same {
			if yearOK(i) {
				ok = append(ok, i)
			}
		}
		switch {
		case len(ok) == 1:
			return ok[0], MatchTitle, 1, ""
		case len(ok) > 1:
			return -1, "", 0, fmt.Sprintf("%d studies have this title; give them DOIs to tell them apart", len(ok))
		}
		return -1, "", 0, fmt.Sprintf("the study with this title is from %d, the reference from %d", m.studies[same[0]].Year, r.Year)
	}
	rp := letterPairs(t)
	best, second, bi := 0.0, 0.0, -1
	for i, sp := range m.pairs {
		if len(sp) == 0 || len(sp)*2 < len(rp) || len(rp)*2 < len(sp) {
			continue
		}
		d := dice(rp, sp)
		if d > best {
			best, second, bi = d, best, i
		} else if d > second {
			second = d
		}
	}
	switch {
	case bi < 0 || best < similarTitle:
		return -1, "", 0, "no study has this DOI or a title like it"
	case best-second < ambiguousGap:
		return -1, "", 0, "its title is as close to several studies' titles"
	case !yearOK(bi):
		return -1, "", 0, fmt.Sprintf("the study with a similar title (%q) is from %d, the reference from %d", m.studies[bi].Title, m.studies[bi].Year, r.Year)
	}
	return bi, MatchSimilarTitle, best, ""
}

// normTitle folds a title for comparison: lower case, without accents,
// punctuation or spacing differences (letters of any script are kept).
func normTitle(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r) && r < 0x0E00: // Latin accents, not the marks of Thai and other scripts
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			if r == 'đ' {
				r = 'd'
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return norm.NFC.String(b.String())
}

// letterPairs returns a title's adjacent letter pairs, sorted.
func letterPairs(t string) []uint64 {
	r := []rune(strings.ReplaceAll(t, " ", ""))
	if len(r) < 2 {
		return nil
	}
	out := make([]uint64, 0, len(r)-1)
	for i := 0; i+1 < len(r); i++ {
		out = append(out, uint64(r[i])<<32|uint64(r[i+1]))
	}
	slices.Sort(out)
	return out
}

// dice is the Dice coefficient of two sorted multisets.
func dice(a, b []uint64) float64 {
	i, j, n := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}
