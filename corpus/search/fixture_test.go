package search

import (
	"context"
	"strings"
	"testing"
)

// testStudy is a study of the small test corpus, with its codings.
type testStudy struct {
	info  StudyInfo
	pages []string
	codes []CodeSpan
}

func (s testStudy) text() string { return strings.Join(s.pages, "\f") }

// runeIndex returns the code-point offset of the first occurrence of sub
// in s, or -1.
func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return len([]rune(s[:i]))
}

const (
	guidFish   = "11111111-0000-4000-8000-000000000001"
	guidBuild  = "22222222-0000-4000-8000-000000000002"
	guidThai   = "33333333-0000-4000-8000-000000000003"
	guidViet   = "44444444-0000-4000-8000-000000000004"
	guidKhmer  = "55555555-0000-4000-8000-000000000005"
	guidBurma  = "66666666-0000-4000-8000-000000000006"
	guidDomest = "77777777-0000-4000-8000-000000000007"
)

func testStudies() []testStudy {
	fish := testStudy{
		info: StudyInfo{GUID: guidFish, Title: "Forced labour on Thai fishing vessels", Authors: []string{"Ana Pereira", "Somchai Jaidee"},
			Year: 2016, Countries: []string{"Thailand", "Myanmar"}, Sectors: []string{"fishing"}, Method: "qualitative", Rigor: "high", Lang: "en"},
		pages: []string{
			"Introduction\n\nThis report examines the recruitment of migrant fishers from Myanmar to Thai fishing vessels.\n\nInterviews were conducted in 2014 and 2015.",
			"Findings\n\nMany fishers described debt bondage: recruitment brokers charged fees that took months to repay.\n\nThe recruiters kept identity documents, restricting freedom of movement.",
			"Conclusion\n\nInspections at port rarely reached vessels at sea.",
		},
	}
	at := runeIndex(fish.text(), "debt bondage")
	fish.codes = []CodeSpan{{Code: "debt bondage", Start: at, End: at + 12}}
	build := testStudy{
		info: StudyInfo{GUID: guidBuild, Title: "Wage theft in Malaysian construction", Authors: []string{"Lee Wei Ming"},
			Year: 2012, Countries: []string{"Malaysia"}, Sectors: []string{"construction"}, Method: "quantitative", Rigor: "medium", Lang: "en"},
		pages: []string{
			"A survey of 400 construction workers found widespread wage theft and excessive overtime.",
			"Workers reported that brokers retained passports. Debt was common but bondage was not reported.",
		},
	}
	domestic := testStudy{
		info: StudyInfo{GUID: guidDomest, Title: "Domestic workers in Hong Kong", Year: 2019, Countries: []string{"Hong Kong"},
			Sectors: []string{"domestic work"}, Method: "mixed", Rigor: "low", Lang: "en"},
		pages: []string{"Domestic workers recruited through agencies paid illegal placement fees. The happiest respondents had changed employers."},
	}
	thai := testStudy{
		info:  StudyInfo{GUID: guidThai, Title: "แรงงานข้ามชาติในอุตสาหกรรมประมง", Year: 2018, Countries: []string{"Thailand"}, Sectors: []string{"fishing"}, Method: "qualitative", Lang: "th"},
		pages: []string{"แรงงานข้ามชาติจำนวนมากถูกบังคับให้ทำงานบนเรือประมงเป็นเวลานาน\n\nนายหน้าเก็บค่าธรรมเนียมสูง"},
	}
	viet := testStudy{
		info:  StudyInfo{GUID: guidViet, Title: "Lao động di cư Việt Nam", Year: 2017, Countries: []string{"Vietnam"}, Sectors: []string{"manufacturing"}, Method: "qualitative"},
		pages: []string{"Người lao động di cư bị lừa đảo bởi các công ty môi giới và phải trả phí tuyển dụng cao."},
	}
	khmer := testStudy{
		info:  StudyInfo{GUID: guidKhmer, Title: "ពលករចំណាកស្រុក", Year: 2014, Countries: []string{"Cambodia"}, Sectors: []string{"agriculture"}, Method: "qualitative"},
		pages: []string{"ពលករចំណាកស្រុកជាច្រើនបានជំពាក់បំណុលមេខ្យល់។"},
	}
	burma := testStudy{
		info:  StudyInfo{GUID: guidBurma, Title: "မြန်မာ အလုပ်သမားများ", Year: 2015, Countries: []string{"Myanmar"}, Sectors: []string{"garments"}, Method: "qualitative"},
		pages: []string{"အလုပ်သမားများသည် အချိန်ပိုလုပ်ခိုင်းခံရသည်။"},
	}
	return []testStudy{fish, build, domestic, thai, viet, khmer, burma}
}

func studyChunks(s testStudy) []Chunk {
	chunks := ChunkStudy(s.info, s.text(), nil)
	AssignCodes(chunks, s.codes)
	return chunks
}

// newTestIndex returns a memory index holding the test corpus.
func newTestIndex(t *testing.T) (*Index, []testStudy) {
	t.Helper()
	ix, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	studies := testStudies()
	err = ix.Rebuild(context.Background(), func(yield func(Chunk) bool) error {
		for _, s := range studies {
			for _, c := range studyChunks(s) {
				if !yield(c) {
					return nil
				}
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ix, studies
}

func studyByGUID(studies []testStudy, guid string) testStudy {
	for _, s := range studies {
		if s.info.GUID == guid {
			return s
		}
	}
	return testStudy{}
}

// search runs q and returns the GUIDs of the matching studies, in order.
func search(t *testing.T, ix *Index, q string, opts Options) (*Results, []string) {
	t.Helper()
	res, err := ix.Search(context.Background(), q, opts)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var guids []string
	for _, g := range res.Groups {
		guids = append(guids, g.Study)
	}
	return res, guids
}
