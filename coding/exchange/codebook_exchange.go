package exchange

import (
	"errors"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// CodebookImport reports what importing a codebook changed.
type CodebookImport struct {
	Added     []string // paths of the codes created
	Updated   []string // paths of existing codes whose fields changed
	Unchanged int      // codes already present as imported
	Warnings  []string // plain sentences about things not imported
}

// importCode is one code of an imported codebook. Fields a format does not
// carry are nil and leave the project's value alone.
type importCode struct {
	line       int    // source line (CSV) or 0
	guid       string // identity in the file, "" when none
	parentKey  string // normalised path of the parent in the file, "" at the top
	path       string // path of the code in the file, for reports
	key        string // normalised path (NormPath)
	name       string
	kind       *string
	color      *string
	definition *string
	inclusion  *string
	exclusion  *string
	notCodable *bool // REFI-QDA isCodable="false"
}

// where names an imported code for messages.
func (ic importCode) where() string {
	if ic.line > 0 {
		return fmt.Sprintf("line %d", ic.line)
	}
	return fmt.Sprintf("code %q", ic.name)
}

// importCodes merges codes into the codebook inside an action: a code whose
// GUID exists is updated in place; else one with the same path is updated;
// else a new code is created (keeping the file's GUID when it is free).
// Existing codes are never moved. Parents may come after their children in
// the list. Problems are returned as CSVProblems (line 0 for non-CSV input).
func importCodes(tx *corpus.Tx, items []importCode) (CodebookImport, []CSVProblem, error) {
	var rep CodebookImport
	var problems []CSVProblem
	codes, err := coding.LoadCodes(tx)
	if err != nil {
		return rep, nil, err
	}
	tree := coding.NewCodeTree(codes)
	exists := map[string]bool{}
	children := map[string]string{} // parent GUID + "\x00" + lower name -> GUID
	for _, c := range tree.Codes {
		exists[c.GUID] = true
		children[c.Parent+"\x00"+strings.ToLower(c.Name)] = c.GUID
	}
	mapped := map[string]string{"": ""} // file path key -> project GUID
	pathOf := func(g, fallback string) string {
		if p := tree.Path(g); p != "" {
			return p
		}
		return fallback
	}
	pending := items
	for len(pending) > 0 {
		var later []importCode
		for _, ic := range pending {
			parent, ok := mapped[ic.parentKey]
			if !ok {
				later = append(later, ic)
				continue
			}
			g := ""
			if ic.guid != "" && exists[ic.guid] {
				g = ic.guid
			} else {
				g = children[parent+"\x00"+strings.ToLower(ic.name)]
			}
			if g == "" {
				c := coding.Code{GUID: ic.guid, Parent: parent, Name: ic.name}
				applyImported(&c, ic)
				if c.GUID != "" && exists[c.GUID] {
					c.GUID = ""
				}
				ng, err := coding.CreateCodeTx(tx, c)
				if err != nil {
					problems = append(problems, CSVProblem{Line: ic.line, Message: fmt.Sprintf("%s: %v", ic.where(), err)})
					continue
				}
				exists[ng] = true
				children[parent+"\x00"+strings.ToLower(ic.name)] = ng
				mapped[ic.key] = ng
				rep.Added = append(rep.Added, ic.path)
				continue
			}
			mapped[ic.key] = g
			cur, err := coding.CodeTx(tx, g)
			if err != nil {
				return rep, nil, fmt.Errorf("import codebook: %w", err)
			}
			if cur.Parent != parent {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("%q is %q in the codebook; it was updated where it is, not moved",
					ic.path, pathOf(g, ic.path)))
			}
			next := cur
			next.Name = ic.name
			applyImported(&next, ic)
			if err := coding.ValidateCode(&next); err != nil {
				problems = append(problems, CSVProblem{Line: ic.line, Message: fmt.Sprintf("%s: %v", ic.where(), err)})
				continue
			}
			if next == cur {
				rep.Unchanged++
				continue
			}
			if err := coding.UpdateCodeTx(tx, next); err != nil {
				problems = append(problems, CSVProblem{Line: ic.line, Message: fmt.Sprintf("%s: %v", ic.where(), err)})
				continue
			}
			delete(children, cur.Parent+"\x00"+strings.ToLower(cur.Name))
			children[cur.Parent+"\x00"+strings.ToLower(next.Name)] = g
			rep.Updated = append(rep.Updated, pathOf(g, ic.path))
		}
		if len(later) == len(pending) {
			for _, ic := range later {
				problems = append(problems, CSVProblem{Line: ic.line,
					Message: fmt.Sprintf("%s: its parent %q is neither in the file nor in the codebook", ic.where(), ic.parentKey)})
			}
			break
		}
		pending = later
	}
	return rep, problems, nil
}

// applyImported copies the fields the file carries.
func applyImported(c *coding.Code, ic importCode) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&c.Kind, ic.kind)
	set(&c.Color, ic.color)
	set(&c.Definition, ic.definition)
	set(&c.Inclusion, ic.inclusion)
	set(&c.Exclusion, ic.exclusion)
	if ic.notCodable != nil {
		c.NotCodable = *ic.notCodable
	}
}

// ErrInvalidCodebook is wrapped by the errors of a codebook file (other than
// CSV, whose problems come as a *CSVError) that cannot be imported.
var ErrInvalidCodebook = errors.New("the codebook cannot be imported")

// importCodebook runs importCodes as one action; any problem cancels it
// (a *CSVError for CSV input, else an error wrapping ErrInvalidCodebook).
func importCodebook(p *corpus.Project, label string, items []importCode, csv bool) (CodebookImport, error) {
	var rep CodebookImport
	err := p.Do(label, func(tx *corpus.Tx) error {
		r, problems, err := importCodes(tx, items)
		if err != nil {
			return err
		}
		if len(problems) > 0 && csv {
			return &CSVError{Problems: problems}
		}
		if len(problems) > 0 {
			msgs := make([]string, len(problems))
			for i, pr := range problems {
				msgs[i] = pr.Message
			}
			return fmt.Errorf("%w: %s", ErrInvalidCodebook, strings.Join(msgs, "; "))
		}
		rep = r
		return nil
	})
	return rep, err
}
