package names

import (
	"strings"
	"unicode"
)

// Parse reads one author's name, as typed, found in a PDF's metadata or
// exported by a reference manager:
//
//   - "{Whole Name}": a name cited whole; "{Given /Family/}" Thai practice;
//   - "Given /Family/" or "/Family/ Given": the family name marked, in the
//     written order;
//   - "Family|Given": the family name first, written in the order its
//     convention has;
//   - "Family, Given" (as BibTeX and reference managers write names);
//   - "Given Family" or "Family Given" as the name's convention has it
//     (see the package comment), organisations and single words whole.
//
// Parse never fails: an empty string gives the zero Author.
func Parse(s string) Author {
	s = collapse(s)
	if s == "" {
		return Author{}
	}
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		inner := collapse(s[1 : len(s)-1])
		if strings.Count(inner, "/") == 2 {
			if a, ok := parseSlashed(inner); ok {
				a.Order = FullName
				return a.clean()
			}
		}
		return SingleName(strings.ReplaceAll(inner, "/", ""))
	}
	if strings.Count(s, "/") == 2 {
		if a, ok := parseSlashed(s); ok {
			return a.clean()
		}
	}
	if fam, given, ok := strings.Cut(s, "|"); ok {
		return inverted(collapse(fam), collapse(given))
	}
	words := strings.Fields(s)
	if isOrganisation(words) {
		return SingleName(s)
	}
	if fam, given, ok := strings.Cut(s, ","); ok && !strings.Contains(given, ",") {
		return inverted(collapse(fam), collapse(given))
	}
	return natural(words)
}

// parseSlashed reads "Given /Family/" or "/Family/ Given".
func parseSlashed(s string) (Author, bool) {
	i := strings.Index(s, "/")
	j := strings.Index(s[i+1:], "/") + i + 1
	fam := collapse(s[i+1 : j])
	before, after := collapse(s[:i]), collapse(s[j+1:])
	switch {
	case fam == "":
		return Author{}, false
	case before != "" && after != "":
		return Author{Family: fam, Given: before + " " + after}, true
	case after != "":
		return Author{Family: fam, Given: after, Order: FamilyFirst}, true
	}
	return Author{Family: fam, Given: before}, true
}

// inverted reads a name given as family name and given names, as reference
// managers export it, and decides its convention.
func inverted(fam, given string) Author {
	switch {
	case fam == "" && given == "":
		return Author{}
	case fam == "":
		return Parse(given)
	case given == "":
		if w := strings.Fields(fam); len(w) > 1 && (isBurmese(w) || isOrganisation(w)) {
			return SingleName(fam)
		}
		return New(fam, "", GivenFirst)
	}
	natural := strings.Fields(given + " " + fam)
	switch {
	case isBurmese(natural):
		// A Burmese name split by a reference manager: put it back whole.
		return SingleName(given + " " + fam)
	case hasScript(fam+given, unicode.Thai, lao):
		return New(fam, given, FullName)
	case familyFirstSurname(fam) || hasScript(fam+given, unicode.Han, unicode.Khmer, unicode.Hangul):
		return New(fam, given, FamilyFirst)
	}
	return New(fam, given, GivenFirst)
}

var lao = unicode.Lao

// natural reads a name written in its natural order.
func natural(words []string) Author {
	full := strings.Join(words, " ")
	switch {
	case len(words) == 1:
		if r := []rune(full); len(r) >= 2 && len(r) <= 4 && hasScript(full, unicode.Han) {
			return hanName(r)
		}
		return SingleName(full)
	case hasScript(full, unicode.Myanmar) || isBurmese(words):
		return SingleName(full)
	case hasScript(full, unicode.Thai, lao):
		return New(words[len(words)-1], strings.Join(words[:len(words)-1], " "), FullName)
	case hasScript(full, unicode.Khmer, unicode.Han, unicode.Hangul):
		return New(words[0], strings.Join(words[1:], " "), FamilyFirst)
	case len(words) <= 4 && familyFirstSurname(words[0]) && (len(words) >= 3 || !familyFirstSurname(words[len(words)-1])):
		return New(words[0], strings.Join(words[1:], " "), FamilyFirst)
	}
	i := len(words) - 1
	if suffixes[strings.ToLower(strings.TrimSuffix(words[i], "."))] && i > 1 {
		i-- // "Martin Luther King Jr." is cited "King"
	}
	last := i
	for i > 1 && particles[strings.ToLower(words[i-1])] {
		i--
	}
	fam := strings.Join(words[i:last+1], " ")
	given := strings.Join(words[:i], " ")
	if last < len(words)-1 {
		fam += " " + strings.Join(words[last+1:], " ")
	}
	return New(fam, given, GivenFirst)
}

// hanName splits an unspaced Chinese name: a two-character family name
// when it is a known compound one, else the first character.
func hanName(r []rune) Author {
	n := 1
	if len(r) >= 3 && hanCompound[string(r[:2])] {
		n = 2
	}
	return New(string(r[:n]), string(r[n:]), FamilyFirst)
}

