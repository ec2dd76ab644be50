package agreement

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus"
)

// Units of project-level coding agreement (Options.Unit).
const (
	UnitChar      = "char"      // every character (code point) of the study texts
	UnitSentence  = "sentence"  // every sentence (see agree.SentenceStarts)
	UnitParagraph = "paragraph" // every paragraph (see agree.ParagraphStarts)
	UnitStudy     = "study"     // every study-code pair: did the coder use the code in the study at all
)

// ErrUnit means an agreement unit is not char, sentence, paragraph or study.
var ErrUnit = errors.New("the unit of agreement is char, sentence, paragraph or study")

// Missing-data rules of project-level coding agreement (Options.Absent):
// what a coder who coded nothing at all in a study said about it.
const (
	// AbsentMissing (the default): a coder who coded something in a study but
	// not a code there has said "no" to that code; a coder who coded nothing
	// in the study is missing there, as if they had not read it.
	AbsentMissing = "missing"
	// AbsentZero: a coder who coded nothing in a study has said "no" to every
	// code there too, for teams where every coder read every study.
	AbsentZero = "zero"
)

// ErrAbsent means a missing-data rule is not "missing" or "zero".
var ErrAbsent = errors.New(`the rule for a coder with no codings in a study is "missing" or "zero"`)

// ParseAbsent normalises a missing-data rule ("" is AbsentMissing).
func ParseAbsent(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", AbsentMissing:
		return AbsentMissing, nil
	case AbsentZero, "no":
		return AbsentZero, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrAbsent)
}

// MissingRule states a missing-data rule in a sentence for people.
func MissingRule(absent string) string {
	if absent == AbsentZero {
		return `A coder who coded nothing in a study has said "no" to every code there, like a coder who coded only other codes; ` +
			"only studies none of the compared coders coded are left out."
	}
	return `A coder who coded something in a study but not a code has said "no" to that code there; ` +
		"a coder who coded nothing in a study is missing there, so units only one coder could code carry no agreement and are left out of the statistics."
}

// ParseUnit normalises an agreement unit name ("character" and "characters"
// are accepted for char, plurals for the others).
func ParseUnit(s string) (string, error) {
	switch strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "s") {
	case "", "char", "character":
		return UnitChar, nil
	case "sentence":
		return UnitSentence, nil
	case "paragraph":
		return UnitParagraph, nil
	case "study", "studie":
		return UnitStudy, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrUnit)
}

// Options select what Compute and Disagreements compare.
type Options struct {
	// Coders are coder GUIDs or names (case-insensitive); empty means every
	// coder with at least one non-consensus coding (or appraisal).
	Coders []string
	// Unit is UnitChar (default), UnitSentence, UnitParagraph or UnitStudy.
	Unit string
	// Code restricts the comparison to one code (GUID, name or path); empty means every code used.
	Code string
	// Study restricts the comparison to one study (GUID); empty means every study.
	Study string
	// Studies, when not empty, restricts the comparison to these studies
	// (GUIDs), e.g. the studies two reviewers coded.
	Studies []string
	// SkipAppraisals leaves the appraisals' agreement out (Appraisal stays empty).
	SkipAppraisals bool
	// CodedOnly leaves out units nobody coded, so long uncoded stretches do not inflate agreement.
	CodedOnly bool
	// Absent is the missing-data rule for a coder who coded nothing in a
	// study: AbsentMissing (default, "") or AbsentZero.
	Absent string
	// Bootstrap is the number of bootstrap resamples for the interval of
	// Krippendorff's alpha (agree.DefaultResamples is usual); 0 skips it.
	Bootstrap int
	// Progress, when set, is called with studies done and the total.
	Progress func(done, total int)
}

// Row holds the coefficients of one slice of the data (everything,
// one code or one study). A coefficient that is undefined for the data (too
// few coders, nothing pairable, no variation) is NaN.
type Row struct {
	Key       string  // code or study GUID; "" for the overall row
	Name      string  // code path or study title
	Units     float64 // units compared (characters, segments or study-code pairs)
	Pairable  float64 // units at least two coders could code: the basis of the coefficients
	Coded     float64 // units at least one coder coded
	Unanimous float64 // units every reviewing coder treated alike
	Alpha     float64 // Krippendorff's alpha (nominal, binary coded/not coded)
	// AlphaLow and AlphaHigh bound the bootstrapped 95% interval of Alpha;
	// BelowTentative and BelowReliable are the probabilities that alpha is
	// below 0.667 and 0.8. NaN without a bootstrap or when it does not apply.
	AlphaLow, AlphaHigh           float64
	BelowTentative, BelowReliable float64
	Cohen                         float64 // Cohen's kappa (two coders only; NaN otherwise)
	Fleiss                        float64 // Fleiss' kappa
	Percent                       float64 // pairwise percent agreement, 0..1
}

