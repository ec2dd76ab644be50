package brief

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Dimensions a series of briefs is split by.
const (
	PerSector  = "sector"
	PerCountry = "country"
)

// ErrPer reports a dimension a series cannot be split by.
var ErrPer = errors.New("a series of briefs is one brief per sector or per country")

// Series is a series of briefs, one per sector or country, each keeping the
// review's frame and saying how many studies its filter leaves out.
type Series struct {
	// Per is PerSector or PerCountry.
	Per string
	// Items are the briefs, by value.
	Items []SeriesItem
	// Skipped are values that no study matching the other filters covers.
	Skipped []string
	// Unassigned are the included studies matching the other filters that
	// report no value of the dimension, so no brief of the series covers
	// them.
	Unassigned Count
}

// SeriesItem is one brief of a series.
type SeriesItem struct {
	// Value is the sector or country.
	Value string
	// Brief is its brief.
	Brief *Brief
}

// BuildSeries builds one brief per sector or country (per is PerSector or
// PerCountry) of the included studies matching f. When f already limits
// that dimension, the series has one brief per value it lists; otherwise
// one per value the included studies report. Each brief is Build(data, f)
// with the dimension limited to its value.
func BuildSeries(data Data, f Filter, per string) (*Series, error) {
	per = key(per)
	if per != PerSector && per != PerCountry {
		return nil, fmt.Errorf("%q: %w", per, ErrPer)
	}
	if err := validate(&f); err != nil {
		return nil, err
	}
	sel, err := selectStudies(&data, f)
	if err != nil {
		return nil, err
	}
	s := &Series{Per: per}
	values, given := sel.frameSectors, f.Sectors
	dim := func(st *Study) []string { return st.Sectors }
	if per == PerCountry {
		values, given, dim = sel.frameCountries, f.Countries, func(st *Study) []string { return st.Countries }
	}
	if keySet(given) != nil {
		values = nil
		for k := range keySet(given) {
			values = append(values, sel.label(k))
		}
		sortNames(values)
	}
	var unassigned []string
	for _, st := range sel.studies {
		if v := sel.attrs(dim(st), nil); v[0] == notReported {
			unassigned = append(unassigned, st.GUID)
		}
	}
	s.Unassigned = countList(unassigned)
	for _, v := range values {
		g := f
		if per == PerSector {
			g.Sectors = []string{v}
		} else {
			g.Countries = []string{v}
		}
		b, err := Build(data, g)
		if errors.Is(err, ErrNoStudies) {
			s.Skipped = append(s.Skipped, v)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("brief for %s: %w", v, err)
		}
		s.Items = append(s.Items, SeriesItem{Value: v, Brief: b})
	}
	if len(s.Items) == 0 {
		return nil, ErrNoStudies
	}
	return s, nil
}

// FileName turns a value into a file name stem: letters and digits of any
// script kept, everything else a single hyphen ("Lao PDR" -> "lao-pdr",
// "Fishing and seafood processing" -> "fishing-and-seafood-processing").
func FileName(value string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(value) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		s = "brief"
	}
	return s
}
