package coding

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding/schema"
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
const codeCols = `guid, parent, name, definition, inclusion, exclusion, color, kind, position, pinned, not_codable`

func scanCode(r interface{ Scan(...any) error }) (Code, error) {
	var c Code
	err := r.Scan(&c.GUID, &c.Parent, &c.Name, &c.Definition, &c.Inclusion, &c.Exclusion, &c.Color, &c.Kind, &c.Position, &c.Pinned, &c.NotCodable)
	return c, err
}

// LoadCodes reads the codebook through q (a project's DB or an action's Tx)
// in display order (see Codebook).
func LoadCodes(q corpus.Querier) ([]Code, error) {
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
func Codebook(p *corpus.Project) ([]Code, error) { return LoadCodes(p.DB()) }

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

// CodeTx reads one code inside an action (corpus.ErrNotFound when there is
// none with that GUID).
func CodeTx(tx *corpus.Tx, guid string) (Code, error) {
	c, err := scanCode(tx.QueryRow(`SELECT `+codeCols+` FROM codes WHERE guid = ?`, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return Code{}, fmt.Errorf("code %s: %w", guid, corpus.ErrNotFound)
	}
	return c, err
}

// ValidateCode normalises a code's editable fields (trimmed name, lower-case
// colour, default colour and kind) and checks them.
func ValidateCode(c *Code) error {
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
		if err := schema.Codes.Update(tx, g, schema.CodeCol.Pinned.To(0)); err != nil {
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
		c.GUID, err = CreateCodeTx(tx, c)
		return err
	})
	return c.GUID, err
}

// CreateCodeTx is CreateCode inside an action; it returns the new code's GUID.
func CreateCodeTx(tx *corpus.Tx, c Code) (string, error) {
	if err := ValidateCode(&c); err != nil {
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
	err := schema.Codes.Insert(tx, schema.Code{
		GUID: c.GUID, Parent: c.Parent, Name: c.Name, Definition: c.Definition,
		Inclusion: c.Inclusion, Exclusion: c.Exclusion, Color: c.Color, Kind: c.Kind,
		Position: pos, Pinned: c.Pinned, CreatedAt: tx.Stamp(), NotCodable: c.NotCodable,
	})
	if err != nil {
		return "", fmt.Errorf("create code %q: %w", c.Name, err)
	}
	return c.GUID, nil
}

// UpdateCode saves a code's name, colour, definition, inclusion, exclusion,
// kind, pin and NotCodable (its place in the tree changes with MoveCode). Pinning a
// number another code holds moves the pin, in the same action.
func UpdateCode(p *corpus.Project, c Code) error {
	return p.Do("Edit code "+strings.TrimSpace(c.Name), func(tx *corpus.Tx) error { return UpdateCodeTx(tx, c) })
}

// UpdateCodeTx is UpdateCode inside an action.
func UpdateCodeTx(tx *corpus.Tx, c Code) error {
	if err := ValidateCode(&c); err != nil {
		return err
	}
	var parent, oldName string
	if err := tx.QueryRow(`SELECT parent, name FROM codes WHERE guid = ?`, c.GUID).Scan(&parent, &oldName); err != nil {
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
	if c.Name != oldName {
		// The search index carries code names: studies coded with it change.
		studies, err := corpus.QueryStrings(tx, `SELECT DISTINCT study FROM codings WHERE code = ?`, c.GUID)
		if err != nil {
			return err
		}
		for _, s := range studies {
			tx.Touch(s)
		}
	}
	col := schema.CodeCol
	return schema.Codes.Update(tx, c.GUID,
		col.Name.To(c.Name), col.Definition.To(c.Definition), col.Inclusion.To(c.Inclusion), col.Exclusion.To(c.Exclusion),
		col.Color.To(c.Color), col.Kind.To(c.Kind), col.Pinned.To(c.Pinned), col.NotCodable.To(c.NotCodable))
}

// MoveCode puts a code under newParent ("" for the top level) at the given
// position among its new siblings (0 first; beyond the end appends). Moving
// a code under itself or one of its sub-codes fails with ErrCodeCycle.
func MoveCode(p *corpus.Project, guid, newParent string, position int) error {
	return p.Do("Move code", func(tx *corpus.Tx) error { return moveCode(tx, guid, newParent, position) })
}

func moveCode(tx *corpus.Tx, guid, newParent string, position int) error {
	codes, err := LoadCodes(tx)
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
	if err := schema.Codes.Update(tx, guid, schema.CodeCol.Parent.To(newParent)); err != nil {
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
		if err := schema.Codes.Update(tx, g, schema.CodeCol.Position.To(i)); err != nil {
			return err
		}
	}
	return nil
}
