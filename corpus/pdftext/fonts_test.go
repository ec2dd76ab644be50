package pdftext

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"testing"

	ttf "github.com/go-text/typesetting/font"
	"golang.org/x/text/encoding/charmap"
)

// patchTTF rewrites an sfnt font with some tables replaced (nil removes one).
func patchTTF(t *testing.T, data []byte, repl map[string][]byte) []byte {
	t.Helper()
	tabs := sfntTables(data)
	for tag, b := range repl {
		if b == nil {
			delete(tabs, tag)
		} else {
			tabs[tag] = b
		}
	}
	tags := make([]string, 0, len(tabs))
	for tag := range tabs {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	var out bytes.Buffer
	binary.Write(&out, binary.BigEndian, uint32(0x00010000))
	binary.Write(&out, binary.BigEndian, uint16(len(tags)))
	out.Write(make([]byte, 6)) // search hints: unused by readers here
	off := 12 + 16*len(tags)
	var body bytes.Buffer
	for _, tag := range tags {
		b := tabs[tag]
		out.WriteString(tag)
		binary.Write(&out, binary.BigEndian, uint32(0))
		binary.Write(&out, binary.BigEndian, uint32(off+body.Len()))
		binary.Write(&out, binary.BigEndian, uint32(len(b)))
		body.Write(b)
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	out.Write(body.Bytes())
	return out.Bytes()
}

// cmapTable builds a cmap table with one format 4 subtable (platform, encoding).
func cmapTable(platform, enc uint16, m map[uint16]uint16) []byte {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	codes = append(codes, 0xFFFF)
	seg := len(codes)
	var sub bytes.Buffer
	w := func(v any) { binary.Write(&sub, binary.BigEndian, v) }
	w(uint16(4))
	w(uint16(16 + 8*seg))
	w(uint16(0))
	w(uint16(2 * seg))
	w([3]uint16{})
	for _, c := range codes {
		w(uint16(c))
	}
	w(uint16(0))
	for _, c := range codes {
		w(uint16(c))
	}
	for _, c := range codes {
		if c == 0xFFFF {
			w(uint16(1))
			continue
		}
		w(uint16(int(m[uint16(c)]) - c))
	}
	for range codes {
		w(uint16(0))
	}
	var out bytes.Buffer
	binary.Write(&out, binary.BigEndian, [2]uint16{0, 1})
	binary.Write(&out, binary.BigEndian, [2]uint16{platform, enc})
	binary.Write(&out, binary.BigEndian, uint32(12))
	out.Write(sub.Bytes())
	return out.Bytes()
}

// postNoNames is a post table of format 3: no glyph names.
func postNoNames(orig []byte) []byte {
	out := make([]byte, 32)
	copy(out, orig)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// simpleTrueType builds a one-page PDF drawing codes with a simple TrueType
// font (no ToUnicode, no /Encoding, symbolic) whose program is font.
func simpleTrueType(font []byte, codes string, flags int, enc string) []byte {
	return onePageFonts("BT /F2 14 Tf 72 700 Td ("+codes+") Tj ET", "/F2 6 0 R",
		obj{dict: fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Body /FirstChar 32 /LastChar 255 /Widths [%s] /FontDescriptor 7 0 R%s >>",
			strings.Repeat("500 ", 224), enc)},
		obj{dict: fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+Body /Flags %d /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>", flags)},
		obj{dict: fmt.Sprintf("/Length1 %d", len(font)), stream: string(font)})
}

// TestTrueTypeBodyFontWithoutToUnicode draws text with a subset-style
// TrueType font whose codes are not character codes: a symbol cmap maps
// codes to glyphs in a scrambled order, and only the font's glyph names say
// which letters they are. Without names too, every glyph counts as
// unreadable and the document warns.
func TestTrueTypeBodyFontWithoutToUnicode(t *testing.T) {
	path := findFont("DejaVuSans.ttf")
	if path == "" {
		t.Skip("DejaVuSans.ttf not installed (apt-get install fonts-dejavu-core)")
	}
	data := mustRead(t, path)
	face, err := ttf.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	text := "Cash transfers reached households"
	// Codes from 0x21 upwards, in order of first use: WinAnsi would read them
	// as "!\"#$...", which is what a reader without the font's tables shows.
	cmap := map[uint16]uint16{}
	codeOf := map[rune]byte{}
	var codes strings.Builder
	next := byte(0x21)
	for _, r := range text {
		if r == ' ' {
			codes.WriteByte(' ')
			continue
		}
		c, ok := codeOf[r]
		if !ok {
			c = next
			next++
			codeOf[r] = c
			gid, _ := face.NominalGlyph(r)
			cmap[0xF000+uint16(c)] = uint16(gid)
		}
		codes.WriteString(fmt.Sprintf("\\%03o", c))
	}
	named := patchTTF(t, data, map[string][]byte{"cmap": cmapTable(3, 0, cmap)})
	doc := extractOK(t, simpleTrueType(named, codes.String(), 4, ""))
	if doc.Text != text || len(doc.Warnings) != 0 || doc.Pages[0].Stats.Unreadable != 0 {
		t.Errorf("with glyph names: %q warnings %q stats %+v", doc.Text, doc.Warnings, doc.Pages[0].Stats)
	}
	unnamed := patchTTF(t, data, map[string][]byte{"cmap": cmapTable(3, 0, cmap), "post": postNoNames(sfntTables(data)["post"])})
	doc = extractOK(t, simpleTrueType(unnamed, codes.String(), 4, ""))
	st := doc.Pages[0].Stats
	if st.Glyphs != 30 || st.Unreadable != 30 || len(doc.Warnings) != 1 ||
		doc.Warnings[0] != "Text on page 1 could not be read (about 100% of the characters there): its fonts do not say which letters their glyphs are." {
		t.Errorf("without glyph names: %q stats %+v warnings %q", doc.Text, st, doc.Warnings)
	}
}

// TestLegacyThaiFont draws Thai with a legacy font: Thai glyphs sit at the
// TIS-620 codes of a Latin-1 character map, the font says it covers Thai,
// and it has no glyph names. The codes must read as Thai, not Latin-1.
func TestLegacyThaiFont(t *testing.T) {
	path := findFont("NotoSansThai-Regular.ttf")
	if path == "" {
		t.Skip("NotoSansThai-Regular.ttf not installed (apt-get install fonts-noto-core)")
	}
	data := mustRead(t, path)
	face, err := ttf.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	cmap := map[uint16]uint16{}
	for c := 0xA1; c <= 0xFB; c++ {
		r := charmap.Windows874.DecodeByte(byte(c))
		if gid, ok := face.NominalGlyph(r); ok {
			cmap[uint16(c)] = uint16(gid) // a "Latin-1" code point drawing a Thai glyph
		}
	}
	legacy := patchTTF(t, data, map[string][]byte{"cmap": cmapTable(3, 1, cmap), "post": postNoNames(sfntTables(data)["post"]), "GSUB": nil})
	text := "แรงงานข้ามชาติ"
	enc, err := charmap.Windows874.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	var codes strings.Builder
	for i := 0; i < len(enc); i++ {
		codes.WriteString(fmt.Sprintf("\\%03o", enc[i]))
	}
	doc := extractOK(t, simpleTrueType(legacy, codes.String(), 32, " /Encoding /WinAnsiEncoding"))
	if doc.Text != text {
		t.Errorf("text = %q, want %q", doc.Text, text)
	}
}

func TestSymbolAndDingbats(t *testing.T) {
	content := "BT /S 12 Tf 72 700 Td (a = 0.05, b \\263 2, D m) Tj /Z 12 Tf 0 -14 Td (4 n) Tj ET"
	doc := extractOK(t, onePageFonts(content, "/S 6 0 R /Z 7 0 R",
		obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>"},
		obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>"}))
	want := "α = 0.05, β ≥ 2, Δ μ\n✔ ■"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestThaiPresentationForms(t *testing.T) {
	// A ToUnicode map that gives Windows' private-use forms for the tone mark
	// and vowel shifted for a tall consonant ("ป่" and "ปิ"), and a sara am
	// drawn as nikhahit and sara aa.
	cmap := `begincmap 1 begincodespacerange <00> <FF> endcodespacerange
5 beginbfchar <01> <0E1B> <02> <F70A> <03> <F701> <04> <0E4D> <05> <0E32> endbfchar endcmap`
	font := obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /ThaiLegacy /FirstChar 1 /LastChar 32 /Widths [600 0 0 0 400 " + strings.Repeat("0 ", 26) + "250] /ToUnicode 7 0 R >>"}
	doc := extractOK(t, onePageFonts("BT /F2 14 Tf 72 700 Td (\\001\\002 \\001\\003 \\001\\004\\005) Tj ET", "/F2 6 0 R", font, obj{stream: cmap}))
	if want := "ป่ ปิ ปำ"; doc.Text != want {
		t.Errorf("text = %q (%+q), want %q", doc.Text, doc.Text, want)
	}
}

// TestKhmerWordWhole checks that a shaped Khmer PDF without ToUnicode keeps
// words whole: the vowel sign below (U+17BB) stays in "ស្រុក", the
// subscripts and the pre-base vowel of "ស្ត្រី" and "នៅ" in logical order.
func TestKhmerWordWhole(t *testing.T) {
	s := scriptSamples[2]
	if s.name != "khmer" {
		t.Fatal("sample order changed")
	}
	data, _ := shapedPDF(t, s, shapedOpts{})
	doc := extractOK(t, data)
	for _, w := range []string{"ស្រុកនៅកម្ពុជា", "ស្ត្រីប្រឈមនឹងហានិភ័យខ្ពស់ជាង", "ការពិនិត្យឡើងវិញ"} {
		if !strings.Contains(doc.Text, w) {
			t.Errorf("%q not found whole in\n%s", w, doc.Text)
		}
	}
	for _, line := range strings.Split(doc.Text, "\n") {
		if strings.TrimSpace(line) == "\u17BB" {
			t.Errorf("a vowel sign on its own line:\n%s", doc.Text)
		}
	}
}
