package typeset

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scriptSamples are quotes in the region's five scripts.
var scriptSamples = []string{
	"แรงงานข้ามชาติหลายคนถูกนายจ้างยึดหนังสือเดินทางและไม่ได้รับค่าจ้างตามที่ตกลงกันไว้",
	"ແຮງງານລາວຫຼາຍຄົນຖືກນາຍຈ້າງຍຶດໜັງສືຜ່ານແດນ ແລະ ບໍ່ໄດ້ຮັບຄ່າຈ້າງ",
	"កម្មករចំណាកស្រុកជាច្រើនត្រូវបានរឹបអូសលិខិតឆ្លងដែន ហើយមិនបានទទួលប្រាក់ឈ្នួល",
	"အလုပ်သမားအများအပြားသည် နိုင်ငံကူးလက်မှတ်ကို အလုပ်ရှင်က သိမ်းဆည်းထားခြင်း ခံရသည်",
	"Người lao động di cư bị chủ sử dụng lao động giữ hộ chiếu và không được trả lương",
}

func writeSample(t *testing.T, path string, width float64) *Doc {
	t.Helper()
	e := mustEngine(t)
	d := NewDoc(e)
	d.Title = "Scripts ทดสอบ"
	p := d.AddPage(595.28, 841.89)
	y := 60.0
	d.Outline("Scripts", 0, p, y)
	for i, s := range scriptSamples {
		st := Style{Italic: i%2 == 1}
		for _, l := range e.Layout([]Span{{Text: s, Style: st}}, 11, width) {
			y += 11 * 1.6
			p.Text(l, 56, y, Hex("222222"))
		}
		y += 10
	}
	red := Hex("c00000")
	p.Rect(56, y, 100, 20, &red, nil, 0)
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPDFTextComesBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	path := filepath.Join(t.TempDir(), "s.pdf")
	writeSample(t, path, 300)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v %s", err, out)
	}
	got := strings.Join(strings.Fields(string(out)), "")
	for _, s := range scriptSamples {
		if !strings.Contains(got, strings.Join(strings.Fields(s), "")) {
			t.Errorf("pdftotext lost %q:\n%s", s, out)
		}
	}
	// Every extracted line is a piece of a sample as written: no space
	// inserted inside a word, no character out of order.
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "\f") {
			continue
		}
		found := false
		for _, s := range scriptSamples {
			found = found || strings.Contains(s, l)
		}
		if !found {
			t.Errorf("extracted line %q is not in the text", l)
		}
	}
	fonts, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v %s", err, fonts)
	}
	for _, l := range strings.Split(string(fonts), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 0 && (!strings.Contains(l, "CID TrueType") || !strings.Contains(l, "yes yes yes")) {
			t.Errorf("font not embedded as a subset with ToUnicode: %s", l)
		}
	}
}
