package brief

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/corpus"
)

// ProjectOptions tune FromProject.
type ProjectOptions struct {
	// SkipAgreement leaves the inter-coder agreement out even when two or
	// more reviewers coded the corpus (computing it reads every study text).
	SkipAgreement bool
	// Progress, when set, is called after each stage with the stages done
	// and the total.
	Progress func(done, total int)
}

// projectStages is the number of stages FromProject reports.
const projectStages = 6

// FromProject reads everything a brief needs from a project; it is the
// adapter from a project to Data:
//
//   - Studies: every study with its attributes. Studies whose review status
//     is reportable (see coding.Reportable: included, coding, appraised, reconciled)
//     are passed with status "included", the others with their own status,
//     so the brief counts exactly the reportable studies. Rating, judgements
//     and Consensus come from the study's reported appraisal (see
//     coding.ReportedAppraisals).
//   - Criteria: the rigor criteria (leaf codes of kind rigor) in codebook
//     order.
//   - Themes: every code of kind theme; Parent is the name of the nearest
//     ancestor of kind sector, else of the parent theme when that is not a
//     top-level grouping code, else "".
//   - Quotes: the codings of theme codes with their page (corpus.Text.PageAt)
//     and coder name. For a study with consensus codings (reconciled by the
//     lead) only those are passed, as they supersede the reviewers' own;
//     otherwise every reviewer's codings are passed.
//   - Areas: the area codings of theme codes (tables, figures marked on
//     pages), consensus areas superseding reviewers' as for Quotes.
//   - Reviewers: coders with their own (non-consensus) codings or
//     appraisals; Coders and Appraisers count each kind.
//   - ReviewerCodings: every reviewer's own codings per study and code.
//   - Agreement: over the reportable studies that two or more reviewers
//     coded on their own (and only those), Krippendorff's alpha of the
//     codings at paragraph level over coded paragraphs (see
//     agreement.Compute), or the percent agreement when alpha is undefined;
//     nil when no study was double-coded, when neither can be computed or
//     with SkipAgreement.
//   - Imports, Confidence, Texts: the recorded import runs, confidence
//     judgements (with the reviewer's name) and the key findings and
//     recommendations memos.
//
// Data.Project is the project's name; Title and Date are left empty.
// Cancelling ctx stops between stages (and inside the agreement).
func FromProject(ctx context.Context, p *corpus.Project, opts ProjectOptions) (Data, error) {
	var d Data
	step := 0
	next := func() error {
		step++
		if opts.Progress != nil {
			opts.Progress(step, projectStages)
		}
		return ctx.Err()
	}
	d.Project = p.Name()
	tree, err := coding.LoadCodeTree(p)
	if err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	for _, c := range coding.CriteriaOf(tree) {
		d.Criteria = append(d.Criteria, Criterion{GUID: c.GUID, Name: c.Name, Definition: c.Definition})
	}
	themes := map[string]bool{}
	for _, c := range tree.Codes {
		if c.Kind == coding.KindTheme {
			themes[c.GUID] = true
			grouping := false
			for _, k := range tree.Children(c.GUID) {
				if kc, ok := tree.Get(k); ok && kc.Kind == coding.KindTheme {
					grouping = true
				}
			}
			d.Themes = append(d.Themes, Theme{CodeGUID: c.GUID, Name: c.Name, Parent: themeParent(tree, c), Kind: c.Kind, Grouping: grouping})
		}
	}
	studies, err := p.Studies()
	if err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if err := next(); err != nil {
		return d, err
	}
	reported, err := coding.ReportedAppraisals(p)
	if err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	d.Studies = make([]Study, 0, len(studies))
	for _, s := range studies {
		d.Studies = append(d.Studies, briefStudy(s, reported[s.GUID]))
	}
	if err := next(); err != nil {
		return d, err
	}
	if d.Quotes, d.ReviewerCodings, err = briefQuotes(p, themes); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if d.Areas, err = briefAreas(p, themes); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if err := next(); err != nil {
		return d, err
	}
	if d.Reviewers, d.Coders, d.Appraisers, err = reviewerCounts(p); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if err := next(); err != nil {
		return d, err
	}
	if err := readRecords(p, &d); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if err := next(); err != nil {
		return d, err
	}
	if double := doubleCodedReportable(d); len(double) > 0 && !opts.SkipAgreement {
		res, err := agreement.Compute(ctx, p, agreement.Options{Unit: agreement.UnitParagraph, CodedOnly: true,
			Studies: double, SkipAppraisals: true})
		if err != nil && ctx.Err() != nil {
			return d, ctx.Err()
		}
		// An agreement that cannot be computed is left out, not an error:
		// the brief is still worth drafting without it.
		if err == nil {
			if d.Agreement = agreementSummary(res.Overall); d.Agreement != nil {
				d.Agreement.Studies = double
			}
		}
	}
	return d, next()
}

