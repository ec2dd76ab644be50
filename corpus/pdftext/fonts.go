package pdftext

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
	pdfcpufont "github.com/pdfcpu/pdfcpu/pkg/font"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// font is what the interpreter needs from a PDF font: how to split a string into
// codes, each code's text and its advance width in text space (per unit font size).
type font struct {
	name      string
	composite bool
	enc       *cmap // encoding CMap of a composite font (nil for Identity)
	toUni     *cmap
	simple    [256]string // simple fonts: text by code from the encoding
	widths    map[uint32]float64
	dw        float64 // default width (text space, per unit size)
	scale     float64 // glyph space to text space (0.001, or a Type 3 FontMatrix)
	cache     map[uint32]codeText
	utf16Enc  bool              // composite font whose codes are UTF-16 (Uni*-UCS2/UTF16 CMaps)
	cidGID    []uint16          // CIDToGIDMap (nil: identity)
	legacy    encoding.Encoding // codes in a legacy CJK charset (GBK, Big5, Shift JIS, EUC)
	asc, desc float64           // ascent and descent (negative) in units of the font size

	byteCode [256]code // simple fonts: decoded codes
	byteDone [256]bool

	// The embedded font program, read on first need (fonts without a usable map).
	prog     *program
	progLoad func() *program
	names    [256]string // simple fonts: glyph names by code, from /Differences or a built-in encoding
	hasEnc   bool        // simple fonts: the font dictionary has an /Encoding
	symbolic bool        // the descriptor's symbolic flag
	trueType bool        // a simple TrueType font (codes reach glyphs through the program's cmaps)
	sfnt     bool        // the embedded program is TrueType or OpenType (it may declare its scripts)
	// customCodes: a subset TrueType font without ToUnicode whose codes start
	// below 32: they number its glyphs, so the encoding's names say nothing.
	customCodes bool
	thai        int8 // legacy Thai codes (TIS-620 at 0xA1-0xFB): 0 undecided, 1 yes, -1 no
	// damaged: part of the font could not be read (its text may be wrong or
	// missing on every page that uses it).
	damaged bool
}

// codeText is a code's decoded text and whether the font said what it is.
type codeText struct {
	s     string
	known bool
	guess bool // read by its encoding name although the font's own map points elsewhere
}

// code is one decoded character code.
type code struct {
	text    string
	width   float64 // text space, per unit font size
	space   bool    // single-byte code 32: word spacing applies
	unknown bool    // the font gives no way to know which character the glyph is
	guess   bool    // text from the encoding's name for a glyph the font does not name
}

var coreAliases = map[string]string{
	"Arial": "Helvetica", "Arial,Bold": "Helvetica-Bold", "Arial,Italic": "Helvetica-Oblique",
	"Arial,BoldItalic": "Helvetica-BoldOblique", "ArialMT": "Helvetica", "Arial-BoldMT": "Helvetica-Bold",
	"TimesNewRoman": "Times-Roman", "TimesNewRoman,Bold": "Times-Bold", "TimesNewRoman,Italic": "Times-Italic",
	"TimesNewRomanPSMT": "Times-Roman", "TimesNewRomanPS-BoldMT": "Times-Bold", "CourierNew": "Courier",
	"CourierNewPSMT": "Courier", "Helvetica,Bold": "Helvetica-Bold", "Times": "Times-Roman",
}

func coreName(base string) string {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[7:]
	}
	if a, ok := coreAliases[base]; ok {
		return a
	}
	if pdfcpufont.IsCoreFont(base) {
		return base
	}
	return ""
}

