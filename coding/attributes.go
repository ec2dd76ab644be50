package coding

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// Study methods a study's Method attribute may hold.
const (
	MethodQualitative   = "qualitative"
	MethodQuantitative  = "quantitative"
	MethodMixed         = "mixed"
	MethodLegalPolicy   = "legal/policy review"
	MethodLiteratureRev = "literature review"
	MethodOther         = "other"
)

// Methods lists the allowed study methods in display order ("" means not recorded).
var Methods = []string{MethodQualitative, MethodQuantitative, MethodMixed, MethodLegalPolicy, MethodLiteratureRev, MethodOther}

// Attribute field names, as used by AttributePatch.Set, the CSV columns and
// the command line.
const (
	FieldTitle      = "title"
	FieldAuthors    = "authors"
	FieldYear       = "year"
	FieldCountries  = "countries"
	FieldSectors    = "sectors"
	FieldMethod     = "method"
	FieldSampleSize = "sample_size"
	FieldPopulation = "population"
	FieldLanguage   = "language"
	FieldPubType    = "publication_type"
	FieldPublisher  = "publisher"
	FieldDOI        = "doi"
)

// AttributeFields lists the editable attribute fields in display order.
var AttributeFields = []string{FieldTitle, FieldAuthors, FieldYear, FieldCountries, FieldSectors, FieldMethod,
	FieldSampleSize, FieldPopulation, FieldLanguage, FieldPubType, FieldPublisher, FieldDOI}

// MultiSeparator separates the values of a multi-valued field (authors,
// countries, sectors) in CSV files and on the command line.
const MultiSeparator = "; "

// Conditions of study attributes a user can fix.
var (
	// ErrInvalidAttribute means an attribute value is not allowed (an unknown
	// method, a negative year or sample size, a non-number).
	ErrInvalidAttribute = errors.New("invalid study attribute")
	// ErrUnknownField means an attribute field name is not one of AttributeFields.
	ErrUnknownField = errors.New("unknown attribute field")
)

// fieldAliases maps accepted spellings to the canonical field names.
var fieldAliases = map[string]string{
	"pub_type": FieldPubType, "pubtype": FieldPubType, "publication type": FieldPubType, "type": FieldPubType,
	"sample size": FieldSampleSize, "samplesize": FieldSampleSize, "sample": FieldSampleSize,
	"country": FieldCountries, "sector": FieldSectors, "author": FieldAuthors, "organisation": FieldPublisher,
}

// CanonicalField returns the canonical name of an attribute field given in
// any accepted spelling (case-insensitive, "publication type" or
// "pub_type"), or ErrUnknownField.
func CanonicalField(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if slices.Contains(AttributeFields, n) {
		return n, nil
	}
	if c, ok := fieldAliases[n]; ok {
		return c, nil
	}
	if c, ok := fieldAliases[strings.ReplaceAll(n, "_", " ")]; ok {
		return c, nil
	}
	return "", fmt.Errorf("%w %q (use one of %s)", ErrUnknownField, name, strings.Join(AttributeFields, ", "))
}

// NormaliseMethod returns the canonical method for s (case-insensitive,
// "legal review", "policy review" and "literature" accepted), "" for an
// empty s, or ErrInvalidAttribute.
func NormaliseMethod(s string) (string, error) {
	m := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch m {
	case "":
		return "", nil
	case "legal review", "policy review", "legal/policy", "legal / policy review", "legal-policy review":
		return MethodLegalPolicy, nil
	case "literature", "lit review", "literature-review":
		return MethodLiteratureRev, nil
	case "mixed methods", "mixed-methods":
		return MethodMixed, nil
	}
	if slices.Contains(Methods, m) {
		return m, nil
	}
	return "", fmt.Errorf("%w: method %q is not one of %s", ErrInvalidAttribute, s, strings.Join(Methods, ", "))
}

// SplitMulti splits a multi-valued field written with MultiSeparator (a
// bare ";" works too), trimming values and dropping empty ones.
func SplitMulti(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// JoinMulti writes a multi-valued field with MultiSeparator.
func JoinMulti(vs []string) string { return strings.Join(vs, MultiSeparator) }

// cleanList trims values and drops empty and case-insensitively repeated ones,
// keeping the first spelling and the order.
func cleanList(vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		v = strings.Join(strings.Fields(v), " ")
		if v == "" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, v) }) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// ValidateAttributes normalises a (trimmed text, cleaned lists, canonical
