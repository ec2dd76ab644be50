package refi

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSampleATLASCodebook(t *testing.T) {
	path := sample(t, "atlasti23.4-codebook.qdc")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cb, ws, err := ReadQDCFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	if cb.Origin != "ATLAS.ti Win 23.4.0" {
		t.Errorf("origin %q", cb.Origin)
	}
	n := 0
	WalkCodes(cb.Codes, func(*Code, *Code, int) { n++ })
	if want := countRe(raw, `<Code\s`); n != want || n != 1 {
		t.Fatalf("codes %d, file has %d", n, want)
	}
	c := cb.Codes[0]
	want := &Code{GUID: "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294", Name: "code1", IsCodable: true, Color: "#46AA00", Description: "description"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("code %+v, want %+v", c, want)
	}
	if len(cb.Sets) != countRe(raw, `<Set\s`) || len(cb.Sets) != 1 {
		t.Fatalf("sets %d", len(cb.Sets))
	}
	s := cb.Sets[0]
	if s.Name != "code group 1" || s.Description != "kategorie 1" || s.GUID != "eca18d76-2b8b-4f26-bc1d-19eca19fb3f0" ||
		!reflect.DeepEqual(s.MemberCodes, []string{c.GUID}) {
		t.Errorf("set %+v", s)
	}
}

func TestSampleTaguetteCodebook(t *testing.T) {
	path := sample(t, "taguette1.5-codebook.qdc")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cb, ws, err := ReadQDCFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 0 {
		t.Errorf("warnings: %v", ws)
	}
	n := 0
	WalkCodes(cb.Codes, func(*Code, *Code, int) { n++ })
	if want := countRe(raw, `<Code\s`); n != want {
		t.Fatalf("codes %d, file has %d", n, want)
	}
	// "interesting\places" became a child of "interesting".
	if len(cb.Codes) != 2 || cb.Codes[0].Name != "interesting" || cb.Codes[1].Name != "people" {
		t.Fatalf("top-level codes %v", names(cb.Codes))
	}
	kids := cb.Codes[0].Children
	if len(kids) != 1 || kids[0].Name != "places" || kids[0].GUID != "c3a5e7f9-1b2d-5c4e-a6f8-0d9e8c7b6a53" {
		t.Fatalf("children of interesting: %+v", kids)
	}
	if len(cb.Sets) != 0 {
		t.Errorf("sets %v from an empty <Sets/>", cb.Sets)
	}
}

func names(cs []*Code) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// checkProjectSample compares what ReadQDPX finds with counts taken from the raw XML.
func checkProjectSample(t *testing.T, name string, wantCodes, wantSel, wantCodings, wantSources int, wantWarnings ...string) *QDPX {
	path := sample(t, name)
	raw := zipEntry(t, path, regexp.MustCompile(`^project\.qde$`))
	q := mustRead(t, path)
	st := q.Project.Stats()
	fromXML := Stats{
		Codes:       countRe(raw, `<Code\s`),
		Selections:  countRe(raw, `<PlainTextSelection\s`),
		Codings:     countRe(raw, `<Coding\s`),
		TextSources: countRe(raw, `<TextSource\s`),
		Users:       countRe(raw, `<User\s`),
		Sets:        countRe(raw, `<Set\s`),
		PDFSources:  countRe(raw, `<PDFSource\s`),
	}
	got := Stats{Codes: st.Codes, Selections: st.Selections, Codings: st.Codings, TextSources: st.TextSources,
		Users: st.Users, Sets: st.Sets, PDFSources: st.PDFSources}
	if !reflect.DeepEqual(got, fromXML) {
		t.Errorf("read %+v\nXML has %+v", got, fromXML)
	}
	// The figures documented in SOURCES.md, as a second opinion on the regexps.
	if fromXML.Codes != wantCodes || fromXML.Selections != wantSel || fromXML.Codings != wantCodings || fromXML.TextSources != wantSources {
		t.Errorf("XML counts %+v differ from the documented %d codes, %d selections, %d codings, %d sources",
			fromXML, wantCodes, wantSel, wantCodings, wantSources)
	}
	if perUser := codingsPerUserRe(raw); !reflect.DeepEqual(st.CodingsByUser, perUser) {
		t.Errorf("codings per user %v, XML has %v", st.CodingsByUser, perUser)
	}
	// Every selection lies inside its text, and the texts carry no BOM.
	for _, ts := range q.Project.TextSources {
		text, err := q.Text(ts)
		if err != nil {
			t.Fatal(err)
		}
		if text == "" || strings.HasPrefix(text, "\uFEFF") {
			t.Errorf("%s: text empty or starts with a BOM", ts.Name)
		}
		n := utf8.RuneCountInString(text)
		for _, s := range ts.Selections {
			if s.End > n {
				t.Errorf("%s: selection %s ends at %d beyond text length %d", ts.Name, s.GUID, s.End, n)
			}
		}
	}
	if len(q.Warnings) != len(wantWarnings) {
		t.Errorf("warnings: %v", q.Warnings)
	}
	for i, w := range wantWarnings {
		if i < len(q.Warnings) && !strings.Contains(q.Warnings[i].String(), w) {
			t.Errorf("warning %d: %v, want %q", i, q.Warnings[i], w)
		}
	}
	return q
}

