package brief

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQuoteRunes is the length past which a quote is shortened and no longer
// ranks as "longer".
const maxQuoteRunes = 600

// passage is a distinct coded passage.
type passage struct {
	q        *Quote
	text     string
	runes    int
	complete bool
	rank     int
}

type themeAcc struct {
	studies  map[string]bool
	codings  int
	passages []*passage
	areas    []*Area
}

// buildThemes returns the themes per sector and, for the gap analysis, the
// studies behind every coded theme (not only the listed ones).
func buildThemes(data *Data, sel *selection, cites map[string]string) ([]SectorThemes, map[string]*codeStudies) {
	themes := map[string]Theme{}
	for _, t := range data.Themes {
		if _, ok := themes[t.CodeGUID]; !ok && t.CodeGUID != "" {
			themes[t.CodeGUID] = t
		}
	}
	type pkey struct {
		study, code string
		start       int
		text        string
	}
	seen := map[pkey]bool{}
	perSector := map[string]map[string]*themeAcc{}
	overall := map[string]*codeStudies{}
	sectorStudies := tally{}
	for _, st := range sel.studies {
		for _, s := range sel.sectors[st.GUID] {
			sectorStudies.add(s, st.GUID)
		}
	}
	for i := range data.Quotes {
		q := &data.Quotes[i]
		st, ok := sel.byGUID[q.StudyGUID]
		if !ok || (sel.f.ConsensusOnly && !q.Consensus) {
			continue
		}
		if _, ok := themes[q.CodeGUID]; !ok {
			continue
		}
		text := collapseSpace(q.Text)
		k := pkey{q.StudyGUID, q.CodeGUID, q.Start, text}
		if seen[k] {
			continue
		}
		seen[k] = true
		p := newPassage(q, text, sel.rating[st.GUID])
		cs := overall[q.CodeGUID]
		if cs == nil {
			cs = &codeStudies{theme: themes[q.CodeGUID], studies: map[string]bool{}}
			overall[q.CodeGUID] = cs
		}
		cs.studies[st.GUID] = true
		for _, s := range sel.sectors[st.GUID] {
			m := perSector[s]
			if m == nil {
				m = map[string]*themeAcc{}
				perSector[s] = m
			}
			acc := m[q.CodeGUID]
			if acc == nil {
				acc = &themeAcc{studies: map[string]bool{}}
				m[q.CodeGUID] = acc
			}
			acc.studies[st.GUID] = true
			acc.codings++
			if p.runes > 0 {
				acc.passages = append(acc.passages, p)
			}
		}
	}
	themeAreas(data, sel, themes, perSector, overall)
	var sectors []string
	for s := range sectorStudies {
		sectors = append(sectors, s)
	}
	sortNames(sectors)
	out := make([]SectorThemes, 0, len(sectors))
	for _, s := range sectors {
		sth := SectorThemes{Sector: s, Studies: countOf(sectorStudies[s])}
		for code, acc := range perSector[s] {
			sth.Themes = append(sth.Themes, ThemeSummary{Theme: themes[code],
				Studies: countOf(acc.studies), Codings: acc.codings})
		}
		sort.Slice(sth.Themes, func(i, j int) bool {
			a, b := sth.Themes[i], sth.Themes[j]
			if a.Studies.N != b.Studies.N {
				return a.Studies.N > b.Studies.N
			}
			if a.Codings != b.Codings {
				return a.Codings > b.Codings
			}
			if an, bn := strings.ToLower(a.Name), strings.ToLower(b.Name); an != bn {
				return an < bn
			}
			return a.CodeGUID < b.CodeGUID
		})
		if len(sth.Themes) > sel.f.MaxThemes {
			sth.Themes = sth.Themes[:sel.f.MaxThemes]
		}
		for i := range sth.Themes {
			t := &sth.Themes[i]
			t.Quotes = pickQuotes(perSector[s][t.CodeGUID].passages, sel.f.MaxQuotes, cites)
			t.Areas = pickAreas(perSector[s][t.CodeGUID].areas, sel.f.MaxQuotes, sel, cites)
		}
		out = append(out, sth)
	}
	return out, overall
}

// codeStudies are the studies coded with one theme.
type codeStudies struct {
	theme   Theme
	studies map[string]bool
}

// collapseSpace trims text and turns every run of white space into one
// space, allocating only when the text needs it.
func collapseSpace(s string) string {
	prevSpace := true
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			clean = false // non-ASCII spaces need the slow path
			break
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func newPassage(q *Quote, text, rating string) *passage {
	p := &passage{q: q, text: text, runes: utf8.RuneCountInString(text), rank: ratingRank(rating)}
	p.complete = completeSentence(text)
	return p
}

// completeSentence reports whether text starts like a sentence (capital
// letter or digit, after any opening quote mark) and ends with sentence
// punctuation (before any closing quote mark or bracket).
func completeSentence(text string) bool {
	t := strings.TrimLeft(text, "\"'“‘«([")
	r, _ := utf8.DecodeRuneInString(t)
	if r == utf8.RuneError || !(unicode.IsUpper(r) || unicode.IsDigit(r)) {
		return false
	}
	t = strings.TrimRight(text, "\"'”’»)]")
	l, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…", l)
}

// pickQuotes chooses up to max quotes from distinct studies: high-rigor
// studies first, then complete sentences, then longer passages.
func pickQuotes(ps []*passage, max int, cites map[string]string) []QuoteRef {
	sorted := append([]*passage(nil), ps...)
	sort.Slice(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.rank != b.rank {
			return a.rank > b.rank
		}
		if a.complete != b.complete {
			return a.complete
		}
		al, bl := min(a.runes, maxQuoteRunes), min(b.runes, maxQuoteRunes)
		if al != bl {
			return al > bl
		}
		if a.q.StudyGUID != b.q.StudyGUID {
			return a.q.StudyGUID < b.q.StudyGUID
		}
		if a.q.Start != b.q.Start {
			return a.q.Start < b.q.Start
		}
		return a.text < b.text
	})
	used := map[string]bool{}
	var out []QuoteRef
	for _, p := range sorted {
		if len(out) >= max {
			break
		}
		if used[p.q.StudyGUID] {
			continue
		}
		used[p.q.StudyGUID] = true
		out = append(out, QuoteRef{StudyGUID: p.q.StudyGUID, Text: shorten(p.text, maxQuoteRunes),
			Page: p.q.Page, Citation: quoteCitation(cites[p.q.StudyGUID], p.q.Page),
			Rating: ratingName(p.rank)})
	}
	return out
}

func ratingName(rank int) string {
	return [...]string{"", "low", "medium", "high"}[rank]
}

// shorten cuts text to about n runes at a word boundary, adding "…".
func shorten(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := strings.LastIndexByte(string(r), ' ')
	s := string(r)
	if cut > len(s)/2 {
		s = s[:cut]
	}
	return strings.TrimRight(s, " ,;:") + "…"
}
