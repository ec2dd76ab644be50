package schema

import "github.com/evidence-workbench/workbench/corpus"

// Code is a row of the codes table.
type Code struct {
	GUID       string `db:"guid"`
	Parent     string `db:"parent"` // "" at the top level
	Name       string `db:"name"`
	Definition string `db:"definition"`
	Inclusion  string `db:"inclusion"`
	Exclusion  string `db:"exclusion"`
	Color      string `db:"color"` // #rrggbb
	Kind       string `db:"kind"`
	Position   int    `db:"position"` // among its siblings
	Pinned     int    `db:"pinned"`   // number key 1..9, 0 for none
	CreatedAt  string `db:"created_at"`
	NotCodable bool   `db:"not_codable"` // groups other codes, not applied to text (REFI-QDA isCodable="false")
}

// Coding is a row of the codings table: a code applied to the code points
// [Start, End) of a study's text.
type Coding struct {
	GUID      string `db:"guid"`
	Study     string `db:"study"`
	Code      string `db:"code"`
	Start     int    `db:"start"`
	End       int    `db:"end"`
	Quote     string `db:"quote"`
	Coder     string `db:"coder"`
	CreatedAt string `db:"created_at"`
	Memo      string `db:"memo"`
	Consensus bool   `db:"consensus"` // reconciled by the lead
}

// Appraisal is a row of the appraisals table: one reviewer's (or the
// consensus) rigor appraisal of a study.
type Appraisal struct {
	GUID           string `db:"guid"`
	Study          string `db:"study"`
	Coder          string `db:"coder"`
	Rating         string `db:"rating"` // the rule's rating when last saved
	Override       string `db:"override"`
	OverrideReason string `db:"override_reason"`
	Consensus      bool   `db:"consensus"`
	CreatedAt      string `db:"created_at"`
	UpdatedAt      string `db:"updated_at"`
}

// Judgement is a row of the judgements table: one criterion of an appraisal.
type Judgement struct {
	GUID          string `db:"guid"`
	Appraisal     string `db:"appraisal"`
	Criterion     string `db:"criterion"` // code GUID
	Judgement     string `db:"judgement"`
	Justification string `db:"justification"`
	Links         string `db:"links"` // JSON list of coding GUIDs
}

// Memo is a row of the memos table.
type Memo struct {
	GUID       string `db:"guid"`
	TargetKind string `db:"target_kind"` // study, code or coding
	Target     string `db:"target"`
	Coder      string `db:"coder"`
	Text       string `db:"text"`
	CreatedAt  string `db:"created_at"`
	UpdatedAt  string `db:"updated_at"`
}

// ExclusionReason is a row of the exclusion_reasons table.
type ExclusionReason struct {
	GUID     string `db:"guid"`
	Name     string `db:"name"`
	Position int    `db:"position"`
}

// Decision is a row of the reconcile table: the lead's decision on one
// disagreement.
type Decision struct {
	GUID      string `db:"guid"`
	Item      string `db:"item"` // stable key of the disagreement
	Decision  string `db:"decision"`
	DecidedBy string `db:"decided_by"`
	DecidedAt string `db:"decided_at"`
}

// The tables; write rows with Insert, change columns with Update and the
// columns below (e.g. Codings.Update(tx, guid, CodingCol.Code.To(code))),
// remove rows with Delete.
var (
	Codes            = corpus.NewTable[Code]("codes")
	Codings          = corpus.NewTable[Coding]("codings")
	Appraisals       = corpus.NewTable[Appraisal]("appraisals")
	Judgements       = corpus.NewTable[Judgement]("judgements")
	Memos            = corpus.NewTable[Memo]("memos")
	ExclusionReasons = corpus.NewTable[ExclusionReason]("exclusion_reasons")
	Reconcile        = corpus.NewTable[Decision]("reconcile")
)

// Columns of the codes table.
var CodeCol = struct {
	Parent, Name, Definition, Inclusion, Exclusion, Color, Kind, Position, Pinned, NotCodable corpus.Column
}{
	Codes.Col("parent"), Codes.Col("name"), Codes.Col("definition"), Codes.Col("inclusion"), Codes.Col("exclusion"),
	Codes.Col("color"), Codes.Col("kind"), Codes.Col("position"), Codes.Col("pinned"), Codes.Col("not_codable"),
}

// Columns of the codings table.
var CodingCol = struct {
	Code, Start, End, Quote, Memo corpus.Column
}{
	Codings.Col("code"), Codings.Col("start"), Codings.Col("end"), Codings.Col("quote"), Codings.Col("memo"),
}

// Columns of the appraisals table.
var AppraisalCol = struct {
	Rating, Override, OverrideReason, UpdatedAt corpus.Column
}{
	Appraisals.Col("rating"), Appraisals.Col("override"), Appraisals.Col("override_reason"), Appraisals.Col("updated_at"),
}

// Columns of the judgements table.
var JudgementCol = struct {
	Criterion, Judgement, Justification, Links corpus.Column
}{
	Judgements.Col("criterion"), Judgements.Col("judgement"), Judgements.Col("justification"), Judgements.Col("links"),
}

// Columns of the memos table.
var MemoCol = struct {
	Target, Text, UpdatedAt corpus.Column
}{
	Memos.Col("target"), Memos.Col("text"), Memos.Col("updated_at"),
}

// Columns of the reconcile table.
var DecisionCol = struct {
	Decision, DecidedBy, DecidedAt corpus.Column
}{
	Reconcile.Col("decision"), Reconcile.Col("decided_by"), Reconcile.Col("decided_at"),
}