func TestSampleNVivo(t *testing.T) {
	q := checkProjectSample(t, "nvivo12.6-two-coders.qdpx", 152, 303, 303, 2,
		"68bbdc14-c361-4432-b4dd-ae1dbfc12890: \"videos_10_selected\": selection positions were counted in UTF-16 units")
	p := q.Project
	// NVivo counts UTF-16 units over the CRLF text; the reader converted them to
	// code points. Expected values computed with Python from the UTF-16LE bytes of the text.
	text, err := q.Text(p.TextSources[1])
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	for _, want := range []struct {
		i, start, end int
		guid, prefix  string
	}{
		{0, 3132, 3279, "7154a758-6873-4134-badd-ae1dc04d3086", "Senkit nem lehet kötelezni oltásra"},
		{100, 50841, 51083, "68b7271a-ffe2-482b-b8dd-ae1dc1538154", "Agyatlan Zombik .. inkább"},
		{302, 50607, 50657, "3c23e29e-8f82-4fae-88dd-ae1f25876826", "@@szilagyitamas2823 És milyen igazad lett!☝️👌👍👍👍\r\n"},
	} {
		s := p.TextSources[1].Selections[want.i]
		if s.GUID != want.guid || s.Start != want.start || s.End != want.end || !strings.HasPrefix(string(runes[s.Start:s.End]), want.prefix) {
			t.Errorf("selection %d: %s %d-%d %q", want.i, s.GUID, s.Start, s.End, string(runes[s.Start:min(s.End, s.Start+60)]))
		}
	}
	if len(p.Users) != 2 || p.Users[0].Name != "Gergo" || p.Users[1].Name != "floriansipos" {
		t.Errorf("users %+v", p.Users)
	}
	// Codes per level, from xmllint --xpath "count(//*[local-name()='Codes']/*[local-name()='Code']/...)":
	// 12, 45, 92 and 3 (SOURCES.md's "3 levels" undercounts by one).
	var perLevel []int
	nonCodable := 0
	WalkCodes(p.Codes, func(c, _ *Code, d int) {
		for len(perLevel) <= d {
			perLevel = append(perLevel, 0)
		}
		perLevel[d]++
		if !c.IsCodable {
			nonCodable++
		}
	})
	if !reflect.DeepEqual(perLevel, []int{12, 45, 92, 3}) || nonCodable != 1 {
		t.Errorf("codes per level %v, non-codable %d; want [12 45 92 3] and 1", perLevel, nonCodable)
	}
	// Selections are attributed to both coders; codings all to Gergo (checked against the XML above).
	selBy := map[string]int{}
	for _, ts := range p.TextSources {
		for _, s := range ts.Selections {
			selBy[s.CreatingUser]++
		}
	}
	if selBy["eaac2cd0-f7f0-415a-abdd-ae1d8f6762de"] != 297 || selBy["29518289-d0e3-447b-b7dd-ae1d8cd880a0"] != 6 {
		t.Errorf("selections per creating user %v", selBy)
	}
	ts := p.TextSources[0]
	if ts.Name != "videos_selection" || ts.CreatingUser != "29518289-d0e3-447b-b7dd-ae1d8cd880a0" ||
		ts.Created.Format("2006-01-02T15:04:05Z07:00") != "2025-06-11T16:24:07Z" {
		t.Errorf("first source %s by %s at %v", ts.Name, ts.CreatingUser, ts.Created)
	}
	if !strings.HasSuffix(ts.RichTextPath, ".docx") {
		t.Errorf("rich text path %q", ts.RichTextPath)
	}
	docx, err := q.ReadFile(ts.RichTextPath)
	if err != nil || !strings.HasPrefix(string(docx), "PK") {
		t.Errorf("docx: %v", err)
	}
}

func TestSampleQC(t *testing.T) {
	q := checkProjectSample(t, "qc1.3.2-demo.qdpx", 262, 158, 205, 2)
	p := q.Project
	// qc names files bare ("board_2017.txt") under a lower-case sources/.
	if p.TextSources[0].PlainTextPath != "board_2017.txt" {
		t.Errorf("path %q", p.TextSources[0].PlainTextPath)
	}
	if len(p.TextSources[1].Selections) != 0 {
		t.Errorf("admin-1 has %d selections, want 0", len(p.TextSources[1].Selections))
	}
	// A selection's span in the text is a line ("line:6" covers 320-400).
	text, err := q.Text(p.TextSources[0])
	if err != nil {
		t.Fatal(err)
	}
	s := p.TextSources[0].Selections[0]
	span := string([]rune(text)[s.Start:s.End])
	if s.Name != "line:6" || strings.Count(span, "\n") > 1 || len(span) == 0 {
		t.Errorf("selection %s %d-%d: %q", s.Name, s.Start, s.End, span)
	}
}
