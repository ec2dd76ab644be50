package team

import (
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/merge"
)

// reportText is a merge report for people: codes are named by their paths
// in the codebook, never by their identities (wb merge prints those for
// scripts); codePath names a master code.
func reportText(r *merge.Report, codePath func(guid string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Merge of %s\n", r.Source)
	if !r.Changed() {
		b.WriteString("Nothing new: the master already holds everything in this file.\n")
	} else {
		n := r.New
		fmt.Fprintf(&b, "New: %s, %s, %s, %s, %s, %s, %s\n", ui.Count(n.Studies, "study"), ui.Count(n.Codes, "code"),
			ui.Count(n.Codings, "coding"), ui.Count(n.Appraisals, "appraisal"), ui.Count(n.Memos, "memo"),
			ui.Count(n.Coders, "coder"), ui.Count(n.ExclusionReasons, "exclusion reason"))
		if n.Areas > 0 {
			fmt.Fprintf(&b, "New areas of pages: %s\n", ui.Count(n.Areas, "area coding"))
		}
		if u := r.Updated; u.Total() > 0 {
			fmt.Fprintf(&b, "Updated: %s, %s, %s\n", ui.Count(u.Codes, "code"), ui.Count(u.Appraisals, "appraisal"), ui.Count(u.Memos, "memo"))
		}
	}
	if r.MatchedBySHA > 0 {
		fmt.Fprintf(&b, "%s matched to the master's by their PDF; %s re-anchored to the master's text\n",
			ui.Count(r.MatchedBySHA, "study"), ui.Count(r.Reanchored, "coding"))
	} else if r.Reanchored > 0 {
		fmt.Fprintf(&b, "%s re-anchored to the master's text\n", ui.Count(r.Reanchored, "coding"))
	}
	if r.AlreadyPresent > 0 {
		fmt.Fprintf(&b, "%s already in the master\n", ui.Count(r.AlreadyPresent, "item was", "items were"))
	}
	if len(r.Conflicts) > 0 {
		fmt.Fprintf(&b, "\nCodebook conflicts (%d):\n", len(r.Conflicts))
		for _, c := range r.Conflicts {
			fmt.Fprintf(&b, "  %s\n    resolved: %s", describeConflict(c), resolutionText(c.Resolution, codePath))
			if c.Note != "" {
				fmt.Fprintf(&b, " (%s)", c.Note)
			}
			b.WriteString("\n")
		}
	}
	if len(r.Unanchored) > 0 {
		fmt.Fprintf(&b, "\nCodings not imported: their text is not in the master's version of the study (%d):\n", len(r.Unanchored))
		for _, u := range r.Unanchored {
			fmt.Fprintf(&b, "  “%s”, %s, by %s: “%s”\n", u.StudyTitle, u.CodeName, u.Coder, clip(u.Quote, 80))
		}
	}
	if len(r.AreaConflicts) > 0 {
		fmt.Fprintf(&b, "\nArea codings that differ from the master's copy; the master's was kept (%d):\n", len(r.AreaConflicts))
		for _, c := range r.AreaConflicts {
			fmt.Fprintf(&b, "  “%s”, %s: %s\n", c.StudyTitle, c.Place, c.Differs)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

// resolutionText says in words how a conflict was resolved.
func resolutionText(r merge.Resolution, codePath func(guid string) string) string {
	switch r.Action {
	case merge.TakeReviewer:
		return "took the reviewer's version"
	case merge.KeepBoth:
		return "kept both"
	case merge.MapTo:
		return "the reviewer's codings went onto “" + codePath(r.Target) + "”"
	}
	return "kept the master's code"
}

// clip folds a quote to one line of at most n characters.
func clip(s string, n int) string {
	r := []rune(ui.OneLine(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
