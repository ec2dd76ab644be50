package refi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// craftedQDE uses upper-case braced GUIDs, no namespace, missing optional
// attributes, backslash-path codes, an empty <Sets/>, media sources and
// elements this package does not import.
const craftedQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project name="crafted" basePath="/nowhere">
  <Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}"/></Users>
  <CodeBook><Codes>
    <Code guid="{BBBBBBBB-0000-4000-8000-000000000001}" name="Theme" isCodable="true" color="#abc"/>
    <Code guid="BBBBBBBB-0000-4000-8000-000000000002" name="Theme\Sub\Leaf" isCodable="True"/>
    <Code guid="bbbbbbbb-0000-4000-8000-000000000003" name="Other\Child" isCodable="true" color="red"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{CCCCCCCC-0000-4000-8000-000000000001}" name="bom" plainTextPath="internal://{CCCCCCCC-0000-4000-8000-000000000001}.txt">
      <PlainTextSelection guid="{DDDDDDDD-0000-4000-8000-000000000001}" startPosition="0" endPosition="5">
        <Coding guid="{EEEEEEEE-0000-4000-8000-000000000001}" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
          <CodeRef targetGUID="{BBBBBBBB-0000-4000-8000-000000000002}"/>
        </Coding>
        <Coding guid="EEEEEEEE-0000-4000-8000-000000000002" creatingUser="ffffffff-0000-4000-8000-000000000009">
          <CodeRef targetGUID="99999999-0000-4000-8000-000000000000"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="DDDDDDDD-0000-4000-8000-000000000002" startPosition="9" endPosition="3"/>
    </TextSource>
    <TextSource guid="CCCCCCCC-0000-4000-8000-000000000002" name="relative" plainTextPath="relative:///sub/rel.txt"/>
    <TextSource guid="CCCCCCCC-0000-4000-8000-000000000003" name="latin1" plainTextPath="internal://latin%201.txt"/>
    <AudioSource guid="F0000000-0000-4000-8000-000000000001" name="interview.m4a" path="internal://a.m4a">
      <AudioSelection guid="F0000000-0000-4000-8000-000000000002" begin="0" end="10">
        <Coding guid="F0000000-0000-4000-8000-000000000003"><CodeRef targetGUID="BBBBBBBB-0000-4000-8000-000000000001"/></Coding>
      </AudioSelection>
    </AudioSource>
    <PictureSource guid="F0000000-0000-4000-8000-000000000004" name="photo.jpg"/>
    <VideoSource guid="F0000000-0000-4000-8000-000000000005" name="clip.mp4">
      <Transcript guid="F0000000-0000-4000-8000-000000000006">
        <TranscriptSelection guid="F0000000-0000-4000-8000-000000000007"/>
      </Transcript>
    </VideoSource>
  </Sources>
  <Links><Link guid="F0000000-0000-4000-8000-000000000008"/></Links>
  <Sets/>
  <Extension/>
