package exchange

import (
	"fmt"
	"io"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// REFI-QDA codes carry one description. The codebook's definition,
// inclusion and exclusion go into it as paragraphs, the latter two
// introduced by these labels, and come back apart on import.
const (
	qdcInclusion = "Inclusion:"
	qdcExclusion = "Exclusion:"
	// qdcKindSet prefixes the names of the code sets that carry code kinds
	// ("Kind: rigor"); REFI-QDA has no kinds of its own.
	qdcKindSet = "Kind: "
)

// kindSetNamespace derives the stable GUIDs of the kind sets.
var kindSetNamespace = uuid.MustParse("9c3b4c1e-5f0a-4d7e-8a21-6b0e3f5d2a47")

// qdcDescription joins a code's definition, inclusion and exclusion.
func qdcDescription(c coding.Code) string {
	parts := []string{}
	if d := strings.TrimSpace(c.Definition); d != "" {
		parts = append(parts, d)
	}
	if s := strings.TrimSpace(c.Inclusion); s != "" {
		parts = append(parts, qdcInclusion+" "+s)
	}
	if s := strings.TrimSpace(c.Exclusion); s != "" {
		parts = append(parts, qdcExclusion+" "+s)
	}
	return strings.Join(parts, "\n\n")
}

// splitQDCDescription is the inverse of qdcDescription; a description from
// another program becomes the definition.
func splitQDCDescription(desc string) (def, inc, exc string) {
	desc = strings.ReplaceAll(desc, "\r\n", "\n")
	var sections [3][]string
	cur := 0
	for _, para := range strings.Split(desc, "\n\n") {
		t := strings.TrimSpace(para)
		switch {
		case strings.HasPrefix(t, qdcInclusion):
			cur, t = 1, strings.TrimSpace(strings.TrimPrefix(t, qdcInclusion))
		case strings.HasPrefix(t, qdcExclusion):
			cur, t = 2, strings.TrimSpace(strings.TrimPrefix(t, qdcExclusion))
		}
		if t != "" {
			sections[cur] = append(sections[cur], t)
		}
	}
	return strings.Join(sections[0], "\n\n"), strings.Join(sections[1], "\n\n"), strings.Join(sections[2], "\n\n")
}

// CodebookToREFI converts the project's codebook to the REFI-QDA model:
// the code tree with GUIDs, colours, descriptions and isCodable, and one
// code set per kind ("Kind: rigor", ...).
func CodebookToREFI(p *corpus.Project) (*refi.CodeBook, error) {
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	byKind := map[string][]string{}
	var build func(parent string) []*refi.Code
	build = func(parent string) []*refi.Code {
		var out []*refi.Code
		for _, g := range t.Children(parent) {
			c, _ := t.Get(g)
			byKind[c.Kind] = append(byKind[c.Kind], c.GUID)
			out = append(out, &refi.Code{GUID: c.GUID, Name: c.Name, IsCodable: !c.NotCodable,
				Color: strings.ToUpper(c.Color), Description: qdcDescription(c), Children: build(g)})
		}
		return out
	}
	cb := &refi.CodeBook{Origin: "Evidence Workbench", Codes: build("")}
	for _, k := range []string{coding.KindRigor, coding.KindTheme, coding.KindSector, coding.KindOther} {
		if len(byKind[k]) == 0 {
			continue
		}
		cb.Sets = append(cb.Sets, refi.Set{
			GUID:        uuid.NewSHA1(kindSetNamespace, []byte(p.GUID()+"/"+k)).String(),
			Name:        qdcKindSet + k,
			Description: "Evidence Workbench codes of kind " + k + ".",
			MemberCodes: byKind[k],
		})
	}
	return cb, nil
}

// ExportCodebookQDC writes the codebook as a REFI-QDA codebook (.qdc).
func ExportCodebookQDC(p *corpus.Project, w io.Writer) error {
	cb, err := CodebookToREFI(p)
	if err != nil {
		return fmt.Errorf("export codebook: %w", err)
	}
	if len(cb.Codes) == 0 {
		return fmt.Errorf("export codebook: %w: the codebook is empty", ErrInvalidCodebook)
	}
	return refi.WriteQDC(w, cb)
}

// ImportCodebookQDC reads a REFI-QDA codebook (.qdc) and merges it into the
// codebook as one action (see ImportREFICodebook). The reader's warnings
// are returned in the report.
func ImportCodebookQDC(p *corpus.Project, r io.Reader) (CodebookImport, error) {
	cb, warnings, err := refi.ReadQDC(r)
	if err != nil {
		return CodebookImport{}, fmt.Errorf("import codebook: %w", err)
	}
	rep, err := ImportREFICodebook(p, cb)
	for _, w := range warnings {
		rep.Warnings = append(rep.Warnings, w.String())
	}
	return rep, err
}

// ImportREFICodebook merges a REFI-QDA code tree into the codebook as one
// action: a code whose GUID is in the project is updated in place (name,
// colour, definition, inclusion, exclusion; it is not moved), else a code
// at the same name path is updated, else a new code is created with the
// file's GUID. Kinds come from "Kind: ..." code sets; other code sets are
// reported as warnings. Any invalid code cancels the whole import.
func ImportREFICodebook(p *corpus.Project, cb *refi.CodeBook) (CodebookImport, error) {
	if cb == nil {
		return CodebookImport{}, fmt.Errorf("%w: no codebook", ErrInvalidCodebook)
	}
	var warnings []string
	items := refiImportCodes(cb, func(w string) { warnings = append(warnings, w) })
	rep, err := importCodebook(p, "Import codebook", items, false)
	rep.Warnings = append(warnings, rep.Warnings...)
	return rep, err
}

// refiImportCodes turns a REFI-QDA code tree into codes to import, parents
// first: kinds come from the "Kind: ..." code sets (each other code set is
// reported through warn), descriptions are split into definition, inclusion
// and exclusion.
func refiImportCodes(cb *refi.CodeBook, warn func(string)) []importCode {
	kinds := map[string]string{}
	for _, s := range cb.Sets {
		name := strings.TrimSpace(s.Name)
		k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, qdcKindSet)))
		if !strings.HasPrefix(name, qdcKindSet) || (k != coding.KindRigor && k != coding.KindTheme && k != coding.KindSector && k != coding.KindOther) {
			warn(fmt.Sprintf("code set %q was not imported (the codebook has no code sets)", name))
			continue
		}
		for _, m := range s.MemberCodes {
			kinds[m] = k
		}
	}
	var items []importCode
	keys, paths := map[*refi.Code]string{}, map[*refi.Code]string{}
	refi.WalkCodes(cb.Codes, func(c, parent *refi.Code, _ int) {
		name := strings.TrimSpace(c.Name)
		ic := importCode{guid: c.GUID, name: name, path: name}
		if parent != nil {
			ic.parentKey, ic.path = keys[parent], paths[parent]+"/"+name
		}
		ic.key = coding.NormPath(ic.path)
		keys[c], paths[c] = ic.key, ic.path
		if c.Color != "" {
			col := strings.ToLower(c.Color)
			ic.color = &col
		}
		if k, ok := kinds[c.GUID]; ok {
			ic.kind = &k
		}
		def, inc, exc := splitQDCDescription(c.Description)
		ic.definition, ic.inclusion, ic.exclusion = &def, &inc, &exc
		notCodable := !c.IsCodable
		ic.notCodable = &notCodable
		items = append(items, ic)
	})
	return items
}