// SplitList splits a list of authors written as one string, as PDF
// metadata and some exports hold them, into one string per person:
// "A; B", "A, B and C", "Smith, J., Lee, K." (pairs of family name and
// initials), "Smith, John" (one person) and "Thura Aung, Rebecca Okafor"
// (two people).
func SplitList(s string) []string {
	s = collapse(s)
	if s == "" {
		return nil
	}
	var out []string
	if strings.Contains(s, ";") {
		for _, p := range strings.Split(s, ";") {
			if p = collapse(p); p != "" {
				out = append(out, splitAnd(p)...)
			}
		}
		return out
	}
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && strings.Count(s, "{") == 1 {
		return []string{s}
	}
	if first, _, _ := strings.Cut(s, ","); isOrganisation(strings.Fields(first)) {
		return []string{s} // "Ministry of Labour, Invalids and Social Affairs"
	}
	for _, sep := range []string{" and ", " & ", " AND "} {
		s = strings.ReplaceAll(s, sep, ", ")
	}
	var parts []string
	for _, p := range strings.Split(s, ",") {
		if p = collapse(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	// "Family, Given, Family, Given": every other part a bare family name
	// and the parts between them given names or initials.
	if len(parts)%2 == 0 {
		paired := true
		for i := 0; i < len(parts) && paired; i += 2 {
			paired = bareFamily(parts[i]) && givenLike(parts[i+1])
		}
		if paired {
			for i := 0; i < len(parts); i += 2 {
				out = append(out, parts[i]+", "+parts[i+1])
			}
			return out
		}
	}
	for _, p := range parts {
		if len(out) > 0 && initialsOnly(p) {
			out[len(out)-1] += ", " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// splitAnd splits "A and B" inside a ";" list when both sides are names.
func splitAnd(s string) []string {
	for _, sep := range []string{" and ", " & "} {
		if a, b, ok := strings.Cut(s, sep); ok && !isOrganisation(strings.Fields(s)) {
			return append([]string{collapse(a)}, splitAnd(collapse(b))...)
		}
	}
	return []string{s}
}

// ParseList splits and parses an author list (see SplitList and Parse).
func ParseList(s string) []Author {
	var out []Author
	for _, p := range SplitList(s) {
		if a := Parse(p); !a.IsZero() {
			out = append(out, a)
		}
	}
	return Clean(out)
}

// ParseTexts parses a list whose items are each one name or a list of names
// (as old project files and metadata hold them).
func ParseTexts(items []string) []Author {
	var out []Author
	for _, it := range items {
		out = append(out, ParseList(it)...)
	}
	return Clean(out)
}

// bareFamily reports whether p can be a family name alone: one word,
// possibly with particles ("van der Berg").
func bareFamily(p string) bool {
	w := strings.Fields(p)
	if len(w) == 0 || initialsOnly(p) {
		return false
	}
	for _, x := range w[:len(w)-1] {
		if !particles[strings.ToLower(x)] {
			return false
		}
	}
	return true
}

// givenLike reports whether p can be given names: initials or one or two
// capitalised words.
func givenLike(p string) bool {
	if initialsOnly(p) {
		return true
	}
	w := strings.Fields(p)
	if len(w) == 0 || len(w) > 2 {
		return false
	}
	for _, x := range w {
		if r := []rune(x); unicode.IsLower(r[0]) || !unicode.IsLetter(r[0]) {
			return false // lower case; caseless scripts (Thai) pass
		}
	}
	return true
}

// initialsOnly reports whether p is initials: "J.", "J. K.", "JK", "J.-P.".
func initialsOnly(p string) bool {
	p = strings.NewReplacer(".", " ", "-", " ").Replace(p)
	w := strings.Fields(p)
	if len(w) == 0 {
		return false
	}
	for _, x := range w {
		r := []rune(x)
		if len(r) > 2 {
			return false
		}
		for _, c := range r {
			if !unicode.IsUpper(c) {
				return false
			}
		}
	}
	return true
}

func hasScript(s string, tables ...*unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.In(r, tables...) {
			return true
		}
	}
	return false
}

// isOrganisation reports whether words name an organisation.
func isOrganisation(words []string) bool {
	if len(words) > 5 {
		return true
	}
	for _, w := range words {
		if orgWords[strings.ToLower(strings.Trim(w, ",()."))] {
			return true
		}
	}
	return false
}

// isBurmese reports whether every word of a romanised name of two words or
// more is a Burmese name syllable or honorific ("Daw Hnin Wai",
// "Thura Aung", "Nang Seng Hom").
func isBurmese(words []string) bool {
	if len(words) < 2 {
		return false
	}
	if burmeseHonorific[strings.ToLower(words[0])] {
		for _, w := range words[1:] {
			if burmeseSyllable[strings.ToLower(w)] {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		if !burmeseSyllable[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// familyFirstSurname reports whether w is a common Vietnamese, Chinese or
// Khmer family name (with or without Vietnamese diacritics).
func familyFirstSurname(w string) bool {
	l := strings.ToLower(w)
	return vietSurname[l] || vietSurname[stripMarks(l)] || khmerSurname[l] || chineseSurname[l]
}
