package coding

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Conditions of the codebook a user can fix.
var (
	// ErrCodeNameTaken means a sibling of the code already has that name.
	ErrCodeNameTaken = errors.New("a code with that name already exists at that level")
	// ErrCodeName means a code name is empty or unusable.
	ErrCodeName = errors.New("a code needs a name")
	// ErrCodeColor means a colour is not of the form #rrggbb.
	ErrCodeColor = errors.New("colours are written #rrggbb, for example #1f6f8b")
	// ErrCodeKind means a code kind is not one of rigor, theme, sector or other.
	ErrCodeKind = errors.New("a code's kind is rigor, theme, sector or other")
	// ErrCodePin means a pin number is outside 0..9.
	ErrCodePin = errors.New("a code is pinned to a number key 1 to 9 (0 unpins it)")
	// ErrCodeCycle means a move would put a code under itself or one of its sub-codes.
	ErrCodeCycle = errors.New("a code cannot be moved under itself or one of its sub-codes")
	// ErrAmbiguousCode means a code reference names more than one code.
	ErrAmbiguousCode = errors.New("more than one code has that name")
)

// codeCols are the columns of table codes in the order scanCode reads them.
const codeCols = `guid, parent, name, definition, inclusion, exclusion, color, kind, position, pinned`

func scanCode(r interface{ Scan(...any) error }) (Code, error) {
	var c Code
	err := r.Scan(&c.GUID, &c.Parent, &c.Name, &c.Definition, &c.Inclusion, &c.Exclusion, &c.Color, &c.Kind, &c.Position, &c.Pinned)
	return c, err
}

// codeQuerier is what both *sql.DB and *corpus.Tx offer for reads.
type codeQuerier interface {
	Query(q string, args ...any) (*sql.Rows, error)
}

func loadCodes(q codeQuerier) ([]Code, error) {
	rows, err := q.Query(`SELECT ` + codeCols + ` FROM codes`)
	if err != nil {
		return nil, fmt.Errorf("read codebook: %w", err)
	}
	defer rows.Close()
	var all []Code
	for rows.Next() {
		c, err := scanCode(rows)
		if err != nil {
			return nil, fmt.Errorf("read codebook: %w", err)
		}
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read codebook: %w", err)
	}
	return NewCodeTree(all).Codes, nil
}

// Codebook returns every code in display order: depth first, siblings by
// position (then name).
func Codebook(p *corpus.Project) ([]Code, error) { return loadCodes(p.DB()) }

// CodeTree indexes a codebook for navigation: children, parents and paths.
type CodeTree struct {
	// Codes are all codes in display order (depth first, siblings by position).
	Codes    []Code
	index    map[string]int
	children map[string][]string
	depth    map[string]int
}

// NewCodeTree orders codes depth first and indexes them. Codes whose parent
// is missing, or that sit in a parent cycle, are shown at the top level so
// nothing is ever hidden.
func NewCodeTree(codes []Code) *CodeTree {
	t := &CodeTree{index: map[string]int{}, children: map[string][]string{}, depth: map[string]int{}}
	byGUID := make(map[string]Code, len(codes))
	for _, c := range codes {
		byGUID[c.GUID] = c
	}
	kids := map[string][]Code{}
	for _, c := range codes {
		parent := c.Parent
		if _, ok := byGUID[parent]; !ok {
			parent = ""
		}
		kids[parent] = append(kids[parent], c)
	}
	for _, l := range kids {
		sortSiblings(l)
	}
	var walk func(parent string, d int)
	walk = func(parent string, d int) {
		for _, c := range kids[parent] {
			if _, seen := t.index[c.GUID]; seen {
				continue
			}
			t.index[c.GUID] = len(t.Codes)
			t.depth[c.GUID] = d
			t.Codes = append(t.Codes, c)
			t.children[parent] = append(t.children[parent], c.GUID)
			walk(c.GUID, d+1)
		}
	}
	walk("", 0)
	// Codes caught in a parent cycle are unreachable from the root.
	for _, c := range codes {
		if _, seen := t.index[c.GUID]; !seen {
			c.Parent = ""
			t.children[""] = append(t.children[""], c.GUID)
			t.index[c.GUID] = len(t.Codes)
			t.Codes = append(t.Codes, c)
			walk(c.GUID, 1)
		}
	}
	return t
}

