package coding

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
)

// isNoRows reports whether err is sql.ErrNoRows.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// jsonList decodes a JSON array of strings as stored in the studies table;
// anything unreadable gives an empty list.
func jsonList(s string) []string {
	var out []string
	if s == "" || s == "[]" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil
	}
	return out
}

// jsonText encodes a list of strings as a JSON array ("[]" for none).
func jsonText(vs []string) string {
	if len(vs) == 0 {
		return "[]"
	}
	b, err := json.Marshal(vs)
	if err != nil {
		return "[]"
	}
	return string(b)
}

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
		w, a := inList("code", codes)
		where, args = append(where, w), append(args, a...)
	}
	if len(coders) > 0 {
		w, a := inList("coder", coders)
		where, args = append(where, w), append(args, a...)
	}
	if len(where) > 0 {
		from += ` WHERE ` + strings.Join(where, " AND ")
	}
	return from, args, seq
}
