package corpus

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"github.com/evidence-workbench/workbench/corpus/names"
	sqlite "modernc.org/sqlite"
)

// authorsFunc is the SQL function that corpus's migration 5 uses to turn a
// study's authors from the old JSON list of strings into structured
// authors (see migrateAuthors).
const authorsFunc = "ewb_authors_v1"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(authorsFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var s string
		switch v := args[0].(type) {
		case string:
			s = v
		case []byte:
			s = string(v)
		case nil:
			return "[]", nil
		default:
			return nil, fmt.Errorf("%s: authors are %T, not JSON text", authorsFunc, v)
		}
		return migrateAuthors(s), nil
	})
}

// migrateAuthors rewrites a stored author list: each old string becomes one
// or more structured authors, parsed by the rules of the import
// (names.ParseTexts: "Thura Aung, Rebecca Okafor" is two people); objects
// are kept. Text that is not a JSON list is read as one author list.
func migrateAuthors(stored string) string {
	var items []json.RawMessage
	if err := json.Unmarshal([]byte(stored), &items); err != nil {
		return authorsJSON(names.ParseList(stored))
	}
	var out []names.Author
	for _, it := range items {
		var s string
		if json.Unmarshal(it, &s) == nil {
			out = append(out, names.ParseList(s)...)
			continue
		}
		var a names.Author
		if json.Unmarshal(it, &a) == nil {
			out = append(out, a)
		}
	}
	return authorsJSON(names.Clean(out))
}

// ReadAuthors decodes a studies.authors value: a JSON list of structured
// authors or, in rows from before migration 5 (an undo record, an old
// exchange file), of strings parsed as names.
func ReadAuthors(stored string) []names.Author {
	var out []names.Author
	if err := json.Unmarshal([]byte(stored), &out); err != nil {
		return nil
	}
	return names.Clean(out)
}

// authorsJSON encodes authors for the studies.authors column.
func authorsJSON(a []names.Author) string {
	if a == nil {
		a = []names.Author{}
	}
	return mustJSON(a)
}