// AppraisalRow is the agreement of the coders' judgements of one rigor
// criterion (or of the overall rating) over the studies they appraised.
type AppraisalRow struct {
	Key   string  // criterion code GUID; "rating" for the overall rating, "" for all criteria pooled
	Name  string  // criterion path, "Overall rating" or "All criteria"
	Units int     // studies (study-criterion pairs when pooled) judged by at least two coders
	Alpha float64 // Krippendorff's alpha, ordinal metric
	// AlphaLow, AlphaHigh, BelowTentative and BelowReliable are as in Row.
	AlphaLow, AlphaHigh           float64
	BelowTentative, BelowReliable float64
	Kappa                         float64 // Cohen's weighted kappa with linear weights (two coders only; NaN otherwise)
	Percent                       float64 // pairwise percent agreement on identical judgements
}

// Result is the project-level agreement of the chosen coders.
type Result struct {
	Unit   string // the unit compared
	Absent string // the missing-data rule, AbsentMissing or AbsentZero
	// Resamples is the number of bootstrap resamples behind the intervals of
	// alpha (0: none).
	Resamples int
	Coders    []corpus.Coder // the coders compared, in column order
	Overall   Row            // all codes and studies together
	ByCode    []Row          // one row per code, by code path
	ByStudy   []Row          // one row per study, by title
	// Appraisal holds the agreement of the rigor appraisals: all criteria
	// pooled first, then the overall rating, then one row per criterion.
	Appraisal []AppraisalRow
	// OutOfText counts codings skipped because their range lies outside the study text.
	OutOfText int
}

// agreementInput is the coded corpus built from a project.
type agreementInput struct {
	coders   []corpus.Coder
	corpus   *agree.Corpus
	guids    [][]string // coding GUID of every span, parallel to corpus.Studies[i].Spans
	titles   map[string]string
	tree     *coding.CodeTree
	outside  int
	unit     string
	absent   string
	codeGUID string
}

// Compute computes the inter-coder agreement of the project's codings
// (reviewers' codings only; consensus codings are the reconciled result and
// are left out) and of its rigor appraisals. A coder counts as having
// reviewed a study when they coded anything in it; coders who did not are
// missing there rather than "did not code". At sentence and paragraph level
// a unit counts as coded by a coder when any of their codings overlaps it.
func Compute(ctx context.Context, p *corpus.Project, opts Options) (*Result, error) {
	in, err := buildAgreementInput(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{Unit: in.unit, Absent: in.absent, Resamples: max(opts.Bootstrap, 0), Coders: in.coders, OutOfText: in.outside}
	res.Overall = emptyRow("", "All codes")
	if len(in.coders) >= 2 && len(in.corpus.Studies) > 0 {
		level := agree.CharacterLevel
		switch in.unit {
		case UnitSentence, UnitParagraph:
			level = agree.SegmentLevel
		case UnitStudy:
			level = agree.StudyLevel
		}
		var prog func(agree.Progress)
		if opts.Progress != nil {
			prog = func(pr agree.Progress) { opts.Progress(pr.Done, pr.Total) }
		}
		u, err := agree.Unitise(ctx, in.corpus, agree.UnitiseOptions{Level: level, CodedOnly: opts.CodedOnly}, prog)
		if err != nil {
			return nil, fmt.Errorf("agreement: %w", err)
		}
		res.Overall = tallyRow(u.Overall, "", "All codes", res.Resamples)
		for i, code := range u.Codes {
			res.ByCode = append(res.ByCode, tallyRow(u.ByCode[i], code, codeName(in.tree, code), res.Resamples))
		}
		for i, st := range u.Studies {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("agreement: %w", err)
			}
			res.ByStudy = append(res.ByStudy, tallyRow(u.ByStudy[i], st, in.titles[st], res.Resamples))
		}
		sort.SliceStable(res.ByCode, func(i, j int) bool { return res.ByCode[i].Name < res.ByCode[j].Name })
		sort.SliceStable(res.ByStudy, func(i, j int) bool {
			return strings.ToLower(res.ByStudy[i].Name) < strings.ToLower(res.ByStudy[j].Name)
		})
	}
	if opts.SkipAppraisals {
		return res, nil
	}
	res.Appraisal, err = appraisalAgreement(p, in.coders, opts.Study, in.tree, res.Resamples)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func codeName(t *coding.CodeTree, guid string) string {
	if n := t.Path(guid); n != "" {
		return n
	}
	return guid
}

// emptyRow is a row with every coefficient undefined.
func emptyRow(key, name string) Row {
	nan := math.NaN()
	return Row{Key: key, Name: name, Alpha: nan, AlphaLow: nan, AlphaHigh: nan, BelowTentative: nan,
		BelowReliable: nan, Cohen: nan, Fleiss: nan, Percent: nan}
}

// bootSeed is the fixed seed of a row's bootstrap: the same key always
// draws the same random numbers.
func bootSeed(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte("agreement|" + key))
	return h.Sum64()
}

