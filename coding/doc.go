// Package coding is the reviewer's and team lead's domain on top of the
// corpus: the codebook, coded passages (codings), study attributes and review
// status, rigor appraisals and the rule that rates them, memos, codebook
// templates, re-extraction and OCR. Every change is one
// corpus action (one transaction with undo). Its tables, their migrations
// and typed rows are declared in coding/schema, which registers them with
// corpus when the program starts.
//
// Around it, by job: coding/query (segments, frequencies, matrix),
// coding/exchange (CSV, XLSX, QDC and QDPX files), coding/brief (evidence
// briefs and the evidence map), coding/index (the search index's
// lifecycle), coding/merge (merging reviewers' projects), coding/agreement
// (a project's inter-coder agreement and disagreements), coding/agree
// (agreement coefficients, no project knowledge) and coding/refi (the
// REFI-QDA format). Those import coding; coding imports none of them.
package coding
