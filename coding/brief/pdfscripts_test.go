package brief

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/evidence-workbench/workbench/coding/brief/typeset"
	"github.com/evidence-workbench/workbench/coding/brief/typeset/typesettest"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// scriptQuotes are quotes in the region's five scripts, with their words
// marked by hand ("|" between words written together; a space is a word
// boundary too). A line of the PDF may end only where a word ends.
var scriptQuotes = []struct {
	lang, words string
}{
	{"Thai", "แรงงาน|ข้าม|ชาติ|หลาย|คน|ถูก|นายจ้าง|ยึด|หนังสือ|เดินทาง|และ|ไม่|ได้|รับ|ค่า|จ้าง|ตาม|ที่|ตกลง|กัน|ไว้ " +
		"เมื่อ|พวก|เขา|ขอ|ลา|ออก|นายจ้าง|ก็|ขู่|ว่า|จะ|แจ้ง|ตำรวจ|ให้|จับกุม|และ|ส่ง|ตัว|กลับ|ประเทศ"},
	{"Lao", "ແຮງງານ|ລາວ|ຫຼາຍ|ຄົນ|ຖືກ|ນາຍ|ຈ້າງ|ຍຶດ|ໜັງສື|ຜ່ານ|ແດນ ແລະ ບໍ່|ໄດ້|ຮັບ|ຄ່າ|ຈ້າງ|ຕາມ|ທີ່|ໄດ້|ຕົກລົງ|ກັນ|ໄວ້ " +
		"ເມື່ອ|ພວກ|ເຂົາ|ຂໍ|ລາ|ອອກ ນາຍ|ຈ້າງ|ກໍ|ຂູ່|ວ່າ|ຈະ|ແຈ້ງ|ຕຳຫຼວດ"},
	{"Khmer", "កម្មករ|ចំណាក|ស្រុក|ជា|ច្រើន|ត្រូវ|បាន|រឹបអូស|លិខិត|ឆ្លង|ដែន ហើយ|មិន|បាន|ទទួល|ប្រាក់|ឈ្នួល|តាម|ការ|សន្យា " +
		"នៅ|ពេល|ពួក|គេ|សុំ|ឈប់ ថៅកែ|បាន|គំរាម|ថា|នឹង|ប្តឹង|ប៉ូ|លី|ស"},
	{"Burmese", "အလုပ်|သမား|အများ|အပြား|သည် နိုင်ငံ|ကူး|လက်မှတ်|ကို အလုပ်|ရှင်|က သိမ်းဆည်း|ထား|ခြင်း ခံ|ရ|သည်။ " +
		"အလုပ်|ထွက်|ရန် တောင်း|ဆို|သော|အခါ ရဲ|ကို တိုင်|ကြား|မည်|ဟု ခြိမ်းခြောက်|ခံ|ရ|သည်။"},
	{"Vietnamese", "Người lao động di cư bị chủ sử dụng lao động giữ hộ chiếu và không được trả lương như đã thỏa thuận; " +
		"khi họ xin nghỉ việc, chủ đe dọa sẽ báo công an."},
}

// scriptsData is a project whose quotes and authors are in the five scripts.
func scriptsData() Data {
	d := Data{Project: "ການຄ້າມະນຸດ Mekong review", Themes: []Theme{{CodeGUID: "t1", Name: "Document retention"}, {CodeGUID: "t2", Name: "Threats of denunciation"}}}
	authors := []string{"สมชาย ใจดี", "Khamla Vongsay", "Chan Sophea", "Daw Hnin Wai", "Nguyen Van Minh"}
	for i, q := range scriptQuotes {
		guid := "s" + string(rune('1'+i))
		d.Studies = append(d.Studies, Study{GUID: guid, Title: "Forced labour study in " + q.lang, Year: 2018 + i,
			Authors: names.ParseTexts([]string{authors[i]}), Countries: []string{q.lang + " country"}, Sectors: []string{"Agriculture"},
			Status: "included", Rating: "medium"})
		d.Quotes = append(d.Quotes, Quote{StudyGUID: guid, CodeGUID: "t1", Text: quoteText(q.words), Page: 3, Coder: "A", Consensus: true})
	}
	return d
}

// quoteText removes the word marks.
func quoteText(words string) string { return strings.ReplaceAll(words, "|", "") }