func tallyRow(t *agree.Tally, key, name string, resamples int) Row {
	s := t.SummaryWith(agree.BootstrapOptions{Resamples: resamples, Seed: bootSeed(key)})
	r := emptyRow(key, name)
	r.Units, r.Pairable, r.Coded, r.Unanimous = s.Units, s.Pairable, s.Coded, s.Unanimous
	if s.PercentErr == nil {
		r.Percent = s.Percent.Value
	}
	if s.AlphaErr == nil {
		r.Alpha = s.Alpha.Value
	}
	setInterval(&r.AlphaLow, &r.AlphaHigh, &r.BelowTentative, &r.BelowReliable, s.Interval)
	d := t.Data()
	if len(d.Coders) == 2 {
		if k, err := agree.CohenKappa(d, 0, 1); err == nil {
			r.Cohen = k.Value
		}
	}
	if k, err := agree.FleissKappa(d); err == nil {
		r.Fleiss = k.Value
	}
	return r
}

// setInterval copies a bootstrapped interval into a row's fields (left NaN
// when it does not apply).
func setInterval(low, high, tentative, reliable *float64, iv agree.AlphaInterval) {
	if iv.Applies() {
		*low, *high, *tentative, *reliable = iv.Lower, iv.Upper, iv.BelowTentative, iv.BelowReliable
	}
}

// resolveCoders turns GUIDs or names into the project's coders; with no
// references it returns the coders who have non-consensus codings or
// appraisals, by name.
func resolveCoders(p *corpus.Project, refs []string) ([]corpus.Coder, error) {
	all, err := p.Coders()
	if err != nil {
		return nil, fmt.Errorf("agreement: %w", err)
	}
	if len(refs) == 0 {
		used := map[string]bool{}
		rows, err := p.DB().Query(`SELECT DISTINCT coder FROM codings WHERE consensus = 0
			UNION SELECT DISTINCT coder FROM appraisals WHERE consensus = 0`)
		if err != nil {
			return nil, fmt.Errorf("agreement: %w", err)
		}
		for rows.Next() {
			var g string
			if err := rows.Scan(&g); err != nil {
				rows.Close()
				return nil, fmt.Errorf("agreement: %w", err)
			}
			used[g] = true
		}
		rows.Close()
		var out []corpus.Coder
		for _, c := range all {
			if used[c.GUID] {
				out = append(out, c)
			}
		}
		return out, rows.Err()
	}
	var out []corpus.Coder
	seen := map[string]bool{}
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		found := false
		for _, c := range all {
			if strings.EqualFold(c.GUID, ref) || strings.EqualFold(c.Name, ref) {
				if !seen[c.GUID] {
					out = append(out, c)
					seen[c.GUID] = true
				}
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("coder %q: %w", ref, corpus.ErrNotFound)
		}
	}
	return out, nil
}

