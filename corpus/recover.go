package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// RecoverReport says what Recover saved from a damaged project and what
// was lost.
type RecoverReport struct {
	From   string          `json:"from"`   // the damaged file
	To     string          `json:"to"`     // the new file
	Tables []TableRecovery `json:"tables"` // one per table, in the file's order
	// Mended lists rows that pointed at lost rows and were removed or
	// mended, e.g. "3 codings of a missing study".
	Mended []string `json:"mended"`
	// Notes are what else the user should know (the undo history is not
	// carried over).
	Notes []string `json:"notes"`
}

// TableRecovery is what Recover saved of one table.
type TableRecovery struct {
	Table string `json:"table"`
	Saved int    `json:"saved"` // rows copied into the new file
	// Lost is the number of rows that could not be read, when the table's
	// index still counts them; -1 when it cannot be known.
	Lost int `json:"lost"`
	// Unreadable is the number of damaged stretches skipped.
	Unreadable int `json:"unreadable"`
}

// Complete reports whether everything was saved.
func (r *RecoverReport) Complete() bool {
	for _, t := range r.Tables {
		if t.Lost != 0 || t.Unreadable > 0 {
			return false
		}
	}
	return len(r.Mended) == 0
}

// String is the report as a few plain lines.
func (r *RecoverReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Recovered %s into %s.\n", r.From, r.To)
	for _, t := range r.Tables {
		switch {
		case t.Lost > 0:
			fmt.Fprintf(&b, "  %s: %s saved, %d lost\n", t.Table, rowCount(t.Saved), t.Lost)
		case t.Lost < 0 || t.Unreadable > 0:
			fmt.Fprintf(&b, "  %s: %s saved, %d unreadable stretches skipped (how many rows they held is unknown)\n", t.Table, rowCount(t.Saved), t.Unreadable)
		default:
			fmt.Fprintf(&b, "  %s: all saved (%s)\n", t.Table, rowCount(t.Saved))
		}
	}
	for _, m := range r.Mended {
		fmt.Fprintf(&b, "  mended: %s\n", m)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  note: %s\n", n)
	}
	return b.String()
}

func rowCount(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// notCopied are tables Recover leaves out: the undo history (its row
// images may refer to rows that were lost; undoing them could bring back
// half an action) and SQLite's own counters.
var notCopied = map[string]bool{"history": true, "sqlite_sequence": true, "sqlite_stat1": true}

// Recover saves what can be read of a damaged project file into a new file
// at to: table by table and row by row, skipping the pages that cannot be
// read. Rows that then point at lost rows are mended by the schemas'
// Check.Fix statements, the copy gets a new identity (its search index is
// rebuilt) and an empty undo history, and it passes the full check before
// it is renamed into place. The damaged file is only read. The report says
// what was saved and lost; progress (may be nil) hears each table.
func Recover(ctx context.Context, from, to string, progress func(table string)) (*RecoverReport, error) {
	if _, err := os.Stat(to); err == nil {
		return nil, &OpenError{Path: to, Err: ErrExists}
	}
	if _, err := inspect(from); err != nil && !errors.Is(err, ErrCorrupt) {
		return nil, &OpenError{Path: from, Err: err}
	}
	mode := modeImmutable
	if st, err := os.Stat(from + "-wal"); err == nil && st.Size() > 0 {
		mode = modeRO // its latest changes are in the log
	} else if _, ok := Holder(from); ok {
		mode = modeRO // a program has it open
	}
	src, err := openDB(from, mode)
	if err != nil {
		return nil, &OpenError{Path: from, Err: fmt.Errorf("nothing can be read: %w", err)}
	}
	defer src.Close()
	rep := &RecoverReport{From: from, To: to}
	tmp, err := newTempFile(to)
	if err != nil {
		return nil, &OpenError{Path: to, Err: writeCondition(err)}
	}
	ok := false
	defer func() {
		if !ok {
			for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
				os.Remove(f)
			}
		}
	}()
	dst, err := openDB(tmp, modeCreate)
	if err != nil {
		return nil, &OpenError{Path: to, Err: writeCondition(err)}
	}
	defer dst.Close()
	if err := recoverInto(ctx, src, dst, rep, progress); err != nil {
		return rep, err
	}
	if err := finishRecovered(ctx, src, dst, rep); err != nil {
		return rep, &OpenError{Path: to, Err: err}
	}
	if err := dst.Close(); err != nil {
		return rep, &OpenError{Path: to, Err: err}
	}
	if err := syncFile(tmp); err != nil {
		return rep, &OpenError{Path: to, Err: err}
	}
	if _, err := os.Stat(to); err == nil {
		return rep, &OpenError{Path: to, Err: ErrExists}
	}
	if err := os.Rename(tmp, to); err != nil {
		return rep, &OpenError{Path: to, Err: writeCondition(err)}
	}
	ok = true
	syncDir(filepath.Dir(to))
	return rep, nil
}

