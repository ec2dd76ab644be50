// Package brief drafts evidence briefs from a coded, appraised corpus of
// studies.
//
// [FromProject] fills a [Data] value from a project (or a caller fills one
// itself): the studies with their attributes and rigor judgements, the rigor
// criteria, the codes that count as themes, the coded passages (quotes), the
// reviewers' own codings, the recorded import runs, confidence judgements and
// the author's key findings and recommendations. [Build] applies a [Filter]
// and computes a [Brief]: key findings, scope and method, the screening flow
// (PRISMA 2020 style), the characteristics of included studies, an evidence
// map (country x sector) over the review's whole frame, methods and
// populations, rigor, findings with the confidence they deserve
// (GRADE-CERQual: an automatic summary of methodological limitations,
// coherence, adequacy and relevance, and the reviewers' judgement), themes
// with representative quotes, gaps by cell, theme and rigor, recommendations
// and references. Caps on themes and quotes are visible in the brief, and
// filters say how many studies they left out. [BuildSeries] builds one brief
// per sector or country. Every number in a Brief is a [Count] that carries
// the GUIDs of the studies behind it, so an application can show which
// studies make up any figure.
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
//   - md s: escape text for Markdown (in HTML templates it only collapses
//     white space, html/template escaping the rest)
//   - author s: an author's text (key findings, recommendations) as
//     Markdown, or as HTML paragraphs and lists in HTML templates
//   - figure "heatmap" | "rigor" | "ratings" | "flow": the chart (an inline
//     SVG in HTML, an SVG data URI in Markdown, a native chart in DOCX and
//     PDF)
//   - pct f ("42%", "<1%"), num f, fixed digits f, grouped n ("12,500"),
//     num0 n ("–" for 0), word n ("three"), rated r ("not rated" for "")
//   - reported labels: the labels other than "Not reported"
//   - plural n "study" "studies", years .Scope ("between 2015 and 2022")
//   - cites guids: the citations of a list of study GUIDs ("Smith 2019; ...")
//   - join list sep, joinAnd list, labels []Labeled, cap s, add a b
//   - heat n max: the CSS colour of a heat-map cell (HTML only)
//   - areaImage a: the image of a coded area of a page (an AreaRef with its
//     PNG attached by AttachAreaImages): a Markdown image with a data URI,
//     an HTML <figure>, and in DOCX and PDF a line "![caption](area:GUID)"
//     that the writer lays out as a picture with its caption
//
// and the methods of the data: Brief.GapsIn "cell" | "theme" | "rigor",
// Cell.Split ("H1 ?2"), QuoteRef.Attribution (the citation with the study's
// rigor rating), ThemeSummary.BeyondCap, Flow.Filtered.
//
// DOCX and PDF are laid out from the Markdown their template produces (see
// DefaultTemplate for the subset understood); so is HTML from a Markdown
// template.
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
