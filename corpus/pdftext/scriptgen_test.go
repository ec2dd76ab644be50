package pdftext

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-text/typesetting/di"
	ttf "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/evidence-workbench/workbench/internal/testkit/scriptpdf"
)

// scriptSample is a passage in one of the region's scripts and the Noto font
// (Debian's fonts-noto-core) that draws it.
type scriptSample struct {
	name, font, lang string
	script           language.Script
	paragraphs       []string
}

// scriptSamples are the source texts of the generated non-Latin test set.
var scriptSamples = []scriptSample{
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
}

// shapedOpts chooses how a generated PDF records the text behind its glyphs.
type shapedOpts struct {
	toUnicode  bool // a ToUnicode CMap mapping each glyph to its text (clusters of one glyph; else the cmap's character)
	actualText bool // clusters of several glyphs wrapped in /ActualText spans, as LibreOffice and Chromium do
	perGlyph   bool // every glyph placed with its own Tm (else TJ runs, Tm only for offset marks)
}

// variantName names a generation variant.
func (o shapedOpts) variantName() string {
	var parts []string
	if o.toUnicode {
		parts = append(parts, "tounicode")
	} else {
		parts = append(parts, "no-tounicode")
	}
	if o.actualText {
		parts = append(parts, "actualtext")
	}
	if o.perGlyph {
		parts = append(parts, "per-glyph")
	}
	return strings.Join(parts, "+")
}

// shapedVariants are the generation variants of the test set.
var shapedVariants = []shapedOpts{
	{toUnicode: true, actualText: true},
	{toUnicode: true},
	{toUnicode: false, perGlyph: true},
	{toUnicode: false},
}

// shapedGlyph is one positioned glyph of a line.
type shapedGlyph struct {
	gid                  uint16
	x, y                 float64 // in thousandths of an em from the line start
	cluster, clusterSize int     // first rune of its cluster, glyphs in the cluster
	text                 string  // the cluster's text (on the cluster's first glyph)
}

// shapeLine shapes one line of text with HarfBuzz.
func shapeLine(face *ttf.Face, s scriptSample, text string) []shapedGlyph {
	runes := []rune(text)
	out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
		Text: runes, RunStart: 0, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face,
		Size: fixed.I(1000), Script: s.script, Language: language.NewLanguage(s.lang),
	})
	var gs []shapedGlyph
	pen := 0.0
	f := func(v fixed.Int26_6) float64 { return float64(v) / 64 }
	for i, g := range out.Glyphs {
		sg := shapedGlyph{gid: uint16(g.GlyphID), x: pen + f(g.XOffset), y: f(g.YOffset), cluster: g.ClusterIndex, clusterSize: g.GlyphCount}
		if i == 0 || out.Glyphs[i-1].ClusterIndex != g.ClusterIndex {
			sg.text = string(runes[g.ClusterIndex : g.ClusterIndex+g.RuneCount])
		}
		gs = append(gs, sg)
		pen += f(g.XAdvance)
	}
	return gs
}

