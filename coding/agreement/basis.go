package agreement

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// UnitNoun names units of agreement for people: "characters", "sentences",
// "paragraphs", "study-code pairs" (singular when n is 1).
func UnitNoun(unit string, n float64) string {
	var one, many string
	switch unit {
	case UnitSentence:
		one, many = "sentence", "sentences"
	case UnitParagraph:
		one, many = "paragraph", "paragraphs"
	case UnitStudy:
		one, many = "study-code pair", "study-code pairs"
	default:
		one, many = "character", "characters"
	}
	if n == 1 {
		return one
	}
	return many
}

// Count formats a (weighted) unit count with thousands separators: 12,947.
func Count(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	s := strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64)
	var b strings.Builder
	if v <= -0.5 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Basis says in words what a row's figures rest on, for example "12,947
// characters, 8,120 coded by anyone; statistics on the 6,104 both coders
// could code": every unit, those anyone coded, and the pairable units the
// coefficients rest on.
func (r *Result) Basis(row Row) string {
	who := "both coders"
	if len(r.Coders) > 2 {
		who = "at least two coders"
	}
	return fmt.Sprintf("%s %s, %s coded by anyone; statistics on the %s %s could code",
		Count(row.Units), UnitNoun(r.Unit, row.Units), Count(row.Coded), Count(row.Pairable), who)
}