func sortSiblings(l []Code) {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Position != l[j].Position {
			return l[i].Position < l[j].Position
		}
		if a, b := strings.ToLower(l[i].Name), strings.ToLower(l[j].Name); a != b {
			return a < b
		}
		return l[i].GUID < l[j].GUID
	})
}

// Get returns the code with this GUID.
func (t *CodeTree) Get(guid string) (Code, bool) {
	i, ok := t.index[guid]
	if !ok {
		return Code{}, false
	}
	return t.Codes[i], true
}

// Children returns the GUIDs of a code's direct sub-codes in order; parent ""
// gives the top-level codes.
func (t *CodeTree) Children(parent string) []string { return t.children[parent] }

// Depth returns 0 for a top-level code, 1 for its children and so on.
func (t *CodeTree) Depth(guid string) int { return t.depth[guid] }

// Ancestors returns the GUIDs from the top-level code down to the code's parent.
func (t *CodeTree) Ancestors(guid string) []string {
	var out []string
	c, ok := t.Get(guid)
	for ok && c.Parent != "" && len(out) <= len(t.Codes) {
		out = append(out, c.Parent)
		c, ok = t.Get(c.Parent)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Descendants returns the GUIDs of every code below guid, depth first.
func (t *CodeTree) Descendants(guid string) []string {
	var out []string
	var walk func(string)
	walk = func(g string) {
		for _, k := range t.children[g] {
			out = append(out, k)
			walk(k)
		}
	}
	walk(guid)
	return out
}

// Path returns the code's names from the top level down, joined by "/",
// for example "Rigor/Sampling explained".
func (t *CodeTree) Path(guid string) string {
	c, ok := t.Get(guid)
	if !ok {
		return ""
	}
	var parts []string
	for _, a := range t.Ancestors(guid) {
		ac, _ := t.Get(a)
		parts = append(parts, ac.Name)
	}
	return strings.Join(append(parts, c.Name), "/")
}

// Resolve finds a code by GUID, by name (exact, then ignoring case) or by
// path "Parent/Child" (ignoring case and spaces around the slashes). A name
// shared by several codes gives an error wrapping ErrAmbiguousCode that lists
// their paths; an unknown reference wraps corpus.ErrNotFound.
func (t *CodeTree) Resolve(ref string) (Code, error) {
	if c, ok := t.Get(ref); ok {
		return c, nil
	}
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Code{}, fmt.Errorf("no code given: %w", corpus.ErrNotFound)
	}
	matchers := []func(Code) bool{
		func(c Code) bool { return c.Name == ref },
		func(c Code) bool { return strings.EqualFold(c.Name, ref) },
		func(c Code) bool { return normPath(t.Path(c.GUID)) == normPath(ref) },
	}
	for _, m := range matchers {
		var found []Code
		for _, c := range t.Codes {
			if m(c) {
				found = append(found, c)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		}
		paths := make([]string, len(found))
		for i, c := range found {
			paths[i] = fmt.Sprintf("%q", t.Path(c.GUID))
		}
		return Code{}, fmt.Errorf("%w: %q is %s; give the path or the GUID", ErrAmbiguousCode, ref, strings.Join(paths, ", "))
	}
	return Code{}, fmt.Errorf("no code with GUID, name or path %q: %w", ref, corpus.ErrNotFound)
}

func normPath(p string) string {
	parts := strings.Split(p, "/")
	for i := range parts {
		parts[i] = strings.ToLower(strings.TrimSpace(parts[i]))
	}
	return strings.Join(parts, "/")
}

// LoadCodeTree reads the codebook into a CodeTree.
func LoadCodeTree(p *corpus.Project) (*CodeTree, error) {
	codes, err := Codebook(p)
	if err != nil {
		return nil, err
	}
	return NewCodeTree(codes), nil
}

// ResolveCode finds a code by GUID, name or "Parent/Child" path (see CodeTree.Resolve).
func ResolveCode(p *corpus.Project, ref string) (Code, error) {
	t, err := LoadCodeTree(p)
	if err != nil {
		return Code{}, err
	}
	return t.Resolve(ref)
}

// validateCode normalises and checks a code's editable fields.
func validateCode(c *Code) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" || strings.ContainsAny(c.Name, "\n\r\t\f") {
		return fmt.Errorf("%w (no line breaks or tabs)", ErrCodeName)
	}
	c.Color = strings.ToLower(strings.TrimSpace(c.Color))
	if c.Color == "" {
		c.Color = "#888888"
	}
	if !assets.ValidColor(c.Color) {
		return fmt.Errorf("colour %q: %w", c.Color, ErrCodeColor)
	}
	c.Kind = strings.ToLower(strings.TrimSpace(c.Kind))
	switch c.Kind {
	case "":
		c.Kind = KindOther
	case KindRigor, KindTheme, KindSector, KindOther:
	default:
		return fmt.Errorf("kind %q: %w", c.Kind, ErrCodeKind)
	}
	if c.Pinned < 0 || c.Pinned > 9 {
		return fmt.Errorf("pin %d: %w", c.Pinned, ErrCodePin)
	}
	return nil
}

