package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// unitsPerEm is the size at which text is shaped: advances and offsets
// are kept in thousandths of an em and scaled to the point size on use.
const unitsPerEm = 1000

// Engine shapes and lays out text in the bundled fonts. It caches what it
// shaped; one Engine serves one document and is not safe for concurrent
// use.
type Engine struct {
	b       *bundle
	shaper  shaping.HarfbuzzShaper
	faces   map[*fontFile]*font.Face
	seg     segmenter.Segmenter
	cache   map[paraKey]*paragraph
	missing map[rune]int
}

// NewEngine returns an Engine over the bundled fonts.
func NewEngine() (*Engine, error) {
	b, err := loadBundle()
	if err != nil {
		return nil, err
	}
	return &Engine{b: b, faces: map[*fontFile]*font.Face{}, cache: map[paraKey]*paragraph{}, missing: map[rune]int{}}, nil
}

// Missing returns the characters that no bundled font could draw (each
// drawn as the fonts' .notdef box) with how often they were laid out.
func (e *Engine) Missing() map[rune]int { return e.missing }

func (e *Engine) face(f *fontFile) *font.Face {
	fc, ok := e.faces[f]
	if !ok {
		fc = font.NewFace(f.font)
		e.faces[f] = fc
	}
	return fc
}

// Span is a piece of a paragraph in one style.
type Span struct {
	Text  string
	Style Style
}

// glyph is a shaped glyph in thousandths of an em.
type glyph struct {
	id         uint16
	adv        float64 // advance
	dx, dy     float64 // offset (dy up)
	top, bot   float64 // ink extent above and below the baseline (bot negative)
	left, wide float64 // ink extent from the pen (with the offset) and its width
	cluster    int     // first rune of the glyph's cluster
	runes      int     // runes in the cluster
	first      bool    // first glyph of its cluster
	font       *fontFile
	style      Style
	fontItalic bool // the font's own slant (else italic is synthesised)
}

// paragraph is shaped text: its runes, glyphs in logical order and the
// break opportunities.
type paragraph struct {
	text   []rune
	glyphs []glyph
	cum    []float64 // cum[i]: advance of the glyphs of runes before i
	br     breaks
}

type paraKey struct {
	text  string
	style string // the styles of the runes, one byte each, when mixed
}

// item is a run of runes shaped together: one font, one style, one script.
type item struct {
	start, end int
	font       *fontFile
	style      Style
	script     language.Script
}

func styleByte(s Style) byte {
	b := byte('0')
	if s.Bold {
		b++
	}
	if s.Italic {
		b += 2
	}
	return b
}

// shape shapes a paragraph made of spans (cached by text and styles).
func (e *Engine) shape(spans []Span) *paragraph {
	var text []rune
	var styles []Style
	var key []byte
	var all []rune
	for _, s := range spans {
		for _, r := range s.Text {
			all = append(all, r)
			styles = append(styles, s.Style)
			key = append(key, styleByte(s.Style))
		}
	}
	text = all
	k := paraKey{text: string(text), style: string(key)}
	if p, ok := e.cache[k]; ok {
		return p
	}
	p := &paragraph{text: text, br: findBreaks(&e.seg, text)}
	for _, it := range e.itemize(text, styles) {
		e.shapeItem(p, it)
	}
	acc := make([]float64, len(text)+1)
	for _, g := range p.glyphs {
		acc[g.cluster] += g.adv
	}
	p.cum = make([]float64, len(text)+1)
	for i := range text {
		p.cum[i+1] = p.cum[i] + acc[i]
	}
	e.cache[k] = p
	return p
}

// weak reports whether r takes the font of the text around it (spaces,
// punctuation, digits, marks) rather than choosing its own.
func weak(r rune) bool {
	switch language.LookupScript(r) {
	case language.Common, language.Inherited, language.Unknown:
		return true
	}
	return false
}