</Project>`

func TestToleratesRealWorldVariants(t *testing.T) {
	path := buildZip(t, map[string][]byte{
		"project.qde": append([]byte("\uFEFF"), craftedQDE...),
		"sources/{cccccccc-0000-4000-8000-000000000001}.txt": []byte("\uFEFFHällo world"),
		"sources/latin 1.txt":                                {'c', 'a', 'f', 0xE9},
	})
	q := mustRead(t, path)
	p := q.Project
	if p.Users[0].GUID != "aaaaaaaa-0000-4000-8000-000000000001" {
		t.Errorf("user guid %q", p.Users[0].GUID)
	}
	// Theme > Sub (made up, not codable) > Leaf; Other (made up) > Child.
	if got := names(p.Codes); !reflect.DeepEqual(got, []string{"Theme", "Other"}) {
		t.Fatalf("top codes %v", got)
	}
	theme := p.Codes[0]
	if theme.Color != "#AABBCC" || len(theme.Children) != 1 || theme.Children[0].Name != "Sub" || theme.Children[0].IsCodable {
		t.Fatalf("Theme %+v", theme)
	}
	leaf := theme.Children[0].Children[0]
	if leaf.Name != "Leaf" || leaf.GUID != "bbbbbbbb-0000-4000-8000-000000000002" || !leaf.IsCodable {
		t.Errorf("leaf %+v", leaf)
	}
	if p.Codes[1].Children[0].Color != "" {
		t.Errorf("colour red accepted")
	}
	ts := p.TextSources[0]
	if ts.GUID != "cccccccc-0000-4000-8000-000000000001" || len(ts.Selections) != 1 {
		t.Fatalf("source %s with %d selections", ts.GUID, len(ts.Selections))
	}
	sel := ts.Selections[0]
	if len(sel.Codings) != 1 || sel.Codings[0].CodeGUID != leaf.GUID || sel.Codings[0].CreatingUser != p.Users[0].GUID {
		t.Errorf("codings %+v", sel.Codings)
	}
	text, err := q.Text(ts)
	if err != nil || text != "Hällo world" {
		t.Errorf("text %q, %v", text, err)
	}
	if got := string([]rune(text)[sel.Start:sel.End]); got != "Hällo" {
		t.Errorf("selection covers %q", got)
	}
	if _, err := q.Text(p.TextSources[1]); !errors.Is(err, ErrSourceMissing) {
		t.Errorf("relative source without AllowExternal: %v", err)
	}
	if s, err := q.Text(p.TextSources[2]); err != nil || s != "café" {
		t.Errorf("latin-1 text %q, %v", s, err)
	}
	if len(p.Unsupported) != 3 || p.Unsupported[0].Kind != "PictureSource" || p.Unsupported[1].Kind != "AudioSource" ||
		p.Unsupported[1].Selections != 1 || p.Unsupported[1].Codings != 1 || p.Unsupported[2].Selections != 1 {
		t.Errorf("unsupported %+v", p.Unsupported)
	}
	if len(p.Sets) != 0 {
		t.Errorf("sets %v", p.Sets)
	}
	// What was kept writes back into a valid project (media sources left out).
	out := writeTemp(t, p, q.Opener())
	validate(t, "Project.xsd", zipEntry(t, out, regexp.MustCompile(`^project\.qde$`)))
	again := mustRead(t, out)
	if len(again.Project.Unsupported) != 0 || len(again.Project.TextSources) != 3 {
		t.Errorf("rewritten: %d unsupported, %d text sources", len(again.Project.Unsupported), len(again.Project.TextSources))
	}
	if s, err := again.Text(again.Project.TextSources[2]); err != nil || s != "café" {
		t.Errorf("rewritten latin-1 text %q, %v", s, err)
	}
	all := ""
	for _, w := range q.Warnings {
		all += w.String() + "\n"
	}
	for _, want := range []string{"AudioSource f0000000-0000-4000-8000-000000000001", "PictureSource", "VideoSource",
		"Links: 1 link", "Extension: unknown project element", `colour "red"`, "invalid range 9-3",
		"unknown code 99999999-0000-4000-8000-000000000000", "created parent code \"Theme\\Sub\"",
		`"relative:///sub/rel.txt" of "relative" not found`, "read as Windows-1252"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning containing %q in:\n%s", want, all)
		}
	}
}

func TestExternalSourcesWhenAllowed(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "rel.txt"), []byte("external text"), 0o644); err != nil {
		t.Fatal(err)
	}
	abs := filepath.ToSlash(filepath.Join(dir, "sub", "rel.txt"))
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="x" basePath="` + filepath.ToSlash(dir) + `"><Sources>
<TextSource guid="cccccccc-0000-4000-8000-000000000002" name="rel" plainTextPath="relative:///sub/rel.txt"/>
<TextSource guid="cccccccc-0000-4000-8000-000000000003" name="abs" plainTextPath="absolute://` + abs + `"/>
</Sources></Project>`
	path := buildZip(t, map[string][]byte{"project.qde": []byte(qde)})
	q, err := ReadQDPXWith(context.Background(), path, ReadOptions{AllowExternal: true})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	for _, ts := range q.Project.TextSources {
		if s, err := q.Text(ts); err != nil || s != "external text" {
			t.Errorf("%s: %q %v", ts.Name, s, err)
		}
	}
}

