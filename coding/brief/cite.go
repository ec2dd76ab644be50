package brief

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CitationStyle names how a brief cites its studies and lists its
// references.
type CitationStyle string

// The citation styles.
const (
	// StyleAuthorYear cites "Nguyen and Tran 2018", "Pham et al. 2019",
	// quotes "(Nguyen and Tran 2018, p. 3)"; references as in APA. It is the
	// default ("").
	StyleAuthorYear CitationStyle = "author-year"
	// StyleAPA is APA 7: "Nguyen & Tran, 2018", "Pham et al., 2019", quotes
	// "(Nguyen & Tran, 2018, p. 3)", "n.d.-a" for undated twins, references
	// with up to 20 authors and the DOI as a link.
	StyleAPA CitationStyle = "apa"
)

// CitationStyles lists the styles, default first.
var CitationStyles = []CitationStyle{StyleAuthorYear, StyleAPA}

// ParseCitationStyle returns the style named s ("" is the default,
// "apa7" and "harvard" are accepted), or a *FilterError.
func ParseCitationStyle(s string) (CitationStyle, error) {
	switch key(s) {
	case "", "author-year", "author year", "authoryear", "harvard":
		return StyleAuthorYear, nil
	case "apa", "apa7", "apa 7", "apa-7":
		return StyleAPA, nil
	}
	return "", &FilterError{Field: "citation style", Problem: fmt.Sprintf("%q is not author-year or apa", s)}
}

// citeAuthors is the author part of an in-text citation: the first
// author's cited name (family name, or the whole name for single names and
// Thai practice), "A and B" ("A & B" in APA) for two authors, "A et al."
// for three or more; the title's first words without authors.
func citeAuthors(s *Study, style CitationStyle) string {
	var cited []string
	for _, a := range s.Authors {
		if c := a.Cited(); c != "" {
			cited = append(cited, c)
		}
	}
	and := " and "
	if style == StyleAPA {
		and = " & "
	}
	switch len(cited) {
	case 0:
		return shortTitle(s.Title)
	case 1:
		return cited[0]
	case 2:
		return cited[0] + and + cited[1]
	default:
		return cited[0] + " et al."
	}
}

// shortTitle stands in for a missing author: the title's first words.
func shortTitle(t string) string {
	w := strings.Fields(t)
	if len(w) == 0 {
		return "Anonymous"
	}
	if len(w) > 4 {
		return strings.Join(w[:4], " ") + "…"
	}
	return strings.Join(w, " ")
}

func yearText(y int) string {
	if y <= 0 {
		return "n.d."
	}
	return strconv.Itoa(y)
}

// referenceAuthors formats the author list of a reference entry:
// "Nguyen, V. M., Tran, T. L., & Daw Hnin Wai". APA lists up to 20 authors,
// then the first 19, "…" and the last.
func referenceAuthors(s *Study) string {
	var out []string
	for _, a := range s.Authors {
		if n := a.Inverted(); n != "" {
			out = append(out, n)
		}
	}
	switch {
	case len(out) == 0:
		return ""
	case len(out) == 1:
		return out[0]
	case len(out) > 20:
		return strings.Join(out[:19], ", ") + ", … " + out[len(out)-1]
	case len(out) == 2:
		return out[0] + ", & " + out[1]
	}
	return strings.Join(out[:len(out)-1], ", ") + ", & " + out[len(out)-1]
}

// endSentence appends a full stop unless s already ends with punctuation.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?…", r) {
		return s
	}
	return s + "."
}

// citations computes the in-text citation and the reference entry of each
// study in a style, telling apart identical "Author Year" pairs with a, b,
// c... after the year. It returns the references sorted and the citation
// per GUID.
func citations(studies []*Study, style CitationStyle) ([]Reference, map[string]string) {
	type entry struct {
		s       *Study
		authors string
		year    string
	}
	groups := map[string][]*entry{}
	var keys []string
	for _, s := range studies {
		e := &entry{s: s, authors: citeAuthors(s, style), year: yearText(s.Year)}
		k := e.authors + "\x00" + e.year
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	sep := " "
	if style == StyleAPA {
		sep = ", "
	}
	cites := make(map[string]string, len(studies))
	refs := make([]Reference, 0, len(studies))
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool {
			ti, tj := strings.ToLower(g[i].s.Title), strings.ToLower(g[j].s.Title)
			if ti != tj {
				return ti < tj
			}
			return g[i].s.GUID < g[j].s.GUID
		})
		for i, e := range g {
			year := e.year
			if len(g) > 1 && i < 26 {
				if year == "n.d." {
					year += "-"
				}
				year += string(rune('a' + i))
			}
			cites[e.s.GUID] = e.authors + sep + year
			refs = append(refs, Reference{
				StudyGUID: e.s.GUID,
				Citation:  e.authors + sep + year,
				Text:      referenceText(e.s, year, style),
			})
		}
	}
	order := make(map[string]string, len(refs))
	for _, s := range studies {
		order[s.GUID] = referenceKey(s)
	}
	sort.Slice(refs, func(i, j int) bool {
		ki, kj := order[refs[i].StudyGUID]+strings.ToLower(refs[i].Text), order[refs[j].StudyGUID]+strings.ToLower(refs[j].Text)
		if ki != kj {
			return ki < kj
		}
		return refs[i].StudyGUID < refs[j].StudyGUID
	})
	return refs, cites
}

// referenceKey orders the reference list as APA does: by the authors'
// names, one author before the same author with others ("nothing precedes
// something"), then by the entry's text (year, title).
func referenceKey(s *Study) string {
	var parts []string
	for _, a := range s.Authors {
		if n := a.Inverted(); n != "" {
			parts = append(parts, strings.ToLower(n))
		}
	}
	if len(parts) == 0 {
		return strings.ToLower(strings.Join(strings.Fields(s.Title), " ")) + "\x00"
	}
	return strings.Join(parts, "\x01") + "\x00"
}

// referenceText formats "Author, A. (Year). Title. Publisher."; without
// authors the title takes the author's place, as APA does. APA adds the
// DOI as a link.
func referenceText(s *Study, year string, style CitationStyle) string {
	title := endSentence(strings.Join(strings.Fields(s.Title), " "))
	if title == "" {
		title = "Untitled."
	}
	var b strings.Builder
	if a := referenceAuthors(s); a != "" {
		b.WriteString(endSentence(a))
		b.WriteString(" (" + year + "). ")
		b.WriteString(title)
	} else {
		b.WriteString(title)
		b.WriteString(" (" + year + ").")
	}
	if p := strings.TrimSpace(s.Publisher); p != "" {
		b.WriteString(" " + endSentence(p))
	}
	if d := strings.TrimSpace(s.DOI); d != "" && style == StyleAPA {
		b.WriteString(" https://doi.org/" + d)
	}
	return b.String()
}

// quoteCitation formats "(Smith et al. 2019, p. 12)" from a citation.
func quoteCitation(cite string, page int) string {
	if page > 0 {
		return "(" + cite + ", p. " + strconv.Itoa(page) + ")"
	}
	return "(" + cite + ")"
}
