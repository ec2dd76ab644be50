package brief

import (
	"github.com/go-pdf/fpdf"
)

var pdfFontFiles = [4][2]string{
	{"", "DejaVuSansCondensed.ttf"},
	{"B", "DejaVuSansCondensed-Bold.ttf"},
	{"I", "DejaVuSansCondensed-Oblique.ttf"},
	{"BI", "DejaVuSansCondensed-BoldOblique.ttf"},
}

// loadPDFFonts returns the four font files from the first folder that has
// them all, or false.
func loadPDFFonts() ([4][]byte, bool) {
	var names [4]string
	for i, ff := range pdfFontFiles {
		names[i] = ff[1]
	}
	files, ok := fontFamily(names[:]...)
	if !ok {
		return [4][]byte{}, false
	}
	return [4][]byte(files), true
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
