package assets

import (
	"embed"
	"fmt"
)

// The bundled fonts (subsets of Debian's fonts-noto-core, SIL Open Font
// License 1.1, see fonts/OFL.txt; made by internal/genfonts): Noto Sans in
// four styles for Latin (with Vietnamese), Greek and Cyrillic text, and Noto
// Sans Thai, Lao, Khmer and Myanmar, regular and bold.
//
//go:embed fonts/*.ttf fonts/OFL.txt
var fontFS embed.FS

// Bundled font file names.
const (
	FontSans           = "NotoSans-Regular.ttf"
	FontSansBold       = "NotoSans-Bold.ttf"
	FontSansItalic     = "NotoSans-Italic.ttf"
	FontSansBoldItalic = "NotoSans-BoldItalic.ttf"
	FontThai           = "NotoSansThai-Regular.ttf"
	FontThaiBold       = "NotoSansThai-Bold.ttf"
	FontLao            = "NotoSansLao-Regular.ttf"
	FontLaoBold        = "NotoSansLao-Bold.ttf"
	FontKhmer          = "NotoSansKhmer-Regular.ttf"
	FontKhmerBold      = "NotoSansKhmer-Bold.ttf"
	FontMyanmar        = "NotoSansMyanmar-Regular.ttf"
	FontMyanmarBold    = "NotoSansMyanmar-Bold.ttf"
)

// FontFile returns a bundled font file by name (one of the Font constants).
func FontFile(name string) ([]byte, error) {
	b, err := fontFS.ReadFile("fonts/" + name)
	if err != nil {
		return nil, fmt.Errorf("bundled font %s: %w", name, err)
	}
	return b, nil
}

// FontLicence returns the licence of the bundled fonts (SIL OFL 1.1).
func FontLicence() string {
	b, _ := fontFS.ReadFile("fonts/OFL.txt")
	return string(b)
}
