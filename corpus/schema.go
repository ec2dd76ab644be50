package corpus

// ApplicationID marks an SQLite file as an Evidence Workbench project
// (PRAGMA application_id, the ASCII bytes "EWB1").
const ApplicationID = 0x45574231

// migrations lists the schema, one step per version: migrations[i] takes a
// file from version i to version i+1. Steps are only ever appended; a
// released step is never edited, so every earlier file can be brought forward.
var migrations = []string{
	// 1: the project, its coders, sources, studies and the undo history.
	`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	CREATE TABLE coders (guid TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
	CREATE TABLE sources (
		guid TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL,
		size INTEGER NOT NULL, data BLOB NOT NULL, added_at TEXT NOT NULL);
	CREATE TABLE studies (
		guid TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
		authors TEXT NOT NULL DEFAULT '[]', year INTEGER NOT NULL DEFAULT 0,
		text TEXT NOT NULL DEFAULT '', page_starts TEXT NOT NULL DEFAULT '[]',
		marks TEXT NOT NULL DEFAULT '[]', pages INTEGER NOT NULL DEFAULT 0,
		text_len INTEGER NOT NULL DEFAULT 0, extraction TEXT NOT NULL DEFAULT 'ok',
		extraction_message TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL, added_by TEXT NOT NULL DEFAULT '');
	CREATE INDEX studies_source ON studies(source);
	CREATE TABLE history (
		seq INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL, coder TEXT NOT NULL DEFAULT '',
		at TEXT NOT NULL, ops BLOB NOT NULL, undone INTEGER NOT NULL DEFAULT 0);
	CREATE INDEX history_undone ON history(undone, seq);`,

	// 2: study attributes (REFI-QDA variables later) and the codebook and codings.
	`ALTER TABLE studies ADD COLUMN countries TEXT NOT NULL DEFAULT '[]';
	ALTER TABLE studies ADD COLUMN sectors TEXT NOT NULL DEFAULT '[]';
	ALTER TABLE studies ADD COLUMN method TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN sample_size INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE studies ADD COLUMN population TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN language TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN pub_type TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
	CREATE TABLE codes (
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

	// 3: review status, appraisals, memos.
	`ALTER TABLE studies ADD COLUMN status TEXT NOT NULL DEFAULT 'to screen';
	ALTER TABLE studies ADD COLUMN exclusion_reason TEXT NOT NULL DEFAULT '';
	ALTER TABLE codings ADD COLUMN consensus INTEGER NOT NULL DEFAULT 0;
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

	// 4: the lead's progress through the reconciliation of disagreements
	// (item is a stable key of one disagreement, e.g. study|code|start|end).
	`CREATE TABLE reconcile (guid TEXT PRIMARY KEY, item TEXT NOT NULL UNIQUE, decision TEXT NOT NULL,
		decided_by TEXT NOT NULL, decided_at TEXT NOT NULL);`,

	// 5: the studies table rebuilt with the large text columns last, so that
	// listing studies and reading their attributes never walks the text's
	// overflow pages (SQLite reads a row's columns in order).
	`CREATE TABLE studies_v5 (
		guid TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
		authors TEXT NOT NULL DEFAULT '[]', year INTEGER NOT NULL DEFAULT 0,
		countries TEXT NOT NULL DEFAULT '[]', sectors TEXT NOT NULL DEFAULT '[]',
		method TEXT NOT NULL DEFAULT '', sample_size INTEGER NOT NULL DEFAULT 0,
		population TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',
		pub_type TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL DEFAULT 'to screen', exclusion_reason TEXT NOT NULL DEFAULT '',
		pages INTEGER NOT NULL DEFAULT 0, text_len INTEGER NOT NULL DEFAULT 0,
		extraction TEXT NOT NULL DEFAULT 'ok', extraction_message TEXT NOT NULL DEFAULT '',
		added_at TEXT NOT NULL, added_by TEXT NOT NULL DEFAULT '',
		page_starts TEXT NOT NULL DEFAULT '[]', marks TEXT NOT NULL DEFAULT '[]',
		text TEXT NOT NULL DEFAULT '');
	INSERT INTO studies_v5 (guid, source, title, authors, year, countries, sectors, method, sample_size,
		population, language, pub_type, publisher, status, exclusion_reason, pages, text_len, extraction,
		extraction_message, added_at, added_by, page_starts, marks, text)
	SELECT guid, source, title, authors, year, countries, sectors, method, sample_size,
		population, language, pub_type, publisher, status, exclusion_reason, pages, text_len, extraction,
		extraction_message, added_at, added_by, page_starts, marks, text FROM studies;
	DROP TABLE studies;
	ALTER TABLE studies_v5 RENAME TO studies;
	CREATE INDEX studies_source ON studies(source);`,

	// 6: codings indexed by code with the study, so counting the codings and
	// studies of every code (the codebook panel) reads only the index.
	`DROP INDEX codings_code;
	CREATE INDEX codings_code_study ON codings(code, study);`,

	// 7: per-page extraction figures of each study (a JSON list with one
	// object per page: glyphs drawn, characters read, unreadable ones, ...),
	// so the reader can show which pages lost text.
	`ALTER TABLE studies ADD COLUMN page_stats TEXT NOT NULL DEFAULT '[]';`,

	// 8: each character's box on its page (compact binary, see
	// encodeBoxes; NULL when none), for the page view to paint codings and
	// map selections.
	`ALTER TABLE studies ADD COLUMN page_boxes BLOB;`,
}

// SchemaVersion is the version this program writes.
var SchemaVersion = len(migrations)