// loadFont builds a font from its dictionary. Errors inside (panics from the PDF
// library) are recovered by the caller; a partially read font still works.
func (x *extractor) loadFont(v pdf.Value) *font {
	f := &font{name: v.Key("BaseFont").Name(), scale: 0.001, cache: map[uint32]codeText{}}
	f.asc, f.desc = fontExtent(v)
	subtype := v.Key("Subtype").Name()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := x.readStream(tu); err == nil {
			f.toUni = parseCMap(data)
		}
	}
	if subtype == "Type0" {
		x.loadComposite(f, v)
		return f
	}
	if subtype == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64()
		}
	}
	x.loadSimpleEncoding(f, v)
	f.widths = map[uint32]float64{}
	first := int(v.Key("FirstChar").Int64())
	f.customCodes = f.trueType && f.toUni == nil && first < 32 && v.Key("Widths").Len() > 0
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		f.widths[uint32(first+i)] = ws.Index(i).Float64() * f.scale
	}
	f.dw = v.Key("FontDescriptor").Key("MissingWidth").Float64() * f.scale
	if ws.Len() == 0 {
		if cn := coreName(f.name); cn != "" {
			for c := 0; c < 256; c++ {
				if symbolFamily(f.name) != "" {
					if w, err := pdfcpufont.CharWidth(cn, rune(c)); err == nil {
						f.widths[uint32(c)] = float64(w) / 1000
					}
					continue
				}
				if code, ok := winAnsiCode(f.simple[c]); ok {
					if w, err := pdfcpufont.CharWidth(cn, rune(code)); err == nil && w != 1000 || cn == "Courier" {
						f.widths[uint32(c)] = float64(w) / 1000
					}
				}
			}
		}
		if f.dw == 0 {
			f.dw = 0.5
		}
	}
	return f
}

var builtinEnc = regexp.MustCompile(`dup\s+(\d+)\s*/([^\s/]+)\s+put`)

func (x *extractor) loadSimpleEncoding(f *font, v pdf.Value) {
	enc := v.Key("Encoding")
	var base *[256]string
	switch enc.Kind() {
	case pdf.Name:
		base = baseEncoding(enc.Name())
	case pdf.Dict:
		base = baseEncoding(enc.Key("BaseEncoding").Name())
	}
	f.hasEnc = !enc.IsNull()
	fd := v.Key("FontDescriptor")
	f.symbolic = fd.Key("Flags").Int64()&4 != 0
	subtype := v.Key("Subtype").Name()
	// The embedded font program, for glyphs the encoding leaves unnamed.
	if ff := fd.Key("FontFile2"); ff.Kind() == pdf.Stream {
		f.trueType = subtype == "TrueType"
		f.sfnt = true
		f.progLoad = x.programLoader(f, ff)
	} else if ff := fd.Key("FontFile3"); ff.Kind() == pdf.Stream {
		f.sfnt = ff.Key("Subtype").Name() == "OpenType"
		f.progLoad = x.programLoader(f, ff)
	}
	if base == nil {
		// An embedded Type 1 program carries its own encoding (pdfLaTeX fonts).
		if ff := fd.Key("FontFile"); ff.Kind() == pdf.Stream {
			if data, err := x.readStream(ff); err == nil {
				n := int(ff.Key("Length1").Int64())
				if n <= 0 || n > len(data) {
					n = len(data)
				}
				var t [256]string
				found := false
				for _, m := range builtinEnc.FindAllSubmatch(data[:n], 512) {
					c, err := strconv.Atoi(string(m[1]))
					if err == nil && c >= 0 && c < 256 {
						f.names[c] = string(m[2])
						t[c] = glyphRune(string(m[2]))
						found = true
					}
				}
				if found {
					base = &t
				}
			}
		} else if ff := fd.Key("FontFile3"); ff.Kind() == pdf.Stream && ff.Key("Subtype").Name() == "Type1C" {
			if data, err := x.readStream(ff); err == nil {
				if t, ok := cffEncoding(data); ok {
					base = t
				}
			}
		}
	}
	if base == nil {
		switch symbolFamily(f.name) {
		case "Symbol":
			base = symbolTable()
		case "ZapfDingbats":
			base = zapfTable()
		}
	}
	if base == nil {
		if f.symbolic && subtype == "TrueType" {
			base = baseEncoding("WinAnsiEncoding")
		} else {
			base = standardTable()
			if subtype == "TrueType" || strings.Contains(f.name, "Arial") {
				base = baseEncoding("WinAnsiEncoding")
			}
		}
	}
	f.simple = *base
	if enc.Kind() == pdf.Dict {
		diffs := enc.Key("Differences")
		c := 0
		for i := 0; i < diffs.Len(); i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdf.Integer, pdf.Real:
				c = int(d.Float64())
			case pdf.Name:
				if c >= 0 && c < 256 {
					f.names[c] = d.Name()
					f.simple[c] = glyphRune(d.Name())
				}
				c++
			}
		}
	}
}

