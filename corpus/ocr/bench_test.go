package ocr

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// Issue 13's OCR targets: a born-digital English page rendered to an image
// and OCR'd scores word-F1 >= 0.95 against its own text layer; for Thai
// and Khmer pages (generated here) the figure is stated.

// sharedCorpus returns ../shared/corpus beside the repository root (also
// from a worktree one level deeper), skipping when absent.
func sharedCorpus(tb testing.TB) string {
	tb.Helper()
	for _, up := range []string{"../../..", "../../../.."} {
		dir := filepath.Join(up, "shared", "corpus")
		if _, err := os.Stat(filepath.Join(dir, "SOURCES.tsv")); err == nil {
			return dir
		}
	}
	tb.Skip("../shared/corpus not present")
	return ""
}

// englishPages are born-digital English pages (file, 0-based page) of
// several kinds: journal paper, two-column paper, government report,
// federal register (three columns), a table.
var englishPages = []struct {
	file string
	page int
}{
	{"plumb_issue-316-example.pdf", 1},
	{"pypdf_pdflatex-4-pages.pdf", 0},
	{"pypdf_multicolumn.pdf", 0},
	{"plumb_federal-register-2020-17221.pdf", 1},
	{"plumb_issue-53-example.pdf", 0},
	{"plumb_ca-warn-report.pdf", 1},
}

