package coding

import (
	"database/sql"
	"encoding/json"
	"errors"
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
