// Package scriptpdf writes one-page test PDFs in the region's scripts
// (Thai, Lao, Khmer, Burmese, Vietnamese) and English: paragraphs shaped
// with HarfBuzz (go-text/typesetting) in the Noto fonts of Debian's
// fonts-noto-core, embedded whole as a CIDFontType2 with a ToUnicode map
// and ActualText spans for clusters of several glyphs, as LibreOffice and
// Chromium write them. It is the generator of corpus/pdftext's script tests
// in a form other packages' tests can use (tests only).
package scriptpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
	"github.com/go-text/typesetting/di"
	ttf "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Sample is a passage in one script and the Noto font that draws it.
type Sample struct {
	Name, Font, Lang string
	Script           language.Script
	Paragraphs       []string
}

// Samples are a passage per script.
var Samples = []Sample{
	{"thai", "NotoSansThai-Regular.ttf", "th", language.Thai, []string{
		"การทบทวนวรรณกรรมอย่างเป็นระบบเกี่ยวกับแรงงานข้ามชาติในประเทศไทย ผู้เข้าร่วมการศึกษาจำนวน ๑๒๐ คน ได้รับการสัมภาษณ์เชิงลึก",
		"ผลการศึกษาพบว่าค่าจ้างขั้นต่ำยังไม่ได้รับการคุ้มครองอย่างทั่วถึง และแรงงานหญิงมีความเสี่ยงสูงกว่า",
	}},
	{"lao", "NotoSansLao-Regular.ttf", "lo", language.Lao, []string{
		"ການທົບທວນວັນນະກຳຢ່າງເປັນລະບົບກ່ຽວກັບແຮງງານເຄື່ອນຍ້າຍ ຜູ້ເຂົ້າຮ່ວມການສຶກສາໄດ້ຮັບການສຳພາດ",
		"ຜົນການສຶກສາພົບວ່າຄ່າຈ້າງຍັງຕ່ຳ ແລະ ແມ່ຍິງມີຄວາມສ່ຽງສູງກວ່າ",
	}},
	{"khmer", "NotoSansKhmer-Regular.ttf", "km", language.Khmer, []string{
		"ការពិនិត្យឡើងវិញជាប្រព័ន្ធលើពលករចំណាកស្រុកនៅកម្ពុជា អ្នកចូលរួមក្នុងការសិក្សាចំនួន ១២០ នាក់ ត្រូវបានសម្ភាសន៍",
		"លទ្ធផលបង្ហាញថាប្រាក់ឈ្នួលនៅតែទាប ហើយស្ត្រីប្រឈមនឹងហានិភ័យខ្ពស់ជាង",
	}},
	{"burmese", "NotoSansMyanmar-Regular.ttf", "my", language.Myanmar, []string{
		"ရွှေ့ပြောင်းအလုပ်သမားများဆိုင်ရာ စနစ်တကျ ပြန်လည်သုံးသပ်ချက် လေ့လာမှုတွင် ပါဝင်သူ ၁၂၀ ဦးကို တွေ့ဆုံမေးမြန်းခဲ့သည်",
		"ရလဒ်များအရ လုပ်ခလစာ နည်းပါးနေဆဲဖြစ်ပြီး အမျိုးသမီးများ ပိုမိုထိခိုက်လွယ်သည်",
	}},
	{"vietnamese", "NotoSans-Regular.ttf", "vi", language.Latin, []string{
		"Tổng quan hệ thống về lao động di cư tại Việt Nam. Nghiên cứu đã phỏng vấn sâu 120 người tham gia.",
		"Kết quả cho thấy mức lương tối thiểu chưa được bảo vệ đầy đủ, và phụ nữ chịu rủi ro cao hơn.",
	}},
	{"english", "NotoSans-Regular.ttf", "en", language.Latin, []string{
		"A systematic review of migrant workers in the region. The study interviewed 120 participants in depth about recruitment and debt.",
		"Findings show that minimum wages are not fully protected, and women face higher risks of forced labour.",
	}},
}