// BenchmarkOCREnglish renders each page at 300 dpi with pdfpage, OCRs it
// (eng) and scores the words against pdftotext's text of the same page.
func BenchmarkOCREnglish(b *testing.B) {
	ts := mustTesseract(b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	dir := sharedCorpus(b)
	for b.Loop() {
		var f1s []float64
		var took time.Duration
		for _, ep := range englishPages {
			path := filepath.Join(dir, ep.file)
			data, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			d := mustDoc(b, data)
			t0 := time.Now()
			pages, err := ts.OCR(context.Background(), d, []int{ep.page}, Options{Lang: "eng"}, nil)
			if err != nil {
				b.Fatal(err)
			}
			dt := time.Since(t0)
			took += dt
			p := strconv.Itoa(ep.page + 1)
			ref, err := exec.Command("pdftotext", "-f", p, "-l", p, path, "-").Output()
			if err != nil {
				b.Fatal(err)
			}
			f1 := multisetF1(words(string(ref)), words(pages[0].Text))
			f1s = append(f1s, f1)
			fmt.Printf("OCR eng %-40s p%d  word-F1 %.3f  words %d/%d  conf %.1f  %.1f s\n", ep.file, ep.page+1, f1,
				len(words(pages[0].Text)), len(words(string(ref))), pages[0].Conf(), dt.Seconds())
		}
		b.ReportMetric(median(f1s), "word-F1-median")
		b.ReportMetric(slices.Min(f1s), "word-F1-min")
		b.ReportMetric(took.Seconds()/float64(len(f1s)), "s/page")
	}
}

// generated are pages in the region's scripts, typeset here by LibreOffice
// with Noto fonts (HTML to PDF), 14 pt, two paragraphs each.
var generated = []struct {
	name, lang, font string
	paras            []string
	unspaced         bool
}{
	{"Thai", "tha+eng", "Noto Sans Thai", []string{
		"แรงงานข้ามชาติจำนวนมากในประเทศไทยทำงานในภาคประมงและการเกษตร หลายคนถูกหลอกลวงเรื่องค่าจ้างและสภาพการทำงานก่อนเดินทาง นายหน้าบางรายเก็บค่าธรรมเนียมสูงจนแรงงานต้องกู้ยืมเงินและตกอยู่ในภาวะหนี้สิน",
		"นายจ้างบางรายยึดหนังสือเดินทางไว้ ทำให้แรงงานไม่สามารถเปลี่ยนงานหรือเดินทางกลับบ้านได้ การศึกษานี้สัมภาษณ์แรงงานหญิงและชายจากกัมพูชา ลาว และเมียนมา ในจังหวัดสมุทรสาครและระนอง",
	}, true},
	{"Khmer", "khm+eng", "Noto Sans Khmer", []string{
		"ពលករចំណាកស្រុកជាច្រើនធ្វើការនៅក្នុងវិស័យនេសាទ និងកសិកម្ម។ មនុស្សជាច្រើនត្រូវបានបោកបញ្ឆោតអំពីប្រាក់ឈ្នួល និងលក្ខខណ្ឌការងារ មុនពេលចាកចេញពីផ្ទះ។",
		"ឈ្មួញកណ្តាលខ្លះយកថ្លៃសេវាខ្ពស់ ធ្វើឱ្យពលករត្រូវខ្ចីប្រាក់ និងជាប់បំណុល។ ការសិក្សានេះបានសម្ភាសពលករស្ត្រី និងបុរសនៅក្នុងខេត្តបាត់ដំបង និងបន្ទាយមានជ័យ។",
	}, true},
	{"Lao", "lao+eng", "Noto Sans Lao", []string{
		"ແຮງງານເຄື່ອນຍ້າຍຈຳນວນຫຼາຍເຮັດວຽກຢູ່ໃນຂະແໜງການປະມົງ ແລະ ກະສິກຳ. ຫຼາຍຄົນຖືກຫຼອກລວງກ່ຽວກັບຄ່າແຮງງານ ແລະ ສະພາບການເຮັດວຽກ.",
		"ນາຍຈ້າງບາງຄົນຍຶດໜັງສືຜ່ານແດນໄວ້ ເຮັດໃຫ້ແຮງງານບໍ່ສາມາດປ່ຽນວຽກ ຫຼື ກັບບ້ານໄດ້.",
	}, true},
	{"Burmese", "mya+eng", "Noto Sans Myanmar", []string{
		"ရွှေ့ပြောင်းအလုပ်သမားအများအပြားသည် ငါးဖမ်းလုပ်ငန်းနှင့် စိုက်ပျိုးရေးကဏ္ဍတွင် အလုပ်လုပ်ကြသည်။ အများအပြားသည် လုပ်ခလစာနှင့် အလုပ်အခြေအနေများအကြောင်း လိမ်လည်ခံရသည်။",
		"အလုပ်ရှင်အချို့သည် နိုင်ငံကူးလက်မှတ်များကို သိမ်းဆည်းထားသည်။",
	}, true},
	{"Vietnamese", "vie+eng", "Noto Sans", []string{
		"Nhiều lao động di cư làm việc trong ngành đánh bắt cá và nông nghiệp. Nhiều người bị lừa dối về tiền lương và điều kiện làm việc trước khi ra đi.",
		"Một số chủ sử dụng lao động giữ hộ chiếu của họ, khiến người lao động không thể đổi việc hoặc về nhà.",
	}, false},
}

// BenchmarkOCRScripts OCRs a generated page per script. Thai, Lao, Khmer
// and Burmese are written without spaces between words, so words cannot be
// counted the same way in the reference and the OCR: they are scored by
// character F1 (multiset of code points, whitespace ignored) and character
// error rate (edit distance over code points, whitespace ignored, divided
// by the reference's length); Vietnamese also by word-F1. Each page is
// read with Tesseract's automatic page segmentation (psm 3, the default)
// and as a single column (psm 4).
func BenchmarkOCRScripts(b *testing.B) {
	ts := mustTesseract(b)
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		b.Skip("LibreOffice (soffice) not installed")
	}
	dir := b.TempDir()
	for b.Loop() {
		for _, g := range generated {
			if err := ts.Check(context.Background(), g.lang); err != nil {
				fmt.Printf("OCR %s skipped: %v\n", g.name, err)
				continue
			}
			var body strings.Builder
			for _, p := range g.paras {
				body.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
			}
			src := filepath.Join(dir, g.name+".html")
			page := fmt.Sprintf("<html><head><meta charset=\"utf-8\"><style>body{font-family:'%s';font-size:14pt}</style></head><body>\n%s</body></html>\n", g.font, body.String())
			if err := os.WriteFile(src, []byte(page), 0o644); err != nil {
				b.Fatal(err)
			}
			cmd := exec.Command(soffice, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf", "--outdir", dir, src)
			cmd.Env = append(os.Environ(), "HOME="+dir) // a private LibreOffice profile
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("soffice: %v\n%s", err, out)
			}
			data, err := os.ReadFile(filepath.Join(dir, g.name+".pdf"))
			if err != nil {
				b.Fatal(err)
			}
			d := mustDoc(b, data)
			for _, psm := range []int{0, 4} {
				t0 := time.Now()
				pages, err := ts.OCR(context.Background(), d, []int{0}, Options{Lang: g.lang, PSM: psm}, nil)
				if err != nil {
					b.Fatal(err)
				}
				took := time.Since(t0)
				ref := strings.Join(g.paras, "\n\n")
				got := pages[0].Text
				cf1, cer := multisetF1(chars(ref), chars(got)), charErrorRate(ref, got)
				line := fmt.Sprintf("OCR %-10s %-8s psm %d  char-F1 %.3f  CER %.3f", g.name, g.lang, max(psm, 3), cf1, cer)
				if !g.unspaced {
					line += fmt.Sprintf("  word-F1 %.3f", multisetF1(words(ref), words(got)))
				}
				fmt.Printf("%s  %.1f s  conf %.1f\n", line, took.Seconds(), pages[0].Conf())
				if psm == 0 {
					b.ReportMetric(cf1, g.name+"-char-F1")
				}
			}
		}
	}
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// words splits text as ../shared/corpus/fidelity.py does: hyphenated line
// ends joined, runs of letters and digits, lower-cased.
func words(text string) []string {
	text = regexp.MustCompile(`(\w)-\n(\w)`).ReplaceAllString(text, "$1$2")
	w := wordRE.FindAllString(strings.ToLower(text), -1)
	return w
}

// chars returns the code points of text without whitespace.
func chars(text string) []string {
	var out []string
	for _, r := range text {
		if !unicode.IsSpace(r) {
			out = append(out, string(r))
		}
	}
	return out
}

// multisetF1 is the F1 of two multisets.
func multisetF1(ref, got []string) float64 {
	count := map[string]int{}
	for _, w := range ref {
		count[w]++
	}
	common := 0
	for _, w := range got {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(got)), float64(common)/float64(len(ref))
	return 2 * p * r / (p + r)
}

// charErrorRate is the edit distance between the texts' code points
// (whitespace removed) over the reference's length.
func charErrorRate(ref, got string) float64 {
	a, b := chars(ref), chars(got)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(max(len(a), 1))
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