// wrapLines breaks paragraphs at spaces into lines at most width thousandths of an em wide.
func wrapLines(face *ttf.Face, s scriptSample, width float64) [][]string {
	var paras [][]string
	for _, p := range s.paragraphs {
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

// shapedPDF writes a one-page PDF of the sample's paragraphs, shaped with
// HarfBuzz and drawn in the full (not subset) font embedded as a CIDFontType2
// with Identity-H encoding; it also returns the text as laid out (lines
// joined by "\n", paragraphs by an empty line).
func shapedPDF(t testing.TB, s scriptSample, o shapedOpts) ([]byte, string) {
	path := findFont(s.font)
	if path == "" {
		t.Skipf("font %s not installed (apt-get install fonts-noto-core)", s.font)
	}
	fontData, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	face, err := ttf.ParseTTF(bytes.NewReader(fontData))
	if err != nil {
		t.Fatal(err)
	}
	upem := float64(face.Upem())
	ext, _ := face.FontHExtents()
	ascent, descent := float64(ext.Ascender)*1000/upem, float64(ext.Descender)*1000/upem
	const size, left, top = 14.0, 56.0, 780.0
	// Line spacing as word processors set it from the fonts' own metrics.
	lead := 1.5 * size
	if s.script == language.Khmer || s.script == language.Myanmar {
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
			gs := shapeLine(face, s, line)
			fmt.Fprintf(&content, "BT /F1 %g Tf\n", size)
			writeShapedLine(&content, gs, o, left, y, size, face, upem, widths, toUni)
			content.WriteString("ET\n")
			y -= lead
		}
		y -= lead / 2
	}
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"},
		{dict: "/Filter /FlateDecode", stream: scriptpdf.Deflate(content.Bytes())},
	}
	name := strings.TrimSuffix(s.font, ".ttf")
	tu := ""
	if o.toUnicode {
		tu = " /ToUnicode 9 0 R"
	}
	objs = append(objs,
		obj{dict: fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [6 0 R]%s >>", name, tu)},
		obj{dict: fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap /Identity /DW 1000 /W %s >>", name, scriptpdf.WArray(widths))},
		obj{dict: fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-500 -400 1500 1200] /ItalicAngle 0 /Ascent %.0f /Descent %.0f /CapHeight 714 /StemV 80 /FontFile2 8 0 R >>", name, ascent, descent)},
		obj{dict: fmt.Sprintf("/Filter /FlateDecode /Length1 %d", len(fontData)), stream: scriptpdf.Deflate(fontData)},
	)
	if o.toUnicode {
		objs = append(objs, obj{stream: scriptpdf.ToUnicodeCMap(toUni)})
	}
	return buildPDF(objs...), strings.Join(laidOut, "\n\n")
}

// writeShapedLine writes one line's glyphs.
func writeShapedLine(w *bytes.Buffer, gs []shapedGlyph, o shapedOpts, x0, y0, size float64, face *ttf.Face, upem float64,
	widths map[uint16]float64, toUni map[uint16]string) {
	inTJ := false
	penX := 0.0 // where the PDF pen is after the last shown glyph (thousandths of an em)
	closeTJ := func() {
		if inTJ {
			w.WriteString("] TJ\n")
			inTJ = false
		}
	}
	place := func(g shapedGlyph) {
		fmt.Fprintf(w, "1 0 0 1 %.3f %.3f Tm\n", x0+g.x*size/1000, y0+g.y*size/1000)
		penX = g.x
	}
	for i, g := range gs {
		adv := float64(face.HorizontalAdvance(ttf.GID(g.gid))) * 1000 / upem
		widths[g.gid] = adv
		if g.text != "" && g.clusterSize == 1 {
			if _, ok := toUni[g.gid]; !ok {
				toUni[g.gid] = g.text
			}
		}
		multi := o.actualText && g.clusterSize > 1
		if multi && g.text != "" { // a cluster of several glyphs starts
			closeTJ()
			fmt.Fprintf(w, "/Span << /ActualText <%s> >> BDC\n", scriptpdf.UTF16Hex(g.text))
		}
		if o.perGlyph || g.y != 0 || multi {
			closeTJ()
			place(g)
			fmt.Fprintf(w, "<%04X> Tj\n", g.gid)
		} else {
			if !inTJ {
				if i == 0 || penX != g.x {
					place(g)
				}
				w.WriteString("[")
				inTJ = true
			} else if d := g.x - penX; d != 0 {
				fmt.Fprintf(w, " %.1f ", -d)
			}
			fmt.Fprintf(w, "<%04X>", g.gid)
		}
		penX = g.x + adv
		if multi && (i+1 == len(gs) || gs[i+1].cluster != g.cluster) {
			closeTJ()
			w.WriteString("EMC\n")
		}
	}
	closeTJ()
	// Glyphs that only occur inside clusters of several glyphs get their own
	// character when the font's cmap has one (as producers write them).
	if o.toUnicode {
		chars := map[uint16]rune{}
		it := face.Cmap.Iter()
		for it.Next() {
			r, gid := it.Char()
			if old, ok := chars[uint16(gid)]; !ok || r < old {
				chars[uint16(gid)] = r
			}
		}
		for _, g := range gs {
			if _, ok := toUni[g.gid]; !ok {
				if r, ok := chars[g.gid]; ok {
					toUni[g.gid] = string(r)
				}
			}
		}
	}
}

// libreOfficeFont is the family name LibreOffice knows a sample's font by.
func (s scriptSample) family() string {
	name := strings.TrimSuffix(s.font, "-Regular.ttf")
	var b strings.Builder
	for i, r := range name {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fodt writes a sample as a flat OpenDocument text, its font set for Western,
// Asian and complex (CTL) text alike.
func (s scriptSample) fodt() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="F" svg:font-family="'`)
	b.WriteString(s.family())
	b.WriteString(`'"/></office:font-face-decls>
<office:automatic-styles><style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.3cm"/><style:text-properties style:font-name="F" style:font-name-asian="F" style:font-name-complex="F" fo:font-size="14pt" style:font-size-asian="14pt" style:font-size-complex="14pt" fo:language="`)
	b.WriteString(s.lang)
	b.WriteString(`" style:language-complex="`)
	b.WriteString(s.lang)
	b.WriteString(`"/></style:style></office:automatic-styles>
<office:body><office:text>`)
	for _, p := range s.paragraphs {
		b.WriteString(`<text:p text:style-name="P1">`)
		b.WriteString(p)
		b.WriteString(`</text:p>`)
	}
	b.WriteString(`</office:text></office:body></office:document>`)
	return b.String()
}

var (
	loOnce sync.Once
	loDir  string
	loErr  error
)

// libreOfficePDFs converts every sample with LibreOffice (subset TrueType
// fonts, ToUnicode CMaps, /ActualText for clusters, as a real word processor
// writes them), once per test process, into a cache folder keyed by the
// samples' content. It skips when soffice is not installed.
func libreOfficePDFs(t testing.TB) string {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	loOnce.Do(func() {
		h := sha256.New()
		for _, s := range scriptSamples {
			h.Write([]byte(s.fodt()))
		}
		loDir = filepath.Join(os.TempDir(), fmt.Sprintf("ewb-lo-%x", h.Sum(nil)[:8]))
		if _, err := os.Stat(filepath.Join(loDir, "done")); err == nil {
			return
		}
		if loErr = os.MkdirAll(loDir, 0o755); loErr != nil {
			return
		}
		args := []string{"-env:UserInstallation=file://" + filepath.Join(loDir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", loDir}
		for _, s := range scriptSamples {
			p := filepath.Join(loDir, s.name+".fodt")
			if loErr = os.WriteFile(p, []byte(s.fodt()), 0o644); loErr != nil {
				return
			}
			args = append(args, p)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
			loErr = fmt.Errorf("soffice: %v: %s", err, out)
			return
		}
		loErr = os.WriteFile(filepath.Join(loDir, "done"), nil, 0o644)
	})
	if loErr != nil {
		t.Fatal(loErr)
	}
	return loDir
}

// stripToUnicode hides a PDF's ToUnicode maps and ActualText spans (same
// length, so offsets stay valid): the text must then come from the fonts.
func stripToUnicode(data []byte) []byte {
	data = bytes.ReplaceAll(data, []byte("/ToUnicode"), []byte("/NoUnicode"))
	return bytes.ReplaceAll(data, []byte("/ActualText"), []byte("/ActualTexx"))
}
