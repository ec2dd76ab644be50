package brief

import (
	"sort"
	"strings"
)

// Flow is the review's screening flow in the manner of a PRISMA 2020 flow
// diagram: records identified (per source), duplicates removed, records
// screened, excluded (with reasons), included, and the studies of this
// brief. Every box is a Count whose studies can be traced:
//
//	Identified.N = Screened.N + AwaitingScreening.N + DuplicatesAtImport.N + DuplicatesMarked.N
//	Screened.N   = Excluded.N + Included.N
//	Included.N   = InBrief.N + FilteredOut.N
type Flow struct {
	// Identified are the records identified: the project's studies plus
	// the duplicate files removed at import. Studies lists the project's
	// studies (a duplicate file is traced to the study it duplicated, in
	// DuplicatesAtImport).
	Identified Count
	// Sources split the records identified by where they came from (the
	// recorded import runs); N counts records, Studies the studies added
	// and those duplicated.
	Sources []Labeled
	// Unrecorded are studies not added by a recorded import (added before
	// imports were recorded, or from a REFI-QDA project); they are a source
	// of Identified too.
	Unrecorded Count
	// DuplicatesAtImport are the duplicate files the imports found (same
	// SHA-256 as a study already in the project): N counts files, Studies
	// the studies they duplicated. A file that an import of the same source
	// added before is the same record, not a duplicate, and is not counted.
	DuplicatesAtImport Count
	// DuplicatesMarked are the studies excluded as duplicates (an
	// exclusion reason that mentions "duplicate").
	DuplicatesMarked Count
	// Screened are the studies screened (included or excluded, less
	// DuplicatesMarked).
	Screened Count
	// AwaitingScreening are the studies not screened yet.
	AwaitingScreening Count
	// Excluded are the studies excluded at screening (less DuplicatesMarked).
	Excluded Count
	// Reasons split Excluded by exclusion reason, most frequent first.
	Reasons []Labeled
	// Included are the studies included in the review (reportable).
	Included Count
	// InBrief are the included studies this brief covers.
	InBrief Count
	// FilteredOut are the included studies the brief's filters leave out.
	FilteredOut Count
	// NotRead is the number of files the imports could not read; they are
	// not records of the flow.
	NotRead int
}

// Filtered reports that the brief covers fewer studies than the review
// includes.
func (f Flow) Filtered() bool { return f.FilteredOut.N > 0 }

// isDuplicateReason reports whether an exclusion reason marks a duplicate.
func isDuplicateReason(r string) bool { return strings.Contains(strings.ToLower(r), "duplicat") }

// buildFlow counts the screening flow of data's studies.
func buildFlow(data *Data, sel *selection) Flow {
	var fl Flow
	present := map[string]bool{}
	var all, marked, screened, awaiting, excluded []string
	reasons := tally{}
	for _, st := range sel.all {
		present[st.GUID] = true
		all = append(all, st.GUID)
		switch key(st.Status) {
		case "included":
			screened = append(screened, st.GUID)
		case "excluded":
			if isDuplicateReason(st.ExclusionReason) {
				marked = append(marked, st.GUID)
				continue
			}
			screened = append(screened, st.GUID)
			excluded = append(excluded, st.GUID)
			r := strings.Join(strings.Fields(st.ExclusionReason), " ")
			if r == "" {
				r = "No reason recorded"
			}
			reasons.add(r, st.GUID)
		default:
			awaiting = append(awaiting, st.GUID)
		}
	}
	fl.Included = countList(sel.included)
	fl.InBrief = countList(guidsOf(sel.studies))
	fl.FilteredOut = countList(sel.filteredOut)
	fl.DuplicatesMarked = countList(marked)
	fl.Screened = countList(screened)
	fl.AwaitingScreening = countList(awaiting)
	fl.Excluded = countList(excluded)
	fl.Reasons = reasons.labeled(len(excluded))

	// Sources: the studies each recorded run added, and its duplicates of
	// studies that did not come from the same source.
	origin := map[string]string{} // study -> source that added it
	type srcAcc struct {
		records int
		studies map[string]bool
	}
	srcs := map[string]*srcAcc{}
	var order []string
	acc := func(name string) *srcAcc {
		a := srcs[name]
		if a == nil {
			a = &srcAcc{studies: map[string]bool{}}
			srcs[name] = a
			order = append(order, name)
		}
		return a
	}
	for _, run := range data.Imports {
		name := strings.Join(strings.Fields(run.Source), " ")
		if name == "" {
			name = "PDF import"
		}
		for _, g := range run.Studies {
			if present[g] && origin[g] == "" {
				origin[g] = name
				a := acc(name)
				a.records++
				a.studies[g] = true
			}
		}
		fl.NotRead += run.Failed
	}
	dupSeen := map[string]bool{}
	var dupStudies []string
	for _, run := range data.Imports {
		name := strings.Join(strings.Fields(run.Source), " ")
		if name == "" {
			name = "PDF import"
		}
		for _, g := range run.Duplicates {
			k := name + "\x00" + g
			if !present[g] || origin[g] == name || dupSeen[k] {
				continue
			}
			dupSeen[k] = true
			fl.DuplicatesAtImport.N++
			dupStudies = append(dupStudies, g)
			a := acc(name)
			a.records++
			a.studies[g] = true
		}
	}
	fl.DuplicatesAtImport.Studies = uniqueSorted(dupStudies)
	var unrecorded []string
	for _, g := range all {
		if origin[g] == "" {
			unrecorded = append(unrecorded, g)
		}
	}
	fl.Unrecorded = countList(unrecorded)
	fl.Identified = Count{N: len(all) + fl.DuplicatesAtImport.N, Studies: countList(all).Studies}
	for _, name := range order {
		a := srcs[name]
		c := countOf(a.studies)
		c.N = a.records
		fl.Sources = append(fl.Sources, Labeled{Label: name, Count: c, Percent: pct(a.records, fl.Identified.N)})
	}
	sort.SliceStable(fl.Sources, func(i, j int) bool { return fl.Sources[i].N > fl.Sources[j].N })
	return fl
}

func guidsOf(studies []*Study) []string {
	out := make([]string, len(studies))
	for i, s := range studies {
		out[i] = s.GUID
	}
	return out
}

func uniqueSorted(v []string) []string {
	out := append([]string{}, v...)
	sort.Strings(out)
	j := 0
	for i, s := range out {
		if i == 0 || s != out[j-1] {
			out[j] = s
			j++
		}
	}
	return out[:j]
}
