// Package index keeps a project's full-text search index (corpus/search)
// in step with the project: Open reuses the index kept on disk under the
// user's cache folder when it matches the project's generation and rebuilds
// it otherwise (or holds it in memory when the folder cannot be used);
// Update re-indexes the studies an action touched, with their code names
// and rigor ratings on the indexed chunks.
package index