// buildAgreementInput reads the codings of the chosen coders into an agree.Corpus.
func buildAgreementInput(ctx context.Context, p *corpus.Project, opts Options) (*agreementInput, error) {
	unit, err := ParseUnit(opts.Unit)
	if err != nil {
		return nil, err
	}
	absent, err := ParseAbsent(opts.Absent)
	if err != nil {
		return nil, err
	}
	in := &agreementInput{unit: unit, absent: absent, titles: map[string]string{}}
	if in.tree, err = coding.LoadCodeTree(p); err != nil {
		return nil, err
	}
	if opts.Code != "" {
		c, err := in.tree.Resolve(opts.Code)
		if err != nil {
			return nil, err
		}
		in.codeGUID = c.GUID
	}
	if in.coders, err = resolveCoders(p, opts.Coders); err != nil {
		return nil, err
	}
	names := make([]string, len(in.coders))
	idx := map[string]int{}
	for i, c := range in.coders {
		names[i] = c.Name
		idx[c.GUID] = i
	}
	in.corpus = &agree.Corpus{Coders: names}
	if in.codeGUID != "" {
		in.corpus.Codes = []string{in.codeGUID}
	}
	// One pass in table order, without a join or ORDER BY (SQLite's sort
	// costs more than Go's): the rows are grouped by study here, and the
	// studies put in the order the query used to give (title ignoring ASCII
	// case, then GUID).
	q := `SELECT guid, study, code, start, "end", coder FROM codings WHERE consensus = 0`
	var args []any
	if opts.Study != "" {
		q += ` AND study = ?`
		args = append(args, opts.Study)
	}
	if len(opts.Studies) > 0 {
		where, list := corpus.InList("study", opts.Studies)
		q += ` AND ` + where
		args = append(args, list...)
	}
	type spanRow struct {
		guid, code        string
		coder, start, end int
	}
	byStudy := map[string][]spanRow{}
	reviewers := map[string]uint64{}
	rows, err := p.DB().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("agreement: read codings: %w", err)
	}
	for rows.Next() {
		var r spanRow
		var study, coder string
		if err := rows.Scan(&r.guid, &study, &r.code, &r.start, &r.end, &coder); err != nil {
			rows.Close()
			return nil, fmt.Errorf("agreement: read codings: %w", err)
		}
		ci, ok := idx[coder]
		if !ok {
			continue
		}
		r.coder = ci
		if ci < 64 {
			reviewers[study] |= 1 << ci
		}
		byStudy[study] = append(byStudy[study], r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("agreement: read codings: %w", err)
	}
	type studyRow struct {
		guid, title string
		length      int
	}
	var studies []studyRow
	srows, err := p.DB().QueryContext(ctx, `SELECT guid, title, text_len FROM studies`)
	if err != nil {
		return nil, fmt.Errorf("agreement: read studies: %w", err)
	}
	for srows.Next() {
		var st studyRow
		if err := srows.Scan(&st.guid, &st.title, &st.length); err != nil {
			srows.Close()
			return nil, fmt.Errorf("agreement: read studies: %w", err)
		}
		if _, ok := byStudy[st.guid]; ok {
			studies = append(studies, st)
		}
	}
	srows.Close()
	if err := srows.Err(); err != nil {
		return nil, fmt.Errorf("agreement: read studies: %w", err)
	}
	slices.SortFunc(studies, func(a, b studyRow) int {
		return cmp.Or(strings.Compare(asciiLower(a.title), asciiLower(b.title)), strings.Compare(a.guid, b.guid))
	})
	for _, st := range studies {
		in.corpus.Studies = append(in.corpus.Studies, agree.Study{ID: st.guid, Length: st.length})
		cur := &in.corpus.Studies[len(in.corpus.Studies)-1]
		in.guids = append(in.guids, nil)
		in.titles[st.guid] = st.title
		// With AbsentMissing a coder who coded nothing in the study is left
		// out of it; with AbsentZero (nil Coders) every compared coder
		// reviewed it.
		if absent != AbsentZero {
			for i := range in.coders {
				if reviewers[st.guid]&(1<<i) != 0 {
					cur.Coders = append(cur.Coders, i)
				}
			}
		}
		for _, r := range byStudy[st.guid] {
			if r.start < 0 || r.end <= r.start || r.end > st.length {
				in.outside++
				continue
			}
			if in.codeGUID != "" && r.code != in.codeGUID {
				continue
			}
			cur.Spans = append(cur.Spans, agree.Span{Code: r.code, Coder: r.coder, Start: r.start, End: r.end})
			in.guids[len(in.guids)-1] = append(in.guids[len(in.guids)-1], r.guid)
		}
	}
	if unit == UnitSentence || unit == UnitParagraph {
		for i := range in.corpus.Studies {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("agreement: %w", err)
			}
			st := &in.corpus.Studies[i]
			t, err := p.Text(st.ID)
			if err != nil {
				return nil, fmt.Errorf("agreement: %w", err)
			}
			if unit == UnitSentence {
				st.Segments = agree.SentenceStarts(t.String)
			} else {
				st.Segments = agree.ParagraphStarts(t.String)
			}
		}
	}
	return in, nil
}

// asciiLower lowers ASCII letters only, as SQLite's NOCASE collation does.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
