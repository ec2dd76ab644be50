// Package search is the full-text index of a project: studies are split into
// page- or paragraph-sized chunks (see ChunkStudy), indexed with bleve v2
// (scorch) using a language-appropriate analyzer per study script, and
// searched with a small query language (see ParseQuery) that supports
// phrases, boolean operators, prefixes, fuzzy terms and field filters.
// Results are grouped by study and carry code-point offsets into the study
// text for every chunk and every matched term, plus highlighted snippets and
// facet counts.
//
// The package does not depend on the project database: callers feed it
// Chunk values, usually produced by ChunkStudy from a StudyInfo and the
// study's extracted text.
package search

// StudyInfo is the study-level metadata copied onto every chunk of a study.
type StudyInfo struct {
	GUID      string   // study identity (UUID, lower case)
	Title     string   // study title
	Authors   []string // author names
	Year      int      // publication year, 0 if unknown
	Countries []string // countries studied
	Sectors   []string // economic sectors studied
	Method    string   // e.g. "qualitative", "quantitative", "mixed"
	Rigor     string   // appraisal: "high", "medium", "low" or ""
	Lang      string   // ISO 639-1 language code if known ("en", "th", "vi", ...), else ""
	Script    string   // script if known (see DetectScript), else "" to detect from the text
}

// Chunk is one indexed document: a page or a paragraph-sized part of a page
// of one study, with the study's metadata and the codes applied inside it.
type Chunk struct {
	ID        string   // unique document id, e.g. "<study guid>/0007"
	Study     string   // study GUID
	Page      int      // 1-based page number
	Start     int      // first code point of the chunk in the study text
	End       int      // code point just past the chunk in the study text
	Text      string   // the chunk text, exactly runes[Start:End] of the study text
	Title     string   // study title
	Authors   []string // study authors
	Year      int      // study year, 0 if unknown
	Countries []string // study countries
	Sectors   []string // study sectors
	Method    string   // study method
	Rigor     string   // study rigor appraisal: high/medium/low or ""
	Codes     []string // names of the codes applied inside the chunk
	Lang      string   // language code of the study, "" if unknown
	Script    string   // script of the study (ScriptLatin, ScriptThai, ...)
}

// CodeSpan is one coding: a code applied to the code-point range [Start, End)
// of a study text. AssignCodes uses it to fill Chunk.Codes.
type CodeSpan struct {
	Code  string // code name
	Start int    // first code point
	End   int    // code point just past the coded text
}
