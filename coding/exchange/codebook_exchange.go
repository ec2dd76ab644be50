package exchange

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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
// the list, and a parent may be a code of the codebook that is not in the
// file. Problems are returned as CSVProblems (line 0 for non-CSV input).
// The work is linear in the number of codes (a coding.CodeBatch keeps the
// codebook in memory).
func importCodes(tx *corpus.Tx, items []importCode) (CodebookImport, []CSVProblem, error) {
	var rep CodebookImport
	var problems []CSVProblem
	problem := func(ic importCode, err error) {
		msg := err.Error()
		if ic.line == 0 {
			msg = ic.where() + ": " + msg
		}
		problems = append(problems, CSVProblem{Line: ic.line, Message: msg})
	}
	codes, err := coding.LoadCodes(tx)
	if err != nil {
		return rep, nil, err
	}
	tree := coding.NewCodeTree(codes)
	batch, err := coding.NewCodeBatch(tx)
	if err != nil {
		return rep, nil, err
	}
	pathOf := func(g, fallback string) string {
		if p := tree.Path(g); p != "" {
			return p
		}
		return fallback
	}
	// File path key -> project GUID: the top level, and the codebook's codes
	// at paths the file does not name (parents a file may leave out).
	mapped := map[string]string{"": ""}
	inFile := make(map[string]bool, len(items))
	for _, ic := range items {
		inFile[ic.key] = true
	}
	for _, c := range tree.Codes {
		if k := coding.NormPath(tree.Path(c.GUID)); !inFile[k] {
			mapped[k] = c.GUID
		}
	}
	// Each code once its parent is mapped: parents first, in file order.
	waiting := map[string][]importCode{}
	var queue []importCode
	for _, ic := range items {
		if _, ok := mapped[ic.parentKey]; ok {
			queue = append(queue, ic)
		} else {
			waiting[ic.parentKey] = append(waiting[ic.parentKey], ic)
		}
	}
	for i := 0; i < len(queue); i++ {
		ic := queue[i]
		parent := mapped[ic.parentKey]
		g := ""
		if _, ok := batch.Get(ic.guid); ok && ic.guid != "" {
			g = ic.guid
		} else {
			g = batch.Child(parent, ic.name)
		}
		if g == "" {
			c := coding.Code{GUID: ic.guid, Parent: parent, Name: ic.name}
			applyImported(&c, ic)
			ng, err := batch.Create(c)
			if err != nil {
				problem(ic, err)
				continue
			}
			mapped[ic.key] = ng
			queue = append(queue, waiting[ic.key]...)
			delete(waiting, ic.key)
			rep.Added = append(rep.Added, ic.path)
			continue
		}
		mapped[ic.key] = g
		queue = append(queue, waiting[ic.key]...)
		delete(waiting, ic.key)
		cur, _ := batch.Get(g)
		if cur.Parent != parent {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%q is %q in the codebook; it was updated where it is, not moved",
				ic.path, pathOf(g, ic.path)))
		}
		next := cur
		next.Name = ic.name
		applyImported(&next, ic)
		if err := coding.ValidateCode(&next); err != nil {
			problem(ic, err)
			continue
		}
		if next == cur {
			rep.Unchanged++
			continue
		}
		if err := batch.Update(next); err != nil {
			problem(ic, err)
			continue
		}
		rep.Updated = append(rep.Updated, pathOf(g, ic.path))
	}
	var left []importCode
	for _, ics := range waiting {
		left = append(left, ics...)
	}
	slices.SortFunc(left, func(a, b importCode) int { return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.path, b.path)) })
	for _, ic := range left {
		problem(ic, fmt.Errorf("its parent %q is neither in the file nor in the codebook", ic.parentKey))
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
