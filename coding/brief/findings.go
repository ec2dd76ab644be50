package brief

import (
	"fmt"
	"sort"
	"strings"
)

// Levels of concern about a component of confidence, least first (as
// GRADE-CERQual words them), and the levels of confidence, highest first.
const (
	ConcernNone     = "no or very minor"
	ConcernMinor    = "minor"
	ConcernModerate = "moderate"
	ConcernSerious  = "serious"
)

// confidenceLevels are the levels of confidence, highest first.
var confidenceLevels = []string{"high", "moderate", "low", "very low"}

// Finding is a theme coded in the brief's studies, treated as a finding of
// the review, with an automatic summary of the four GRADE-CERQual
// components and the reviewers' recorded judgement of confidence.
type Finding struct {
	Theme
	// Studies are the studies contributing to the finding.
	Studies Count
	// Codings is the number of distinct coded passages; Words the words in
	// them (the amount of coded data).
	Codings, Words int
	// Sectors and Countries are those of the contributing studies.
	Sectors, Countries []string
	// Limitations, Coherence, Adequacy and Relevance summarise the four
	// components.
	Limitations, Coherence, Adequacy, Relevance Component
	// Suggested is the level of confidence the components suggest: start
	// at high and go down one level for every two points of concern (minor
	// 1, moderate 2, serious 3). It is a starting point for the reviewers,
	// not their judgement.
	Suggested string
	// Confidence is what the brief says: the recorded judgement, or the
	// automatic summary marked as not yet judged.
	Confidence Confidence
	// Explanation is the reviewers' explanation ("" when not judged).
	Explanation string
	// JudgedBy names the reviewer who recorded the judgement.
	JudgedBy string
	// JudgedScope is the scope the judgement was recorded for ("" for the
	// whole review): a brief of one sector uses the whole review's
	// judgement when the sector has none of its own.
	JudgedScope string
}

// Component is the summary of one component of confidence in a finding.
type Component struct {
	// Name is "methodological limitations", "coherence", "adequacy" or
	// "relevance".
	Name string
	// Concern is the level of concern (ConcernNone ... ConcernSerious); ""
	// when it could not be assessed automatically and no reviewer recorded
	// one.
	Concern string
	// Recorded reports that the concern is the reviewers' (else automatic).
	Recorded bool
	// Reason says what the automatic assessment found, e.g. "2 of 3 studies
	// rated low or not rated".
	Reason string
	// Studies are the studies the reason is about.
	Studies []string
}

func concernPoints(c string) int {
	switch c {
	case ConcernMinor:
		return 1
	case ConcernModerate:
		return 2
	case ConcernSerious:
		return 3
	}
	return 0
}

// byShare grades a share of studies with a problem: none, under a third
// minor, under two thirds moderate, else serious.
func byShare(bad, n int) string {
	switch {
	case bad == 0 || n == 0:
		return ConcernNone
	case bad*3 < n:
		return ConcernMinor
	case bad*3 < 2*n:
		return ConcernModerate
	}
	return ConcernSerious
}

