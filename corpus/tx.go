package corpus

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/gob"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Row is one table row as column name -> value (int64, float64, string,
// []byte or nil). Every journaled table has the text primary key "guid".
type Row map[string]any

// op is one row change with its before and after images. Before is nil for
// an insert, After is nil for a delete; for an update both hold only the
// changed columns.
type op struct {
	Table  string
	Key    string
	Before Row
	After  Row
}

// Tx is one user action in progress. Its writes are journaled so the action
// can be undone as a whole; reads see the action's own writes.
type Tx struct {
	tx      *sql.Tx
	p       *Project
	ops     []op
	touched map[string]bool      // studies whose text, attributes or coded passages changed
	stmts   map[string]*sql.Stmt // inserts prepared in this transaction
}

// Action describes one entry of the undo history.
type Action struct {
	Seq    int64     // position in the history
	Label  string    // what the user did, e.g. "Code passage"
	Coder  string    // coder GUID
	At     time.Time // when
	Undone bool      // true when undone and available for redo
	// Studies lists the studies whose rows, or rows with a "study" column,
	// the action changed (filled by Undo and Redo, for incremental
	// refreshes); nil when it changed a wide table (Schema.WideTables),
	// which bears on every study.
	Studies []string
}

// Do runs fn as one user action: one SQLite transaction, durable when Do
// returns nil, recorded in the undo history under label. An error from fn
// rolls everything back.
func (p *Project) Do(label string, fn func(tx *Tx) error) error {
	_, err := p.DoTouched(label, fn)
	return err
}

