package brief

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/go-pdf/fpdf"
)

// PDFFontDirs are the folders searched for the DejaVu Sans Condensed
// TrueType fonts (Debian package fonts-dejavu-core) that the PDF writer
// embeds so that any Latin, Greek or Cyrillic text prints (for example
// "Việt Nam"). When none holds them, PDFs use the core Helvetica font, which
// covers Windows-1252 only; other characters then print as ".".
var PDFFontDirs = []string{
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/dejavu",
	"/usr/share/fonts/TTF",
	"/usr/local/share/fonts",
	"/Library/Fonts",
}

var pdfFontFiles = [4][2]string{
	{"", "DejaVuSansCondensed.ttf"},
	{"B", "DejaVuSansCondensed-Bold.ttf"},
	{"I", "DejaVuSansCondensed-Oblique.ttf"},
	{"BI", "DejaVuSansCondensed-BoldOblique.ttf"},
}

var (
	fontMu    sync.Mutex
	fontCache = map[string][4][]byte{}
)

// loadPDFFonts returns the four font files from the first folder that has
// them all, or false.
func loadPDFFonts() ([4][]byte, bool) {
	fontMu.Lock()
	defer fontMu.Unlock()
	for _, dir := range PDFFontDirs {
		if f, ok := fontCache[dir]; ok {
			return f, true
		}
		var f [4][]byte
		ok := true
		for i, ff := range pdfFontFiles {
			b, err := os.ReadFile(filepath.Join(dir, ff[1]))
			if err != nil {
				ok = false
				break
			}
			f[i] = b
		}
		if ok {
			fontCache[dir] = f
			return f, true
		}
	}
	return [4][]byte{}, false
}

// setupFonts registers the embedded Unicode font when available and returns
// the family to use and the text translation (identity for Unicode fonts,
// UTF-8 to Windows-1252 for the core font).
func setupFonts(p *fpdf.Fpdf) (string, func(string) string) {
	if files, ok := loadPDFFonts(); ok {
		for i, ff := range pdfFontFiles {
			p.AddUTF8FontFromBytes("dejavu", ff[0], files[i])
		}
		if p.Error() == nil {
			return "dejavu", func(s string) string { return s }
		}
		p.ClearError()
	}
	return "Helvetica", p.UnicodeTranslatorFromDescriptor("")
}