func TestMalformedInputErrors(t *testing.T) {
	cases := []struct {
		name  string
		files map[string][]byte
		want  error
		text  string
	}{
		{"no project", map[string][]byte{"Sources/a.txt": []byte("x")}, ErrNoProjectFile, ""},
		{"bad xml", map[string][]byte{"project.qde": []byte("<Project name='x'>\n<Users>\n</Project>")}, nil, "line 3"},
		{"wrong root", map[string][]byte{"project.qde": []byte("<html/>")}, ErrNotREFI, "<html>"},
		{"empty", map[string][]byte{"project.qde": nil}, nil, "empty"},
	}
	for _, c := range cases {
		path := buildZip(t, c.files)
		_, err := ReadQDPX(path)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %q does not name the file", c.name, err)
		}
		if c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: %v is not %v", c.name, err, c.want)
		}
		if !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s: %q lacks %q", c.name, err, c.text)
		}
	}
	notZip := filepath.Join(t.TempDir(), "x.qdpx")
	if err := os.WriteFile(notZip, []byte("plain text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadQDPX(notZip); !errors.Is(err, ErrNotREFI) {
		t.Errorf("not a zip: %v", err)
	}
	var fe *FormatError
	qdc := filepath.Join(t.TempDir(), "bad.qdc")
	if err := os.WriteFile(qdc, []byte("<CodeBook><Codes><Code guid='x' name='a' isCodable='true'></Codes></CodeBook>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadQDCFile(qdc); !errors.As(err, &fe) || fe.File != qdc || fe.Line != 1 {
		t.Errorf("bad qdc: %v", err)
	}
}

func TestQDCVariants(t *testing.T) {
	// UTF-16 with BOM, a non-UUID identifier and MemberCode in project spelling.
	doc := `<?xml version="1.0" encoding="UTF-16"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes>` +
		`<Code guid="code-1" name="A" isCodable="true"/></Codes>` +
		`<Sets><Set guid="{11111111-0000-4000-8000-000000000001}" name="S"><MemberCode targetGUID="code-1"/></Set></Sets></CodeBook>`
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, r := range doc {
		b.Write([]byte{byte(r), byte(r >> 8)})
	}
	cb, ws, err := ReadQDC(&b)
	if err != nil {
		t.Fatal(err)
	}
	g := cb.Codes[0].GUID
	if _, ok := NormalizeGUID(g); !ok || !reflect.DeepEqual(cb.Sets[0].MemberCodes, []string{g}) {
		t.Errorf("code %s, members %v", g, cb.Sets[0].MemberCodes)
	}
	if len(ws) != 1 || !strings.Contains(ws[0].Message, `"code-1" is not a UUID`) {
		t.Errorf("warnings %v", ws)
	}
	// A project.qde handed in as a codebook gives its codes.
	cb, ws, err = ReadQDC(strings.NewReader(craftedQDE))
	if err != nil || len(cb.Codes) != 2 || len(ws) == 0 {
		t.Errorf("project as codebook: %v %d codes", err, len(cb.Codes))
	}
}

func TestNormalizeGUID(t *testing.T) {
	for in, want := range map[string]string{
		"{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}":        "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294",
		" 1ff58b12-6f6f-4b0c-8be5-bbdc91f55294 ":        "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294",
		"urn:uuid:1ff58b12-6f6f-4b0c-8be5-bbdc91f55294": "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294",
		"1ff58b12-6f6f-4b0c-8be5-bbdc91f5529":           "",
		"":                                              "",
		"{1ff58b12-6f6f-4b0c-8be5-bbdc91f55294":         "",
	} {
		got, ok := NormalizeGUID(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeGUID(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestArchiveInFolderAndFromReader(t *testing.T) {
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>
<Code guid="bbbbbbbb-0000-4000-8000-000000000001" name="A" isCodable="true"/></Codes></CodeBook><Sources>
<TextSource guid="cccccccc-0000-4000-8000-000000000001" name="t" plainTextPath="internal://cccccccc-0000-4000-8000-000000000001.txt">
<PlainTextSelection guid="dddddddd-0000-4000-8000-000000000001" startPosition="0" endPosition="4">
<Coding guid="eeeeeeee-0000-4000-8000-000000000001"><CodeRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
<PlainTextSelection guid="dddddddd-0000-4000-8000-000000000001" startPosition="2" endPosition="40">
<Coding guid="eeeeeeee-0000-4000-8000-000000000001"><CodeRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`
	// Zipped with its folder, as "Compress folder" tools do.
	path := buildZip(t, map[string][]byte{
		"Export/project.qde": []byte(qde),
		"Export/Sources/cccccccc-0000-4000-8000-000000000001.txt": []byte("short text"),
	})
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	q, err := ReadQDPXFrom(context.Background(), bytes.NewReader(raw), int64(len(raw)), "export.qdpx", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	ts := q.Project.TextSources[0]
	if s, err := q.Text(ts); err != nil || s != "short text" {
		t.Fatalf("text %q %v", s, err)
	}
	if _, err := q.Text(ts); err != nil { // a second read adds no second warning
		t.Fatal(err)
	}
	a, b := ts.Selections[0], ts.Selections[1]
	if a.GUID == b.GUID || a.Codings[0].GUID == b.Codings[0].GUID {
		t.Errorf("duplicate GUIDs kept: %s %s", a.GUID, b.GUID)
	}
	beyond, renamed := 0, 0
	for _, w := range q.Warnings {
		if strings.Contains(w.Message, "beyond the 10 code points") {
			beyond++
		}
		if strings.Contains(w.Message, "used more than once") {
			renamed++
		}
	}
	if beyond != 1 || renamed != 2 {
		t.Errorf("warnings %v", q.Warnings)
	}
}

func FuzzReadQDE(f *testing.F) {
	f.Add([]byte(craftedQDE))
	f.Add([]byte(`<Project name="x"><Sources><TextSource guid="1"><PlainTextSelection startPosition="a"/></TextSource></Sources></Project>`))
	f.Add([]byte(`<Project name="v"><Variables><Variable guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="n" typeOfVariable="integer"/></Variables>` +
		`<Cases><Case guid="c"><VariableValue><VariableRef targetGUID="AAAAAAAA-0000-4000-8000-000000000001"/><IntegerValue>abc</IntegerValue></VariableValue>` +
		`<VariableValue><VariableRef targetGUID="AAAAAAAA-0000-4000-8000-000000000001"/><FloatValue>1e3</FloatValue></VariableValue></Case></Cases>` +
		`<Sets><Set guid="s" name="s"><MemberCode targetGUID="x"/></Set></Sets><Notes><Note guid="n"><PlainTextContent>m</PlainTextContent></Note></Notes></Project>`))
	if b, err := os.ReadFile(filepath.Join(sharedDir, "samples", "atlasti23.4-codebook.qdc")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, _, err := ReadQDE(bytes.NewReader(doc))
		if err != nil {
			return
		}
		// The reader repairs what it keeps, so whatever it returns can be written back.
		if err := WriteQDPX(context.Background(), io.Discard, p, nil, nil); err != nil {
			t.Fatalf("write after read: %v", err)
		}
		if cb, _, err := ReadQDC(bytes.NewReader(doc)); err == nil && len(cb.Codes) > 0 {
			if err := WriteQDC(io.Discard, cb); err != nil {
				t.Fatalf("write codebook after read: %v", err)
			}
		}
	})
}

func TestUTF16PositionsConverted(t *testing.T) {
	text := "😀😀 alpha beta gamma delta"
	cp := [][2]int{{3, 8}, {9, 13}, {14, 19}, {20, 25}}
	build := func(shift int) string {
		var sels strings.Builder
		for i, s := range cp {
			sels.WriteString(`<PlainTextSelection guid="dddddddd-0000-4000-8000-00000000000` + string(rune('0'+i)) +
				`" startPosition="` + itoa(s[0]+shift) + `" endPosition="` + itoa(s[1]+shift) + `"/>`)
		}
		return `<Project name="x"><Sources><TextSource guid="cccccccc-0000-4000-8000-000000000001" name="t" plainTextPath="internal://t.txt">` +
			sels.String() + `</TextSource></Sources></Project>`
	}
	for _, c := range []struct {
		name    string
		shift   int // UTF-16 positions are 2 further on: two emoji before every selection
		convert bool
	}{{"code points", 0, false}, {"utf-16 units", 2, true}} {
		path := buildZip(t, map[string][]byte{"project.qde": []byte(build(c.shift)), "Sources/t.txt": []byte(text)})
		q := mustRead(t, path)
		sels := q.Project.TextSources[0].Selections
		for i, s := range sels {
			if s.Start != cp[i][0] || s.End != cp[i][1] {
				t.Errorf("%s: selection %d at %d-%d, want %v", c.name, i, s.Start, s.End, cp[i])
			}
		}
		converted := len(q.Warnings) == 1 && strings.Contains(q.Warnings[0].Message, "UTF-16 units")
		if converted != c.convert || len(q.Warnings) > 1 {
			t.Errorf("%s: warnings %v", c.name, q.Warnings)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestOpenCancelledAndProgress(t *testing.T) {
	path := sample(t, "qc1.3.2-demo.qdpx")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadQDPXWith(ctx, path, ReadOptions{}); !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), path) {
		t.Errorf("cancelled open: %v", err)
	}
	var last Progress
	q, err := ReadQDPXWith(context.Background(), path, ReadOptions{Progress: func(p Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if last.Stage != "texts" || last.Total != 2 || last.Done != 2 {
		t.Errorf("last progress %+v", last)
	}
}

func TestControlCharactersEntitiesAndLimits(t *testing.T) {
	qde := "<Project name=\"x\"><Sources><TextSource guid=\"cccccccc-0000-4000-8000-000000000001\" name=\"t\">" +
		"<Description>a&nbsp;b</Description><PlainTextContent>page one\fpage two</PlainTextContent></TextSource>" +
		"<TextSource guid=\"cccccccc-0000-4000-8000-000000000002\" name=\"big\" plainTextPath=\"internal://big.txt\"/></Sources></Project>"
	path := buildZip(t, map[string][]byte{"project.qde": []byte(qde), "Sources/big.txt": bytes.Repeat([]byte("x"), 5000)})
	// A text over the limit is refused when the archive is opened, naming it.
	if _, err := ReadQDPXWith(context.Background(), path, ReadOptions{MaxTextSize: 4096}); !errors.Is(err, ErrTooLarge) ||
		!strings.Contains(err.Error(), "big.txt (text) is 4.9 KB; a text may be up to 4 KB") {
		t.Fatalf("open with a text over the limit: %v", err)
	}
	q, err := ReadQDPXWith(context.Background(), path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	q.opts.MaxTextSize = 4096 // and when it is read
	ts := q.Project.TextSources[0]
	if ts.PlainTextContent != "page one page two" || ts.Description != "a\u00a0b" {
		t.Errorf("content %q, description %q", ts.PlainTextContent, ts.Description)
	}
	if len(q.Warnings) != 1 || !strings.Contains(q.Warnings[0].Message, "1 control character") {
		t.Errorf("warnings %v", q.Warnings)
	}
	if _, err := q.Text(q.Project.TextSources[1]); !errors.Is(err, ErrTooLarge) {
		t.Errorf("text over the limit: %v", err)
	}
}

func TestQDPXGivenAsCodebook(t *testing.T) {
	path := sample(t, "qc1.3.2-demo.qdpx")
	_, _, err := ReadQDCFile(path)
	if !errors.Is(err, ErrNotREFI) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "zip archive") {
		t.Errorf("qdpx read as codebook: %v", err)
	}
}

func TestPrefixedNamespace(t *testing.T) {
	doc := `<qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1.0" origin="o"><qda:Codes>` +
		`<qda:Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="A" isCodable="false"><qda:Description>d</qda:Description></qda:Code>` +
		`</qda:Codes></qda:CodeBook>`
	cb, ws, err := ReadQDC(strings.NewReader(doc))
	if err != nil || len(ws) != 0 {
		t.Fatalf("%v %v", err, ws)
	}
	want := []*Code{{GUID: "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294", Name: "A", Description: "d"}}
	if !reflect.DeepEqual(cb.Codes, want) || cb.Origin != "o" {
		t.Errorf("codes %+v", cb.Codes[0])
	}
}