// symbolFamily names the symbol font family of a base font name: "Symbol",
// "ZapfDingbats" or "".
func symbolFamily(base string) string {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[7:]
	}
	switch {
	case base == "Symbol" || strings.HasPrefix(base, "Symbol,") || strings.HasPrefix(base, "Symbol-") || base == "SymbolMT":
		return "Symbol"
	case strings.HasPrefix(base, "ZapfDingbats") || strings.HasPrefix(base, "Dingbats") || strings.HasPrefix(base, "ITCZapfDingbats"):
		return "ZapfDingbats"
	}
	return ""
}

// familyText is a symbol family's built-in text for a code.
func familyText(family string, c byte) string {
	var r rune
	switch family {
	case "Symbol":
		r = symbolEncoding[c]
	case "ZapfDingbats":
		r = zapfDingbats(c)
	}
	if r == 0 {
		return ""
	}
	return string(r)
}

var (
	symbolOnce, zapfOnce sync.Once
	symbolTab, zapfTab   [256]string
)

func symbolTable() *[256]string {
	symbolOnce.Do(func() {
		for c := 0; c < 256; c++ {
			symbolTab[c] = familyText("Symbol", byte(c))
		}
	})
	return &symbolTab
}

func zapfTable() *[256]string {
	zapfOnce.Do(func() {
		for c := 0; c < 256; c++ {
			zapfTab[c] = familyText("ZapfDingbats", byte(c))
		}
	})
	return &zapfTab
}

// legacyCMaps maps predefined CJK CMap names to the charset their codes use.
var legacyCMaps = map[string]encoding.Encoding{
	"GB-EUC-H": simplifiedchinese.GBK, "GB-EUC-V": simplifiedchinese.GBK,
	"GBK-EUC-H": simplifiedchinese.GBK, "GBK-EUC-V": simplifiedchinese.GBK,
	"GBKp-EUC-H": simplifiedchinese.GBK, "GBKp-EUC-V": simplifiedchinese.GBK,
	"GBpc-EUC-H": simplifiedchinese.GBK, "GBpc-EUC-V": simplifiedchinese.GBK,
	"GBK2K-H": simplifiedchinese.GB18030, "GBK2K-V": simplifiedchinese.GB18030,
	"B5pc-H": traditionalchinese.Big5, "B5pc-V": traditionalchinese.Big5,
	"ETen-B5-H": traditionalchinese.Big5, "ETen-B5-V": traditionalchinese.Big5,
	"HKscs-B5-H": traditionalchinese.Big5, "HKscs-B5-V": traditionalchinese.Big5,
	"90ms-RKSJ-H": japanese.ShiftJIS, "90ms-RKSJ-V": japanese.ShiftJIS,
	"90msp-RKSJ-H": japanese.ShiftJIS, "90msp-RKSJ-V": japanese.ShiftJIS,
	"83pv-RKSJ-H": japanese.ShiftJIS, "EUC-H": japanese.EUCJP, "EUC-V": japanese.EUCJP,
	"KSC-EUC-H": korean.EUCKR, "KSC-EUC-V": korean.EUCKR,
	"KSCms-UHC-H": korean.EUCKR, "KSCms-UHC-V": korean.EUCKR,
	"KSCms-UHC-HW-H": korean.EUCKR, "KSCpc-EUC-H": korean.EUCKR,
}

var uniCMaps = regexp.MustCompile(`^Uni.*-(UCS2|UTF16)-[HV]$`)

