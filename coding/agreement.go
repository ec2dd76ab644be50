package coding

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus"
)

// Units of project-level coding agreement (AgreementOptions.Unit).
const (
	UnitChar      = "char"      // every character (code point) of the study texts
	UnitSentence  = "sentence"  // every sentence (see SentenceStarts)
	UnitParagraph = "paragraph" // every paragraph (see agree.ParagraphStarts)
	UnitStudy     = "study"     // every study-code pair: did the coder use the code in the study at all
)

// ErrAgreementUnit means an agreement unit is not char, sentence, paragraph or study.
var ErrAgreementUnit = errors.New("the unit of agreement is char, sentence, paragraph or study")

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
	return "", fmt.Errorf("%q: %w", s, ErrAgreementUnit)
}

// AgreementOptions select what Agreement and Disagreements compare.
type AgreementOptions struct {
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
	// Progress, when set, is called with studies done and the total.
	Progress func(done, total int)
}

// AgreementRow holds the coefficients of one slice of the data (everything,
// one code or one study). A coefficient that is undefined for the data (too
// few coders, nothing pairable, no variation) is NaN.
type AgreementRow struct {
	Key       string  // code or study GUID; "" for the overall row
	Name      string  // code path or study title
	Units     float64 // units compared (characters, segments or study-code pairs)
	Coded     float64 // units at least one coder coded
	Unanimous float64 // units every reviewing coder treated alike
	Percent   float64 // pairwise percent agreement, 0..1
	Cohen     float64 // Cohen's kappa (two coders only; NaN otherwise)
	Fleiss    float64 // Fleiss' kappa
	Alpha     float64 // Krippendorff's alpha (nominal, binary coded/not coded)
}

// AppraisalRow is the agreement of the coders' judgements of one rigor
// criterion (or of the overall rating) over the studies they appraised.
type AppraisalRow struct {
	Key     string  // criterion code GUID; "rating" for the overall rating, "" for all criteria pooled
	Name    string  // criterion path, "Overall rating" or "All criteria"
	Units   int     // studies (study-criterion pairs when pooled) judged by at least two coders
	Percent float64 // pairwise percent agreement on identical judgements
	Alpha   float64 // Krippendorff's alpha, ordinal metric
	Kappa   float64 // Cohen's weighted kappa with linear weights (two coders only; NaN otherwise)
}

// AgreementResult is the project-level agreement of the chosen coders.
type AgreementResult struct {
	Unit    string         // the unit compared
	Coders  []corpus.Coder // the coders compared, in column order
	Overall AgreementRow   // all codes and studies together
	ByCode  []AgreementRow // one row per code, by code path
	ByStudy []AgreementRow // one row per study, by title
	// Appraisal holds the agreement of the rigor appraisals: all criteria
	// pooled first, then the overall rating, then one row per criterion.
	Appraisal []AppraisalRow
	// OutOfText counts codings skipped because their range lies outside the study text.
	OutOfText int
}

// JudgementOrder is the ordinal scale used for appraisal agreement, best
// first: met > partly met > not met > not reported. "Not reported" is placed
// last, below "not met": a criterion the study does not report cannot be
// credited at all, so it is the weakest judgement, and a reviewer who says
// "not met" where another says "not reported" disagrees by the smallest
// possible step. An empty judgement is missing, not a category.
var JudgementOrder = []string{Met, PartlyMet, NotMet, NotReported}

// RatingOrder is the ordinal scale of overall ratings for appraisal agreement.
var RatingOrder = []string{RatingHigh, RatingMedium, RatingLow}

// agreementInput is the coded corpus built from a project.
type agreementInput struct {
	coders   []corpus.Coder
	corpus   *agree.Corpus
	guids    [][]string // coding GUID of every span, parallel to corpus.Studies[i].Spans
	titles   map[string]string
	tree     *CodeTree
	outside  int
	unit     string
	codeGUID string
}

// Agreement computes the inter-coder agreement of the project's codings
// (reviewers' codings only; consensus codings are the reconciled result and
// are left out) and of its rigor appraisals. A coder counts as having
// reviewed a study when they coded anything in it; coders who did not are
// missing there rather than "did not code". At sentence and paragraph level
// a unit counts as coded by a coder when any of their codings overlaps it.
func Agreement(ctx context.Context, p *corpus.Project, opts AgreementOptions) (*AgreementResult, error) {
	in, err := buildAgreementInput(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	res := &AgreementResult{Unit: in.unit, Coders: in.coders, OutOfText: in.outside}
	res.Overall = AgreementRow{Name: "All codes", Percent: math.NaN(), Cohen: math.NaN(), Fleiss: math.NaN(), Alpha: math.NaN()}
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
		res.Overall = tallyRow(u.Overall, "", "All codes")
		for i, code := range u.Codes {
			res.ByCode = append(res.ByCode, tallyRow(u.ByCode[i], code, codeName(in.tree, code)))
		}
		for i, st := range u.Studies {
			res.ByStudy = append(res.ByStudy, tallyRow(u.ByStudy[i], st, in.titles[st]))
		}
		sort.SliceStable(res.ByCode, func(i, j int) bool { return res.ByCode[i].Name < res.ByCode[j].Name })
		sort.SliceStable(res.ByStudy, func(i, j int) bool {
			return strings.ToLower(res.ByStudy[i].Name) < strings.ToLower(res.ByStudy[j].Name)
		})
	}
	if opts.SkipAppraisals {
		return res, nil
	}
	res.Appraisal, err = appraisalAgreement(p, in.coders, opts.Study, in.tree)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func codeName(t *CodeTree, guid string) string {
	if n := t.Path(guid); n != "" {
		return n
	}
	return guid
}

func tallyRow(t *agree.Tally, key, name string) AgreementRow {
	s := t.Summary()
	r := AgreementRow{Key: key, Name: name, Units: s.Units, Coded: s.Coded, Unanimous: s.Unanimous,
		Percent: s.Percent.Value, Alpha: s.Alpha.Value, Cohen: math.NaN(), Fleiss: math.NaN()}
	if s.PercentErr != nil {
		r.Percent = math.NaN()
	}
	if s.AlphaErr != nil {
		r.Alpha = math.NaN()
	}
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
func buildAgreementInput(ctx context.Context, p *corpus.Project, opts AgreementOptions) (*agreementInput, error) {
	unit, err := ParseUnit(opts.Unit)
	if err != nil {
		return nil, err
	}
	in := &agreementInput{unit: unit, titles: map[string]string{}}
	if in.tree, err = LoadCodeTree(p); err != nil {
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
		for i := range in.coders {
			if reviewers[st.guid]&(1<<i) != 0 {
				cur.Coders = append(cur.Coders, i)
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
				st.Segments = SentenceStarts(t.String)
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
