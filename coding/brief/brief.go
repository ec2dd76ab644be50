package brief

import (
	"strconv"
	"strings"
)

// Count is a number of studies (or of items found in studies) together with
// the GUIDs of the studies behind it, sorted, so that any figure of a brief
// can be traced back to its studies.
type Count struct {
	// N is the figure shown in the brief.
	N int
	// Studies are the GUIDs of the studies that make up N, sorted.
	Studies []string
}

// Labeled is a Count with the label it belongs to (a country, a method...).
type Labeled struct {
	// Label is the category (e.g. "India", "Survey", "high").
	Label string
	Count
	// Percent is N as a share of the brief's studies (0-100).
	Percent float64
}

// Brief is a computed evidence brief: the section model that the templates
// render.
type Brief struct {
	// Title is the brief's title.
	Title string
	// Project is the project's name.
	Project string
	// Date is the optional date line passed in Data.
	Date string
	// FilterNotes describe the filter applied, one plain sentence each,
	// with how many studies each filter left out.
	FilterNotes []string
	// ScopeKey identifies the brief's scope (see ScopeKey): "" for the whole
	// review. Author texts and confidence judgements are recorded per scope.
	ScopeKey string
	// ScopeLabel names the scope ("the whole review", "Agriculture"...).
	ScopeLabel string
	// Caps are the limits on themes and quotes this brief applied.
	Caps Caps
	// KeyFindings is the key findings section: the author's text for this
	// scope, or a draft generated from the findings.
	KeyFindings AuthorSection
	// Recommendations is the recommendations section: the author's text
	// for this scope, or a draft generated from the gaps.
	Recommendations AuthorSection
	// Scope is the scope and method section.
	Scope Scope
	// Flow is the screening flow of the review (PRISMA 2020 style).
	Flow Flow
	// Map is the evidence map (country x sector).
	Map CountrySectorMap
	// Methods is the methods and populations section.
	Methods Methods
	// Rigor is the rigor section.
	Rigor Rigor
	// Findings are the themes coded in the brief's studies with the
	// confidence they deserve (GRADE-CERQual), most studies first.
	Findings []Finding
	// Themes are the themes per sector.
	Themes []SectorThemes
	// Gaps are the gaps in the evidence, one sentence each.
	Gaps []Gap
	// References is the bibliography, sorted.
	References []Reference
	// Studies lists every study of the brief with its citation, sorted by
	// citation; use Study to look one up by GUID.
	Studies []StudyRef

	index map[string]int
}

// StudyRef identifies a study of the brief.
type StudyRef struct {
	// GUID identifies the study.
	GUID string
	// Citation is the short in-text citation, e.g. "Smith et al. 2019".
	Citation string
	// Title is the study's title.
	Title string
	// Rating is the normalised rigor rating ("high", "medium", "low" or "").
	Rating string
	// Year is the publication year (0: unknown).
	Year int
	// Countries and Sectors are the study's countries and sectors.
	Countries, Sectors []string
	// Method is the study design ("" when not reported).
	Method string
	// SampleSize is the number of participants or cases (0: not reported).
	SampleSize int
	// Population is the population studied ("" when not reported).
	Population string
}

// Caps are the limits a brief applied to what it lists in full.
type Caps struct {
	// MaxThemes is the number of themes per sector listed in full (0: all).
	MaxThemes int
	// MaxQuotes is the number of quotes per theme (0: all).
	MaxQuotes int
}

// AuthorSection is a section an author writes (key findings,
// recommendations) or, until they do, a draft generated from the evidence.
type AuthorSection struct {
	// Text is the author's text ("" when Generated).
	Text string
	// Items are the generated draft's points (empty when the author wrote
	// the section).
	Items []string
	// Generated reports that the section is the generated draft.
	Generated bool
}

// Study returns the study of the brief with the given GUID.
func (b *Brief) Study(guid string) (StudyRef, bool) {
	if b == nil {
		return StudyRef{}, false
	}
	i, ok := b.index[guid]
	if !ok {
		return StudyRef{}, false
	}
	return b.Studies[i], true
}

// Scope is the scope-and-method section.
type Scope struct {
	// Studies are the included studies matching the filter.
	Studies Count
	// Excluded are the studies of the project excluded at screening.
	Excluded Count
	// ToScreen are the studies of the project still awaiting screening.
	ToScreen Count
	// FilteredOut are the included studies this brief's filters leave out.
	FilteredOut Count
	// Appraised are the brief's studies with a rigor rating or at least one
	// criterion judged.
	Appraised Count
	// CountriesReported and SectorsReported are the countries and sectors
	// named by the brief's studies (Countries and Sectors less "Not
	// reported").
	CountriesReported, SectorsReported int
	// YearFrom and YearTo are the earliest and latest publication years
	// (0 when no study has a year).
	YearFrom, YearTo int
	// YearUnknown are the studies without a publication year.
	YearUnknown Count
	// Countries are the countries covered, most studied first.
	Countries []Labeled
	// Sectors are the sectors covered, most studied first.
	Sectors []Labeled
	// Criteria are the rigor criteria used for appraisal.
	Criteria []Criterion
	// Reviewers is the number of reviewers (0: unknown).
	Reviewers int
	// Coders and Appraisers are the reviewers who coded and who appraised
	// (0: unknown).
	Coders, Appraisers int
	// Codings is the number of distinct coded passages of themes in the
	// brief's studies.
	Codings int
	// DoubleCoded are the brief's studies coded independently by two or
	// more reviewers.
	DoubleCoded Count
	// Agreement is the inter-coder agreement over the double-coded studies,
	// nil when none was computed.
	Agreement *AgreementSummary
	// ConsensusAppraised are the studies whose appraisal is a consensus.
	ConsensusAppraised Count
}

