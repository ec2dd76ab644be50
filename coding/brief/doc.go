// Package brief drafts evidence briefs from a coded, appraised corpus of
// studies.
//
// [FromProject] fills a [Data] value from a project (or a caller fills one
// itself): the studies with their attributes and rigor judgements, the rigor
// criteria, the codes that count as themes and the coded passages (quotes). [Build] applies a [Filter] and
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
// # Templates
//
// A template receives the *Brief as its data. Besides the text/template
// built-ins it can call:
//
//   - md s: escape text for Markdown (Markdown, DOCX and PDF templates)
//   - figure "heatmap" | "rigor" | "ratings": the chart (an inline SVG in
//     HTML, an SVG data URI in Markdown, a native chart in DOCX and PDF)
//   - pct f ("42%"), num f, fixed digits f, grouped n ("12,500")
//   - plural n "study" "studies", years .Scope ("between 2015 and 2022")
//   - cites guids: the citations of a list of study GUIDs ("Smith 2019; ...")
//   - join list sep, joinAnd list, labels []Labeled, cap s, add a b
//   - heat n max: the CSS colour of a heat-map cell (HTML only)
//   - areaImage a: the image of a coded area of a page (an AreaRef with its
//     PNG attached by AttachAreaImages): a Markdown image or an HTML <img>;
//     nothing in DOCX and PDF
//
// DOCX and PDF are laid out from the Markdown their template produces (see
// DefaultTemplate for the subset understood).
//
// # Evidence maps
//
// [BuildEvidenceMap] counts a project's studies by any two dimensions
// (country, sector, method, year, theme, rigor...) into an [EvidenceMap],
// which [WriteEvidenceMapSVG], [WriteEvidenceMapPNG] and
// [WriteEvidenceMapXLSX] draw. Fonts for PDF and PNG come from [FontDirs].
//
// The package reads projects through coding, coding/query and corpus; it
// has no user-interface code, and Build and Render use no database.
package brief
