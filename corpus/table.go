package corpus

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// Table is a journaled table whose rows are values of the struct type R:
// every field tagged `db:"column"` is a column, of type string, int, int64,
// bool (stored 0/1), float64 or []byte, and the string field tagged
// `db:"guid"` is the key. Declare a table once, next to its owner's schema,
// with NewTable, and the columns that partial updates set with Col; a
// misspelt column then fails when the program starts, and a test compares
// every declared table (DeclaredTables) with the real schema.
//
// Writes go through the same journal as Tx.Insert and Tx.Update, so undo
// records are unchanged.
type Table[R any] struct {
	name  string
	cols  []string
	index [][]int // struct field index of each column
}

var declared struct {
	sync.Mutex
	tables map[string][]string
}

// NewTable declares a table whose rows are R values. It panics when R is
// not a struct of tagged fields with a string "guid" key, or when the table
// is declared twice (programming errors).
func NewTable[R any](name string) *Table[R] {
	rt := reflect.TypeFor[R]()
	if rt.Kind() != reflect.Struct {
		panic(fmt.Sprintf("corpus.NewTable(%q): %v is not a struct", name, rt))
	}
	t := &Table[R]{name: name}
	key := false
	for _, f := range reflect.VisibleFields(rt) {
		col, ok := f.Tag.Lookup("db")
		if !ok || col == "" || col == "-" || !f.IsExported() {
			continue
		}
		switch k := f.Type.Kind(); {
		case k == reflect.String, k == reflect.Int, k == reflect.Int64, k == reflect.Bool, k == reflect.Float64:
		case k == reflect.Slice && f.Type.Elem().Kind() == reflect.Uint8:
		default:
			panic(fmt.Sprintf("corpus.NewTable(%q): column %s has unsupported type %v", name, col, f.Type))
		}
		if slices.Contains(t.cols, col) {
			panic(fmt.Sprintf("corpus.NewTable(%q): column %s twice", name, col))
		}
		if col == "guid" {
			key = f.Type.Kind() == reflect.String
		}
		t.cols = append(t.cols, col)
		t.index = append(t.index, f.Index)
	}
	if !key {
		panic(fmt.Sprintf("corpus.NewTable(%q): %v has no string field tagged db:\"guid\"", name, rt))
	}
	declared.Lock()
	defer declared.Unlock()
	if declared.tables == nil {
		declared.tables = map[string][]string{}
	}
	if _, dup := declared.tables[name]; dup {
		panic(fmt.Sprintf("corpus.NewTable(%q): declared twice", name))
	}
	declared.tables[name] = slices.Clone(t.cols)
	return t
}

// DeclaredTables returns every table declared with NewTable and its columns
// in declaration order, so tests can check them against the real schema
// (PRAGMA table_info).
func DeclaredTables() map[string][]string {
	declared.Lock()
	defer declared.Unlock()
	out := make(map[string][]string, len(declared.tables))
	for n, c := range declared.tables {
		out[n] = slices.Clone(c)
	}
	return out
}

// Name returns the table's name.
func (t *Table[R]) Name() string { return t.name }

// Columns returns the table's columns in declaration order.
func (t *Table[R]) Columns() []string { return slices.Clone(t.cols) }

// Col returns one of the table's columns, for Update. It panics when the
// table has no such column, so a misspelt name stops the program at start.
func (t *Table[R]) Col(name string) Column {
	if !slices.Contains(t.cols, name) {
		panic(fmt.Sprintf("corpus: table %s has no column %q", t.name, name))
	}
	return Column{table: t.name, name: name}
}

// Row returns r as a Row of every column.
func (t *Table[R]) Row(r R) Row {
	v := reflect.ValueOf(r)
	row := make(Row, len(t.cols))
	for i, c := range t.cols {
		f := v.FieldByIndex(t.index[i])
		switch f.Kind() {
		case reflect.Int, reflect.Int64:
			row[c] = f.Int()
		case reflect.Bool:
			row[c] = boolInt(f.Bool())
		default:
			row[c] = f.Interface()
		}
	}
	return row
}

// Insert adds r as a new row inside the action.
func (t *Table[R]) Insert(tx *Tx, r R) error { return tx.Insert(t.name, t.Row(r)) }

// Update sets some columns of the row with this guid inside the action (see
// Tx.Update); every column must be one of the table's.
func (t *Table[R]) Update(tx *Tx, key string, sets ...Set) error {
	return tx.update(t.name, key, sets)
}

// UpdateColumns sets columns of the row with this guid inside the action,
// in the columns' table (see Tx.Update); the columns must all belong to one
// table (Table.Col).
func (t *Tx) UpdateColumns(key string, sets ...Set) error {
	if len(sets) == 0 {
		return nil
	}
	return t.update(sets[0].col.table, key, sets)
}

func (t *Tx) update(table, key string, sets []Set) error {
	row := make(Row, len(sets))
	for _, s := range sets {
		if s.col.table != table {
			return fmt.Errorf("update %s: column %s is %s's", table, s.col.name, s.col.table)
		}
		row[s.col.name] = normalValue(s.val)
	}
	return t.Update(table, key, row)
}

// Delete removes the row with this guid inside the action (see Tx.Delete).
func (t *Table[R]) Delete(tx *Tx, key string) error { return tx.Delete(t.name, key) }

// Column is a column of a declared table (see Table.Col).
type Column struct{ table, name string }

// Name returns the column's name.
func (c Column) Name() string { return c.name }

// Table returns the name of the column's table.
func (c Column) Table() string { return c.table }

// To pairs the column with a new value for Table.Update.
func (c Column) To(v any) Set { return Set{col: c, val: v} }

// Set is a column's new value (see Column.To).
type Set struct {
	col Column
	val any
}

// Column returns the column the value is for.
func (s Set) Column() Column { return s.col }

// normalValue stores ints as int64 and bools as 0/1, as inserts do.
func normalValue(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case bool:
		return boolInt(x)
	}
	return v
}