func (x *extractor) loadComposite(f *font, v pdf.Value) {
	f.composite = true
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Name:
		if uniCMaps.MatchString(enc.Name()) {
			f.utf16Enc = true
		}
		f.legacy = legacyCMaps[enc.Name()]
	case pdf.Stream:
		if data, err := x.readStream(enc); err == nil {
			f.enc = parseCMap(data)
		}
	}
	desc := v.Key("DescendantFonts").Index(0)
	if !f.utf16Enc && f.legacy == nil {
		fd := desc.Key("FontDescriptor")
		ff := fd.Key("FontFile2")
		if ff.Kind() != pdf.Stream {
			ff = fd.Key("FontFile3")
		}
		if ff.Kind() == pdf.Stream {
			f.progLoad = x.programLoader(f, ff)
			f.cidGID = x.cidToGID(desc.Key("CIDToGIDMap"))
		}
	}
	f.dw = 1
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64() / 1000
	}
	f.widths = map[uint32]float64{}
	w := desc.Key("W")
	for i := 0; i < w.Len() && len(f.widths) < 1<<17; {
		first := w.Index(i)
		if i+1 >= w.Len() {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for j := 0; j < next.Len(); j++ {
				f.widths[c+uint32(j)] = next.Index(j).Float64() / 1000
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		lo, hi, wd := uint32(first.Int64()), uint32(next.Int64()), w.Index(i+2).Float64()/1000
		for c := lo; c <= hi && c-lo < maxCMapRange; c++ {
			f.widths[c] = wd
		}
		i += 3
	}
}

// legacyLen is the byte length of the next code in a legacy CJK multi-byte charset.
func legacyLen(s string) int {
	if s[0] < 0x81 || len(s) < 2 {
		return 1
	}
	if len(s) >= 4 && s[1] >= 0x30 && s[1] <= 0x39 { // GB18030 four-byte form
		return 4
	}
	return 2
}

// decode splits a shown string into codes.
func (f *font) decode(raw string, out []code) []code {
	if !f.composite && f.legacy == nil {
		// Simple fonts: one byte a code, looked up in arrays.
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			if !f.byteDone[c] {
				t := f.text(uint32(c))
				w, ok := f.widths[uint32(c)]
				if !ok {
					w = f.dw
				}
				f.byteCode[c] = code{text: t.s, width: w, space: c == ' ', unknown: !t.known, guess: t.guess}
				f.byteDone[c] = true
			}
			out = append(out, f.byteCode[c])
		}
		return out
	}
	for len(raw) > 0 {
		n := 1
		if f.legacy != nil {
			n = legacyLen(raw)
		} else if f.composite {
			n = f.enc.codeLen(raw, 2)
			if n > len(raw) {
				n = len(raw)
			}
		}
		c := bytesToCode(raw[:n])
		var cd code
		t := f.text(c)
		cd.text, cd.unknown, cd.guess = t.s, !t.known, t.guess
		cid := c
		if f.enc != nil {
			cid = f.enc.cid(c)
		}
		w, ok := f.widths[cid]
		if !ok || f.legacy != nil {
			w = f.dw
			if f.legacy != nil && n == 1 {
				w = f.dw / 2
			}
		}
		cd.width = w
		cd.space = n == 1 && raw[0] == ' '
		raw = raw[n:]
		out = append(out, cd)
	}
	return out
}

// fontExtent reads a font's ascent and descent (in units of the font size)
// from its descriptor, with pdftotext's defaults when absent or implausible.
func fontExtent(v pdf.Value) (asc, desc float64) {
	fd := v.Key("FontDescriptor")
	if fd.IsNull() {
		fd = v.Key("DescendantFonts").Index(0).Key("FontDescriptor")
	}
	asc, desc = 0.95, -0.35
	bbox := fd.Key("FontBBox")
	if a := fd.Key("Ascent").Float64() / 1000; a > 0.2 && a < 3 {
		asc = a
	} else if b := bbox.Index(3).Float64() / 1000; bbox.Len() == 4 && b > 0.2 && b < 3 {
		asc = b // producers that write no ascent (LibreOffice) give the box
	}
	if d := fd.Key("Descent").Float64() / 1000; d < 0 && d > -2 {
		desc = d
	} else if d > 0 && d < 2 {
		desc = -d
	} else if b := bbox.Index(1).Float64() / 1000; bbox.Len() == 4 && b < 0 && b > -2 {
		desc = b
	}
	return asc, desc
}
