// Package corpus is the ground floor of Evidence Workbench: the project file
// (one SQLite database per review project), the studies and their source PDFs,
// the extracted text with its page map, the coders, and the undo history that
// every user action writes.
//
// A project is opened with Open or made with Create. Every change goes through
// Project.Do, which runs one SQLite transaction (WAL, synchronous=FULL) and
// records the row images it changed so that Undo and Redo can replay them, even
// after a restart. Text positions are Unicode code points into a study's text,
// whose pages are joined by a form feed.
//
// corpus owns the file and its own tables (meta, coders, sources, studies,
// history). Packages that keep tables of their own (coding, through
// coding/schema) describe them in a Schema and Register it: corpus runs each
// owner's migrations (every owner's version is kept in the file, so a file
// from a newer program is refused), its consistency checks in Check, its
// counts in Stats, and deletes its rows with a study, without knowing its
// tables by name. Writes use typed rows (Table, Column), whose declarations
// tests compare with the real schema.
package corpus