// noSpace drops white space.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestPDFScripts renders the PDF brief of a project with quotes in Thai,
// Lao, Khmer, Burmese and Vietnamese and checks that: every glyph exists in
// the bundled fonts; every run of text, rasterised by poppler, matches
// HarfBuzz's own rendering (hb-view) of the same text in the same font; the
// quotes' lines end only between words; the fonts are embedded as subsets
// with ToUnicode maps; and pdftotext gives the quotes back.
func TestPDFScripts(t *testing.T) {
	b := mustBuild(t, scriptsData(), Filter{MaxQuotes: 5})
	var md bytes.Buffer
	if err := execText(&md, b, PDF, figures(b), mustTemplate(t, PDF)); err != nil {
		t.Fatal(err)
	}
	w, err := layoutPDF(b, parseBlocks(md.String()), figures(b))
	if err != nil {
		t.Fatal(err)
	}
	if m := w.e.Missing(); len(m) > 0 {
		t.Errorf("characters without a glyph: %v", m)
	}
	dir := t.TempDir()
	if keep := os.Getenv("BRIEF_KEEP"); keep != "" {
		dir = keep
	}
	path := filepath.Join(dir, "scripts.pdf")
	var buf bytes.Buffer
	if _, err := w.doc.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// Lines end between words.
	var lines []typeset.Placed
	for _, p := range w.doc.Pages() {
		lines = append(lines, p.Placed()...)
	}
	for _, q := range scriptQuotes {
		checkWordBreaks(t, q.lang, q.words, lines)
	}

	// Text extraction gives the quotes back.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v %s", err, out)
		}
		text := noSpace(string(out))
		for _, q := range scriptQuotes {
			if !strings.Contains(text, noSpace(quoteText(q.words))) {
				t.Errorf("pdftotext does not give the %s quote back", q.lang)
			}
		}
		fonts, _ := exec.Command("pdffonts", path).CombinedOutput()
		for _, want := range []string{"NotoSansThai", "NotoSansLao", "NotoSansKhmer", "NotoSansMyanmar", "NotoSans-Italic"} {
			if !strings.Contains(string(fonts), "+"+want) {
				t.Errorf("font %s not embedded as a subset:\n%s", want, fonts)
			}
		}
		for _, l := range strings.Split(string(fonts), "\n")[2:] {
			if strings.TrimSpace(l) != "" && !strings.Contains(l, "yes yes yes") {
				t.Errorf("font not embedded, subset and mapped to Unicode: %s", l)
			}
		}
	} else {
		t.Log("pdftotext not installed: extraction not checked")
	}

	// Rendering matches HarfBuzz.
	typesettest.Tools(t)
	n := 0
	for _, p := range w.doc.Pages() {
		for _, r := range typesettest.Compare(t, path, p, 216, compared) {
			n++
			if !r.OK() {
				t.Errorf("%s", r)
			}
		}
	}
	if n < 60 {
		t.Errorf("only %d runs compared", n)
	}
}

// compared picks the runs that TestPDFScripts compares with HarfBuzz: dark
// text on a light ground (not the evidence map's white labels) with three
// letters or more (a lone quotation mark between two runs in other fonts
// is all edges, touched by its neighbours' ink).
func compared(pl typeset.Placed, r typeset.Run) bool {
	letters := 0
	for _, c := range r.Text {
		if unicode.IsLetter(c) {
			letters++
		}
	}
	return pl.Color.R < 160 && pl.Color.G < 160 && letters >= 3
}

// checkWordBreaks finds the lines that set a quote and checks that each
// line but the last ends where a word ends.
func checkWordBreaks(t *testing.T, lang, words string, lines []typeset.Placed) {
	t.Helper()
	quote := noSpace(quoteText(words))
	ends := map[int]bool{}
	pos := 0
	for _, w := range strings.FieldsFunc(words, func(r rune) bool { return r == '|' || unicode.IsSpace(r) }) {
		pos += len([]rune(w))
		ends[pos] = true
	}
	head := string([]rune(quote)[:4])
	for i, l := range lines {
		if !strings.Contains(noSpace(l.Line.Text), head) {
			continue
		}
		joined := ""
		var cuts []int // rune offsets in joined where lines end
		for k := i; k < len(lines) && !strings.Contains(joined, quote); k++ {
			joined += noSpace(lines[k].Line.Text)
			cuts = append(cuts, len([]rune(joined)))
		}
		at := strings.Index(joined, quote)
		if at < 0 {
			t.Errorf("%s: the quote is not set whole", lang)
			return
		}
		start := len([]rune(joined[:at]))
		if len(cuts) < 2 {
			t.Errorf("%s: the quote fits one line: the test checks no line break", lang)
		}
		for _, c := range cuts[:len(cuts)-1] {
			if off := c - start; off > 0 && off < len([]rune(quote)) && !ends[off] {
				t.Errorf("%s: a line ends inside a word: %q | %q", lang, string([]rune(quote)[max(0, off-6):off]), string([]rune(quote)[off:min(off+6, len([]rune(quote)))]))
			}
		}
		return
	}
	t.Errorf("%s: quote not found in the PDF's lines", lang)
}

func mustTemplate(t *testing.T, f Format) string {
	t.Helper()
	s, err := DefaultTemplate(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
