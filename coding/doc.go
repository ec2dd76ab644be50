// Package coding is the reviewer's and team lead's domain on top of the
// corpus: the codebook, coded passages (codings), study attributes and review
// status, rigor appraisals, memos, queries and reports. Every change is one
// corpus action (one transaction with undo).
package coding
