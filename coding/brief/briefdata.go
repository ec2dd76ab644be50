package brief

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
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
const projectStages = 5

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
//   - Reviewers: coders with their own (non-consensus) codings or appraisals.
//   - Agreement: with two or more reviewers, Krippendorff's alpha of the
//     codings at paragraph level over coded paragraphs (see coding.Agreement), or
//     the percent agreement when alpha is undefined; nil when neither can
//     be computed, with fewer than two reviewers or with SkipAgreement.
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
			d.Themes = append(d.Themes, Theme{CodeGUID: c.GUID, Name: c.Name, Parent: themeParent(tree, c), Kind: c.Kind})
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
	if d.Quotes, err = briefQuotes(p, themes); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if d.Areas, err = briefAreas(p, themes); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if err := next(); err != nil {
		return d, err
	}
	if d.Reviewers, err = reviewerCount(p); err != nil {
		return d, fmt.Errorf("brief data: %w", err)
	}
	if err := next(); err != nil {
		return d, err
	}
	if d.Reviewers >= 2 && !opts.SkipAgreement {
		res, err := coding.Agreement(ctx, p, coding.AgreementOptions{Unit: coding.UnitParagraph, CodedOnly: true})
		if err != nil && ctx.Err() != nil {
			return d, ctx.Err()
		}
		// An agreement that cannot be computed is left out, not an error:
		// the brief is still worth drafting without it.
		if err == nil {
			d.Agreement = agreementSummary(res.Overall)
		}
	}
	return d, next()
}

// agreementSummary reports Krippendorff's alpha, or the percent agreement
// when alpha is undefined (e.g. every coded paragraph coded alike), or nil.
func agreementSummary(r coding.AgreementRow) *AgreementSummary {
	const unit = "codes per coded paragraph"
	switch {
	case r.Units == 0:
		return nil
	case !math.IsNaN(r.Alpha) && !math.IsInf(r.Alpha, 0):
		return &AgreementSummary{Coefficient: "Krippendorff's alpha", Value: r.Alpha, Unit: unit}
	case !math.IsNaN(r.Percent):
		return &AgreementSummary{Coefficient: "percent agreement", Value: r.Percent, Unit: unit}
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
		Rating: a.Rating, Judgements: a.Judgements, Consensus: a.Consensus}
}

// briefQuotes reads the codings of theme codes, preferring consensus codings.
func briefQuotes(p *corpus.Project, themes map[string]bool) ([]Quote, error) {
	if len(themes) == 0 {
		return nil, nil
	}
	names := map[string]string{}
	coders, err := p.Coders()
	if err != nil {
		return nil, err
	}
	for _, c := range coders {
		names[c.GUID] = c.Name
	}
	pages, err := pageMaps(p)
	if err != nil {
		return nil, err
	}
	codes := make([]string, 0, len(themes))
	for c := range themes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	where, args := corpus.InList("code", codes)
	// One pass without ORDER BY (a sort in SQLite costs more than in Go):
	// collect, then drop superseded reviewer codings and sort.
	rows, err := p.DB().Query(`SELECT guid, study, code, start, "end", quote, coder, consensus FROM codings WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read codings: %w", err)
	}
	defer rows.Close()
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
		if err := rows.Scan(&r.guid, &r.q.StudyGUID, &r.q.CodeGUID, &r.q.Start, &r.end, &r.q.Text, &coder, &cons); err != nil {
			return nil, fmt.Errorf("read codings: %w", err)
		}
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
		return nil, fmt.Errorf("read codings: %w", err)
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
	return out, nil
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

// reviewerCount counts coders with their own codings or appraisals.
func reviewerCount(p *corpus.Project) (int, error) {
	var n int
	err := p.DB().QueryRow(`SELECT COUNT(*) FROM (SELECT coder FROM codings WHERE consensus = 0
		UNION SELECT a.coder FROM appraisals a WHERE a.consensus = 0
			AND EXISTS (SELECT 1 FROM judgements j WHERE j.appraisal = a.guid AND j.judgement <> ''))`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count reviewers: %w", err)
	}
	return n, nil
}
