package merge

import (
	"fmt"
	"strings"
)

// Counts counts items of each kind.
type Counts struct {
	Studies          int `json:"studies"`
	Codes            int `json:"codes"`
	Codings          int `json:"codings"`
	Areas            int `json:"areas"` // area codings of pages
	Appraisals       int `json:"appraisals"`
	Memos            int `json:"memos"`
	Coders           int `json:"coders"`
	ExclusionReasons int `json:"exclusion_reasons"`
}

// Total is the sum of all counts.
func (c Counts) Total() int {
	return c.Studies + c.Codes + c.Codings + c.Areas + c.Appraisals + c.Memos + c.Coders + c.ExclusionReasons
}

// String lists the counts in words (area codings only when there are any).
func (c Counts) String() string {
	areas := ""
	if c.Areas > 0 {
		areas = fmt.Sprintf(", %d area codings", c.Areas)
	}
	return fmt.Sprintf("%d studies, %d codes, %d codings%s, %d appraisals, %d memos, %d coders, %d exclusion reasons",
		c.Studies, c.Codes, c.Codings, areas, c.Appraisals, c.Memos, c.Coders, c.ExclusionReasons)
}

// Unanchored is a reviewer's coding that could not be placed on the
// master's text of its study (the quote no longer occurs there). It is not
// imported; the lead can code the passage again by hand.
type Unanchored struct {
	Coding     string `json:"coding"`      // the reviewer's coding GUID
	Study      string `json:"study"`       // master study GUID
	StudyTitle string `json:"study_title"` // study title
	Code       string `json:"code"`        // master code GUID
	CodeName   string `json:"code_name"`   // code path
	Coder      string `json:"coder"`       // coder name
	Start      int    `json:"start"`       // offsets in the reviewer's text
	End        int    `json:"end"`
	Quote      string `json:"quote"` // the coded text in the reviewer's file
}

// Report tells what a merge brought in (or, as Proposal.Preview, would bring in).
type Report struct {
	Source string `json:"source"` // the reviewer's file
	// New counts what came in: studies, codes, codings, appraisals, memos, coders, exclusion reasons.
	New Counts `json:"new"`
	// Updated counts master items changed: codes taken from the reviewer,
	// appraisals and memos the reviewer edited after the master's version.
	Updated Counts `json:"updated"`
	// MatchedBySHA counts reviewer studies recognised as master studies by their PDF's SHA-256.
	MatchedBySHA int `json:"matched_by_sha"`
	// Reanchored counts codings moved to where their quote is in the master's text.
	Reanchored int `json:"reanchored"`
	// AlreadyPresent counts reviewer items the master already had.
	AlreadyPresent int          `json:"already_present"`
	Conflicts      []Conflict   `json:"conflicts"`
	Unanchored     []Unanchored `json:"unanchored"`
	// AreaConflicts are reviewer area codings the master holds in another
	// version (same GUID); the master's stays.
	AreaConflicts []AreaConflict `json:"area_conflicts"`
	// Notes are plain sentences about items kept out or treated specially.
	Notes []string `json:"notes"`
}

// Changed reports whether the merge changes the master.
func (r *Report) Changed() bool { return r.New.Total()+r.Updated.Total() > 0 }

// String renders the report for people.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Merge of %s\n", r.Source)
	if !r.Changed() {
		b.WriteString("Nothing new: the master already holds everything in this file.\n")
	} else {
		fmt.Fprintf(&b, "New: %s\n", r.New)
		if r.Updated.Total() > 0 {
			fmt.Fprintf(&b, "Updated: %d codes, %d appraisals, %d memos\n", r.Updated.Codes, r.Updated.Appraisals, r.Updated.Memos)
		}
	}
	if r.MatchedBySHA > 0 {
		fmt.Fprintf(&b, "%d studies matched to the master's by their PDF; %d codings re-anchored to the master's text\n",
			r.MatchedBySHA, r.Reanchored)
	} else if r.Reanchored > 0 {
		fmt.Fprintf(&b, "%d codings re-anchored to the master's text\n", r.Reanchored)
	}
	if r.AlreadyPresent > 0 {
		fmt.Fprintf(&b, "%d items were already in the master\n", r.AlreadyPresent)
	}
	if len(r.Conflicts) > 0 {
		fmt.Fprintf(&b, "\nCodebook conflicts (%d):\n", len(r.Conflicts))
		for _, c := range r.Conflicts {
			fmt.Fprintf(&b, "  %s: %s\n", c.ID, c.Describe())
			res := string(c.Resolution.Action)
			if c.Resolution.Action == MapTo {
				res += " onto " + c.Resolution.Target
			}
			fmt.Fprintf(&b, "    resolved: %s", res)
			if c.Note != "" {
				fmt.Fprintf(&b, " (%s)", c.Note)
			}
			b.WriteString("\n")
		}
	}
	if len(r.Unanchored) > 0 {
		fmt.Fprintf(&b, "\nCodings not imported: their text is not in the master's version of the study (%d):\n", len(r.Unanchored))
		for _, u := range r.Unanchored {
			fmt.Fprintf(&b, "  %s  %q  %s by %s: %q\n", u.Coding, u.StudyTitle, u.CodeName, u.Coder, clip(u.Quote, 80))
		}
	}
	if len(r.AreaConflicts) > 0 {
		fmt.Fprintf(&b, "\nArea codings that differ from the master's copy, the master's kept (%d):\n", len(r.AreaConflicts))
		for _, c := range r.AreaConflicts {
			fmt.Fprintf(&b, "  %s  %q %s: %s\n", c.Area, c.StudyTitle, c.Place, c.Differs)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

// Describe says in words how the two versions of a conflicting code differ.
func (c Conflict) Describe() string {
	if c.Kind == ConflictSameName {
		return fmt.Sprintf("reviewer's code %q (%s) has the name of the master's code %s", c.Reviewer.Path, c.Reviewer.GUID, c.Master.GUID)
	}
	var diffs []string
	if c.Master.Name != c.Reviewer.Name {
		diffs = append(diffs, fmt.Sprintf("name %q vs reviewer's %q", c.Master.Name, c.Reviewer.Name))
	}
	if !strings.EqualFold(c.Master.Color, c.Reviewer.Color) {
		diffs = append(diffs, fmt.Sprintf("colour %s vs reviewer's %s", c.Master.Color, c.Reviewer.Color))
	}
	if c.Master.Parent != c.Reviewer.Parent {
		diffs = append(diffs, fmt.Sprintf("place %q vs reviewer's %q", c.Master.Path, c.Reviewer.Path))
	}
	return fmt.Sprintf("code %q differs: %s", c.Master.Path, strings.Join(diffs, "; "))
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