// method) and checks it: the method is one of Methods or empty, year is 0 or
// between 1800 and 2200, sample size is not negative.
func ValidateAttributes(a *corpus.Attributes) error {
	a.Title = strings.TrimSpace(a.Title)
	a.Authors = names.Clean(a.Authors)
	a.Countries = cleanList(a.Countries)
	a.Sectors = cleanList(a.Sectors)
	a.Population = strings.TrimSpace(a.Population)
	a.Language = strings.TrimSpace(a.Language)
	a.PubType = strings.TrimSpace(a.PubType)
	a.Publisher = strings.TrimSpace(a.Publisher)
	a.DOI = NormaliseDOI(a.DOI)
	m, err := NormaliseMethod(a.Method)
	if err != nil {
		return err
	}
	a.Method = m
	if a.Year != 0 && (a.Year < 1800 || a.Year > 2200) {
		return fmt.Errorf("%w: year %d (give a four-digit year, or 0 when unknown)", ErrInvalidAttribute, a.Year)
	}
	if a.SampleSize < 0 {
		return fmt.Errorf("%w: sample size %d is negative", ErrInvalidAttribute, a.SampleSize)
	}
	return nil
}

// SetAttributes validates and saves a study's attributes as one action.
func SetAttributes(p *corpus.Project, study string, a corpus.Attributes) error {
	if err := ValidateAttributes(&a); err != nil {
		return err
	}
	return p.Do("Edit study attributes", func(tx *corpus.Tx) error {
		if err := tx.SetAttributes(study, a); err != nil {
			return fmt.Errorf("edit attributes of study %s: %w", study, err)
		}
		return nil
	})
}

// AttributePatch changes some attributes of many studies at once. A nil
// pointer leaves the field alone; Add* and Remove* add or remove values of a
// multi-valued field while keeping the others (applied after the field's
// replacement, when both are given).
type AttributePatch struct {
	Title, Method, Population, Language, PubType, Publisher *string
	DOI                                                     *string
	Year, SampleSize                                        *int
	Countries, Sectors                                      *[]string
	AddCountries, AddSectors                                []string
	RemoveCountries, RemoveSectors                          []string
	// Authors replaces the authors; AddAuthors and RemoveAuthors add and
	// remove authors (matched by names.Author.Key).
	Authors                   *[]names.Author
	AddAuthors, RemoveAuthors []names.Author
}

// Empty reports whether the patch changes nothing.
func (pt AttributePatch) Empty() bool {
	return pt.Title == nil && pt.DOI == nil && pt.Method == nil && pt.Population == nil && pt.Language == nil && pt.PubType == nil &&
		pt.Publisher == nil && pt.Year == nil && pt.SampleSize == nil && pt.Authors == nil && pt.Countries == nil &&
		pt.Sectors == nil && len(pt.AddAuthors)+len(pt.AddCountries)+len(pt.AddSectors)+
		len(pt.RemoveAuthors)+len(pt.RemoveCountries)+len(pt.RemoveSectors) == 0
}

