package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestChunkStudyOffsets(t *testing.T) {
	para := func(n int, word string) string {
		return strings.TrimSpace(strings.Repeat(word+" is a sentence about recruitment fees. ", n))
	}
	long := para(120, "Ýêñ") // one paragraph of ~5,000 code points, with non-ASCII letters
	pages := []string{
		"Title page\n\nA study of migrant workers",
		para(10, "first") + "\n\n" + para(30, "second") + "\n  \n" + para(30, "third") + "\n\n" + para(30, "fourth"),
		"",
		long,
		"\n\n  short last page  \n",
	}
	text := strings.Join(pages, "\f")
	runes := []rune(text)
	chunks := ChunkStudy(StudyInfo{GUID: "g", Title: "T", Year: 2020, Countries: []string{"Laos"}}, text, nil)

	pageOf := make([]int, len(runes))
	page := 1
	for i, r := range runes {
		pageOf[i] = page
		if r == '\f' {
			page++
		}
	}
	seenPages := map[int]bool{}
	prevEnd := 0
	for i, c := range chunks {
		if c.ID != fmt.Sprintf("g/%04d", i) || c.Study != "g" || c.Title != "T" || c.Year != 2020 || c.Countries[0] != "Laos" {
			t.Errorf("chunk %d metadata = %+v", i, c)
		}
		if c.Start < prevEnd || c.End <= c.Start || c.End > len(runes) {
			t.Fatalf("chunk %d range [%d,%d) after %d", i, c.Start, c.End, prevEnd)
		}
		prevEnd = c.End
		if got := string(runes[c.Start:c.End]); got != c.Text {
			t.Errorf("chunk %d text does not match its offsets", i)
		}
		if n := c.End - c.Start; n > maxChunk {
			t.Errorf("chunk %d has %d code points", i, n)
		}
		if pageOf[c.Start] != c.Page || pageOf[c.End-1] != c.Page {
			t.Errorf("chunk %d page %d spans pages %d-%d", i, c.Page, pageOf[c.Start], pageOf[c.End-1])
		}
		if strings.ContainsRune(c.Text, '\f') || strings.TrimSpace(c.Text) != c.Text {
			t.Errorf("chunk %d not trimmed to one page: %q", i, c.Text[:20])
		}
		seenPages[c.Page] = true
	}
	for _, p := range []int{1, 2, 4, 5} {
		if !seenPages[p] {
			t.Errorf("page %d has no chunk", p)
		}
	}
	if seenPages[3] {
		t.Error("empty page 3 has a chunk")
	}
	// all non-space text is covered
	covered := 0
	for _, c := range chunks {
		covered += len(strings.Join(strings.Fields(c.Text), ""))
	}
	if want := len(strings.Join(strings.Fields(strings.ReplaceAll(text, "\f", " ")), "")); covered != want {
		t.Errorf("chunks cover %d bytes of non-space text, want %d", covered, want)
	}
	// page 2 (~5,000 code points in 4 paragraphs) splits at paragraph ends
	for _, c := range chunks {
		if c.Page == 2 && !strings.HasSuffix(c.Text, ".") {
			t.Errorf("page 2 chunk does not end at a paragraph end: %q", c.Text[len(c.Text)-20:])
		}
	}
}

func TestChunkStudyPageStarts(t *testing.T) {
	text := "one\ftwo two\fthree"
	chunks := ChunkStudy(StudyInfo{GUID: "g"}, text, []int{0, 4, 12})
	if len(chunks) != 3 || chunks[1].Text != "two two" || chunks[1].Start != 4 || chunks[2].Page != 3 {
		t.Errorf("chunks = %+v", chunks)
	}
	// inconsistent page starts fall back to form feeds
	chunks = ChunkStudy(StudyInfo{GUID: "g"}, text, []int{5, 2})
	if len(chunks) != 3 || chunks[2].Text != "three" || chunks[2].Start != 12 {
		t.Errorf("fallback chunks = %+v", chunks)
	}
}

func TestDetectScript(t *testing.T) {
	tests := []struct{ text, script, field string }{
		{"Forced labour in fishing", ScriptLatin, fieldTextEn},
		{"แรงงานข้ามชาติ in Thailand", ScriptThai, fieldTextSEA},
		{"ພາສາລາວ", ScriptLao, fieldTextSEA},
		{"ពលករចំណាកស្រុក", ScriptKhmer, fieldTextSEA},
		{"အလုပ်သမား", ScriptMyanmar, fieldTextSEA},
		{"Người lao động di cư", ScriptLatin, fieldTextUni},
		{"Трудовая миграция", ScriptOther, fieldTextUni},
	}
	for _, tt := range tests {
		c := ChunkStudy(StudyInfo{GUID: "g"}, tt.text, nil)[0]
		if c.Script != tt.script || textFieldFor(c.Lang, c.Script) != tt.field {
			t.Errorf("%q: script %s lang %q field %s, want %s %s", tt.text, c.Script, c.Lang, textFieldFor(c.Lang, c.Script), tt.script, tt.field)
		}
	}
}

func TestSEATokenizer(t *testing.T) {
	ix, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var got []string
	for _, tok := range ix.analyze(analyzerSEA, "ค่าจ้าง ILO report ก") {
		got = append(got, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
	}
	want := "ค่@1 ่า@2 าจ@3 จ้@4 ้า@5 าง@6 ilo@7 report@8 ก@9"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens = %s, want %s", strings.Join(got, " "), want)
	}
}
