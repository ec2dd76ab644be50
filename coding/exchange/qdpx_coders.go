package exchange

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding/refi"
)

// Whose work a coded selection is (QDPXImportOptions.CoderFrom). A REFI-QDA
// file names a user on each <PlainTextSelection> (who marked the passage)
// and on each <Coding> of it (who applied the code); real files disagree:
// an NVivo 12 two-coder export names the exporting user on every <Coding>
// while the selections name the coder who did the work.
const (
	// CoderFromCoding credits each coding to the user its <Coding> names
	// (else the selection's user): the REFI-QDA reading, and the default.
	CoderFromCoding = "coding"
	// CoderFromSelection credits each coding to the user who made its
	// selection (else the <Coding>'s user), as NVivo's exports need.
	CoderFromSelection = "selection"
)

// ErrCoderFrom means a coder source is not "selection" or "coding".
var ErrCoderFrom = errors.New(`whose work a selection is comes from the "selection" or the "coding"`)

// ParseCoderFrom normalises a coder source ("" is CoderFromCoding).
func ParseCoderFrom(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", CoderFromCoding:
		return CoderFromCoding, nil
	case CoderFromSelection:
		return CoderFromSelection, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrCoderFrom)
}

// QDPXImportOptions tune ImportQDPXWith.
type QDPXImportOptions struct {
	// CoderFrom is CoderFromCoding (default, "") or CoderFromSelection.
	CoderFrom string
	// Progress (may be nil) hears stage "texts" while the archive is checked
	// and "sources" per source.
	Progress func(refi.Progress)
}

// CoderSplit counts the coded selections made by one user whose coding
// names another.
type CoderSplit struct {
	SelectionUser string `json:"selection_user"` // who made the selections (name)
	CodingUser    string `json:"coding_user"`    // who their codings name
	Selections    int    `json:"selections"`
}

// QDPXCoders says whom a file's coded selections name.
type QDPXCoders struct {
	Selections int          `json:"coded_selections"`      // text selections with at least one coding
	Differ     int          `json:"selections_other_user"` // of them, naming another user than a coding of theirs
	Splits     []CoderSplit `json:"coder_splits"`          // Differ by pair of users, most first
}

// qdpxCoders counts the coded selections of a project whose selection names
// another user than (one of) its codings.
func qdpxCoders(rp *refi.Project) QDPXCoders {
	names := map[string]string{}
	for _, u := range rp.Users {
		names[u.GUID] = strings.TrimSpace(u.Name)
	}
	name := func(g string) string {
		if n := names[g]; n != "" {
			return n
		}
		if len(g) > 8 {
			return "user " + g[:8]
		}
		return "user " + g
	}
	var out QDPXCoders
	pairs := map[[2]string]int{}
	for _, ts := range rp.AllTextSources() {
		for _, sel := range ts.Selections {
			if len(sel.Codings) == 0 {
				continue
			}
			out.Selections++
			if sel.CreatingUser == "" {
				continue
			}
			for _, c := range sel.Codings {
				if c.CreatingUser != "" && c.CreatingUser != sel.CreatingUser {
					out.Differ++
					pairs[[2]string{name(sel.CreatingUser), name(c.CreatingUser)}]++
					break
				}
			}
		}
	}
	for p, n := range pairs {
		out.Splits = append(out.Splits, CoderSplit{SelectionUser: p[0], CodingUser: p[1], Selections: n})
	}
	sort.Slice(out.Splits, func(i, j int) bool {
		a, b := out.Splits[i], out.Splits[j]
		if a.Selections != b.Selections {
			return a.Selections > b.Selections
		}
		return a.SelectionUser+"\x00"+a.CodingUser < b.SelectionUser+"\x00"+b.CodingUser
	})
	return out
}

// PeekQDPXCoders reads only the project of a REFI-QDA archive (not its
// texts) and tells whether its selections and codings name different users,
// so the user can choose whose work the selections are before importing.
func PeekQDPXCoders(ctx context.Context, path string) (QDPXCoders, error) {
	q, err := refi.ReadQDPXWith(ctx, path, refi.ReadOptions{SkipTextCheck: true})
	if err != nil {
		return QDPXCoders{}, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	defer q.Close()
	return qdpxCoders(q.Project), nil
}

// Pairs lists the pairs of users in words: "made by floriansipos, coding
// names Gergo: 297".
func (c QDPXCoders) Pairs() string {
	parts := make([]string, len(c.Splits))
	for i, s := range c.Splits {
		parts[i] = fmt.Sprintf("made by %s, coding names %s: %d", s.SelectionUser, s.CodingUser, s.Selections)
	}
	return strings.Join(parts, "; ")
}

// Note says, when a file's selections and codings name different users,
// how many and whom each coding was credited to; "" when they agree.
func (c QDPXCoders) Note(coderFrom string) string {
	if c.Differ == 0 {
		return ""
	}
	whom := "the user named on the coding"
	if coderFrom == CoderFromSelection {
		whom = "the user who made the selection"
	}
	return fmt.Sprintf("%d of %d coded selections name another user than their coding (%s); each was credited to %s.",
		c.Differ, c.Selections, c.Pairs(), whom)
}
