package brief

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// personName is an author split into surname and given names; org is set
// for organisations, whose whole name is the "surname".
type personName struct {
	surname string
	given   []string
	org     bool
}

var orgWords = map[string]bool{
	"organization": true, "organisation": true, "office": true, "institute": true,
	"university": true, "foundation": true, "council": true, "agency": true,
	"ministry": true, "department": true, "international": true, "association": true,
	"network": true, "commission": true, "centre": true, "center": true, "bank": true,
	"group": true, "programme": true, "program": true, "project": true, "fund": true,
	"alliance": true, "coalition": true, "trust": true, "society": true,
	"committee": true, "service": true, "services": true, "federation": true,
	"union": true, "initiative": true, "forum": true, "watch": true, "inc": true,
	"inc.": true, "ltd": true, "ltd.": true, "nations": true, "government": true,
	"unicef": true, "unodc": true, "ilo": true, "iom": true, "oecd": true, "osce": true,
}

var particles = map[string]bool{
	"van": true, "von": true, "de": true, "da": true, "del": true, "der": true,
	"den": true, "la": true, "le": true, "du": true, "dos": true, "das": true,
	"di": true, "bin": true, "al": true, "el": true, "ter": true,
}

// parseName splits an author string. "Surname, Given" and "Given Surname"
// are both accepted; organisations are recognised by their words.
func parseName(author string) personName {
	a := strings.Join(strings.Fields(author), " ")
	if a == "" {
		return personName{}
	}
	if sur, given, ok := strings.Cut(a, ","); ok && !isOrg(strings.Fields(a)) {
		return personName{surname: strings.TrimSpace(sur), given: strings.Fields(given)}
	}
	words := strings.Fields(a)
	if len(words) == 1 || isOrg(words) {
		return personName{surname: a, org: len(words) > 1}
	}
	i := len(words) - 1
	for i > 1 && particles[strings.ToLower(words[i-1])] {
		i--
	}
	return personName{surname: strings.Join(words[i:], " "), given: words[:i]}
}

func isOrg(words []string) bool {
	if len(words) > 4 {
		return true
	}
	for _, w := range words {
		if orgWords[strings.ToLower(strings.Trim(w, ",()"))] {
			return true
		}
	}
	return false
}

// initials turns given names into APA initials: "Mary Ann" -> "M. A.",
// "Jean-Paul" -> "J.-P.".
func initials(given []string) string {
	var parts []string
	for _, g := range given {
		var hy []string
		for _, h := range strings.Split(g, "-") {
			r, _ := utf8.DecodeRuneInString(h)
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			hy = append(hy, string(unicode.ToUpper(r))+".")
		}
		if len(hy) > 0 {
			parts = append(parts, strings.Join(hy, "-"))
		}
	}
	return strings.Join(parts, " ")
}

// citeAuthors is the author part of an in-text citation: the first author's
// surname, "A and B" for two authors, "A et al." for three or more.
func citeAuthors(s *Study) string {
	var names []string
	for _, a := range s.Authors {
		if n := parseName(a); n.surname != "" {
			names = append(names, n.surname)
		}
	}
	switch len(names) {
	case 0:
		return shortTitle(s.Title)
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	default:
		return names[0] + " et al."
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

// referenceAuthors formats the author list APA-style:
// "Smith, J., Lee, K., & Brown, A.".
func referenceAuthors(s *Study) string {
	var out []string
	for _, a := range s.Authors {
		n := parseName(a)
		if n.surname == "" {
			continue
		}
		if in := initials(n.given); in != "" {
			out = append(out, n.surname+", "+in)
		} else {
			out = append(out, n.surname)
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	default:
		return strings.Join(out[:len(out)-1], ", ") + ", & " + out[len(out)-1]
	}
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
// study, telling apart identical "Author Year" pairs with a, b, c... after
// the year. It returns the references sorted and the citation per GUID.
func citations(studies []*Study) ([]Reference, map[string]string) {
	type entry struct {
		s       *Study
		authors string
		year    string
	}
	groups := map[string][]*entry{}
	var keys []string
	for _, s := range studies {
		e := &entry{s: s, authors: citeAuthors(s), year: yearText(s.Year)}
		k := e.authors + "\x00" + e.year
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
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
			cites[e.s.GUID] = e.authors + " " + year
			refs = append(refs, Reference{
				StudyGUID: e.s.GUID,
				Citation:  e.authors + " " + year,
				Text:      referenceText(e.s, year),
			})
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		ti, tj := strings.ToLower(refs[i].Text), strings.ToLower(refs[j].Text)
		if ti != tj {
			return ti < tj
		}
		return refs[i].StudyGUID < refs[j].StudyGUID
	})
	return refs, cites
}

// referenceText formats "Author, A. (Year). Title. Publisher."; without
// authors the title takes the author's place, as APA does.
func referenceText(s *Study, year string) string {
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
	return b.String()
}

// quoteCitation formats "(Smith et al. 2019, p. 12)".
func quoteCitation(cite string, page int) string {
	if page > 0 {
		return "(" + cite + ", p. " + strconv.Itoa(page) + ")"
	}
	return "(" + cite + ")"
}
