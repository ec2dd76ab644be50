package brief

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// FontDirs are the folders searched, in order, for the DejaVu TrueType
// fonts (Debian package fonts-dejavu-core) that briefs and evidence maps
// use: DejaVu Sans Condensed embedded in PDFs, DejaVu Sans drawn in PNG
// evidence maps. They cover any Latin, Greek or Cyrillic text (for example
// "Việt Nam"). Without them PDFs use the core Helvetica font (Windows-1252
// only; other characters print as ".") and PNGs the Go fonts.
var FontDirs = []string{
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/dejavu",
	"/usr/share/fonts/TTF",
	"/usr/local/share/fonts",
	"/Library/Fonts",
}

var (
	fontMu    sync.Mutex
	fontCache = map[string][][]byte{} // folder + file names -> the files
)

// fontFamily returns the named font files, in order, from the first folder
// of FontDirs that holds them all, or false when none does. Files are read
// once per folder and kept.
func fontFamily(files ...string) ([][]byte, bool) {
	fontMu.Lock()
	defer fontMu.Unlock()
	for _, dir := range FontDirs {
		key := dir + "\x00" + strings.Join(files, "\x00")
		if f, ok := fontCache[key]; ok {
			return f, true
		}
		out := make([][]byte, len(files))
		ok := true
		for i, name := range files {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				ok = false
				break
			}
			out[i] = b
		}
		if ok {
			fontCache[key] = out
			return out, true
		}
	}
	return nil, false
}
