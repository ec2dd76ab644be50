// Package assets holds the static material that ships inside Evidence
// Workbench: the application icon, the codebook templates offered when a
// project is created, the fonts and word lists that PDF briefs are set
// with, and a small demonstration project (ten synthetic study
// PDFs plus a manifest of their metadata, example codings and one appraisal).
//
// Everything is embedded with go:embed, so the package has no runtime file
// dependencies and imports nothing from the rest of the module (and nothing
// from Fyne: the desktop app wraps Icon with fyne.NewStaticResource itself).
//
// # Generated files
//
// Two committed files sets are produced by small generator programs; rerun
// them with `go generate ./assets` after changing the generators:
//
//   - icon.png is drawn by internal/genicon (image/draw compositing of
//     anti-aliased signed-distance masks: a document with coloured
//     highlight bars and a magnifying glass on a teal tile, 512x512).
//   - demo/*.pdf and demo/manifest.json are written by internal/gendemo with
//     github.com/go-pdf/fpdf using the core Helvetica fonts. The study texts
//     live in that program; coded passages are marked inline as
//     {{Code name|passage}} and the generator keeps every marked passage on a
//     single rendered line, checks it occurs exactly once in the document and
//     records it, with its page, in the manifest. Output is deterministic
//     (fixed creation dates, sorted catalog), and the tests in
//     internal/gendemo and internal/genicon fail when the committed files are
//     stale.
//
// Two more sets are made from Debian packages by shell scripts, rerun by
// hand (they need system tools, so go generate does not run them):
//
//   - fonts/*.ttf (FontFile): subsets of fonts-noto-core's Noto Sans (four
//     styles: Latin with Vietnamese, Greek, Cyrillic, punctuation) and Noto
//     Sans Thai, Lao, Khmer and Myanmar (regular and bold), made with
//     python3-fonttools by internal/genfonts/genfonts.sh; SIL Open Font
//     Licence in fonts/OFL.txt. About 1.1 MB.
//   - words/*.words.z (Words): the word lists of ICU's break-iterator
//     dictionaries for Thai, Lao, Khmer and Burmese, dumped from libicu by
//     internal/genwords/genwords.sh and front-coded and compressed by
//     internal/genwords; Unicode licence in words/LICENSE-ICU.txt. About
//     0.6 MB.
//
// Codebook templates are plain JSON files in codebooks/, edited by hand and
// validated by ParseTemplate.
package assets

//go:generate go run ./internal/genicon -out icon.png
//go:generate go run ./internal/gendemo -dir demo