// schemaItem is one entry of the damaged file's schema.
type schemaItem struct{ kind, name, table, sql string }

// recoverInto creates the tables and copies their rows, then the indexes.
func recoverInto(ctx context.Context, src, dst *sql.DB, rep *RecoverReport, progress func(string)) error {
	rows, err := src.Query(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid`)
	if err != nil {
		return &OpenError{Path: rep.From, Err: fmt.Errorf("%w: nothing can be recovered, the file's list of tables cannot be read (%v)", ErrCorrupt, err)}
	}
	var items []schemaItem
	for rows.Next() {
		var it schemaItem
		if err := rows.Scan(&it.kind, &it.name, &it.table, &it.sql); err != nil {
			rows.Close()
			return err
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return &OpenError{Path: rep.From, Err: fmt.Errorf("%w: nothing can be recovered, the file's list of tables cannot be read (%v)", ErrCorrupt, err)}
	}
	for _, it := range items {
		if it.kind == "table" && !strings.HasPrefix(it.name, "sqlite_") {
			if _, err := dst.Exec(it.sql); err != nil {
				return &OpenError{Path: rep.To, Err: fmt.Errorf("create table %s: %w", it.name, err)}
			}
		}
	}
	for _, it := range items {
		if it.kind != "table" || strings.HasPrefix(it.name, "sqlite_") {
			continue
		}
		if notCopied[it.name] {
			if it.name == "history" {
				rep.Notes = append(rep.Notes, "the undo history is not carried over: the recovered file starts with an empty one")
			}
			continue
		}
		if progress != nil {
			progress(it.name)
		}
		tr, err := copyTable(ctx, src, dst, it.name)
		if err != nil {
			return err
		}
		rep.Tables = append(rep.Tables, tr)
	}
	for _, it := range items {
		if it.kind == "table" || strings.HasPrefix(it.name, "sqlite_") {
			continue
		}
		if _, err := dst.Exec(it.sql); err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s %s could not be rebuilt: %v", it.kind, it.name, err))
		}
	}
	return nil
}

// copyTable copies a table's readable rows, keeping their row ids, in
// chunks; at a damaged stretch it looks for the next readable row.
func copyTable(ctx context.Context, src, dst *sql.DB, table string) (TableRecovery, error) {
	tr := TableRecovery{Table: table, Lost: -1}
	cols, err := QueryStrings(src, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil || len(cols) == 0 {
		return tr, fmt.Errorf("columns of %s: %v", table, err)
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c)
	}
	list := strings.Join(quoted, ", ")
	sel := `SELECT rowid, ` + list + ` FROM ` + quoteIdent(table) + ` WHERE rowid > ? ORDER BY rowid LIMIT ?`
	tx, err := dst.Begin()
	if err != nil {
		return tr, err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO ` + quoteIdent(table) + ` (rowid, ` + list + `) VALUES (?` + strings.Repeat(", ?", len(cols)) + `)`)
	if err != nil {
		return tr, err
	}
	defer ins.Close()
	// read reads up to n rows after rowid last and copies them; it returns
	// the last row id read, how many rows it read and the damage it met.
	read := func(last int64, n int) (int64, int, error) {
		rows, err := src.QueryContext(ctx, sel, last, n)
		if err != nil {
			return last, 0, err
		}
		defer rows.Close()
		got := 0
		vals := make([]any, len(cols)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return last, got, err
			}
			id, _ := vals[0].(int64)
			if id <= last {
				return last, got, fmt.Errorf("%w: row ids out of order", ErrCorrupt)
			}
			last = id
			got++
			if _, err := ins.Exec(vals...); err == nil {
				tr.Saved++
			}
		}
		return last, got, rows.Err()
	}
	const chunk = 256
	last := int64(math.MinInt64)
	for {
		if err := ctx.Err(); err != nil {
			return tr, err
		}
		before := last
		next, got, err := read(last, chunk)
		last = next
		if err == nil {
			if got < chunk {
				break
			}
			continue
		}
		if !IsDamage(err) {
			return tr, err
		}
		tr.Unreadable++
		from := last
		if got == 0 && last == before && before != math.MinInt64 {
			from = last + 1 // the row right after the last resume point cannot be read either
		}
		resume, found := nextReadable(ctx, src, table, list, from)
		if !found {
			break
		}
		last = resume - 1
	}
	if err := tx.Commit(); err != nil {
		return tr, err
	}
	// The primary key's index may still count the rows the table lost.
	if tr.Unreadable == 0 {
		tr.Lost = 0
	} else if n, ok := indexCount(src, table); ok && n >= tr.Saved {
		tr.Lost = n - tr.Saved
	}
	return tr, nil
}

