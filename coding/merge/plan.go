// Package merge brings reviewers' project files into the team lead's master
// project and supports the lead's reconciliation of coders' disagreements.
//
// A merge is planned first (Plan: what would come in, and the codebook
// conflicts, without writing) and then applied (Apply: one corpus action, so
// a failure or a cancel leaves the master untouched and one undo takes the
// whole merge back). Everything is united by GUID; a study the reviewer
// imported separately is recognised by its PDF's SHA-256 and its codings are
// re-anchored to the master's text. Merging the same file twice changes
// nothing the second time.
//
// What the master already has stays as it is: study attributes and review
// status, and code definitions (a code's name, colour or place in the tree
// that differ are conflicts the lead resolves). Appraisals and memos the
// reviewer changed after the master's copy of them are updated. The
// reconciliation list (Items, AcceptCoding, AcceptSpan, ConsensusAppraisal,
// MarkDecided) is the lead's own and is never merged.
package merge

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

// Conflict kinds.
const (
	// ConflictChanged: the same code (GUID) has another name, colour or parent in the reviewer's file.
	ConflictChanged = "changed"
	// ConflictSameName: a reviewer code has the name (and parent path) of a master code but another GUID.
	ConflictSameName = "same name"
)

// Action is how a codebook conflict is resolved.
type Action string

// Resolutions of a codebook conflict.
const (
	// KeepMaster keeps the master's code; the reviewer's codings go onto it.
	KeepMaster Action = "keep-master"
	// TakeReviewer gives the master's code the reviewer's name, colour, parent and definitions.
	TakeReviewer Action = "take-reviewer"
	// KeepBoth adds the reviewer's version as a separate code (renamed when
	// its name is taken); the reviewer's codings go onto it.
	KeepBoth Action = "keep-both"
	// MapTo puts the reviewer's codings onto another master code (Resolution.Target).
	MapTo Action = "map"
)

// Conditions a user can fix.
var (
	// ErrResolution means a resolution is unknown or maps onto a code that is not in the master.
	ErrResolution = errors.New("invalid conflict resolution")
	// ErrSameFile means the file to merge is the master project itself.
	ErrSameFile = errors.New("is the master project itself: merge the reviewers' files into it, not the master into itself")
)

// CheckReviewerPath fails with ErrSameFile when path is the master's own
// file (compared as files, so another spelling of the path or a link to it
// is caught too). Call it before opening the reviewer's file: opening the
// master a second time would only say it is open elsewhere.
func CheckReviewerPath(master *corpus.Project, path string) error {
	if master == nil || master.Path() == "" {
		return nil
	}
	a, err1 := os.Stat(master.Path())
	b, err2 := os.Stat(path)
	if err1 == nil && err2 == nil && os.SameFile(a, b) || filepath.Clean(master.Path()) == filepath.Clean(path) {
		return fmt.Errorf("merge: %s %w", filepath.Base(path), ErrSameFile)
	}
	return nil
}

// ParseAction reads "keep-master", "take-reviewer", "keep-both" or "map"
// (spaces or underscores for dashes, any case).
func ParseAction(s string) (Action, error) {
	a := Action(strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s))))
	switch a {
	case KeepMaster, TakeReviewer, KeepBoth, MapTo:
		return a, nil
	case "":
		return KeepMaster, nil
	}
	return "", fmt.Errorf("%w %q (keep-master, take-reviewer, keep-both or map)", ErrResolution, s)
}

// Resolution says how to resolve one conflict.
type Resolution struct {
	Action Action `json:"action"`
	// Target is the master code GUID the reviewer's code is mapped onto (MapTo only).
	Target string `json:"target,omitempty"`
}

// Resolutions say how to resolve the conflicts of a merge: per conflict ID,
// else the Default policy (KeepMaster when empty: keep the master's code and
// map the reviewer's same-name code onto it). MapTo needs a target, so it is
// only meaningful per conflict; as the Default it means KeepMaster.
type Resolutions struct {
	Default    Action
	ByConflict map[string]Resolution
}

func (r Resolutions) forConflict(id string) Resolution {
	if res, ok := r.ByConflict[id]; ok && res.Action != "" {
		return res
	}
	if r.Default == "" || r.Default == MapTo {
		return Resolution{Action: KeepMaster}
	}
	return Resolution{Action: r.Default}
}

// CodeVersion is one side of a codebook conflict.
type CodeVersion struct {
	GUID   string `json:"guid"`
	Name   string `json:"name"`
	Path   string `json:"path"` // names from the top level, "Parent/Child"
	Color  string `json:"color"`
	Parent string `json:"parent"` // parent GUID, "" at the top level
}

// Conflict is a codebook difference between master and reviewer.
type Conflict struct {
	ID         string      `json:"id"`   // stable key for Resolutions.ByConflict: "code:" + reviewer code GUID
	Kind       string      `json:"kind"` // ConflictChanged or ConflictSameName
	Master     CodeVersion `json:"master"`
	Reviewer   CodeVersion `json:"reviewer"`
	Resolution Resolution  `json:"resolution"`     // as planned (Plan) or as applied (Report)
	Note       string      `json:"note,omitempty"` // what happened, when it is not obvious
}

// Proposal is what merging one reviewer's file would do, computed without
// writing. It keeps a snapshot of the reviewer's file; the reviewer project
// must stay open until Apply returns (source PDFs are copied from it then).
type Proposal struct {
	Source    string     // the reviewer's file
	Reviewer  string     // the reviewer project's name
	Conflicts []Conflict // codebook conflicts, with the default resolution
	// Preview is the report Apply would give with the default resolutions.
	Preview *Report

	rev      *snapshot
	reviewer *corpus.Project
}

// Plan computes what merging reviewer into master would bring in, and the
// codebook conflicts, without writing to either project.
func Plan(ctx context.Context, master, reviewer *corpus.Project) (*Proposal, error) {
	if master == nil || reviewer == nil {
		return nil, fmt.Errorf("merge: no project")
	}
	if err := CheckReviewerPath(master, reviewer.Path()); err != nil {
		return nil, err
	}
	rev, err := readSnapshot(ctx, reviewer)
	if err != nil {
		return nil, fmt.Errorf("merge: read %s: %w", reviewer.Path(), err)
	}
	st, err := readState(ctx, master.DB())
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	d, err := decide(ctx, st, rev, Resolutions{})
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	d.report.Source = reviewer.Path()
	return &Proposal{Source: reviewer.Path(), Reviewer: rev.name, Conflicts: d.report.Conflicts, Preview: d.report,
		rev: rev, reviewer: reviewer}, nil
}

// PreviewWith returns the report Apply would give now with the given
// resolutions, without writing.
func (p *Proposal) PreviewWith(ctx context.Context, master *corpus.Project, res Resolutions) (*Report, error) {
	if p == nil || p.rev == nil {
		return nil, fmt.Errorf("merge: no plan; call Plan first")
	}
	st, err := readState(ctx, master.DB())
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	d, err := decide(ctx, st, p.rev, res)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	d.report.Source = p.Source
	return d.report, nil
}