// buildFindings summarises every coded theme of the brief and attaches the
// recorded judgements; it also sets the Confidence of the brief's theme
// summaries.
func buildFindings(data *Data, sel *selection, b *Brief, codes map[string]*codeStudies) []Finding {
	judged := map[string]ConfidenceJudgement{}
	for _, j := range data.Confidence {
		k := j.Theme + "\x00" + strings.TrimSpace(j.Scope)
		judged[k] = j
	}
	agree := coherenceData(data, sel)
	inside := insideFrame(b)
	appraised := criterionCounts(data, sel)
	var out []Finding
	for code, cs := range codes {
		f := Finding{Theme: cs.theme, Studies: countOf(cs.studies), Codings: cs.codings, Words: cs.words}
		countries, sectors := map[string]bool{}, map[string]bool{}
		for _, g := range f.Studies.Studies {
			for _, c := range sel.country[g] {
				countries[c] = true
			}
			for _, s := range sel.sectors[g] {
				sectors[s] = true
			}
		}
		f.Countries, f.Sectors = sortedKeys(countries), sortedKeys(sectors)
		f.Limitations = limitations(sel, appraised, f.Studies.Studies)
		f.Coherence = coherence(agree, code, f.Studies.Studies)
		f.Adequacy = adequacy(f, sel.f.ThinBelow)
		f.Relevance = relevance(f, inside)
		j, ok := judged[code+"\x00"+b.ScopeKey]
		if !ok && b.ScopeKey != "" {
			j, ok = judged[code+"\x00"]
		}
		if ok {
			for _, x := range []struct {
				c *Component
				v string
			}{{&f.Limitations, j.Limitations}, {&f.Coherence, j.Coherence}, {&f.Adequacy, j.Adequacy}, {&f.Relevance, j.Relevance}} {
				if v := normConcern(x.v); v != "" {
					x.c.Concern, x.c.Recorded = v, true
				}
			}
		}
		points := 0
		for _, c := range f.components() {
			points += concernPoints(c.Concern)
		}
		f.Suggested = confidenceLevels[min(points/2, 3)]
		if ok {
			f.Confidence = Confidence{Level: normLevel(j.Level), Judged: true}
			f.Explanation = strings.TrimSpace(j.Explanation)
			f.JudgedBy, f.JudgedScope = j.JudgedBy, strings.TrimSpace(j.Scope)
		}
		f.Confidence.Text = f.sentence()
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Studies.N != c.Studies.N {
			return a.Studies.N > c.Studies.N
		}
		if a.Codings != c.Codings {
			return a.Codings > c.Codings
		}
		if an, cn := strings.ToLower(a.Name), strings.ToLower(c.Name); an != cn {
			return an < cn
		}
		return a.CodeGUID < c.CodeGUID
	})
	byCode := map[string]Confidence{}
	for _, f := range out {
		byCode[f.CodeGUID] = f.Confidence
	}
	for i := range b.Themes {
		for _, list := range [][]ThemeSummary{b.Themes[i].Themes, b.Themes[i].More} {
			for k := range list {
				list[k].Confidence = byCode[list[k].CodeGUID]
			}
		}
	}
	return out
}

func (f *Finding) components() []*Component {
	return []*Component{&f.Limitations, &f.Coherence, &f.Adequacy, &f.Relevance}
}

// sentence is what the brief says beside the finding: "Moderate
// confidence: minor concerns about adequacy (3 studies). <explanation>" or,
// before anyone has judged it, "Confidence not yet judged. Automatic
// summary: …".
func (f *Finding) sentence() string {
	var concerns []string
	for _, c := range f.components() {
		if c.Concern == "" || c.Concern == ConcernNone {
			continue
		}
		s := c.Concern + " concerns about " + c.Name
		if c.Reason != "" && !c.Recorded {
			s += " (" + c.Reason + ")"
		}
		concerns = append(concerns, s)
	}
	summary := "no or very minor concerns about any component"
	if len(concerns) > 0 {
		summary = joinAnd(concerns)
	}
	if !f.Confidence.Judged {
		return "Confidence not yet judged by a reviewer. Automatic summary: " + summary + "."
	}
	s := capitalise(f.Confidence.Level) + " confidence: " + summary + "."
	if f.Explanation != "" {
		e := f.Explanation
		if !strings.ContainsAny(e[len(e)-1:], ".!?") {
			e += "."
		}
		s += " " + e
	}
	return s
}

func normConcern(s string) string {
	switch key(s) {
	case "none", "no", "no or very minor", "very minor":
		return ConcernNone
	case "minor":
		return ConcernMinor
	case "moderate":
		return ConcernModerate
	case "serious":
		return ConcernSerious
	}
	return ""
}

func normLevel(s string) string {
	k := key(strings.NewReplacer("-", " ", "_", " ").Replace(s))
	for _, l := range confidenceLevels {
		if k == l {
			return l
		}
	}
	return k
}

