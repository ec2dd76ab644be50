package assets

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// Code kinds a TemplateCode may have. A kind tells the application how a code
// is used: rigor codes are appraisal criteria, sector and theme codes are
// descriptive, other is anything else (for example grouping or free codes).
const (
	KindRigor  = "rigor"
	KindTheme  = "theme"
	KindSector = "sector"
	KindOther  = "other"
)

// DefaultTemplateID is the ID of the template used for new projects.
const DefaultTemplateID = "trafficking-rigor"

// Template is a codebook template: a named tree of codes a project can start
// from. Templates are stored as JSON files in codebooks/ with the lower-case
// field names shown in the struct tags, for example:
//
//	{"id": "x", "name": "X", "description": "...",
//	 "codes": [{"name": "Rigor", "kind": "rigor", "color": "#1f6f8b",
//	            "definition": "...", "inclusion": "...", "exclusion": "...",
//	            "children": [...]}]}
type Template struct {
	// ID is a stable, file-name-like identifier (the file name without .json).
	ID string `json:"id"`
	// Name is the title shown to users.
	Name string `json:"name"`
	// Description says what the template is for.
	Description string `json:"description"`
	// Codes are the top-level codes, in display order.
	Codes []TemplateCode `json:"codes"`
}

// TemplateCode is one code of a Template, with its children in display order.
type TemplateCode struct {
	// Name is the code's label; unique (case-insensitively) among its siblings.
	Name string `json:"name"`
	// Kind is one of KindRigor, KindTheme, KindSector or KindOther. In JSON a
	// child may omit it to inherit its parent's kind; ParseTemplate fills it in.
	Kind string `json:"kind,omitempty"`
	// Color is the highlight colour as "#rrggbb" (lower case after parsing). In
	// JSON a child may omit it to inherit its parent's colour.
	Color string `json:"color,omitempty"`
	// Definition says what the code means.
	Definition string `json:"definition,omitempty"`
	// Inclusion says when to apply the code.
	Inclusion string `json:"inclusion,omitempty"`
	// Exclusion says when not to apply it, and what to use instead.
	Exclusion string `json:"exclusion,omitempty"`
	// Children are the sub-codes.
	Children []TemplateCode `json:"children,omitempty"`
}

// ErrInvalidTemplate is wrapped by every error ParseTemplate returns for a
// template that is well-formed JSON but breaks a rule, and by JSON errors too.
var ErrInvalidTemplate = errors.New("invalid codebook template")

// TemplateError lists every problem ParseTemplate found in a template.
// It unwraps to ErrInvalidTemplate.
type TemplateError struct {
	// Problems are plain sentences, each naming the code it concerns by its
	// path (for example `code "Rigor > Sampling explained"`).
	Problems []string
}

// Error joins the problems into one message.
func (e *TemplateError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid codebook template: " + e.Problems[0]
	}
	return "invalid codebook template: " + strings.Join(e.Problems, "; ")
}

// Unwrap makes errors.Is(err, ErrInvalidTemplate) true.
func (e *TemplateError) Unwrap() error { return ErrInvalidTemplate }

//go:embed codebooks/*.json
var codebookFS embed.FS

// maxTemplateDepth bounds nesting so a hostile file cannot recurse deeply.
const maxTemplateDepth = 16

// ParseTemplate decodes and validates a template from JSON. Unknown fields
// are rejected (they are usually typos). Rules: the id and name are not
// empty; there is at least one code; every code has a non-empty name that is
// unique among its siblings (ignoring case and surrounding space); every kind
// is one of the Kind constants; every colour is "#rrggbb"; nesting is at most
// 16 levels deep. Children without a kind or colour inherit their parent's;
// names are trimmed and colours lower-cased. All problems are reported
// together in a *TemplateError.
func ParseTemplate(data []byte) (Template, error) {
	var t Template
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return Template{}, fmt.Errorf("%w: not valid template JSON: %v", ErrInvalidTemplate, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Template{}, fmt.Errorf("%w: unexpected data after the template object", ErrInvalidTemplate)
	}
	var problems []string
	t.ID = strings.TrimSpace(t.ID)
	t.Name = strings.TrimSpace(t.Name)
	if t.ID == "" {
		problems = append(problems, "the template has no id")
	}
	if t.Name == "" {
		problems = append(problems, "the template has no name")
	}
	if len(t.Codes) == 0 {
		problems = append(problems, "the template has no codes")
	}
	problems = normaliseCodes(t.Codes, "", "", "", 1, problems)
	if len(problems) > 0 {
		return Template{}, &TemplateError{Problems: problems}
	}
	return t, nil
}

