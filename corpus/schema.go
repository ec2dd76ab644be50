package corpus

// ApplicationID marks an SQLite file as an Evidence Workbench project
// (PRAGMA application_id, the ASCII bytes "EWB1").
const ApplicationID = 0x45574231

// SchemaVersion is the layout this program writes (PRAGMA user_version):
// the version of each schema owner (corpus's own and every registered
// Schema) is kept in the meta table under "schema.OWNER". Versions
// 1..LegacyVersion are files from before schemas had owners, whose single
// combined version each owner maps to its own (Schema.Legacy).
const SchemaVersion = LegacyVersion + 1

// LegacyVersion is the last combined schema version, from before schemas
// had owners.
const LegacyVersion = 6

// corpusOwner is the owner name of corpus's own tables; legacyKey is the
// owner-like meta key recording the combined version a file was converted
// from (so an owner registered later still finds its legacy version).
const (
	corpusOwner = "corpus"
	legacyKey   = "legacy"
	metaPrefix  = "schema."
)

// corpusSchema is corpus's own part of the file: the project, its coders,
// sources, studies and the undo history. Steps are only ever appended; a
// released step is never edited, so every earlier file can be brought
// forward.
var corpusSchema = Schema{
	Owner:  corpusOwner,
	Legacy: []int{0, 1, 2, 3, 3, 4, 4},
	Migrations: []string{
		// 1 (combined version 1): the project, its coders, sources, studies and the undo history.
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

		// 2 (combined 2): study attributes (REFI-QDA variables later).
		`ALTER TABLE studies ADD COLUMN countries TEXT NOT NULL DEFAULT '[]';
	ALTER TABLE studies ADD COLUMN sectors TEXT NOT NULL DEFAULT '[]';
	ALTER TABLE studies ADD COLUMN method TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN sample_size INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE studies ADD COLUMN population TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN language TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN pub_type TEXT NOT NULL DEFAULT '';
	ALTER TABLE studies ADD COLUMN publisher TEXT NOT NULL DEFAULT '';`,

		// 3 (combined 3): review status.
		`ALTER TABLE studies ADD COLUMN status TEXT NOT NULL DEFAULT 'to screen';
	ALTER TABLE studies ADD COLUMN exclusion_reason TEXT NOT NULL DEFAULT '';`,

		// 4 (combined 5): the studies table rebuilt with the large text
		// columns last, so that listing studies and reading their attributes
		// never walks the text's overflow pages (SQLite reads a row's columns
		// in order).
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

		// 5: per-page extraction figures of each study (a JSON list with one
		// object per page: glyphs drawn, characters read, unreadable ones, ...),
		// so the reader can show which pages lost text. Like page_boxes it
		// comes after the text column: the study list never reads it.
		`ALTER TABLE studies ADD COLUMN page_stats TEXT NOT NULL DEFAULT '[]';`,

		// 6: each character's box on its page (compact binary, see
		// encodeBoxes; NULL when none), for the page view to paint codings and
		// map selections.
		`ALTER TABLE studies ADD COLUMN page_boxes BLOB;`,

		// 7: authors as people: each author of the JSON list becomes an
		// object {family, given, name, order} parsed from the old string by
		// the rules of the import (corpus/names; ewb_authors_v1 is registered
		// by corpus in Go); and a study's DOI, filled from reference
		// managers' exports. The table is rebuilt so that doi sits with the
		// other attributes, before the large text, page figures and boxes.
		`CREATE TABLE studies_v7 (
		guid TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
		authors TEXT NOT NULL DEFAULT '[]', year INTEGER NOT NULL DEFAULT 0,
		countries TEXT NOT NULL DEFAULT '[]', sectors TEXT NOT NULL DEFAULT '[]',
		method TEXT NOT NULL DEFAULT '', sample_size INTEGER NOT NULL DEFAULT 0,
		population TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',
		pub_type TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '', doi TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL DEFAULT 'to screen', exclusion_reason TEXT NOT NULL DEFAULT '',
		pages INTEGER NOT NULL DEFAULT 0, text_len INTEGER NOT NULL DEFAULT 0,
		extraction TEXT NOT NULL DEFAULT 'ok', extraction_message TEXT NOT NULL DEFAULT '',
		added_at TEXT NOT NULL, added_by TEXT NOT NULL DEFAULT '',
		page_starts TEXT NOT NULL DEFAULT '[]', marks TEXT NOT NULL DEFAULT '[]',
		text TEXT NOT NULL DEFAULT '', page_stats TEXT NOT NULL DEFAULT '[]', page_boxes BLOB);
	INSERT INTO studies_v7 (guid, source, title, authors, year, countries, sectors, method, sample_size,
		population, language, pub_type, publisher, status, exclusion_reason, pages, text_len, extraction,
		extraction_message, added_at, added_by, page_starts, marks, text, page_stats, page_boxes)
	SELECT guid, source, title, CASE WHEN authors = '[]' THEN authors ELSE ewb_authors_v1(authors) END, year,
		countries, sectors, method, sample_size,
		population, language, pub_type, publisher, status, exclusion_reason, pages, text_len, extraction,
		extraction_message, added_at, added_by, page_starts, marks, text, page_stats, page_boxes FROM studies;
	DROP TABLE studies;
	ALTER TABLE studies_v7 RENAME TO studies;
	CREATE INDEX studies_source ON studies(source);`,
	},
	Checks: []Check{
		{What: "studies without their source PDF",
			Query: `SELECT COUNT(*) FROM studies s LEFT JOIN sources o ON o.guid = s.source WHERE o.guid IS NULL`,
			// The study, its text and codings stay; an empty stand-in says
			// the PDF is lost (import it again to read it).
			Fix: `INSERT INTO sources(guid, sha256, file_name, size, data, added_at)
				SELECT s.source, 'lost:' || s.source, '(PDF lost in recovery).pdf', 0, X'', MIN(s.added_at)
				FROM studies s LEFT JOIN sources o ON o.guid = s.source WHERE o.guid IS NULL GROUP BY s.source`},
	},
}