// FindFont returns the path of an installed font file, "" when missing.
func FindFont(name string) string {
	for _, dir := range []string{"/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/noto"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// glyph is one positioned glyph of a line.
type glyph struct {
	gid                  uint16
	x, y                 float64 // in thousandths of an em from the line start
	cluster, clusterSize int
	text                 string // the cluster's text, on its first glyph
}

func shapeLine(face *ttf.Face, s Sample, text string) []glyph {
	runes := []rune(text)
	out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
		Text: runes, RunStart: 0, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face,
		Size: fixed.I(1000), Script: s.Script, Language: language.NewLanguage(s.Lang),
	})
	var gs []glyph
	pen := 0.0
	f := func(v fixed.Int26_6) float64 { return float64(v) / 64 }
	for i, g := range out.Glyphs {
		sg := glyph{gid: uint16(g.GlyphID), x: pen + f(g.XOffset), y: f(g.YOffset), cluster: g.ClusterIndex, clusterSize: g.GlyphCount}
		if i == 0 || out.Glyphs[i-1].ClusterIndex != g.ClusterIndex {
			sg.text = string(runes[g.ClusterIndex : g.ClusterIndex+g.RuneCount])
		}
		gs = append(gs, sg)
		pen += f(g.XAdvance)
	}
	return gs
}