// criterionCounts counts, per study of the brief, the criteria judged and
// those judged not met or not reported.
func criterionCounts(data *Data, sel *selection) map[string][2]int {
	out := make(map[string][2]int, len(sel.studies))
	for _, st := range sel.studies {
		var n [2]int
		for _, cr := range data.Criteria {
			switch judgement(st.Judgements[cr.GUID]) {
			case 0, 1:
				n[0]++
			case 2, 3:
				n[0]++
				n[1]++
			}
		}
		out[st.GUID] = n
	}
	return out
}

// limitations grades the contributing studies' appraisals: the share rated
// low or not rated, and among the criteria judged the share not met or not
// reported.
func limitations(sel *selection, appraised map[string][2]int, studies []string) Component {
	c := Component{Name: "methodological limitations"}
	var low, unrated []string
	judged, weak := 0, 0
	for _, g := range studies {
		switch sel.rating[g] {
		case "low":
			low = append(low, g)
		case "":
			unrated = append(unrated, g)
		}
		judged += appraised[g][0]
		weak += appraised[g][1]
	}
	n := len(studies)
	c.Concern = byShare(len(low)+len(unrated), n)
	if c.Concern == ConcernNone && judged > 0 && weak*3 >= judged {
		c.Concern = ConcernMinor
	}
	of := fmt.Sprintf("of %d %s", n, plural(n, "study", "studies"))
	if n == 1 {
		of = "study"
	}
	switch {
	case n == 1 && len(low) == 1:
		c.Reason = "the study is rated low"
	case n == 1 && len(unrated) == 1:
		c.Reason = "the study is not appraised"
	case len(low) > 0 && len(unrated) > 0:
		c.Reason = fmt.Sprintf("%d %s rated low and %d not appraised", len(low), of, len(unrated))
	case len(low) > 0:
		c.Reason = fmt.Sprintf("%d %s rated low", len(low), of)
	case len(unrated) > 0:
		c.Reason = fmt.Sprintf("%d %s not appraised", len(unrated), of)
	default:
		c.Reason = fmt.Sprintf("all %d rated medium or high", n)
		if n == 1 {
			c.Reason = "the study is rated medium or high"
		}
	}
	if judged > 0 && weak > 0 {
		c.Reason += fmt.Sprintf("; %s of %s criterion judgements not met or not reported", pctText(pct(weak, judged)), plural(n, "its", "their"))
	}
	c.Studies = mergeSorted(low, unrated)
	return c
}

// coderSets are, per study, the reviewers who coded it and, per study and
// code, those who applied the code.
type coderSets struct {
	reviewed map[string]map[string]bool
	applied  map[string]map[string]bool // study+"\x00"+code
}

func coherenceData(data *Data, sel *selection) coderSets {
	cs := coderSets{reviewed: map[string]map[string]bool{}, applied: map[string]map[string]bool{}}
	add := func(m map[string]map[string]bool, k, coder string) {
		s := m[k]
		if s == nil {
			s = map[string]bool{}
			m[k] = s
		}
		s[coder] = true
	}
	for _, rc := range data.ReviewerCodings {
		if _, ok := sel.byGUID[rc.Study]; !ok || rc.Codings <= 0 {
			continue
		}
		add(cs.reviewed, rc.Study, rc.Coder)
		add(cs.applied, rc.Study+"\x00"+rc.Code, rc.Coder)
	}
	return cs
}

