// Package names models the authors of a study as people rather than
// strings: a family name and given names written in the order of the
// author's naming convention, or a single name cited whole (a Burmese name,
// a mononym, an organisation). It parses names as they are typed or found
// in PDF metadata and reference managers, splits author lists, and writes
// the editable text form that Parse reads back.
//
// The conventions implemented:
//
//   - Western names, and romanised Thai and Lao names (as the authors'
//     English-language publications cite them): given names first, cited by
//     family name ("Anurak Phromsiri" is cited "Phromsiri").
//   - Vietnamese, Chinese and Khmer names: family name first, cited by family
//     name ("Nguyen Van Minh" is cited "Nguyen", "Chan Sophea" "Chan").
//   - Burmese names have no family name and are cited whole ("Daw Hnin Wai",
//     "Thura Aung"), as are mononyms and organisations.
//   - Names written in Thai or Lao script follow Thai practice: given name
//     first and cited by the full name, not inverted ("สมชาย ใจดี").
//
// Parsing can only guess a convention from the name itself; the text form
// (see Author.Text) states it explicitly when the guess is wrong.
package names

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Order says how a person's name is written and cited.
type Order string

// The orders of a person's name.
const (
	// GivenFirst is "Given Family", cited by the family name: Western names
	// and romanised Thai and Lao names. It is the zero value.
	GivenFirst Order = ""
	// FamilyFirst is "Family Given", cited by the family name: Vietnamese,
	// Chinese, Khmer and Korean names.
	FamilyFirst Order = "family-first"
	// FullName is "Given Family", cited by the whole name, not inverted:
	// Thai and Lao practice.
	FullName Order = "full-name"
)

// Author is one author of a study: a person with a family name and given
// names, or a single name cited whole. Exactly one of Family and Name is
// set in a non-zero Author.
type Author struct {
	// Family is the family name (surname), "" for a single name.
	Family string `json:"family,omitempty"`
	// Given are the given names as written ("Van Minh", "J. K."), possibly "".
	Given string `json:"given,omitempty"`
	// Name is a name cited whole: a Burmese name, a mononym, an organisation.
	Name string `json:"name,omitempty"`
	// Order is how the person's name is written and cited.
	Order Order `json:"order,omitempty"`
}

// IsZero reports whether a is empty.
func (a Author) IsZero() bool { return a.Family == "" && a.Name == "" && a.Given == "" }

// Single reports whether a is one name cited whole (no family name).
func (a Author) Single() bool { return a.Family == "" }

// Full returns the name as written: "John Smith", "Nguyen Van Minh",
// "Daw Hnin Wai".
func (a Author) Full() string {
	switch {
	case a.Family == "":
		return strings.TrimSpace(a.Name + " " + a.Given)
	case a.Given == "":
		return a.Family
	case a.Order == FamilyFirst:
		return a.Family + " " + a.Given
	}
	return a.Given + " " + a.Family
}

// Cited returns the name an in-text citation uses: the family name, or the
// whole name for single names and Thai practice.
func (a Author) Cited() string {
	if a.Family == "" || a.Order == FullName {
		return a.Full()
	}
	return a.Family
}

// Inverted returns the name as a reference list writes it: "Smith, J. K."
// (given names as initials), or the whole name when it is cited whole.
func (a Author) Inverted() string {
	if a.Family == "" || a.Order == FullName {
		return a.Full()
	}
	if in := Initials(a.Given); in != "" {
		return a.Family + ", " + in
	}
	return a.Family
}

// Key returns a case-folded key that identifies the person for matching
// ("nguyen|van minh").
func (a Author) Key() string {
	return strings.ToLower(a.Family + "|" + a.Given + "|" + a.Name)
}

// Text returns the editable text form of a, which Parse reads back into the
// same Author: the name as written when Parse would guess it right, else
// marked up. Slashes mark the family name, in the written order
// ("Minh /Nguyen/", "/Nguyen/ Van Minh"); braces mark a name cited whole
// ("{Thura Aung}"), with slashes inside for Thai practice
// ("{Anurak /Phromsiri/}").
func (a Author) Text() string {
	if a.IsZero() {
		return ""
	}
	if plain := a.Full(); Parse(plain) == a {
		return plain
	}
	if a.Family == "" {
		return "{" + a.Full() + "}"
	}
	var s string
	switch {
	case a.Given == "":
		s = "/" + a.Family + "/"
	case a.Order == FamilyFirst:
		s = "/" + a.Family + "/ " + a.Given
	default:
		s = a.Given + " /" + a.Family + "/"
	}
	if a.Order == FullName {
		return "{" + s + "}"
	}
	return s
}

// String returns the name as written.
func (a Author) String() string { return a.Full() }

// UnmarshalJSON reads an Author stored as an object or, from files written
// before authors were structured, as a plain string (parsed with Parse).
func (a *Author) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*a = Parse(s)
		return nil
	}
	type plain Author
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*a = Author(p).clean()
	return nil
}

// clean trims the fields and keeps them consistent: a name without a
// family name is a single name.
func (a Author) clean() Author {
	a.Family, a.Given, a.Name = collapse(a.Family), collapse(a.Given), collapse(a.Name)
	if a.Family == "" {
		a.Name = strings.TrimSpace(a.Name + " " + a.Given)
		a.Given, a.Order = "", GivenFirst
	} else {
		a.Name = ""
	}
	switch a.Order {
	case GivenFirst, FamilyFirst, FullName:
	default:
		a.Order = GivenFirst
	}
	return a
}

// New returns a cleaned Author: a person when family is not empty, else
// the single name given.
func New(family, given string, order Order) Author {
	return Author{Family: family, Given: given, Order: order}.clean()
}

// SingleName returns an Author cited whole under name.
func SingleName(name string) Author { return Author{Name: name}.clean() }

// Initials turns given names into initials: "Mary Ann" -> "M. A.",
// "Jean-Paul" -> "J.-P.", "J.K." -> "J. K.". Names in scripts without
// letter case (Thai, Khmer...) are kept whole.
func Initials(given string) string {
	var parts []string
	for _, g := range strings.Fields(strings.ReplaceAll(given, ".", ". ")) {
		var hy []string
		for _, h := range strings.Split(g, "-") {
			r, _ := utf8.DecodeRuneInString(h)
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			if !unicode.IsUpper(r) && !unicode.IsLower(r) {
				return given // no case: initials make no sense
			}
			hy = append(hy, string(unicode.ToUpper(r))+".")
		}
		if len(hy) > 0 {
			parts = append(parts, strings.Join(hy, "-"))
		}
	}
	return strings.Join(parts, " ")
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Texts returns the text forms of authors (see Author.Text).
func Texts(authors []Author) []string {
	out := make([]string, 0, len(authors))
	for _, a := range authors {
		if t := a.Text(); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Fulls returns the authors' names as written.
func Fulls(authors []Author) []string {
	out := make([]string, 0, len(authors))
	for _, a := range authors {
		if f := a.Full(); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// JoinText writes authors in the editable list form, "; " between them.
func JoinText(authors []Author) string { return strings.Join(Texts(authors), "; ") }

// Clean drops empty and repeated authors (same Key), keeping the order.
func Clean(authors []Author) []Author {
	out := make([]Author, 0, len(authors))
	seen := map[string]bool{}
	for _, a := range authors {
		a = a.clean()
		if a.IsZero() || seen[a.Key()] {
			continue
		}
		seen[a.Key()] = true
		out = append(out, a)
	}
	return out
}
