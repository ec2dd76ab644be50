package coding

import (
	"fmt"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

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
		func(c Code) bool { return NormPath(t.Path(c.GUID)) == NormPath(ref) },
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

// NormPath is the comparison key of a code path: what CodeTree.Resolve
// compares, so two spellings of one path give the same key.
func NormPath(p string) string {
	parts := strings.Split(p, "/")
	for i := range parts {
		parts[i] = strings.ToLower(strings.TrimSpace(parts[i]))
	}
	return strings.Join(parts, "/")
}