// DoTouched is Do that also returns the studies the action touched (for
// incremental index updates).
func (p *Project) DoTouched(label string, fn func(tx *Tx) error) ([]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.writableLocked(); err != nil {
		return nil, err
	}
	sqlTx, err := p.db.Begin()
	if err != nil {
		return nil, p.fileError(err)
	}
	defer sqlTx.Rollback()
	t := &Tx{tx: sqlTx, p: p, touched: map[string]bool{}, stmts: map[string]*sql.Stmt{}}
	if err := fn(t); err != nil {
		return nil, p.fileError(err)
	}
	if len(t.ops) > 0 {
		if err := p.saveCoder(sqlTx); err != nil {
			return nil, p.fileError(err)
		}
		if _, err := sqlTx.Exec(`DELETE FROM history WHERE undone = 1`); err != nil {
			return nil, p.fileError(err)
		}
		blob, err := encodeOps(t.ops)
		if err != nil {
			return nil, err
		}
		if _, err := sqlTx.Exec(`INSERT INTO history(label, coder, at, ops) VALUES (?, ?, ?, ?)`,
			label, p.coder.GUID, p.stamp(), blob); err != nil {
			return nil, p.fileError(err)
		}
		if err := bumpGeneration(sqlTx); err != nil {
			return nil, p.fileError(err)
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return nil, p.fileError(err)
	}
	if len(t.ops) > 0 && p.coder.GUID != "" {
		p.coderSaved = true
	}
	p.afterCommit()
	return t.Touched(), nil
}

func bumpGeneration(tx *sql.Tx) error {
	_, err := tx.Exec(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'`)
	return classify(err)
}

// Project returns the project the action runs on.
func (t *Tx) Project() *Project { return t.p }

// Now returns the project's clock time.
func (t *Tx) Now() time.Time { return t.p.Now() }

// Stamp returns the current time formatted for storage (RFC 3339, UTC).
func (t *Tx) Stamp() string { return t.p.stamp() }

// Coder returns the current coder's GUID.
func (t *Tx) Coder() string { return t.p.coder.GUID }

// Touch records that a study's indexed content changed in this action.
func (t *Tx) Touch(study string) {
	if study != "" {
		t.touched[study] = true
	}
}

// Touched lists the studies touched so far, sorted.
func (t *Tx) Touched() []string {
	out := make([]string, 0, len(t.touched))
	for s := range t.touched {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Query runs a read query inside the action.
func (t *Tx) Query(q string, args ...any) (*sql.Rows, error) { return t.tx.Query(q, args...) }

// QueryRow runs a single-row read query inside the action.
func (t *Tx) QueryRow(q string, args ...any) *sql.Row { return t.tx.QueryRow(q, args...) }

// ExecUnjournaled runs a write that is not part of the undo history. It is
// for content-addressed data such as source PDFs, which undo leaves in place.
func (t *Tx) ExecUnjournaled(q string, args ...any) (sql.Result, error) {
	return t.tx.Exec(q, args...)
}

// Insert adds a row (which must carry "guid").
func (t *Tx) Insert(table string, row Row) error {
	key, ok := row["guid"].(string)
	if !ok || key == "" {
		return fmt.Errorf("insert into %s: row has no guid", table)
	}
	if err := insertRow(t.tx, t.stmts, table, row); err != nil {
		return fmt.Errorf("insert into %s: %w", table, classify(err))
	}
	t.ops = append(t.ops, op{Table: table, Key: key, After: row})
	return nil
}

// Update changes the given columns of the row with this guid. Columns whose
// value does not change are not journaled; an update that changes nothing is
// not recorded. It returns ErrNotFound when the row does not exist.
func (t *Tx) Update(table, key string, set Row) error {
	before, err := t.get(table, key, columns(set))
	if err != nil {
		return err
	}
	b, a := Row{}, Row{}
	for c, v := range set {
		if !sameValue(before[c], v) {
			b[c], a[c] = before[c], v
		}
	}
	if len(a) == 0 {
		return nil
	}
	if err := updateRow(t.tx, table, key, a); err != nil {
		return fmt.Errorf("update %s: %w", table, classify(err))
	}
	t.ops = append(t.ops, op{Table: table, Key: key, Before: b, After: a})
	return nil
}

// Delete removes the row with this guid; it returns ErrNotFound when absent.
func (t *Tx) Delete(table, key string) error {
	before, err := t.get(table, key, nil)
	if err != nil {
		return err
	}
	if _, err := t.tx.Exec(`DELETE FROM `+table+` WHERE guid = ?`, key); err != nil {
		return fmt.Errorf("delete from %s: %w", table, classify(err))
	}
	t.ops = append(t.ops, op{Table: table, Key: key, Before: before})
	return nil
}

// get reads a row (all columns when cols is nil).
func (t *Tx) get(table, key string, cols []string) (Row, error) {
	sel := "*"
	if cols != nil {
		q := make([]string, len(cols))
		for i, c := range cols {
			q[i] = quoteIdent(c)
		}
		sel = strings.Join(q, ", ")
	}
	rows, err := t.tx.Query(`SELECT `+sel+` FROM `+table+` WHERE guid = ?`, key)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s %s: %w", strings.TrimSuffix(table, "s"), key, ErrNotFound)
	}
	names, _ := rows.Columns()
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	r := Row{}
	for i, n := range names {
		r[n] = vals[i]
	}
	return r, nil
}

func columns(r Row) []string {
	cols := make([]string, 0, len(r))
	for c := range r {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	return cols
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// insertRow inserts with a statement prepared once per table and column set
// within the transaction (bulk actions such as a merge insert thousands of
// rows alike). stmts may be nil.
func insertRow(tx *sql.Tx, stmts map[string]*sql.Stmt, table string, row Row) error {
	cols := columns(row)
	q := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = row[c]
		cols[i] = quoteIdent(c)
		q[i] = "?"
	}
	sqlText := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (` + strings.Join(q, ", ") + `)`
	if stmts == nil {
		_, err := tx.Exec(sqlText, args...)
		return err
	}
	stmt, ok := stmts[sqlText]
	if !ok {
		var err error
		if stmt, err = tx.Prepare(sqlText); err != nil {
			return err
		}
		stmts[sqlText] = stmt
	}
	_, err := stmt.Exec(args...)
	return err
}

func updateRow(tx *sql.Tx, table, key string, set Row) error {
	cols := columns(set)
	parts := make([]string, len(cols))
	args := make([]any, 0, len(cols)+1)
	for i, c := range cols {
		parts[i] = quoteIdent(c) + " = ?"
		args = append(args, set[c])
	}
	args = append(args, key)
	_, err := tx.Exec(`UPDATE `+table+` SET `+strings.Join(parts, ", ")+` WHERE guid = ?`, args...)
	return err
}

// sameValue compares a stored value with a new one, treating ints of any
// size and strings/[]byte alike.
func sameValue(a, b any) bool {
	return fmt.Sprint(normal(a)) == fmt.Sprint(normal(b))
}

func normal(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case []byte:
		return string(x)
	}
	return v
}

func init() {
	gob.Register(Row{})
}

func encodeOps(ops []op) ([]byte, error) {
	for i := range ops {
		normalRow(ops[i].Before)
		normalRow(ops[i].After)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(ops); err != nil {
		return nil, fmt.Errorf("record undo step: %w", err)
	}
	return buf.Bytes(), nil
}

// normalRow converts values to the few types gob carries in interfaces.
func normalRow(r Row) {
	for k, v := range r {
		switch x := v.(type) {
		case int:
			r[k] = int64(x)
		case int32:
			r[k] = int64(x)
		case bool:
			r[k] = normal(x)
		case float32:
			r[k] = float64(x)
		case time.Time:
			r[k] = x.UTC().Format(time.RFC3339Nano)
		}
	}
}

func decodeOps(blob []byte) ([]op, error) {
	var ops []op
	if err := gob.NewDecoder(bytes.NewReader(blob)).Decode(&ops); err != nil {
		return nil, fmt.Errorf("read undo step: %w", err)
	}
	return ops, nil
}

// Undo reverts the most recent action that is not undone and returns it.
func (p *Project) Undo(ctx context.Context) (Action, error) { return p.replay(ctx, true) }

// Redo re-applies the most recently undone action and returns it.
func (p *Project) Redo(ctx context.Context) (Action, error) { return p.replay(ctx, false) }

func (p *Project) replay(ctx context.Context, undo bool) (Action, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.writableLocked(); err != nil {
		return Action{}, err
	}
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return Action{}, p.fileError(err)
	}
	defer tx.Rollback()
	q := `SELECT seq, label, coder, at, ops FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1`
	if !undo {
		q = `SELECT seq, label, coder, at, ops FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1`
	}
	var a Action
	var at string
	var blob []byte
	if err := tx.QueryRow(q).Scan(&a.Seq, &a.Label, &a.Coder, &at, &blob); err != nil {
		if err == sql.ErrNoRows {
			if undo {
				return a, ErrNothingToUndo
			}
			return a, ErrNothingToRedo
		}
		return a, p.fileError(err)
	}
	a.At, _ = time.Parse(time.RFC3339Nano, at)
	ops, err := decodeOps(blob)
	if err != nil {
		return a, err
	}
	if undo {
		for i := len(ops) - 1; i >= 0; i-- {
			if err := apply(tx, ops[i].Table, ops[i].Key, ops[i].After, ops[i].Before); err != nil {
				return a, fmt.Errorf("undo %q: %w", a.Label, p.fileError(err))
			}
		}
	} else {
		for _, o := range ops {
			if err := apply(tx, o.Table, o.Key, o.Before, o.After); err != nil {
				return a, fmt.Errorf("redo %q: %w", a.Label, p.fileError(err))
			}
		}
	}
	a.Undone = undo
	a.Studies = studiesOf(ops)
	if _, err := tx.Exec(`UPDATE history SET undone = ? WHERE seq = ?`, boolInt(undo), a.Seq); err != nil {
		return a, p.fileError(err)
	}
	if err := bumpGeneration(tx); err != nil {
		return a, p.fileError(err)
	}
	if err := tx.Commit(); err != nil {
		return a, p.fileError(err)
	}
	p.afterCommit()
	return a, nil
}

// studiesOf lists the studies an action's row changes belong to: study rows
// themselves and rows with a "study" column. It returns nil when the action
// changed a wide table (Schema.WideTables), which bears on every study.
func studiesOf(ops []op) []string {
	seen := map[string]bool{}
	for _, o := range ops {
		if wideTable(o.Table) {
			return nil
		}
		if o.Table == "studies" {
			seen[o.Key] = true
		}
		for _, r := range []Row{o.Before, o.After} {
			if s, ok := r["study"].(string); ok && s != "" {
				seen[s] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// apply moves a row from image `from` to image `to` (nil = absent).
func apply(tx *sql.Tx, table, key string, from, to Row) error {
	switch {
	case to == nil:
		_, err := tx.Exec(`DELETE FROM `+table+` WHERE guid = ?`, key)
		return err
	case from == nil:
		return insertRow(tx, nil, table, to)
	default:
		return updateRow(tx, table, key, to)
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// History lists the most recent actions, newest first (limit <= 0 means all).
func (p *Project) History(limit int) ([]Action, error) {
	q := `SELECT seq, label, coder, at, undone FROM history ORDER BY seq DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := p.db.Query(q)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []Action
	for rows.Next() {
		var a Action
		var at string
		var undone int64
		if err := rows.Scan(&a.Seq, &a.Label, &a.Coder, &at, &undone); err != nil {
			return nil, err
		}
		a.At, _ = time.Parse(time.RFC3339Nano, at)
		a.Undone = undone == 1
		out = append(out, a)
	}
	return out, rows.Err()
}

// CanUndo and CanRedo report the labels of the next undo and redo steps ("" when none).
func (p *Project) CanUndo() string {
	var l string
	p.db.QueryRow(`SELECT label FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1`).Scan(&l)
	return l
}

// CanRedo reports the label of the next redo step ("" when none).
func (p *Project) CanRedo() string {
	var l string
	p.db.QueryRow(`SELECT label FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1`).Scan(&l)
	return l
}

func (p *Project) stamp() string { return p.Now().UTC().Format(time.RFC3339Nano) }