// nextReadable finds a row id at or after which rows can be read again,
// past the damage that follows row id last: it probes further and further
// ahead, then narrows back to the first readable point.
func nextReadable(ctx context.Context, src *sql.DB, table, list string, last int64) (int64, bool) {
	probe := func(k int64) (bool, bool) { // readable, end of table
		var id int64
		vals := []any{&id}
		row := src.QueryRowContext(ctx, `SELECT rowid, `+list+` FROM `+quoteIdent(table)+` WHERE rowid >= ? ORDER BY rowid LIMIT 1`, k)
		var rest []any
		for range strings.Count(list, ",") + 1 {
			var v any
			rest = append(rest, &v)
		}
		err := row.Scan(append(vals, rest...)...)
		if errors.Is(err, sql.ErrNoRows) {
			return true, true
		}
		return err == nil, false
	}
	bad := last
	if bad == math.MinInt64 {
		bad = 0
	}
	step := int64(1)
	good := int64(0)
	for {
		if ctx.Err() != nil {
			return 0, false
		}
		k := bad + step
		if k < bad { // past the largest row id
			return 0, false
		}
		ok, end := probe(k)
		if end {
			return 0, false
		}
		if ok {
			good = k
			break
		}
		bad = k
		if step < math.MaxInt64/2 {
			step *= 2
		}
	}
	for good-bad > 1 {
		mid := bad + (good-bad)/2
		if ok, end := probe(mid); ok && !end {
			good = mid
		} else {
			bad = mid
		}
	}
	return good, true
}

// indexCount counts a table's rows through its primary key's index.
func indexCount(src *sql.DB, table string) (int, bool) {
	ix, err := QueryStrings(src, `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND name LIKE 'sqlite_autoindex_%' ORDER BY name LIMIT 1`, table)
	if err != nil || len(ix) == 0 {
		return 0, false
	}
	var n int
	if err := src.QueryRow(`SELECT COUNT(*) FROM ` + quoteIdent(table) + ` INDEXED BY ` + quoteIdent(ix[0])).Scan(&n); err != nil {
		return 0, false
	}
	return n, true
}

// finishRecovered gives the new file its header, identity and schema
// versions, mends rows that point at lost rows, and checks it.
func finishRecovered(ctx context.Context, src, dst *sql.DB, rep *RecoverReport) error {
	var appID, version int64
	src.QueryRow(`PRAGMA application_id`).Scan(&appID)
	src.QueryRow(`PRAGMA user_version`).Scan(&version)
	if appID == 0 {
		appID = ApplicationID
	}
	if _, err := dst.Exec(fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, appID, version)); err != nil {
		return err
	}
	meta := map[string]string{"guid": uuid.NewString(), "generation": "0", "name": "", "created": ""}
	for k, v := range meta {
		q := `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`
		if k == "guid" {
			q = `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`
		}
		if _, err := dst.Exec(q, k, v); err != nil {
			return fmt.Errorf("meta: %w", err)
		}
	}
	if version >= SchemaVersion {
		for owner, v := range Owners() {
			res, err := dst.Exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`, metaPrefix+owner, strconv.Itoa(v))
			if err != nil {
				return fmt.Errorf("meta: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				rep.Notes = append(rep.Notes, fmt.Sprintf("the version of the %s tables was lost and set to this program's (%d)", owner, v))
			}
		}
	}
	// Mend twice: a fix can orphan rows another fix looks after.
	mended := map[string]int64{}
	var order []string
	for range 2 {
		for _, sc := range schemas() {
			for _, c := range sc.Checks {
				if c.Fix == "" {
					continue
				}
				res, err := dst.ExecContext(ctx, c.Fix)
				if err != nil {
					rep.Notes = append(rep.Notes, fmt.Sprintf("%s could not be mended: %v", c.What, err))
					continue
				}
				if n, _ := res.RowsAffected(); n > 0 {
					if mended[c.What] == 0 {
						order = append(order, c.What)
					}
					mended[c.What] += n
				}
			}
		}
	}
	for _, what := range order {
		rep.Mended = append(rep.Mended, fmt.Sprintf("%d %s", mended[what], what))
	}
	var result string
	if err := dst.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("%w: the recovered file does not pass the check (%s)", ErrCorrupt, result)
	}
	_, err := dst.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}