// doubleCodedReportable returns the reportable studies that two or more
// reviewers coded on their own, sorted.
func doubleCodedReportable(d Data) []string {
	reportable := map[string]bool{}
	for _, s := range d.Studies {
		if s.Status == corpus.StatusIncluded {
			reportable[s.GUID] = true
		}
	}
	coders := map[string]map[string]bool{}
	for _, rc := range d.ReviewerCodings {
		if !reportable[rc.Study] {
			continue
		}
		if coders[rc.Study] == nil {
			coders[rc.Study] = map[string]bool{}
		}
		coders[rc.Study][rc.Coder] = true
	}
	var out []string
	for s, c := range coders {
		if len(c) >= 2 {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// readRecords reads the import runs, confidence judgements and brief texts.
func readRecords(p *corpus.Project, d *Data) error {
	runs, err := coding.ImportRecords(p)
	if err != nil {
		return err
	}
	for _, r := range runs {
		d.Imports = append(d.Imports, ImportRun{Source: r.Source, Studies: r.Studies, Duplicates: r.Duplicates, Failed: r.Failed})
	}
	names := map[string]string{}
	coders, err := p.Coders()
	if err != nil {
		return err
	}
	for _, c := range coders {
		names[c.GUID] = c.Name
	}
	judged, err := coding.Confidences(p)
	if err != nil {
		return err
	}
	for _, j := range judged {
		by := names[j.Coder]
		if by == "" {
			by = j.Coder
		}
		d.Confidence = append(d.Confidence, ConfidenceJudgement{Theme: j.Theme, Scope: j.Scope, Level: j.Level,
			Explanation: j.Explanation, Limitations: j.Limitations, Coherence: j.Coherence, Adequacy: j.Adequacy,
			Relevance: j.Relevance, JudgedBy: by})
	}
	rows, err := p.DB().Query(`SELECT target_kind, target, text FROM memos WHERE target_kind IN (?, ?) ORDER BY target_kind, target, created_at`,
		coding.MemoKeyFindings, coding.MemoRecommendations)
	if err != nil {
		return fmt.Errorf("read brief texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t AuthorText
		if err := rows.Scan(&t.Kind, &t.Scope, &t.Text); err != nil {
			return fmt.Errorf("read brief texts: %w", err)
		}
		d.Texts = append(d.Texts, t)
	}
	return rows.Err()
}

// agreementSummary reports Krippendorff's alpha, or the percent agreement
// when alpha is undefined (e.g. every coded paragraph coded alike), or nil.
func agreementSummary(r agreement.Row) *AgreementSummary {
	const unit = "coded paragraphs"
	switch {
	case r.Units == 0:
		return nil
	case !math.IsNaN(r.Alpha) && !math.IsInf(r.Alpha, 0):
		return &AgreementSummary{Coefficient: "Krippendorff's alpha", Value: r.Alpha, Unit: unit, Units: int(r.Units)}
	case !math.IsNaN(r.Percent):
		return &AgreementSummary{Coefficient: "percent agreement", Value: r.Percent, Unit: unit, Units: int(r.Units)}
	}
	return nil
}

// themeParent names the sector a theme sits under, or its parent theme.
func themeParent(t *coding.CodeTree, c coding.Code) string {
	for _, a := range t.Ancestors(c.GUID) {
		if ac, ok := t.Get(a); ok && ac.Kind == coding.KindSector {
			return ac.Name
		}
	}
	if c.Parent == "" {
		return ""
	}
	pc, ok := t.Get(c.Parent)
	if !ok || pc.Parent == "" || pc.Kind != coding.KindTheme {
		return ""
	}
	return pc.Name
}

// briefStudy converts a study and its reported appraisal.
func briefStudy(s corpus.Study, a coding.ReportedAppraisal) Study {
	status := s.Status
	if coding.Reportable(s.Status) {
		status = corpus.StatusIncluded
	}
	title := s.Title
	if strings.TrimSpace(title) == "" {
		title = s.FileName
	}
	return Study{GUID: s.GUID, Title: title, Authors: s.Authors, Year: s.Year, Countries: s.Countries,
		Sectors: s.Sectors, Method: s.Method, SampleSize: s.SampleSize, Population: s.Population,
		Language: s.Language, PubType: s.PubType, Publisher: s.Publisher, DOI: s.DOI, Status: status,
		ExclusionReason: s.ExclusionReason, Rating: a.Rating, Judgements: a.Judgements, Consensus: a.Consensus}
}

// briefQuotes reads the codings of theme codes, preferring consensus
// codings, and counts every reviewer's own codings per study and code
// (any code), in one pass over the codings.
func briefQuotes(p *corpus.Project, themes map[string]bool) ([]Quote, []ReviewerCoding, error) {
	names := map[string]string{}
	coders, err := p.Coders()
	if err != nil {
		return nil, nil, err
	}
	for _, c := range coders {
		names[c.GUID] = c.Name
	}
	pages, err := pageMaps(p)
	if err != nil {
		return nil, nil, err
	}
	codes := make([]string, 0, len(themes))
	for c := range themes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	quote := `NULL`
	var args []any
	if len(codes) > 0 {
		where, list := corpus.InList("code", codes)
		quote, args = `CASE WHEN `+where+` THEN quote END`, list
	}
	// One pass in table order without ORDER BY (a sort in SQLite costs more
	// than in Go), reading the text only of theme codings: collect, then
	// drop superseded reviewer codings and sort.
	rows, err := p.DB().Query(`SELECT guid, study, code, start, "end", `+quote+`, coder, consensus FROM codings`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("read codings: %w", err)
	}
	defer rows.Close()
	type rcKey struct{ study, code, coder string }
	counts := map[rcKey]int{}
	type row struct {
		q    Quote
		guid string
		end  int
	}
	var all []row
	consensusStudies := map[string]bool{}
	for rows.Next() {
		var r row
		var coder string
		var cons int
		var text sql.NullString
		if err := rows.Scan(&r.guid, &r.q.StudyGUID, &r.q.CodeGUID, &r.q.Start, &r.end, &text, &coder, &cons); err != nil {
			return nil, nil, fmt.Errorf("read codings: %w", err)
		}
		if cons == 0 {
			counts[rcKey{r.q.StudyGUID, r.q.CodeGUID, coder}]++
		}
		if !text.Valid {
			continue
		}
		r.q.Text = text.String
		r.q.Consensus = cons == 1
		if r.q.Consensus {
			consensusStudies[r.q.StudyGUID] = true
		}
		r.q.Coder = names[coder]
		if r.q.Coder == "" {
			r.q.Coder = coder
		}
		if t := pages[r.q.StudyGUID]; t != nil {
			r.q.Page = t.PageAt(r.q.Start)
		}
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read codings: %w", err)
	}
	rc := make([]ReviewerCoding, 0, len(counts))
	for k, n := range counts {
		rc = append(rc, ReviewerCoding{Study: k.study, Code: k.code, Coder: k.coder, Codings: n})
	}
	slices.SortFunc(all, func(a, b row) int {
		return cmp.Or(strings.Compare(a.q.StudyGUID, b.q.StudyGUID), cmp.Compare(a.q.Start, b.q.Start),
			cmp.Compare(a.end, b.end), strings.Compare(a.guid, b.guid))
	})
	out := make([]Quote, 0, len(all))
	for _, r := range all {
		if consensusStudies[r.q.StudyGUID] && !r.q.Consensus {
			continue
		}
		out = append(out, r.q)
	}
	return out, rc, nil
}

// pageMaps reads every study's page starts (not its text) as corpus.Text
// values whose PageAt maps offsets to pages.
func pageMaps(p *corpus.Project) (map[string]*corpus.Text, error) {
	rows, err := p.DB().Query(`SELECT guid, page_starts FROM studies`)
	if err != nil {
		return nil, fmt.Errorf("read page maps: %w", err)
	}
	defer rows.Close()
	out := map[string]*corpus.Text{}
	for rows.Next() {
		var guid, starts string
		if err := rows.Scan(&guid, &starts); err != nil {
			return nil, fmt.Errorf("read page maps: %w", err)
		}
		t := &corpus.Text{Study: guid}
		if err := json.Unmarshal([]byte(starts), &t.PageStarts); err != nil || len(t.PageStarts) == 0 {
			continue
		}
		out[guid] = t
	}
	return out, rows.Err()
}

// reviewerCounts counts coders with their own codings or appraisals, and
// each kind.
func reviewerCounts(p *corpus.Project) (all, coders, appraisers int, err error) {
	err = p.DB().QueryRow(`WITH c AS (SELECT DISTINCT coder FROM codings WHERE consensus = 0),
		a AS (SELECT DISTINCT a.coder FROM appraisals a WHERE a.consensus = 0
			AND EXISTS (SELECT 1 FROM judgements j WHERE j.appraisal = a.guid AND j.judgement <> ''))
		SELECT (SELECT COUNT(*) FROM (SELECT coder FROM c UNION SELECT coder FROM a)),
			(SELECT COUNT(*) FROM c), (SELECT COUNT(*) FROM a)`).Scan(&all, &coders, &appraisers)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("count reviewers: %w", err)
	}
	return all, coders, appraisers, nil
}