// Set sets one field from text, as typed on the command line or in a CSV
// cell: multi-valued fields are split on ";", numbers parsed, "" clears.
// A field name ending in "+" adds the values to a multi-valued field, one
// ending in "-" removes them ("sectors+" = "Agriculture").
func (pt *AttributePatch) Set(field, value string) error {
	op := byte(0)
	if f := strings.TrimSpace(field); strings.HasSuffix(f, "+") || strings.HasSuffix(f, "-") {
		op, field = f[len(f)-1], f[:len(f)-1]
	}
	name, err := CanonicalField(field)
	if err != nil {
		return err
	}
	value = strings.TrimSpace(value)
	if name == FieldAuthors {
		authors := ParseAuthors(value)
		switch op {
		case '+':
			pt.AddAuthors = append(pt.AddAuthors, authors...)
		case '-':
			pt.RemoveAuthors = append(pt.RemoveAuthors, authors...)
		default:
			pt.Authors = &authors
		}
		return nil
	}
	multi := map[string][3]*[]string{
		FieldCountries: {nil, &pt.AddCountries, &pt.RemoveCountries},
		FieldSectors:   {nil, &pt.AddSectors, &pt.RemoveSectors},
	}
	if op != 0 {
		m, ok := multi[name]
		if !ok {
			return fmt.Errorf("%w: only authors, countries and sectors can be added to or removed from", ErrInvalidAttribute)
		}
		if op == '+' {
			*m[1] = append(*m[1], SplitMulti(value)...)
		} else {
			*m[2] = append(*m[2], SplitMulti(value)...)
		}
		return nil
	}
	str := func(dst **string) { v := value; *dst = &v }
	num := func(dst **int, what string) error {
		n := 0
		if value != "" {
			v, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("%w: %s %q is not a whole number", ErrInvalidAttribute, what, value)
			}
			n = v
		}
		*dst = &n
		return nil
	}
	list := func(dst **[]string) { l := SplitMulti(value); *dst = &l }
	switch name {
	case FieldTitle:
		str(&pt.Title)
	case FieldMethod:
		m, err := NormaliseMethod(value)
		if err != nil {
			return err
		}
		pt.Method = &m
	case FieldPopulation:
		str(&pt.Population)
	case FieldLanguage:
		str(&pt.Language)
	case FieldPubType:
		str(&pt.PubType)
	case FieldPublisher:
		str(&pt.Publisher)
	case FieldDOI:
		str(&pt.DOI)
	case FieldYear:
		return num(&pt.Year, "year")
	case FieldSampleSize:
		return num(&pt.SampleSize, "sample size")
	case FieldCountries:
		list(&pt.Countries)
	case FieldSectors:
		list(&pt.Sectors)
	}
	return nil
}

// Apply returns a with the patch applied (not yet validated).
func (pt AttributePatch) Apply(a corpus.Attributes) corpus.Attributes {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.Title, pt.Title)
	set(&a.Method, pt.Method)
	set(&a.Population, pt.Population)
	set(&a.Language, pt.Language)
	set(&a.PubType, pt.PubType)
	set(&a.Publisher, pt.Publisher)
	set(&a.DOI, pt.DOI)
	if pt.Year != nil {
		a.Year = *pt.Year
	}
	if pt.SampleSize != nil {
		a.SampleSize = *pt.SampleSize
	}
	a.Authors = patchAuthors(a.Authors, pt.Authors, pt.AddAuthors, pt.RemoveAuthors)
	a.Countries = patchList(a.Countries, pt.Countries, pt.AddCountries, pt.RemoveCountries)
	a.Sectors = patchList(a.Sectors, pt.Sectors, pt.AddSectors, pt.RemoveSectors)
	return a
}

func patchList(cur []string, repl *[]string, add, remove []string) []string {
	out := slices.Clone(cur)
	if repl != nil {
		out = slices.Clone(*repl)
	}
	out = append(out, add...)
	return slices.DeleteFunc(cleanList(out), func(v string) bool {
		return slices.ContainsFunc(remove, func(r string) bool { return strings.EqualFold(strings.TrimSpace(r), v) })
	})
}

// NormaliseDOI returns the bare DOI of s ("https://doi.org/10.1/x",
// "doi:10.1/x" and "10.1/x" all give "10.1/x"), trimmed; text that holds no
// DOI is returned trimmed.
func NormaliseDOI(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "10."); i >= 0 && strings.Contains(s[i:], "/") {
		return strings.TrimRight(s[i:], ".,;")
	}
	return s
}

// ParseAuthors reads an author list as typed on the command line, in the
// study form or in a CSV cell: authors separated by ";", each in the text
// form of names.Parse ("Nguyen Van Minh; Tran Thi Lan", "Smith, John",
// "/Li/ Wei", "{Thura Aung}"); an item holding a comma-separated list of
// full names is split (names.ParseList).
func ParseAuthors(s string) []names.Author {
	var out []names.Author
	for _, v := range SplitMulti(s) {
		out = append(out, names.ParseList(v)...)
	}
	return names.Clean(out)
}