// CountrySectorMap is the brief's evidence map: a country x sector table of
// study counts.
type CountrySectorMap struct {
	// Countries are the rows, alphabetical ("Not reported" last).
	Countries []string
	// Sectors are the columns, alphabetical ("Not reported" last).
	Sectors []string
	// Cells holds one row per country and one cell per sector.
	Cells [][]Cell
	// CountryTotals are the studies per country (row totals).
	CountryTotals []Count
	// SectorTotals are the studies per sector (column totals).
	SectorTotals []Count
	// OutsideCountries and OutsideSectors mark the rows and columns that the
	// brief's filter leaves out entirely (their cells are all Outside).
	OutsideCountries, OutsideSectors []bool
	// Max is the largest cell count (for shading).
	Max int
}

// Cell is one country x sector cell of the evidence map, split by rating.
type Cell struct {
	// Country and Sector locate the cell.
	Country, Sector string
	// All are the studies covering both the country and the sector.
	All Count
	// Outside marks a cell of the review's frame that the brief's sector or
	// country filter leaves out (All is then empty).
	Outside bool `json:",omitempty"`
	// High, Medium and Low split All by rigor rating; Unrated holds the
	// rest.
	High, Medium, Low, Unrated Count
}

// Split describes the cell's studies by rigor rating in a few characters,
// leaving out the ratings no study has: "H1 L2", "?2" (two studies not
// rated), "H1 M2 L1 ?3"; "" for an empty cell.
func (c Cell) Split() string {
	var parts []string
	for _, x := range []struct {
		p string
		n int
	}{{"H", c.High.N}, {"M", c.Medium.N}, {"L", c.Low.N}, {"?", c.Unrated.N}} {
		if x.n > 0 {
			parts = append(parts, x.p+strconv.Itoa(x.n))
		}
	}
	return strings.Join(parts, " ")
}

// Methods is the methods-and-populations section.
type Methods struct {
	// Methods counts studies per method, most frequent first.
	Methods []Labeled
	// Populations counts studies per population, most frequent first.
	Populations []Labeled
	// PopulationsTabulated reports that populations repeat enough to be
	// worth a table; otherwise they are free text, nearly one per study,
	// and the table of included studies shows them.
	PopulationsTabulated bool
	// Samples summarises the reported sample sizes.
	Samples SampleSummary
}

// SampleSummary summarises sample sizes.
type SampleSummary struct {
	// Reported are the studies that report a sample size.
	Reported Count
	// NotReported are the studies that do not.
	NotReported Count
	// Median is the median reported sample size.
	Median float64
	// Min and Max are the smallest and largest reported sample sizes.
	Min, Max int
	// Total is the sum of reported sample sizes.
	Total int
}

// Rigor is the rigor section.
type Rigor struct {
	// Criteria holds the judgements per criterion, in criterion order.
	Criteria []CriterionRigor
	// Ratings is the distribution of overall ratings: high, medium, low,
	// not rated (always four entries, in that order).
	Ratings []Labeled
	// AnyNotAppraised reports that some study lacks a judgement on some
	// criterion (so tables need a "not appraised" column).
	AnyNotAppraised bool
}

// CriterionRigor is the distribution of judgements on one criterion.
type CriterionRigor struct {
	Criterion
	// Met, Partly, NotMet, NotReported and NotAppraised count the studies
	// per judgement; they add up to the brief's studies.
	Met, Partly, NotMet, NotReported, NotAppraised Count
	// MetPct, PartlyPct, NotMetPct, NotReportedPct and NotAppraisedPct are
	// the same as shares of the brief's studies (0-100).
	MetPct, PartlyPct, NotMetPct, NotReportedPct, NotAppraisedPct float64
}

// SectorThemes are the most coded themes of one sector.
type SectorThemes struct {
	// Sector is the sector's name.
	Sector string
	// Studies are the brief's studies covering the sector.
	Studies Count
	// Themes are the most coded themes listed in full, most studies first
	// (at most Caps.MaxThemes).
	Themes []ThemeSummary
	// More are the sector's other coded themes, beyond the cap, without
	// quotes.
	More []ThemeSummary
	// Total is the number of themes coded in the sector.
	Total int
}

