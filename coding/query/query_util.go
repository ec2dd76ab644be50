package query

import (
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

// codingWhere builds the FROM/WHERE part of a read of the codings table for
// a set of codes (nil = all) and coders (nil = all). SQLite would answer a
// long code list through the codings_code index, visiting the table in
// random order; when the codes are more than a quarter of the codebook a
// sequential scan that tests the list row by row is several times faster,
// so the index is bypassed (seq is then true).
func codingWhere(codes []string, totalCodes int, coders []string) (from string, args []any, seq bool) {
	from = ` FROM codings`
	var where []string
	if codes != nil {
		if len(codes) == 0 {
			codes = []string{""}
		}
		if len(codes)*4 >= totalCodes {
			from, seq = ` FROM codings NOT INDEXED`, true
		}
		w, a := corpus.InList("code", codes)
		where, args = append(where, w), append(args, a...)
	}
	if len(coders) > 0 {
		w, a := corpus.InList("coder", coders)
		where, args = append(where, w), append(args, a...)
	}
	if len(where) > 0 {
		from += ` WHERE ` + strings.Join(where, " AND ")
	}
	return from, args, seq
}