// coherence grades how consistently the reviewers who coded a study on
// their own found the theme in it: among the contributing studies coded by
// two or more reviewers, the share where some of them did not code the
// theme. It cannot be assessed without double-coded studies (Concern "").
func coherence(cs coderSets, code string, studies []string) Component {
	c := Component{Name: "coherence"}
	var double, split []string
	for _, g := range studies {
		rev := cs.reviewed[g]
		if len(rev) < 2 {
			continue
		}
		double = append(double, g)
		if len(cs.applied[g+"\x00"+code]) < len(rev) {
			split = append(split, g)
		}
	}
	if len(double) == 0 {
		c.Reason = "not assessed: no contributing study was coded by two reviewers"
		return c
	}
	c.Concern = byShare(len(split), len(double))
	c.Reason = fmt.Sprintf("reviewers coding independently agreed on the theme in %d of %d double-coded %s",
		len(double)-len(split), len(double), plural(len(double), "study", "studies"))
	c.Studies = split
	return c
}

// adequacy grades the amount of data: one study is a serious concern, two
// a moderate one, fewer than the thin-evidence threshold or little coded
// text (under 40 words a study) a minor one.
func adequacy(f Finding, thin int) Component {
	c := Component{Name: "adequacy", Studies: f.Studies.Studies}
	n := f.Studies.N
	switch {
	case n <= 1:
		c.Concern = ConcernSerious
	case n == 2:
		c.Concern = ConcernModerate
	case n < max(thin, 3)+2 || f.Words < 40*n:
		c.Concern = ConcernMinor
	default:
		c.Concern = ConcernNone
	}
	c.Reason = fmt.Sprintf("%d %s, %d coded %s", n, plural(n, "study", "studies"), f.Codings, plural(f.Codings, "passage", "passages"))
	return c
}

// frameInside returns the countries and sectors of the brief's map that its
// filter keeps (its part of the review's frame).
func insideFrame(b *Brief) (inside [2][]string) {
	m := &b.Map
	for i, c := range m.Countries {
		if c == notReported {
			continue
		}
		for j := range m.Sectors {
			if !m.Cells[i][j].Outside {
				inside[0] = append(inside[0], c)
				break
			}
		}
	}
	for j, s := range m.Sectors {
		if s == notReported {
			continue
		}
		for i := range m.Countries {
			if !m.Cells[i][j].Outside {
				inside[1] = append(inside[1], s)
				break
			}
		}
	}
	return inside
}

// relevance grades how much of the brief's frame (its countries and
// sectors) the contributing studies cover: two thirds or more no concern,
// a third minor, less moderate, none (not reported) serious.
func relevance(f Finding, inside [2][]string) Component {
	c := Component{Name: "relevance", Studies: f.Studies.Studies}
	share := func(have, frame []string) (int, []string) {
		got := map[string]bool{}
		for _, h := range have {
			got[h] = true
		}
		var missing []string
		n := 0
		for _, x := range frame {
			if got[x] {
				n++
			} else {
				missing = append(missing, x)
			}
		}
		return n, missing
	}
	nc, missC := share(f.Countries, inside[0])
	ns, missS := share(f.Sectors, inside[1])
	grade := func(n, of int) int {
		switch {
		case of == 0 || n*3 >= 2*of:
			return 0
		case n*3 >= of:
			return 1
		case n > 0:
			return 2
		}
		return 3
	}
	c.Concern = Concerns()[max(grade(nc, len(inside[0])), grade(ns, len(inside[1])))]
	var parts []string
	if len(inside[0]) > 1 {
		p := fmt.Sprintf("%d of %d countries", nc, len(inside[0]))
		if len(missC) > 0 && len(missC) <= 3 {
			p += ", none from " + joinWord(missC, "or")
		}
		parts = append(parts, p)
	}
	if len(inside[1]) > 1 {
		p := fmt.Sprintf("%d of %d sectors", ns, len(inside[1]))
		if len(missS) > 0 && len(missS) <= 3 {
			p += ", none from " + joinWord(missS, "or")
		}
		parts = append(parts, p)
	}
	if len(parts) > 0 {
		c.Reason = "studies from " + strings.Join(parts, "; from ")
	}
	return c
}

// Concerns lists the levels of concern, least first.
func Concerns() []string { return []string{ConcernNone, ConcernMinor, ConcernModerate, ConcernSerious} }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortNames(out)
	return out
}
