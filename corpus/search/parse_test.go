package search

import (
	"errors"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "*"},
		{"labour", "labour"},
		{"labour trafficking", "(labour AND trafficking)"},
		{"labour AND trafficking", "(labour AND trafficking)"},
		{"a OR b c", "(a OR (b AND c))"},
		{"(a OR b) c", "((a OR b) AND c)"},
		{`"debt bondage" recruit*`, `("debt bondage" AND recruit*)`},
		{"NOT fishing", "NOT fishing"},
		{"-fishing wages", "(NOT fishing AND wages)"},
		{"forced~ bondage~2 x~1", "(forced~1 AND bondage~2 AND x~1)"},
		{`country:Thailand sector:construction`, "(country:Thailand AND sector:construction)"},
		{`code:"debt bondage"`, `code:"debt bondage"`},
		{"year:>=2015", "year:[2015..*]"},
		{"year:>2015", "year:(2015..*]"},
		{"year:<2010", "year:[*..2010)"},
		{"year:<=2010", "year:[*..2010]"},
		{"year:2010..2015", "year:[2010..2015]"},
		{"year:2012", "year:[2012..2012]"},
		{"year:..2012", "year:[*..2012]"},
		{"YEAR:2012 Country:Laos", "(year:[2012..2012] AND country:Laos)"},
		{"method:qualitative rigor:high title:brokers", "(method:qualitative AND rigor:high AND title:brokers)"},
		{"study:0f8c* page:3", "(study:0f8c* AND page:[3..3])"},
		{"and or not", "(and AND or AND not)"},
		{"child-labour 10:30", "(child-labour AND 10:30)"},
		{"a AND (b OR NOT c)", "(a AND (b OR NOT c))"},
		{"แรงงาน ข้ามชาติ", "(แรงงาน AND ข้ามชาติ)"},
		{"+wages", "wages"},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		message string
	}{
		{`wages "debt bondage`, 7, "unclosed quote at column 7"},
		{`country:Thailand "forced`, 18, "unclosed quote at column 18"},
		{"(a OR b", 1, "unclosed parenthesis at column 1"},
		{"a OR b)", 7, "unexpected ) at column 7"},
		{"a OR", 3, "OR needs a term after it at column 3"},
		{"AND a", 1, "AND needs a term before it at column 1"},
		{"a AND", 3, "AND needs a term after it at column 3"},
		{"a NOT", 3, "NOT needs a term after it at column 3"},
		{"a - b", 3, `'-' must be followed by a word at column 3`},
		{"()", 1, "empty parentheses at column 1"},
		{`""`, 1, "empty phrase at column 1"},
		{"colour:red", 1, `unknown field "colour" (use one of ` + knownFieldList + `) at column 1`},
		{"country: Thailand", 9, `missing value after "country:" at column 9`},
		{"year:abc", 6, "year:abc is not a number or range (try year:2015, year:>=2015 or year:2010..2015) at column 6"},
		{"year:2015..2010", 6, "year range 2015..2010 is empty: 2015 is after 2010 at column 6"},
		{`year:"2015"`, 6, "year: needs a number, not a phrase at column 6"},
		{"bond~3", 5, "fuzziness must be ~1 or ~2, not ~3 at column 5"},
		{"re*cruit", 3, "* is only allowed at the end of a word at column 3"},
		{"wages *", 7, `"*" is not a search term at column 7`},
		{`"debt bondage"~2`, 15, `'~' cannot follow a quoted phrase at column 15`},
		{"ค่าจ้าง \"หนี้", 9, "unclosed quote at column 9"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) error = %v, want *QueryError", tt.in, err)
			continue
		}
		if qe.Pos != tt.pos || qe.Error() != tt.message {
			t.Errorf("ParseQuery(%q) = %q (pos %d), want %q (pos %d)", tt.in, qe.Error(), qe.Pos, tt.message, tt.pos)
		}
	}
}