// checkSiblingName refuses a name already used (ignoring case) by another
// child of parent.
func checkSiblingName(tx *corpus.Tx, parent, name, self string) error {
	rows, err := tx.Query(`SELECT guid, name FROM codes WHERE parent = ?`, parent)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g, n string
		if err := rows.Scan(&g, &n); err != nil {
			return err
		}
		if g != self && strings.EqualFold(n, name) {
			return fmt.Errorf("%q: %w", name, ErrCodeNameTaken)
		}
	}
	return rows.Err()
}

// codeExists reports ErrNotFound (wrapped) when guid is not a code.
func codeExists(tx *corpus.Tx, guid string) error {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM codes WHERE guid = ?`, guid).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("code %s: %w", guid, corpus.ErrNotFound)
	}
	return nil
}

// unpin frees a pin number held by any code other than self.
func unpin(tx *corpus.Tx, pin int, self string) error {
	if pin == 0 {
		return nil
	}
	rows, err := tx.Query(`SELECT guid FROM codes WHERE pinned = ? AND guid <> ?`, pin, self)
	if err != nil {
		return err
	}
	var holders []string
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			rows.Close()
			return err
		}
		holders = append(holders, g)
	}
	rows.Close()
	for _, g := range holders {
		if err := tx.Update("codes", g, corpus.Row{"pinned": int64(0)}); err != nil {
			return err
		}
	}
	return nil
}

// CreateCode adds a code (as the last child of c.Parent) and returns its GUID.
// c.GUID may be preset (exchange keeps identities); otherwise a new one is
// made. A pin taken by another code moves to the new code.
func CreateCode(p *corpus.Project, c Code) (string, error) {
	err := p.Do("Create code "+strings.TrimSpace(c.Name), func(tx *corpus.Tx) error {
		var err error
		c.GUID, err = createCode(tx, c)
		return err
	})
	return c.GUID, err
}

// createCode is CreateCode inside an action.
func createCode(tx *corpus.Tx, c Code) (string, error) {
	if err := validateCode(&c); err != nil {
		return "", err
	}
	if c.GUID == "" {
		c.GUID = uuid.NewString()
	} else {
		c.GUID = strings.ToLower(strings.Trim(c.GUID, "{} "))
	}
	if c.Parent != "" {
		if err := codeExists(tx, c.Parent); err != nil {
			return "", fmt.Errorf("parent: %w", err)
		}
	}
	if codeExists(tx, c.GUID) == nil {
		return "", fmt.Errorf("code %q: the GUID %s is already another code's", c.Name, c.GUID)
	}
	if err := checkSiblingName(tx, c.Parent, c.Name, c.GUID); err != nil {
		return "", err
	}
	if err := unpin(tx, c.Pinned, c.GUID); err != nil {
		return "", err
	}
	var pos int
	if err := tx.QueryRow(`SELECT COALESCE(MAX(position) + 1, 0) FROM codes WHERE parent = ?`, c.Parent).Scan(&pos); err != nil {
		return "", err
	}
	err := tx.Insert("codes", corpus.Row{
		"guid": c.GUID, "parent": c.Parent, "name": c.Name, "definition": c.Definition,
		"inclusion": c.Inclusion, "exclusion": c.Exclusion, "color": c.Color, "kind": c.Kind,
		"position": int64(pos), "pinned": int64(c.Pinned), "created_at": tx.Stamp(),
	})
	if err != nil {
		return "", fmt.Errorf("create code %q: %w", c.Name, err)
	}
	return c.GUID, nil
}

// UpdateCode saves a code's name, colour, definition, inclusion, exclusion,
// kind and pin (its place in the tree changes with MoveCode). Pinning a
// number another code holds moves the pin, in the same action.
func UpdateCode(p *corpus.Project, c Code) error {
	return p.Do("Edit code "+strings.TrimSpace(c.Name), func(tx *corpus.Tx) error { return updateCode(tx, c) })
}

func updateCode(tx *corpus.Tx, c Code) error {
	if err := validateCode(&c); err != nil {
		return err
	}
	var parent string
	if err := tx.QueryRow(`SELECT parent FROM codes WHERE guid = ?`, c.GUID).Scan(&parent); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("code %s: %w", c.GUID, corpus.ErrNotFound)
		}
		return err
	}
	if err := checkSiblingName(tx, parent, c.Name, c.GUID); err != nil {
		return err
	}
	if err := unpin(tx, c.Pinned, c.GUID); err != nil {
		return err
	}
	return tx.Update("codes", c.GUID, corpus.Row{
		"name": c.Name, "definition": c.Definition, "inclusion": c.Inclusion, "exclusion": c.Exclusion,
		"color": c.Color, "kind": c.Kind, "pinned": int64(c.Pinned),
	})
}

// MoveCode puts a code under newParent ("" for the top level) at the given
// position among its new siblings (0 first; beyond the end appends). Moving
// a code under itself or one of its sub-codes fails with ErrCodeCycle.
func MoveCode(p *corpus.Project, guid, newParent string, position int) error {
	return p.Do("Move code", func(tx *corpus.Tx) error { return moveCode(tx, guid, newParent, position) })
}

func moveCode(tx *corpus.Tx, guid, newParent string, position int) error {
	codes, err := loadCodes(tx)
	if err != nil {
		return err
	}
	t := NewCodeTree(codes)
	c, ok := t.Get(guid)
	if !ok {
		return fmt.Errorf("code %s: %w", guid, corpus.ErrNotFound)
	}
	if newParent != "" {
		if _, ok := t.Get(newParent); !ok {
			return fmt.Errorf("new parent %s: %w", newParent, corpus.ErrNotFound)
		}
		if newParent == guid {
			return ErrCodeCycle
		}
		for _, a := range t.Ancestors(newParent) {
			if a == guid {
				return ErrCodeCycle
			}
		}
	}
	if newParent != c.Parent {
		if err := checkSiblingName(tx, newParent, c.Name, guid); err != nil {
			return err
		}
	}
	var sibs []string
	for _, s := range t.Children(newParent) {
		if s != guid {
			sibs = append(sibs, s)
		}
	}
	if position < 0 || position > len(sibs) {
		position = len(sibs)
	}
	sibs = append(sibs[:position], append([]string{guid}, sibs[position:]...)...)
	if err := tx.Update("codes", guid, corpus.Row{"parent": newParent}); err != nil {
		return err
	}
	if err := renumber(tx, t, sibs); err != nil {
		return err
	}
	if c.Parent != newParent {
		var old []string
		for _, s := range t.Children(c.Parent) {
			if s != guid {
				old = append(old, s)
			}
		}
		return renumber(tx, t, old)
	}
	return nil
}

// renumber gives siblings the positions 0, 1, 2, ... (only changes are written).
func renumber(tx *corpus.Tx, t *CodeTree, sibs []string) error {
	for i, g := range sibs {
		if c, ok := t.Get(g); ok && c.Position == i {
			continue
		}
		if err := tx.Update("codes", g, corpus.Row{"position": int64(i)}); err != nil {
			return err
		}
	}
	return nil
}
