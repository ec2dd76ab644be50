package typeset

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

// Style is a text style: bold, italic or both.
type Style struct {
	Bold, Italic bool
}

// fontFile is one bundled font: its bytes (for embedding) and its parsed
// form (safe for concurrent use; faces are made per Engine).
type fontFile struct {
	name   string // file name, e.g. "NotoSansThai-Regular.ttf"
	ps     string // PostScript name for the PDF, e.g. "NotoSansThai-Regular"
	data   []byte
	font   *font.Font
	bold   bool // the file's own weight
	italic bool // the file's own slant
}

// scriptFonts are the bundled fonts per script: regular and bold.
type scriptFonts [2]*fontFile

// bundle is every bundled font, parsed once.
type bundle struct {
	latin   [4]*fontFile // regular, bold, italic, bold italic
	scripts map[language.Script]scriptFonts
	all     []*fontFile
}

var (
	bundleOnce sync.Once
	theBundle  *bundle
	bundleErr  error
)

// loadBundle parses the bundled fonts once.
func loadBundle() (*bundle, error) {
	bundleOnce.Do(func() {
		b := &bundle{scripts: map[language.Script]scriptFonts{}}
		load := func(name string, bold, italic bool) *fontFile {
			if bundleErr != nil {
				return nil
			}
			data, err := assets.FontFile(name)
			if err != nil {
				bundleErr = err
				return nil
			}
			face, err := font.ParseTTF(bytes.NewReader(data))
			if err != nil {
				bundleErr = fmt.Errorf("bundled font %s: %w", name, err)
				return nil
			}
			f := &fontFile{name: name, ps: psName(name), data: data, font: face.Font, bold: bold, italic: italic}
			b.all = append(b.all, f)
			return f
		}
		b.latin = [4]*fontFile{load(assets.FontSans, false, false), load(assets.FontSansBold, true, false),
			load(assets.FontSansItalic, false, true), load(assets.FontSansBoldItalic, true, true)}
		for s, files := range map[language.Script][2]string{
			language.Thai: {assets.FontThai, assets.FontThaiBold}, language.Lao: {assets.FontLao, assets.FontLaoBold},
			language.Khmer: {assets.FontKhmer, assets.FontKhmerBold}, language.Myanmar: {assets.FontMyanmar, assets.FontMyanmarBold},
		} {
			b.scripts[s] = scriptFonts{load(files[0], false, false), load(files[1], true, false)}
		}
		theBundle = b
	})
	return theBundle, bundleErr
}

// psName turns a file name into a PostScript font name.
func psName(file string) string {
	if i := bytes.LastIndexByte([]byte(file), '.'); i > 0 {
		return file[:i]
	}
	return file
}

// latinFont returns the Latin font of a style.
func (b *bundle) latinFont(st Style) *fontFile {
	i := 0
	if st.Bold {
		i++
	}
	if st.Italic {
		i += 2
	}
	return b.latin[i]
}

// scriptFont returns the font of a script in a style, or nil when the
// script has no font of its own (Latin, Greek, Cyrillic... use Noto Sans).
func (b *bundle) scriptFont(s language.Script, st Style) *fontFile {
	fs, ok := b.scripts[s]
	if !ok {
		return nil
	}
	if st.Bold {
		return fs[1]
	}
	return fs[0]
}

// covers reports whether f has a glyph for r.
func (f *fontFile) covers(r rune) bool {
	_, ok := f.font.NominalGlyph(r)
	return ok
}
