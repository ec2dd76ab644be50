// Package brief drafts evidence briefs from a coded, appraised corpus of
// studies.
//
// The caller (the project store) fills a [Data] value: the studies with their
// attributes and rigor judgements, the rigor criteria, the codes that count
// as themes and the coded passages (quotes). [Build] applies a [Filter] and
// computes a [Brief]: scope and method, an evidence map (country x sector),
// methods and populations, rigor, themes with representative quotes, gaps and
// references. Every number in a Brief is a [Count] that carries the GUIDs of
// the studies behind it, so an application can show which studies make up
// any figure.
//
// [Render] writes a Brief as Markdown, self-contained HTML (inline SVG
// charts), DOCX (WordprocessingML written directly with archive/zip) or PDF
// (go-pdf/fpdf). The structure comes from a Go template: an embedded default
// per format family (see [DefaultTemplate]) or an author's own template text.
// Output is deterministic for the same input: maps are sorted and no clock is
// read.
//
// The package has no database or user-interface code.
package brief
