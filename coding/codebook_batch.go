package coding

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// CodeBatch creates and edits many codes inside one action with the checks
// of CreateCodeTx and UpdateCodeTx, keeping the codebook's identities,
// sibling names and next positions in memory: it reads the codebook once,
// so n codes cost O(n) statements where CreateCodeTx reads every sibling of
// each new code (a flat codebook of 100,000 codes would take hours). Use
// only the batch to change codes while it is in use.
type CodeBatch struct {
	tx       *corpus.Tx
	codes    map[string]Code   // GUID -> code as the batch knows it
	siblings map[string]string // parent + "\x00" + folded name -> GUID
	next     map[string]int    // parent -> next free position
}

// NewCodeBatch reads the codebook for a batch of edits in tx.
func NewCodeBatch(tx *corpus.Tx) (*CodeBatch, error) {
	rows, err := tx.Query(`SELECT ` + codeCols + ` FROM codes`)
	if err != nil {
		return nil, fmt.Errorf("read codebook: %w", err)
	}
	defer rows.Close()
	b := &CodeBatch{tx: tx, codes: map[string]Code{}, siblings: map[string]string{}, next: map[string]int{}}
	for rows.Next() {
		c, err := scanCode(rows)
		if err != nil {
			return nil, fmt.Errorf("read codebook: %w", err)
		}
		b.codes[c.GUID] = c
		b.siblings[siblingKey(c.Parent, c.Name)] = c.GUID
		b.next[c.Parent] = max(b.next[c.Parent], c.Position+1)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read codebook: %w", err)
	}
	return b, nil
}

// siblingKey identifies a name among the children of parent, ignoring case
// as strings.EqualFold does.
func siblingKey(parent, name string) string {
	return parent + "\x00" + foldCase(name)
}

// foldCase maps every rune to the smallest rune of its case-folding orbit,
// so foldCase(a) == foldCase(b) exactly when strings.EqualFold(a, b).
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		return m
	}, s)
}

// Get returns a code as the batch knows it.
func (b *CodeBatch) Get(guid string) (Code, bool) {
	c, ok := b.codes[guid]
	return c, ok
}

// Child returns the child of parent named name (ignoring case), "" if none.
func (b *CodeBatch) Child(parent, name string) string {
	return b.siblings[siblingKey(parent, strings.TrimSpace(name))]
}

// Create adds a code as CreateCodeTx does (last child of c.Parent, the
// file's GUID kept when free) and returns its GUID.
func (b *CodeBatch) Create(c Code) (string, error) {
	if err := ValidateCode(&c); err != nil {
		return "", err
	}
	if c.GUID == "" {
		c.GUID = uuid.NewString()
	} else {
		c.GUID = strings.ToLower(strings.Trim(c.GUID, "{} "))
	}
	if _, ok := b.codes[c.Parent]; c.Parent != "" && !ok {
		return "", fmt.Errorf("parent: code %s: %w", c.Parent, corpus.ErrNotFound)
	}
	if _, ok := b.codes[c.GUID]; ok {
		return "", fmt.Errorf("code %q: the GUID %s is already another code's", c.Name, c.GUID)
	}
	key := siblingKey(c.Parent, c.Name)
	if _, taken := b.siblings[key]; taken {
		return "", fmt.Errorf("%q: %w", c.Name, ErrCodeNameTaken)
	}
	if err := b.unpin(c.Pinned, c.GUID); err != nil {
		return "", err
	}
	c.Position = b.next[c.Parent]
	err := schema.Codes.Insert(b.tx, schema.Code{
		GUID: c.GUID, Parent: c.Parent, Name: c.Name, Definition: c.Definition,
		Inclusion: c.Inclusion, Exclusion: c.Exclusion, Color: c.Color, Kind: c.Kind,
		Position: c.Position, Pinned: c.Pinned, CreatedAt: b.tx.Stamp(), NotCodable: c.NotCodable,
	})
	if err != nil {
		return "", fmt.Errorf("create code %q: %w", c.Name, err)
	}
	b.codes[c.GUID], b.siblings[key], b.next[c.Parent] = c, c.GUID, c.Position+1
	return c.GUID, nil
}

// Update saves a code's fields as UpdateCodeTx does (not its place).
func (b *CodeBatch) Update(c Code) error {
	if err := ValidateCode(&c); err != nil {
		return err
	}
	cur, ok := b.codes[c.GUID]
	if !ok {
		return fmt.Errorf("code %s: %w", c.GUID, corpus.ErrNotFound)
	}
	key := siblingKey(cur.Parent, c.Name)
	if g, taken := b.siblings[key]; taken && g != c.GUID {
		return fmt.Errorf("%q: %w", c.Name, ErrCodeNameTaken)
	}
	if err := b.unpin(c.Pinned, c.GUID); err != nil {
		return err
	}
	if c.Name != cur.Name {
		// The search index carries code names: studies coded with it change.
		studies, err := corpus.QueryStrings(b.tx, `SELECT DISTINCT study FROM codings WHERE code = ?`, c.GUID)
		if err != nil {
			return err
		}
		for _, s := range studies {
			b.tx.Touch(s)
		}
	}
	col := schema.CodeCol
	err := schema.Codes.Update(b.tx, c.GUID,
		col.Name.To(c.Name), col.Definition.To(c.Definition), col.Inclusion.To(c.Inclusion), col.Exclusion.To(c.Exclusion),
		col.Color.To(c.Color), col.Kind.To(c.Kind), col.Pinned.To(c.Pinned), col.NotCodable.To(c.NotCodable))
	if err != nil {
		return err
	}
	delete(b.siblings, siblingKey(cur.Parent, cur.Name))
	c.Parent, c.Position = cur.Parent, cur.Position
	b.codes[c.GUID], b.siblings[key] = c, c.GUID
	return nil
}

// unpin frees a pin number held by another code (in the database and the batch).
func (b *CodeBatch) unpin(pin int, self string) error {
	if pin == 0 {
		return nil
	}
	if err := unpin(b.tx, pin, self); err != nil {
		return err
	}
	for g, c := range b.codes {
		if g != self && c.Pinned == pin {
			c.Pinned = 0
			b.codes[g] = c
		}
	}
	return nil
}