// wrapLines breaks paragraphs at spaces into lines at most width
// thousandths of an em wide.
func wrapLines(face *ttf.Face, s Sample, width float64) [][]string {
	var paras [][]string
	for _, p := range s.Paragraphs {
		var lines []string
		cur := ""
		for _, w := range strings.Fields(p) {
			try := strings.TrimSpace(cur + " " + w)
			gs := shapeLine(face, s, try)
			end := 0.0
			if n := len(gs); n > 0 {
				end = gs[n-1].x + float64(face.HorizontalAdvance(ttf.GID(gs[n-1].gid)))*1000/float64(face.Upem())
			}
			if cur != "" && end > width {
				lines = append(lines, cur)
				cur = w
				continue
			}
			cur = try
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		paras = append(paras, lines)
	}
	return paras
}

// PDF writes a one-page A4 PDF of the sample's paragraphs at 14 pt and
// returns it with the text as laid out (lines joined by "\n", paragraphs
// by an empty line). It fails when the font is not installed.
func PDF(s Sample) ([]byte, string, error) {
	path := FindFont(s.Font)
	if path == "" {
		return nil, "", fmt.Errorf("font %s not installed (apt-get install fonts-noto-core)", s.Font)
	}
	fontData, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	face, err := ttf.ParseTTF(bytes.NewReader(fontData))
	if err != nil {
		return nil, "", err
	}
	upem := float64(face.Upem())
	ext, _ := face.FontHExtents()
	ascent, descent := float64(ext.Ascender)*1000/upem, float64(ext.Descender)*1000/upem
	const size, left, top = 14.0, 56.0, 780.0
	lead := 1.5 * size
	if s.Script == language.Khmer || s.Script == language.Myanmar {
		lead = 2.1 * size
	}
	width := (595 - 2*left) / size * 1000
	widths := map[uint16]float64{}
	toUni := map[uint16]string{}
	var content bytes.Buffer
	var laidOut []string
	y := top
	for _, lines := range wrapLines(face, s, width) {
		laidOut = append(laidOut, strings.Join(lines, "\n"))
		for _, line := range lines {
			fmt.Fprintf(&content, "BT /F1 %g Tf\n", size)
			writeLine(&content, shapeLine(face, s, line), left, y, size, face, upem, widths, toUni)
			content.WriteString("ET\n")
			y -= lead
		}
		y -= lead / 2
	}
	cmapChars(face, widths, toUni)
	name := strings.TrimSuffix(s.Font, ".ttf")
	pdf := build(
		obj{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		obj{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"},
		obj{dict: "/Filter /FlateDecode", stream: Deflate(content.Bytes())},
		obj{dict: fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 9 0 R >>", name)},
		obj{dict: fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap /Identity /DW 1000 /W %s >>", name, WArray(widths))},
		obj{dict: fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-500 -400 1500 1200] /ItalicAngle 0 /Ascent %.0f /Descent %.0f /CapHeight 714 /StemV 80 /FontFile2 8 0 R >>", name, ascent, descent)},
		obj{dict: fmt.Sprintf("/Filter /FlateDecode /Length1 %d", len(fontData)), stream: Deflate(fontData)},
		obj{stream: ToUnicodeCMap(toUni)},
	)
	return pdf, strings.Join(laidOut, "\n\n"), nil
}

// writeLine writes one line's glyphs, each placed with its own Tm, clusters
// of several glyphs inside ActualText spans.
func writeLine(w *bytes.Buffer, gs []glyph, x0, y0, size float64, face *ttf.Face, upem float64, widths map[uint16]float64, toUni map[uint16]string) {
	for i, g := range gs {
		widths[g.gid] = float64(face.HorizontalAdvance(ttf.GID(g.gid))) * 1000 / upem
		if g.text != "" && g.clusterSize == 1 {
			if _, ok := toUni[g.gid]; !ok {
				toUni[g.gid] = g.text
			}
		}
		multi := g.clusterSize > 1
		if multi && g.text != "" {
			fmt.Fprintf(w, "/Span << /ActualText <%s> >> BDC\n", UTF16Hex(g.text))
		}
		fmt.Fprintf(w, "1 0 0 1 %.3f %.3f Tm\n<%04X> Tj\n", x0+g.x*size/1000, y0+g.y*size/1000, g.gid)
		if multi && (i+1 == len(gs) || gs[i+1].cluster != g.cluster) {
			w.WriteString("EMC\n")
		}
	}
}

// cmapChars maps glyphs only seen inside clusters to their own character
// when the font's cmap has one (as producers write them).
func cmapChars(face *ttf.Face, used map[uint16]float64, toUni map[uint16]string) {
	chars := map[uint16]rune{}
	it := face.Cmap.Iter()
	for it.Next() {
		r, gid := it.Char()
		if old, ok := chars[uint16(gid)]; !ok || r < old {
			chars[uint16(gid)] = r
		}
	}
	for gid := range used {
		if _, ok := toUni[gid]; !ok {
			if r, ok := chars[gid]; ok {
				toUni[gid] = string(r)
			}
		}
	}
}

type obj struct{ dict, stream string }

// build writes objects 1..n (1 the catalog) with a correct xref table.
func build(objs ...obj) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if o.stream != "" {
			fmt.Fprintf(&b, "<<%s /Length %d>>\nstream\n%s\nendstream\n", o.dict, len(o.stream), o.stream)
		} else {
			b.WriteString(o.dict + "\n")
		}
		b.WriteString("endobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// UTF16Hex is s in UTF-16BE hex with a byte-order mark, as PDF text strings and ActualText take it.
func UTF16Hex(s string) string {
	var b strings.Builder
	b.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// WArray is a CIDFont /W array of the glyph widths.
func WArray(widths map[uint16]float64) string {
	ids := make([]int, 0, len(widths))
	for g := range widths {
		ids = append(ids, int(g))
	}
	sort.Ints(ids)
	var b strings.Builder
	b.WriteString("[")
	for _, g := range ids {
		fmt.Fprintf(&b, " %d [%.0f]", g, widths[uint16(g)])
	}
	b.WriteString(" ]")
	return b.String()
}

// ToUnicodeCMap is a ToUnicode CMap of glyph ids to their text.
func ToUnicodeCMap(m map[uint16]string) string {
	ids := make([]int, 0, len(m))
	for g := range m {
		ids = append(ids, int(g))
	}
	sort.Ints(ids)
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Generated def /CMapType 2 def\n")
	b.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for i := 0; i < len(ids); i += 100 {
		chunk := ids[i:min(i+100, len(ids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <%s>\n", g, UTF16Hex(m[uint16(g)])[4:])
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end\n")
	return b.String()
}

// Deflate compresses b for a /FlateDecode stream.
func Deflate(b []byte) string {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.String()
}

// ImagePDF writes a PDF whose pages are only images, as a scanner makes
// them: each image fills a page of w x h points.
func ImagePDF(images []image.Image, w, h float64) ([]byte, error) {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	for i, img := range images {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return nil, err
		}
		name := fmt.Sprintf("scan%d", i)
		f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &b)
		f.AddPage()
		f.ImageOptions(name, 0, 0, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