// normaliseCodes validates codes in place, filling inherited kinds and colours.
func normaliseCodes(codes []TemplateCode, parentPath, parentKind, parentColor string, depth int, problems []string) []string {
	if depth > maxTemplateDepth {
		return append(problems, fmt.Sprintf("codes under %q are nested more than %d levels deep", parentPath, maxTemplateDepth))
	}
	seen := make(map[string]bool, len(codes))
	for i := range codes {
		c := &codes[i]
		c.Name = strings.TrimSpace(c.Name)
		p := c.Name
		if parentPath != "" {
			p = parentPath + " > " + c.Name
		}
		where := fmt.Sprintf("code %q", p)
		if c.Name == "" {
			where = fmt.Sprintf("code number %d", i+1)
			if parentPath != "" {
				where += fmt.Sprintf(" under %q", parentPath)
			}
			problems = append(problems, where+" has no name")
		} else {
			key := strings.ToLower(c.Name)
			if seen[key] {
				problems = append(problems, fmt.Sprintf("%s appears more than once at the same level", where))
			}
			seen[key] = true
		}
		c.Kind = strings.ToLower(strings.TrimSpace(c.Kind))
		if c.Kind == "" {
			c.Kind = parentKind
		}
		switch c.Kind {
		case KindRigor, KindTheme, KindSector, KindOther:
		case "":
			problems = append(problems, where+" has no kind (use rigor, theme, sector or other)")
		default:
			problems = append(problems, fmt.Sprintf("%s has kind %q (use rigor, theme, sector or other)", where, c.Kind))
		}
		c.Color = strings.ToLower(strings.TrimSpace(c.Color))
		if c.Color == "" {
			c.Color = parentColor
		}
		if c.Color == "" {
			problems = append(problems, where+" has no colour (use #rrggbb)")
		} else if !ValidColor(c.Color) {
			problems = append(problems, fmt.Sprintf("%s has colour %q (use #rrggbb, for example #1f6f8b)", where, c.Color))
		}
		problems = normaliseCodes(c.Children, p, c.Kind, c.Color, depth+1, problems)
	}
	return problems
}

// ValidColor reports whether s is a colour of the form "#rrggbb" (hex digits
// in either case).
func ValidColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

// Templates returns every embedded codebook template, the default first and
// the rest ordered by name. An error means an embedded file is broken, which
// the tests guard against.
func Templates() ([]Template, error) {
	entries, err := codebookFS.ReadDir("codebooks")
	if err != nil {
		return nil, fmt.Errorf("read embedded codebooks: %w", err)
	}
	var out []Template
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		data, err := codebookFS.ReadFile("codebooks/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read embedded codebook %s: %w", e.Name(), err)
		}
		t, err := ParseTemplate(data)
		if err != nil {
			return nil, fmt.Errorf("embedded codebook %s: %w", e.Name(), err)
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].ID == DefaultTemplateID) != (out[j].ID == DefaultTemplateID) {
			return out[i].ID == DefaultTemplateID
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// ErrUnknownTemplate is returned by TemplateByID for an ID that names no
// embedded template.
var ErrUnknownTemplate = errors.New("no such codebook template")

// TemplateByID returns the embedded template with the given ID; an unknown ID
// gives an error wrapping ErrUnknownTemplate.
func TemplateByID(id string) (Template, error) {
	if id == "" || strings.ContainsAny(id, `/\.`) {
		return Template{}, fmt.Errorf("codebook template %q: %w", id, ErrUnknownTemplate)
	}
	data, err := codebookFS.ReadFile("codebooks/" + id + ".json")
	if err != nil {
		return Template{}, fmt.Errorf("codebook template %q: %w", id, ErrUnknownTemplate)
	}
	t, err := ParseTemplate(data)
	if err != nil {
		return Template{}, fmt.Errorf("embedded codebook %s: %w", id, err)
	}
	return t, nil
}

// DefaultTemplate returns the default codebook (trafficking research rigor,
// sectors and themes). The embedded file is checked by the package tests, so
// this cannot fail in a released build; if it somehow does, it returns a
// minimal valid template with an empty Rigor group rather than panicking.
func DefaultTemplate() Template {
	data, err := codebookFS.ReadFile("codebooks/" + DefaultTemplateID + ".json")
	if err == nil {
		if t, perr := ParseTemplate(data); perr == nil {
			return t
		}
	}
	return Template{
		ID:          DefaultTemplateID,
		Name:        "Trafficking research rigor",
		Description: "Fallback codebook (the embedded default could not be read).",
		Codes:       []TemplateCode{{Name: "Rigor", Kind: KindRigor, Color: "#1f6f8b"}},
	}
}

// Walk calls fn for every code in depth-first display order with the names of
// its ancestors (outermost first); it stops early when fn returns false.
func (t Template) Walk(fn func(parents []string, c TemplateCode) bool) {
	walkCodes(t.Codes, nil, fn)
}

func walkCodes(codes []TemplateCode, parents []string, fn func([]string, TemplateCode) bool) bool {
	for _, c := range codes {
		if !fn(parents, c) {
			return false
		}
		if !walkCodes(c.Children, append(parents[:len(parents):len(parents)], c.Name), fn) {
			return false
		}
	}
	return true
}

// Find returns the first code, in display order, whose name equals name
// (ignoring case and surrounding space), and whether one was found.
func (t Template) Find(name string) (TemplateCode, bool) {
	name = strings.TrimSpace(name)
	var found TemplateCode
	ok := false
	t.Walk(func(_ []string, c TemplateCode) bool {
		if strings.EqualFold(c.Name, name) {
			found, ok = c, true
			return false
		}
		return true
	})
	return found, ok
}
