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
	// Coders and Appraisers are the reviewers with their own codings and
	// with their own appraisals (0: unknown).
	Coders, Appraisers int
	// Agreement is the inter-coder agreement to report, or nil when it has
	// not been computed.
	Agreement *AgreementSummary
	// ReviewerCodings count each reviewer's own (not consensus) codings per
	// study and code, in no particular order; they tell which studies were
	// coded independently by two or more reviewers and whether they agreed
	// on a theme.
	ReviewerCodings []ReviewerCoding
	// Imports are the recorded import runs, for the screening flow.
	Imports []ImportRun
	// Confidence are the recorded judgements of confidence in findings.
	Confidence []ConfidenceJudgement
	// Texts are the author's key findings and recommendations.
	Texts []AuthorText
}

// ReviewerCoding is the number of one reviewer's own codings of one code in
// one study.
type ReviewerCoding struct {
	Study, Code, Coder string
	Codings            int
}

// ImportRun is one recorded import of study files.
type ImportRun struct {
	// Source names where the files came from (e.g. "Scopus search").
	Source string
	// Studies are the studies the run added.
	Studies []string
	// Duplicates are the existing studies its duplicate files matched
	// (SHA-256), one per duplicate file.
	Duplicates []string
	// Failed is the number of files that could not be imported.
	Failed int
}

// ConfidenceJudgement is a reviewer's judgement of the confidence a finding
// (a theme) deserves, in the manner of GRADE-CERQual.
type ConfidenceJudgement struct {
	// Theme is the theme's code GUID.
	Theme string
	// Scope is the brief scope judged ("" for the whole review; see ScopeKey).
	Scope string
	// Level is "high", "moderate", "low" or "very low".
	Level string
	// Explanation says why.
	Explanation string
	// Limitations, Coherence, Adequacy and Relevance are the reviewer's
	// concerns about each component ("" leaves it to the automatic summary).
	Limitations, Coherence, Adequacy, Relevance string
	// JudgedBy names the reviewer.
	JudgedBy string
}

// Kinds of author texts.
const (
	// TextKeyFindings is the author's key findings.
	TextKeyFindings = "key-findings"
	// TextRecommendations is the author's recommendations.
	TextRecommendations = "recommendations"
)

// AuthorText is a section an author writes for briefs of one scope.
type AuthorText struct {
	// Kind is TextKeyFindings or TextRecommendations.
	Kind string
	// Scope is the brief scope it is written for ("" for the whole review).
	Scope string
	// Text is the author's text: paragraphs separated by blank lines, "- "
	// list items.
	Text string
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
	// Status is the screening status: "included", "excluded", "to screen"...
	// Only "included" studies are counted; others appear in the screening
	// flow (any status other than "included" and "excluded" counts as
	// awaiting screening).
	Status string
	// ExclusionReason is why an excluded study was excluded; a reason that
	// mentions "duplicate" counts the study as a duplicate removed before
	// screening.
	ExclusionReason string
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
	// Grouping marks a code that groups other themes (it has sub-themes);
	// gaps do not report it as a theme nobody coded.
	Grouping bool `json:",omitempty"`
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
	// Units is the number of units compared.
	Units int
	// Studies are the studies coded independently by two or more reviewers,
	// over which the agreement was computed.
	Studies []string
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
	// MaxThemes is the number of themes listed in full per sector (0:
	// DefaultMaxThemes, NoLimit: all); the others are named in one line.
	MaxThemes int
	// MaxQuotes is the number of quotes shown per theme (0:
	// DefaultMaxQuotes, NoLimit: all).
	MaxQuotes int
	// Citation is the citation style (default StyleAuthorYear).
	Citation CitationStyle
	// ThinBelow: a map cell with at least one but fewer than ThinBelow
	// studies is reported as thin evidence (default 3).
	ThinBelow int
}

// Default caps and the value that lifts a cap.
const (
	// DefaultMaxThemes is the number of themes per sector a brief lists in
	// full unless Filter.MaxThemes says otherwise.
	DefaultMaxThemes = 5
	// DefaultMaxQuotes is the number of quotes per theme unless
	// Filter.MaxQuotes says otherwise.
	DefaultMaxQuotes = 2
	// NoLimit as Filter.MaxThemes or Filter.MaxQuotes shows them all.
	NoLimit = -1
)

// ErrNoStudies reports that no included study matches the filter.
var ErrNoStudies = errors.New("no included study matches the filter")

// NoMatchError reports a filter value that matches no included study,
// with the known values and the nearest one; it is an ErrNoStudies.
type NoMatchError struct {
	// Field is "sector", "country" or "method".
	Field string
	// Value is the value as given.
	Value string
	// Suggestion is the known value nearest to Value ("" when none is near).
	Suggestion string
	// Known are the values of the included studies.
	Known []string
}

// Error implements error.
func (e *NoMatchError) Error() string {
	msg := fmt.Sprintf("no included study has %s %q", e.Field, e.Value)
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	if len(e.Known) > 0 {
		msg += fmt.Sprintf("; the included studies' %ss are %s", e.Field, joinAnd(e.Known))
	}
	return msg
}

// Is makes a NoMatchError match ErrNoStudies.
func (e *NoMatchError) Is(target error) bool { return target == ErrNoStudies }

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