// itemize splits text into items: strong characters go to their script's
// bundled font (Noto Sans for Latin, Greek and Cyrillic); weak ones stay
// with the font before them when it has them, else take the font after
// them, else Noto Sans; marks always stay with their base.
func (e *Engine) itemize(text []rune, styles []Style) []item {
	n := len(text)
	fonts := make([]*fontFile, n)
	scripts := make([]language.Script, n)
	for i, r := range text {
		if weak(r) {
			continue
		}
		sc := language.LookupScript(r)
		scripts[i] = sc
		if f := e.b.scriptFont(sc, styles[i]); f != nil {
			fonts[i] = f
		} else {
			fonts[i] = e.b.latinFont(styles[i])
			scripts[i] = sc
		}
	}
	// Weak runes: previous font (marks always), else next strong font.
	next := make([]*fontFile, n+1)
	nextScript := make([]language.Script, n+1)
	for i := n - 1; i >= 0; i-- {
		next[i], nextScript[i] = next[i+1], nextScript[i+1]
		if fonts[i] != nil {
			next[i], nextScript[i] = fonts[i], scripts[i]
		}
	}
	for i, r := range text {
		if fonts[i] != nil {
			continue
		}
		mark := unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r)
		switch {
		case i > 0 && (mark || fonts[i-1].covers(r)) && sameStyle(styles[i-1], styles[i]):
			fonts[i], scripts[i] = fonts[i-1], scripts[i-1]
		case next[i+1] != nil && next[i+1].covers(r):
			fonts[i], scripts[i] = e.styled(next[i+1], styles[i]), nextScript[i+1]
		default:
			fonts[i], scripts[i] = e.b.latinFont(styles[i]), language.Latin
		}
	}
	var out []item
	for i := 0; i < n; {
		j := i + 1
		for j < n && fonts[j] == fonts[i] && styles[j] == styles[i] {
			j++
		}
		sc := scripts[i]
		for k := i; k < j; k++ {
			if !weak(text[k]) {
				sc = scripts[k]
				break
			}
		}
		if sc == 0 || sc == language.Common || sc == language.Inherited || sc == language.Unknown {
			sc = language.Latin
		}
		out = append(out, item{start: i, end: j, font: fonts[i], style: styles[i], script: sc})
		i = j
	}
	return out
}

func sameStyle(a, b Style) bool { return a == b }

// styled returns the font of the same script family as f in style st.
func (e *Engine) styled(f *fontFile, st Style) *fontFile {
	for sc, fs := range e.b.scripts {
		if fs[0] == f || fs[1] == f {
			return e.b.scriptFont(sc, st)
		}
	}
	return e.b.latinFont(st)
}

var scriptLanguage = map[language.Script]language.Language{
	language.Thai: language.NewLanguage("th"), language.Lao: language.NewLanguage("lo"),
	language.Khmer: language.NewLanguage("km"), language.Myanmar: language.NewLanguage("my"),
}

// shapeItem shapes one item with HarfBuzz and appends its glyphs.
func (e *Engine) shapeItem(p *paragraph, it item) {
	lang, ok := scriptLanguage[it.script]
	if !ok {
		lang = language.NewLanguage("en")
	}
	out := e.shaper.Shape(shaping.Input{
		Text: p.text, RunStart: it.start, RunEnd: it.end, Direction: di.DirectionLTR,
		Face: e.face(it.font), Size: fixed.I(unitsPerEm), Script: it.script, Language: lang,
	})
	f := func(v fixed.Int26_6) float64 { return float64(v) / 64 }
	prev := -1
	for _, g := range out.Glyphs {
		if g.GlyphID == 0 && g.RuneCount > 0 && g.ClusterIndex < len(p.text) {
			r := p.text[g.ClusterIndex]
			if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
				e.missing[r]++
			}
		}
		p.glyphs = append(p.glyphs, glyph{
			id: uint16(g.GlyphID), adv: f(g.XAdvance), dx: f(g.XOffset), dy: f(g.YOffset),
			top: f(g.YBearing) + f(g.YOffset), bot: f(g.YBearing+g.Height) + f(g.YOffset),
			left: f(g.XOffset + g.XBearing), wide: f(g.Width),
			cluster: g.ClusterIndex, runes: g.RuneCount, first: g.ClusterIndex != prev,
			font: it.font, style: it.style, fontItalic: it.font.italic,
		})
		prev = g.ClusterIndex
	}
}
