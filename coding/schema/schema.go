// Package schema is coding's part of the project file: the tables of the
// codebook, codings, area codings, appraisals and judgements, memos,
// exclusion reasons, reconciliation decisions, confidence in findings and
// import records, with their migrations, consistency checks, the
// rows that go with a deleted study and the figures of corpus.Stats
// (Schema), and typed rows and columns for writing them (rows.go).
//
// The schema is registered with corpus.Register from this package's init
// function, not by an explicit call: coding imports this package, so every
// program and test that links coding (or any package above it) has coding's
// tables in every project it creates or opens, and none can forget a call
// before its first corpus.Create or corpus.Open (a project opened without
// them would lack the tables, and its next opening would add them). Nothing
// here depends on the order of other owners' registrations.
package schema

import "github.com/evidence-workbench/workbench/corpus"

// Names of the figures coding adds to corpus.Stats.Counts.
const (
	CountCodes      = "codes"
	CountCodings    = "codings"
	CountAreas      = "areas"
	CountAppraisals = "appraisals"
	CountMemos      = "memos"
)

// Schema is coding's part of the project file, registered with corpus by
// this package's init function.
var Schema = corpus.Schema{
	Owner: "coding",
	// Legacy[v]: coding's steps in a file at combined version v (before
	// schemas had owners): steps 1, 2, 3 and 4 came with combined versions
	// 2, 3, 4 and 6.
	Legacy: []int{0, 0, 1, 2, 3, 3, 4},
	Migrations: []string{
		// 1 (combined version 2): the codebook and codings.
		`CREATE TABLE codes (
		guid TEXT PRIMARY KEY, parent TEXT NOT NULL DEFAULT '', name TEXT NOT NULL,
		definition TEXT NOT NULL DEFAULT '', inclusion TEXT NOT NULL DEFAULT '',
		exclusion TEXT NOT NULL DEFAULT '', color TEXT NOT NULL DEFAULT '#888888',
		kind TEXT NOT NULL DEFAULT 'other', position INTEGER NOT NULL DEFAULT 0,
		pinned INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT '');
		CREATE INDEX codes_parent ON codes(parent, position);
		CREATE TABLE codings (
		guid TEXT PRIMARY KEY, study TEXT NOT NULL, code TEXT NOT NULL,
		start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL DEFAULT '',
		coder TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, memo TEXT NOT NULL DEFAULT '');
		CREATE INDEX codings_study ON codings(study, start);
		CREATE INDEX codings_code ON codings(code);`,

		// 2 (combined 3): consensus codings, exclusion reasons, appraisals,
		// judgements, memos.
		`ALTER TABLE codings ADD COLUMN consensus INTEGER NOT NULL DEFAULT 0;
		CREATE TABLE exclusion_reasons (guid TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0);
		CREATE TABLE appraisals (
		guid TEXT PRIMARY KEY, study TEXT NOT NULL, coder TEXT NOT NULL,
		rating TEXT NOT NULL DEFAULT '', override TEXT NOT NULL DEFAULT '',
		override_reason TEXT NOT NULL DEFAULT '', consensus INTEGER NOT NULL DEFAULT 0,
		created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
		CREATE INDEX appraisals_study ON appraisals(study, coder);
		CREATE TABLE judgements (
		guid TEXT PRIMARY KEY, appraisal TEXT NOT NULL, criterion TEXT NOT NULL,
		judgement TEXT NOT NULL DEFAULT '', justification TEXT NOT NULL DEFAULT '',
		links TEXT NOT NULL DEFAULT '[]');
		CREATE UNIQUE INDEX judgements_key ON judgements(appraisal, criterion);
		CREATE TABLE memos (
		guid TEXT PRIMARY KEY, target_kind TEXT NOT NULL, target TEXT NOT NULL,
		coder TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',
		created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
		CREATE INDEX memos_target ON memos(target_kind, target);`,

		// 3 (combined 4): the lead's progress through the reconciliation of
		// disagreements (item is a stable key of one disagreement, e.g.
		// study|code|start|end).
		`CREATE TABLE reconcile (guid TEXT PRIMARY KEY, item TEXT NOT NULL UNIQUE, decision TEXT NOT NULL,
		decided_by TEXT NOT NULL, decided_at TEXT NOT NULL);`,

		// 4 (combined 6): codings indexed by code with the study, so counting
		// the codings and studies of every code (the codebook panel) reads
		// only the index.
		`DROP INDEX codings_code;
		CREATE INDEX codings_code_study ON codings(code, study);`,

		// 5: area codings, rectangles of a study's PDF pages (see areas.go).
		areasStep,
		// 6: codes that group others and are not applied to text
		// (REFI-QDA isCodable="false"), kept through an exchange.
		`ALTER TABLE codes ADD COLUMN not_codable INTEGER NOT NULL DEFAULT 0;`,
		// 7: the review's confidence in each finding (GRADE-CERQual: one
		// judgement per theme code and brief scope, "" being the whole
		// review) and the record of import runs behind the screening flow
		// (studies and duplicates are JSON lists of study GUIDs).
		`CREATE TABLE confidence (
		guid TEXT PRIMARY KEY, theme TEXT NOT NULL, scope TEXT NOT NULL DEFAULT '',
		level TEXT NOT NULL, explanation TEXT NOT NULL DEFAULT '',
		limitations TEXT NOT NULL DEFAULT '', coherence TEXT NOT NULL DEFAULT '',
		adequacy TEXT NOT NULL DEFAULT '', relevance TEXT NOT NULL DEFAULT '',
		coder TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
		CREATE UNIQUE INDEX confidence_key ON confidence(theme, scope);
		CREATE TABLE import_events (
		guid TEXT PRIMARY KEY, source TEXT NOT NULL, coder TEXT NOT NULL DEFAULT '', at TEXT NOT NULL,
		files INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
		studies TEXT NOT NULL DEFAULT '[]', duplicates TEXT NOT NULL DEFAULT '[]');`,
	},
	// Each check's Fix mends what a recovered file lost (see corpus.Recover):
	// rows pointing at a lost study, code or appraisal go; a code whose
	// parent was lost moves to the top level.
	Checks: []corpus.Check{
		{What: "codings of a missing study",
			Query: `SELECT COUNT(*) FROM codings c LEFT JOIN studies s ON s.guid = c.study WHERE s.guid IS NULL`,
			Fix:   `DELETE FROM codings WHERE study NOT IN (SELECT guid FROM studies)`},
		{What: "codes under a missing parent",
			Query: `SELECT COUNT(*) FROM codes c LEFT JOIN codes p ON p.guid = c.parent WHERE c.parent <> '' AND p.guid IS NULL`,
			Fix:   `UPDATE codes SET parent = '' WHERE parent <> '' AND parent NOT IN (SELECT guid FROM codes)`},
		{What: "codings of a missing code",
			Query: `SELECT COUNT(*) FROM codings c LEFT JOIN codes k ON k.guid = c.code WHERE k.guid IS NULL`,
			Fix:   `DELETE FROM codings WHERE code NOT IN (SELECT guid FROM codes)`},
		{What: "codings outside their study text",
			Query: `SELECT COUNT(*) FROM codings c JOIN studies s ON s.guid = c.study WHERE c.start < 0 OR c."end" <= c.start OR c."end" > s.text_len`,
			Fix: `DELETE FROM codings WHERE guid IN (SELECT c.guid FROM codings c JOIN studies s ON s.guid = c.study
				WHERE c.start < 0 OR c."end" <= c.start OR c."end" > s.text_len)`},
		{What: "appraisals of a missing study",
			Query: `SELECT COUNT(*) FROM appraisals a LEFT JOIN studies s ON s.guid = a.study WHERE s.guid IS NULL`,
			Fix:   `DELETE FROM appraisals WHERE study NOT IN (SELECT guid FROM studies)`},
		{What: "judgements of a missing appraisal",
			Query: `SELECT COUNT(*) FROM judgements j LEFT JOIN appraisals a ON a.guid = j.appraisal WHERE a.guid IS NULL`,
			Fix:   `DELETE FROM judgements WHERE appraisal NOT IN (SELECT guid FROM appraisals)`},
		areasOfMissingStudy, areasOfMissingCode, areasOutsidePage,
		{What: "confidence judgements of a missing code", Query: `SELECT COUNT(*) FROM confidence f LEFT JOIN codes k ON k.guid = f.theme WHERE k.guid IS NULL`},
	},
	// A deleted study takes its codings, area codings, appraisals
	// (judgements first) and the memos on it.
	Cascades: []corpus.Cascade{
		{Table: "codings", Query: `SELECT guid FROM codings WHERE study = ?`},
		{Table: "areas", Query: `SELECT guid FROM areas WHERE study = ?`},
		{Table: "judgements", Query: `SELECT j.guid FROM judgements j JOIN appraisals a ON a.guid = j.appraisal WHERE a.study = ?`},
		{Table: "appraisals", Query: `SELECT guid FROM appraisals WHERE study = ?`},
		{Table: "memos", Query: `SELECT guid FROM memos WHERE target_kind = 'study' AND target = ?`},
	},
	// The codebook bears on every study (code names are indexed with them).
	WideTables: []string{"codes"},
	Counts: []corpus.Count{
		{Name: CountCodes, Query: `SELECT COUNT(*) FROM codes`},
		{Name: CountCodings, Query: `SELECT COUNT(*) FROM codings`},
		{Name: CountAreas, Query: `SELECT COUNT(*) FROM areas`},
		{Name: CountAppraisals, Query: `SELECT COUNT(*) FROM appraisals`},
		{Name: CountMemos, Query: `SELECT COUNT(*) FROM memos`},
	},
}

func init() { corpus.Register(Schema) }
