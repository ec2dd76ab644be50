package brief

import (
	"errors"
	"fmt"

	"github.com/evidence-workbench/workbench/corpus/names"
)

// Data is everything Build needs from a project: the studies, the rigor
// criteria, the codes treated as themes and the coded passages.
type Data struct {
	// Project is the project's name, used in the brief's title.
	Project string
	// Title optionally overrides the brief's title; empty means
	// "Evidence brief: <Project>".
	Title string
	// Date is an optional date line printed under the title (for example
	// "27 November 2026"). Build never reads the clock, so leaving it empty
	// keeps output reproducible.
	Date string
	// Studies are all studies of the project; only those whose Status is
	// "included" (case-insensitive) are counted.
	Studies []Study
	// Criteria are the rigor (quality appraisal) criteria, in the order
	// the brief should list them.
	Criteria []Criterion
	// Themes are the codes reported in the themes section. Quotes whose
	// CodeGUID is not listed here are ignored.
	Themes []Theme
	// Quotes are the coded passages: one per coding (a passage coded by two
	// reviewers appears twice, once per coder).
	Quotes []Quote
	// Areas are the coded areas of pages (tables, figures) of theme codes
	// (see areas.go).
	Areas []Area
	// Reviewers is the number of reviewers who coded or appraised the
	// corpus; 0 means unknown and is left out of the brief.
	Reviewers int
	// Agreement is the inter-coder agreement to report, or nil when it has
	// not been computed.
	Agreement *AgreementSummary
}

// Study is one study of the corpus with its descriptive attributes and its
// rigor appraisal.
type Study struct {
	// GUID identifies the study (lower-case UUID).
	GUID string
	// Title is the study's title as it should appear in the references.
	Title string
	// Authors are the authors in publication order.
	Authors []names.Author
	// Year is the publication year; 0 means unknown ("n.d.").
	Year int
	// Countries are the countries the study covers.
	Countries []string
	// Sectors are the economic sectors covered (e.g. "Agriculture",
	// "Construction", "Domestic work").
	Sectors []string
	// Method is the study design (e.g. "Survey", "Qualitative interviews").
	Method string
	// SampleSize is the number of participants or cases; 0 means not
	// reported.
	SampleSize int
	// Population is the population studied (e.g. "Migrant workers").
	Population string
	// Language is the language of publication.
	Language string
	// PubType is the publication type (e.g. "Journal article", "Report").
	PubType string
	// Publisher is the journal or publishing organisation.
	Publisher string
	// DOI is the digital object identifier ("10.1234/abc"), "" if unknown.
	DOI string
	// Status is the screening status: "included", "excluded", "pending"...
	// Only "included" studies are counted.
	Status string
	// Rating is the overall rigor rating: "high", "medium", "low" or ""
	// (not rated).
	Rating string
	// Judgements maps a criterion GUID to "met", "partly met", "not met" or
	// "not reported". A criterion missing from the map counts as not
	// appraised. Common synonyms (yes/no/partly/unclear) are accepted.
	Judgements map[string]string
	// Consensus reports that the appraisal was agreed by the reviewers
	// (rather than being one reviewer's judgement).
	Consensus bool
}

// Criterion is a rigor (quality appraisal) criterion.
type Criterion struct {
	// GUID identifies the criterion.
	GUID string
	// Name is the criterion's short name (e.g. "Sampling described").
	Name string
	// Definition explains what meeting the criterion means.
	Definition string
}

// Theme is a code of the codebook that the brief reports as a theme.
type Theme struct {
	// CodeGUID identifies the code.
	CodeGUID string
	// Name is the code's name.
	Name string
	// Parent is the name of the parent code ("" for a top-level code).
	Parent string
	// Kind is the code's kind as the codebook defines it (e.g. "theme",
	// "deductive", "inductive"); it is carried through to the brief.
	Kind string
}

// Quote is one coding: a passage of a study's text coded with a code.
type Quote struct {
	// StudyGUID is the study the passage comes from.
	StudyGUID string
	// CodeGUID is the code applied to the passage.
	CodeGUID string
	// Text is the coded passage.
	Text string
	// Page is the 1-based page the passage starts on; 0 means unknown.
	Page int
	// Start is the passage's offset in runes into the study's text.
	Start int
	// Coder names the reviewer who applied the code.
	Coder string
	// Consensus reports that the coding was agreed by the reviewers.
	Consensus bool
}

// AgreementSummary is an inter-coder agreement figure to report.
type AgreementSummary struct {
	// Coefficient names the statistic (e.g. "Krippendorff's alpha").
	Coefficient string
	// Value is the coefficient's value.
	Value float64
	// Unit says what was compared (e.g. "codes per paragraph").
	Unit string
}

// Filter selects the studies a brief covers. The zero Filter selects every
// included study. Matching of names is case-insensitive.
type Filter struct {
	// Sectors keeps studies covering at least one of these sectors and
	// restricts the evidence map and themes to them. Empty: all.
	Sectors []string
	// Countries keeps studies covering at least one of these countries and
	// restricts the evidence map to them. Empty: all.
	Countries []string
	// YearFrom and YearTo bound the publication year (inclusive); 0 leaves
	// that end open. With either set, studies of unknown year are dropped.
	YearFrom, YearTo int
	// Methods keeps studies whose Method is one of these. Empty: all.
	Methods []string
	// MinRigor keeps studies rated at least this: "high", "medium" or
	// "low" (any rated study). Empty keeps unrated studies too.
	MinRigor string
	// ConsensusOnly keeps only studies whose appraisal is a consensus and
	// only codings marked as consensus.
	ConsensusOnly bool
	// MaxThemes is the number of themes listed per sector (default 5).
	MaxThemes int
	// MaxQuotes is the number of quotes shown per theme (default 2).
	MaxQuotes int
	// Citation is the citation style (default StyleAuthorYear).
	Citation CitationStyle
	// ThinBelow: a map cell with at least one but fewer than ThinBelow
	// studies is reported as thin evidence (default 3).
	ThinBelow int
}

// ErrNoStudies reports that no included study matches the filter.
var ErrNoStudies = errors.New("no included study matches the filter")

// FilterError reports a filter setting that cannot be used.
type FilterError struct {
	// Field is the filter field at fault.
	Field string
	// Problem says what is wrong, as a plain sentence fragment.
	Problem string
}

// Error implements error.
func (e *FilterError) Error() string {
	return fmt.Sprintf("brief filter: %s %s", e.Field, e.Problem)
}
