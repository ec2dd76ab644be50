package coding

import "time"

// Kinds of codes.
const (
	KindRigor  = "rigor"  // a rigor criterion, appraised per study
	KindTheme  = "theme"  // a thematic code
	KindSector = "sector" // a sector (agriculture, construction, domestic work)
	KindOther  = "other"  // anything else, including grouping codes
)

// Code is one node of the hierarchical codebook (table codes).
type Code struct {
	GUID       string // identity, kept across merge and REFI-QDA exchange
	Parent     string // parent code GUID, "" for a top-level code
	Name       string // unique among its siblings
	Definition string // what the code means
	Inclusion  string // when to apply it
	Exclusion  string // when not to apply it
	Color      string // "#rrggbb"
	Kind       string // KindRigor, KindTheme, KindSector or KindOther
	Position   int    // order among siblings
	Pinned     int    // 1..9 for the number-key shortcuts, 0 when not pinned
	// NotCodable marks a code that only groups others (REFI-QDA
	// isCodable="false"); it is kept through an exchange.
	NotCodable bool
}

// Coding is one coded passage (table codings): the code applied to
// [Start, End) code points of a study's text by a coder.
type Coding struct {
	GUID      string    // identity
	Study     string    // study GUID
	Code      string    // code GUID
	Start     int       // first code point
	End       int       // one past the last code point
	Quote     string    // the coded text as it was when coded, to detect a shifted text
	Coder     string    // coder GUID
	CreatedAt time.Time // when it was coded
	Memo      string    // optional note on the passage
	Consensus bool      // true when made by reconciliation (the team's agreed version)
}

// Judgements of a rigor criterion, in order from best to worst.
const (
	Met         = "met"
	PartlyMet   = "partly met"
	NotMet      = "not met"
	NotReported = "not reported"
)

// Judgements lists the possible judgements in their order (ordinal scale).
var Judgements = []string{Met, PartlyMet, NotMet, NotReported}

// Overall ratings of a study's rigor, ordered.
const (
	RatingHigh   = "high"
	RatingMedium = "medium"
	RatingLow    = "low"
)

// Appraisal is one reviewer's rigor appraisal of one study (tables
// appraisals and judgements). Reviewers' appraisals are stored separately
// and stay blind until the lead reconciles them into a consensus appraisal.
type Appraisal struct {
	GUID           string               // identity
	Study          string               // study GUID
	Coder          string               // reviewer GUID
	Judgements     map[string]Judgement // by criterion code GUID
	Rating         string               // overall rating computed by the rule
	Override       string               // overall rating chosen by the reviewer instead, "" when none
	OverrideReason string               // why the rule's rating was overridden
	Consensus      bool                 // true for the reconciled team appraisal
	CreatedAt      time.Time            // first saved
	UpdatedAt      time.Time            // last changed
}

// Judgement is the appraisal of one rigor criterion.
type Judgement struct {
	GUID          string   // identity
	Criterion     string   // the rigor criterion's code GUID
	Judgement     string   // Met, PartlyMet, NotMet or NotReported
	Justification string   // the reviewer's reason
	Links         []string // GUIDs of codings (with the criterion's code) that support it
}

// Memo is a note on a study, a code or a coding (table memos).
type Memo struct {
	GUID       string    // identity
	TargetKind string    // "study", "code" or "coding"
	Target     string    // GUID of the study, code or coding
	Coder      string    // author GUID
	Text       string    // the note
	CreatedAt  time.Time // first saved
	UpdatedAt  time.Time // last changed
}

// FinalRating is the rating that counts: the override when set, else the rule's.
func (a Appraisal) FinalRating() string {
	if a.Override != "" {
		return a.Override
	}
	return a.Rating
}