// patchAuthors replaces, adds and removes authors.
func patchAuthors(cur []names.Author, repl *[]names.Author, add, remove []names.Author) []names.Author {
	out := slices.Clone(cur)
	if repl != nil {
		out = slices.Clone(*repl)
	}
	out = names.Clean(append(out, add...))
	return slices.DeleteFunc(out, func(a names.Author) bool {
		return slices.ContainsFunc(remove, func(r names.Author) bool {
			return r.Key() == a.Key() || strings.EqualFold(r.Full(), a.Full())
		})
	})
}

// BulkEdit applies one patch to many studies as a single action (one undo
// step) and returns how many studies actually changed. Every study is
// validated first; an invalid result for any study changes none.
func BulkEdit(p *corpus.Project, studies []string, patch AttributePatch) (int, error) {
	if patch.Empty() || len(studies) == 0 {
		return 0, nil
	}
	label := "Edit attributes of 1 study"
	if len(studies) > 1 {
		label = fmt.Sprintf("Edit attributes of %d studies", len(studies))
	}
	changed := 0
	err := p.Do(label, func(tx *corpus.Tx) error {
		changed = 0
		seen := map[string]bool{}
		for _, guid := range studies {
			if seen[guid] {
				continue
			}
			seen[guid] = true
			cur, err := txStudyAttributes(tx, guid)
			if err != nil {
				return err
			}
			next := patch.Apply(cur)
			if err := ValidateAttributes(&next); err != nil {
				return fmt.Errorf("study %q: %w", cur.Title, err)
			}
			if SameAttributes(cur, next) {
				continue
			}
			if err := tx.SetAttributes(guid, next); err != nil {
				return fmt.Errorf("edit attributes of study %s: %w", guid, err)
			}
			changed++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

// txStudyAttributes reads a study's attributes inside an action.
func txStudyAttributes(tx *corpus.Tx, guid string) (corpus.Attributes, error) {
	var a corpus.Attributes
	var authors, countries, sectors string
	err := tx.QueryRow(`SELECT title, authors, year, countries, sectors, method, sample_size, population, language, pub_type, publisher, doi
		FROM studies WHERE guid = ?`, guid).Scan(&a.Title, &authors, &a.Year, &countries, &sectors, &a.Method, &a.SampleSize,
		&a.Population, &a.Language, &a.PubType, &a.Publisher, &a.DOI)
	if err != nil {
		if isNoRows(err) {
			return a, fmt.Errorf("study %s: %w", guid, corpus.ErrNotFound)
		}
		return a, fmt.Errorf("read study %s: %w", guid, err)
	}
	a.Authors, a.Countries, a.Sectors = corpus.ReadAuthors(authors), jsonList(countries), jsonList(sectors)
	return a, nil
}

// SameAttributes reports whether two attribute sets are equal field by field.
func SameAttributes(a, b corpus.Attributes) bool {
	return a.Title == b.Title && slices.Equal(a.Authors, b.Authors) && a.Year == b.Year &&
		slices.Equal(a.Countries, b.Countries) && slices.Equal(a.Sectors, b.Sectors) && a.Method == b.Method &&
		a.SampleSize == b.SampleSize && a.Population == b.Population && a.Language == b.Language &&
		a.PubType == b.PubType && a.Publisher == b.Publisher && a.DOI == b.DOI
}

// AttributeValue returns one field of a as text (multi-valued fields joined
// with MultiSeparator, 0 numbers as "").
func AttributeValue(a corpus.Attributes, field string) string {
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	switch field {
	case FieldTitle:
		return a.Title
	case FieldAuthors:
		return names.JoinText(a.Authors)
	case FieldYear:
		return num(a.Year)
	case FieldCountries:
		return JoinMulti(a.Countries)
	case FieldSectors:
		return JoinMulti(a.Sectors)
	case FieldMethod:
		return a.Method
	case FieldSampleSize:
		return num(a.SampleSize)
	case FieldPopulation:
		return a.Population
	case FieldLanguage:
		return a.Language
	case FieldPubType:
		return a.PubType
	case FieldPublisher:
		return a.Publisher
	case FieldDOI:
		return a.DOI
	}
	return ""
}
