package merge

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// querier is what both *sql.DB and *corpus.Tx offer for reads.
type querier interface {
	Query(q string, args ...any) (*sql.Rows, error)
	QueryRow(q string, args ...any) *sql.Row
}

// readRows runs a query and returns every row as column -> value.
func readRows(q querier, query string, args ...any) ([]corpus.Row, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []corpus.Row
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := make(corpus.Row, len(cols))
		for i, c := range cols {
			r[c] = vals[i]
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// str returns a text column of a row ("" when absent or not text).
func str(r corpus.Row, col string) string {
	switch v := r[col].(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// num returns an integer column of a row (0 when absent).
func num(r corpus.Row, col string) int {
	switch v := r[col].(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

// clone copies a row so it can be changed without touching the original.
func clone(r corpus.Row) corpus.Row {
	out := make(corpus.Row, len(r))
	for k, v := range r {
		out[k] = v
	}
	return out
}

// snapshot is everything of a reviewer's project that a merge may bring in,
// except the source PDFs, which are read at Apply time.
type snapshot struct {
	name, guid string
	coders     []corpus.Coder
	codes      []coding.Code // depth first, parents before children
	codeRows   map[string]corpus.Row
	tree       *coding.CodeTree
	studies    []corpus.Row // studies columns plus merge_sha
	codings    []corpus.Row // ordered by study, start
	areas      []corpus.Row // area codings, ordered by study, page
	appraisals []corpus.Row
	judgements map[string][]corpus.Row // by appraisal GUID
	memos      []corpus.Row
	reasons    []corpus.Row
}

// readSnapshot reads a reviewer's project.
func readSnapshot(ctx context.Context, p *corpus.Project) (*snapshot, error) {
	db := p.DB()
	s := &snapshot{name: p.Name(), guid: p.GUID(), codeRows: map[string]corpus.Row{}, judgements: map[string][]corpus.Row{}}
	var err error
	if s.coders, err = p.Coders(); err != nil {
		return nil, err
	}
	codeRows, err := readRows(db, `SELECT * FROM codes`)
	if err != nil {
		return nil, fmt.Errorf("read codebook: %w", err)
	}
	for _, r := range codeRows {
		s.codeRows[str(r, "guid")] = r
	}
	if s.tree, err = coding.LoadCodeTree(p); err != nil {
		return nil, err
	}
	s.codes = s.tree.Codes
	steps := []struct {
		what string
		dst  *[]corpus.Row
		q    string
	}{
		{"studies", &s.studies, `SELECT s.*, COALESCE(o.sha256, '') AS merge_sha FROM studies s LEFT JOIN sources o ON o.guid = s.source ORDER BY s.guid`},
		{"codings", &s.codings, `SELECT * FROM codings ORDER BY study, start, "end", guid`},
		{"area codings", &s.areas, `SELECT * FROM areas ORDER BY study, page, guid`},
		{"appraisals", &s.appraisals, `SELECT * FROM appraisals ORDER BY study, guid`},
		{"memos", &s.memos, `SELECT * FROM memos ORDER BY guid`},
		{"exclusion reasons", &s.reasons, `SELECT * FROM exclusion_reasons ORDER BY position, guid`},
	}
	for _, st := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if *st.dst, err = readRows(db, st.q); err != nil {
			return nil, fmt.Errorf("read %s: %w", st.what, err)
		}
	}
	js, err := readRows(db, `SELECT * FROM judgements ORDER BY appraisal, criterion`)
	if err != nil {
		return nil, fmt.Errorf("read judgements: %w", err)
	}
	for _, j := range js {
		a := str(j, "appraisal")
		s.judgements[a] = append(s.judgements[a], j)
	}
	return s, nil
}

// state is what the master holds, as far as a merge needs to know; the
// merge keeps it current as it decides what comes in.
type state struct {
	q          querier
	codes      map[string]coding.Code
	byParent   map[string][]string // parent GUID -> child GUIDs
	maxPos     map[string]int      // parent GUID -> largest position among children
	pins       map[int]bool
	studies    map[string]bool
	bySHA      map[string]string // PDF hash -> study GUID
	codings    map[string]bool
	codingKey  map[string]bool          // study|code|start|end|coder
	areas      map[string]corpus.Row    // area GUID -> row
	areaRects  map[string][]coding.Rect // areaKey -> rectangles
	coders     map[string]bool
	appraisals map[string]string // GUID -> updated_at
	appKey     map[string]string // study|coder|consensus -> GUID
	judgements map[string]string // appraisal|criterion -> GUID
	memos      map[string]string // GUID -> updated_at
	reasons    map[string]bool   // GUIDs and lower-case names
	texts      map[string]string // loaded master texts
}

func codingKey(study, code string, start, end int, coder string) string {
	return fmt.Sprintf("%s|%s|%d|%d|%s", study, code, start, end, coder)
}

// readState reads the master through q (the database or the merge's own transaction).
func readState(ctx context.Context, q querier) (*state, error) {
	st := &state{q: q, codes: map[string]coding.Code{}, byParent: map[string][]string{}, maxPos: map[string]int{},
		pins: map[int]bool{}, studies: map[string]bool{}, bySHA: map[string]string{}, codings: map[string]bool{},
		codingKey: map[string]bool{}, areas: map[string]corpus.Row{}, areaRects: map[string][]coding.Rect{}, coders: map[string]bool{}, appraisals: map[string]string{}, appKey: map[string]string{},
		judgements: map[string]string{}, memos: map[string]string{}, reasons: map[string]bool{}, texts: map[string]string{}}
	rows, err := readRows(q, `SELECT guid, parent, name, color, kind, position, pinned FROM codes`)
	if err != nil {
		return nil, fmt.Errorf("read master codebook: %w", err)
	}
	for _, r := range rows {
		st.addCode(coding.Code{GUID: str(r, "guid"), Parent: str(r, "parent"), Name: str(r, "name"), Color: str(r, "color"),
			Kind: str(r, "kind"), Position: num(r, "position"), Pinned: num(r, "pinned")})
	}
	scan := func(what, query string, fn func(corpus.Row)) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := readRows(q, query)
		if err != nil {
			return fmt.Errorf("read master %s: %w", what, err)
		}
		for _, r := range rows {
			fn(r)
		}
		return nil
	}
	err = scan("studies", `SELECT s.guid, COALESCE(o.sha256, '') AS sha FROM studies s LEFT JOIN sources o ON o.guid = s.source`, func(r corpus.Row) {
		st.studies[str(r, "guid")] = true
		if sha := str(r, "sha"); sha != "" {
			st.bySHA[sha] = str(r, "guid")
		}
	})
	if err == nil {
		err = scan("codings", `SELECT guid, study, code, start, "end", coder FROM codings`, func(r corpus.Row) {
			st.codings[str(r, "guid")] = true
			st.codingKey[codingKey(str(r, "study"), str(r, "code"), num(r, "start"), num(r, "end"), str(r, "coder"))] = true
		})
	}
	if err == nil {
		err = scan("area codings", `SELECT guid, study, code, page, x0, y0, x1, y1, coder, consensus, label, memo FROM areas`, st.addArea)
	}
	if err == nil {
		err = scan("coders", `SELECT guid FROM coders`, func(r corpus.Row) { st.coders[str(r, "guid")] = true })
	}
	if err == nil {
		err = scan("appraisals", `SELECT guid, study, coder, consensus, updated_at FROM appraisals`, func(r corpus.Row) {
			st.appraisals[str(r, "guid")] = str(r, "updated_at")
			st.appKey[fmt.Sprintf("%s|%s|%d", str(r, "study"), str(r, "coder"), num(r, "consensus"))] = str(r, "guid")
		})
	}
	if err == nil {
		err = scan("judgements", `SELECT guid, appraisal, criterion FROM judgements`, func(r corpus.Row) {
			st.judgements[str(r, "appraisal")+"|"+str(r, "criterion")] = str(r, "guid")
		})
	}
	if err == nil {
		err = scan("memos", `SELECT guid, updated_at FROM memos`, func(r corpus.Row) { st.memos[str(r, "guid")] = str(r, "updated_at") })
	}
	if err == nil {
		err = scan("exclusion reasons", `SELECT guid, name FROM exclusion_reasons`, func(r corpus.Row) {
			st.reasons[str(r, "guid")] = true
			st.reasons["name:"+strings.ToLower(str(r, "name"))] = true
		})
	}
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (st *state) addCode(c coding.Code) {
	st.codes[c.GUID] = c
	st.byParent[c.Parent] = append(st.byParent[c.Parent], c.GUID)
	if p, ok := st.maxPos[c.Parent]; !ok || c.Position > p {
		st.maxPos[c.Parent] = c.Position
	}
	if c.Pinned > 0 {
		st.pins[c.Pinned] = true
	}
}

// sibling returns the master code under parent with this name (ignoring case).
func (st *state) sibling(parent, name, except string) (coding.Code, bool) {
	for _, g := range st.byParent[parent] {
		if c := st.codes[g]; g != except && strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return coding.Code{}, false
}

// isUnder reports whether code a is b or one of b's descendants in the master.
func (st *state) isUnder(a, b string) bool {
	for i := 0; a != "" && i < 1000; i++ {
		if a == b {
			return true
		}
		a = st.codes[a].Parent
	}
	return false
}

// path is a master code's path of names.
func (st *state) path(guid string) string {
	var parts []string
	for i := 0; guid != "" && i < 1000; i++ {
		c, ok := st.codes[guid]
		if !ok {
			break
		}
		parts = append([]string{c.Name}, parts...)
		guid = c.Parent
	}
	return strings.Join(parts, "/")
}

// text returns a master study's text, loading it once.
func (st *state) text(study string) (string, error) {
	if t, ok := st.texts[study]; ok {
		return t, nil
	}
	var t string
	if err := st.q.QueryRow(`SELECT text FROM studies WHERE guid = ?`, study).Scan(&t); err != nil {
		return "", fmt.Errorf("read master text of %s: %w", study, err)
	}
	st.texts[study] = t
	return t, nil
}

// moveCode records a master code's new parent or name.
func (st *state) moveCode(c coding.Code) {
	old := st.codes[c.GUID]
	if old.Parent != c.Parent {
		kids := st.byParent[old.Parent]
		for i, g := range kids {
			if g == c.GUID {
				st.byParent[old.Parent] = append(kids[:i:i], kids[i+1:]...)
				break
			}
		}
		st.byParent[c.Parent] = append(st.byParent[c.Parent], c.GUID)
	}
	st.codes[c.GUID] = c
}
