package brief

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
	// FilterNotes describe the filter applied, one plain sentence each.
	FilterNotes []string
	// Scope is the scope and method section.
	Scope Scope
	// Map is the evidence map (country x sector).
	Map CountrySectorMap
	// Methods is the methods and populations section.
	Methods Methods
	// Rigor is the rigor section.
	Rigor Rigor
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
	// Excluded are the studies of the project left out because they are not
	// included (screened out or pending).
	Excluded Count
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
	// Agreement is the inter-coder agreement, nil when unknown.
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
	// Max is the largest cell count (for shading).
	Max int
}

// Cell is one country x sector cell of the evidence map, split by rating.
type Cell struct {
	// Country and Sector locate the cell.
	Country, Sector string
	// All are the studies covering both the country and the sector.
	All Count
	// High, Medium and Low split All by rigor rating; Unrated holds the
	// rest.
	High, Medium, Low, Unrated Count
}

// Methods is the methods-and-populations section.
type Methods struct {
	// Methods counts studies per method, most frequent first.
	Methods []Labeled
	// Populations counts studies per population, most frequent first.
	Populations []Labeled
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
	// Themes are the most coded themes, most studies first.
	Themes []ThemeSummary
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
)

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
