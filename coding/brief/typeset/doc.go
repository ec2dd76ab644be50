// Package typeset lays out and writes the text of PDF briefs in the fonts
// that ship with the program (assets: Noto Sans in four styles, Noto Sans
// Thai, Lao, Khmer and Myanmar), so that the region's scripts come out
// right whatever the machine has installed:
//
//   - Engine shapes text with HarfBuzz (github.com/go-text/typesetting), so
//     Thai, Lao, Khmer and Burmese marks, reordered vowels and stacked
//     consonants, and Vietnamese diacritics, are placed as the fonts intend;
//     each character goes to the bundled font of its script.
//   - Lines break where UAX #14 allows and, inside the scripts written
//     without spaces between words (Thai, Lao, Khmer, Burmese), between the
//     words of ICU's dictionaries (assets.Words), falling back to syllable
//     boundaries for words the dictionary does not know.
//   - Doc writes PDF pages whose text is positioned glyphs of Type 0
//     (CIDFontType2) fonts, embedded as subsets (only the glyphs used), with
//     a ToUnicode map per font so that text extraction gives the text back.
//
// The package knows nothing of briefs: coding/brief draws its blocks with it.
package typeset
