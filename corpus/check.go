package corpus

import (
	"context"
	"fmt"
	"strings"
)

// Check runs SQLite's integrity check and the consistency checks of corpus
// and of every registered Schema (each row points at something that
// exists), in that order.
// It returns the list of problems found; an empty list means the file is
// sound. An error names the file (the problems found until then are
// returned with it).
func (p *Project) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := p.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, pathError(p.path, classify(err))
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		for _, line := range problemLines(s) {
			problems = append(problems, "sqlite: "+line)
		}
	}
	if err := rows.Err(); err != nil {
		problems = append(problems, "sqlite: "+err.Error())
	}
	rows.Close()
	var checks []Check
	for _, sc := range schemas() {
		checks = append(checks, sc.Checks...)
	}
	for _, c := range checks {
		var n int
		if err := p.db.QueryRowContext(ctx, c.Query).Scan(&n); err != nil {
			if IsDamage(err) && len(problems) > 0 {
				// The damage is listed already; the rule cannot be checked.
				problems = append(problems, fmt.Sprintf("%s: cannot be checked (%v)", c.What, err))
				continue
			}
			return problems, pathError(p.path, classify(err))
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf("%d %s", n, c.What))
		}
	}
	return problems, nil
}

// problemLines splits a row of SQLite's integrity check into its problems
// ("ok" is none; the "*** in database main ***" heading is dropped).
func problemLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line == "ok" || strings.HasPrefix(line, "*** in database") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// blobTables are corpus's tables whose rows carry large blobs (the source
// PDFs): the quick check walks their b-trees but not the blobs' overflow
// pages, which make up most of a real project's file.
var blobTables = map[string]string{
	"sources": `SELECT guid, sha256, file_name, size FROM sources`, // the columns before the PDF
}

// QuickCheck is the check a project passes before it is opened for
// writing: SQLite's quick_check of the schema and free-page list and of
// every table with its indexes, except that the PDF blobs of the sources
// table are not read (their table and index pages are). It reads a few
// percent of a real project's file (about 0.1 s at 500 studies, see
// docs/benchmarks.md), where a full check reads all of it. It returns the
// problems found (none: the file's structure is sound).
func QuickCheck(ctx context.Context, q Querier) ([]string, error) {
	tables, err := QueryStrings(q, `SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var problems []string
	run := func(query string) error {
		rows, err := q.Query(query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			problems = append(problems, problemLines(s)...)
		}
		return rows.Err()
	}
	if err := run(`PRAGMA quick_check(sqlite_schema)`); err != nil {
		return problems, err
	}
	for _, t := range tables {
		if ctx.Err() != nil {
			return problems, ctx.Err()
		}
		if scan, ok := blobTables[t]; ok {
			if err := checkBlobTable(q, t, scan); err != nil {
				return problems, err
			}
			continue
		}
		if err := run(`PRAGMA quick_check(` + quoteIdent(t) + `)`); err != nil {
			return problems, err
		}
	}
	return problems, nil
}

// checkBlobTable walks a table's b-tree reading the columns before its
// blob, and each of its indexes, whose entries must number its rows.
func checkBlobTable(q Querier, table, scan string) error {
	rows, err := q.Query(scan)
	if err != nil {
		return err
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	indexes, err := QueryStrings(q, `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?`, table)
	if err != nil {
		return err
	}
	for _, ix := range indexes {
		var m int
		r, err := q.Query(`SELECT COUNT(*) FROM ` + quoteIdent(table) + ` INDEXED BY ` + quoteIdent(ix))
		if err != nil {
			return err
		}
		if r.Next() {
			r.Scan(&m)
		}
		r.Close()
		if err := r.Err(); err != nil {
			return err
		}
		if m != n {
			return fmt.Errorf("%w: index %s has %d entries for %d rows of %s", ErrCorrupt, ix, m, n, table)
		}
	}
	return nil
}