// ThemeSummary is one theme within a sector.
type ThemeSummary struct {
	Theme
	// Studies are the studies with at least one coding of the theme.
	Studies Count
	// Codings is the number of distinct coded passages and areas of pages
	// (a passage coded by several reviewers counts once).
	Codings int
	// Quotes are the representative quotes, strongest first.
	Quotes []QuoteRef
	// Areas are coded tables, figures and other areas of pages, from
	// distinct studies, higher-rigor studies first.
	Areas []AreaRef
	// QuoteStudies is the number of studies with a passage that could be
	// quoted (Quotes shows at most Caps.MaxQuotes of them).
	QuoteStudies int
	// QuotedAbove is the number of those studies not quoted here because
	// every passage of theirs is quoted under an earlier sector.
	QuotedAbove int
	// Confidence is the confidence in the theme as a finding of the brief.
	Confidence Confidence
}

// BeyondCap is the number of studies with a passage that could be quoted
// but are not, because of the cap on quotes per theme.
func (t ThemeSummary) BeyondCap() int { return max(t.QuoteStudies-len(t.Quotes)-t.QuotedAbove, 0) }

// Confidence is what a brief says about its confidence in a finding.
type Confidence struct {
	// Level is the recorded level ("high", "moderate", "low", "very low"),
	// "" when no reviewer has judged it yet.
	Level string
	// Judged reports that a reviewer recorded the level.
	Judged bool
	// Text is the sentence shown beside the finding, e.g. "Moderate
	// confidence: minor concerns about adequacy (3 studies). …".
	Text string
}

// QuoteRef is a representative quote with its citation.
type QuoteRef struct {
	// StudyGUID is the quoted study.
	StudyGUID string
	// Text is the quote, whitespace collapsed and shortened to about 600
	// characters.
	Text string
	// Page is the page (0: unknown).
	Page int
	// Citation is e.g. "(Smith et al. 2019, p. 12)".
	Citation string
	// Rating is the study's rigor rating.
	Rating string
}

// Attribution is the quote's citation with its study's rigor rating:
// "(Smith et al. 2019, p. 12; rated high for rigor)", "(…; not rated for
// rigor)".
func (q QuoteRef) Attribution() string {
	r := "not rated for rigor"
	if q.Rating != "" {
		r = "rated " + q.Rating + " for rigor"
	}
	c := strings.TrimSuffix(strings.TrimPrefix(q.Citation, "("), ")")
	if c == "" {
		return "(" + r + ")"
	}
	return "(" + c + "; " + r + ")"
}

// GapKind classifies a gap.
type GapKind string

// Gap kinds.
const (
	// GapEmptyCell is a country x sector cell without any study.
	GapEmptyCell GapKind = "empty-cell"
	// GapThinCell is a cell with fewer studies than Filter.ThinBelow.
	GapThinCell GapKind = "thin-cell"
	// GapUnmetCriterion is a rigor criterion that is often not met.
	GapUnmetCriterion GapKind = "unmet-criterion"
	// GapLowRigorTheme is a theme supported only by low-rigor studies.
	GapLowRigorTheme GapKind = "low-rigor-theme"
	// GapLowRigorCell is a country x sector cell whose studies are all
	// rated low or not rated.
	GapLowRigorCell GapKind = "low-rigor-cell"
	// GapUnappraised is studies not yet appraised for rigor.
	GapUnappraised GapKind = "unappraised"
	// GapThinTheme is a theme resting on few studies or one country.
	GapThinTheme GapKind = "thin-theme"
	// GapUncodedTheme is a theme of the codebook no study was coded with.
	GapUncodedTheme GapKind = "uncoded-theme"
)

// Group says which part of the gaps section a gap belongs to: "cell"
// (countries and sectors), "theme" or "rigor".
func (k GapKind) Group() string {
	switch k {
	case GapEmptyCell, GapThinCell:
		return "cell"
	case GapThinTheme, GapUncodedTheme:
		return "theme"
	}
	return "rigor"
}

// GapsIn returns the brief's gaps of one group ("cell", "theme" or
// "rigor"; see GapKind.Group), in order.
func (b *Brief) GapsIn(group string) []Gap {
	var out []Gap
	for _, g := range b.Gaps {
		if g.Kind.Group() == group {
			out = append(out, g)
		}
	}
	return out
}

// Gap is one gap in the evidence, stated as a plain sentence.
type Gap struct {
	// Kind classifies the gap.
	Kind GapKind
	// Text is the sentence.
	Text string
	// Studies are the studies the sentence is about (empty for empty cells).
	Studies []string
}

// Reference is one bibliography entry.
type Reference struct {
	// StudyGUID is the study referenced.
	StudyGUID string
	// Citation is the short in-text citation ("Smith and Lee 2020").
	Citation string
	// Text is the formatted entry: "Author, A. (Year). Title. Publisher."
	Text string
}
