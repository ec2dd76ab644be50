package refi

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// atlasPDFQDE has PDF area selections in the shape of the standard's own
// example export (ATLAS.ti 8.4, REFI-QDA 1.5 p. 31: upper-case GUIDs, pages
// from 0, the lower corner first, an inline Representation of the text in
// the area), plus variants other programs write: decimals, the upper corner
// first, an area whose code is unknown and two broken ones.
const atlasPDFQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="areas" origin="ATLAS.ti 8.4.0 573">
  <Users><User guid="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" name="Sam"/></Users>
  <CodeBook><Codes><Code guid="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F" name="Ingredients" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <PDFSource guid="2065D8AB-D724-40C9-B4E9-6EB8DAB73541" name="recipe.pdf" path="internal://3E029F7C-B699-47C2-AE9F-95F481693CAF.pdf">
      <PDFSelection firstX="18" firstY="45" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" creationDateTime="2018-03-27T19:11:47Z"
        secondY="234" secondX="577" guid="95916796-D0A0-4B49-80B0-5A5C8B94AE13" name="favoritos. Dificultad: Media" page="0">
        <Representation guid="7CFEDFC8-A48D-4F27-B3E0-FF2E7D7B1CD7"><PlainTextContent>favoritos. Dificultad: Media</PlainTextContent></Representation>
        <Coding creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" creationDateTime="2018-03-27T19:11:47Z" guid="DA81AC20-2C10-45DE-9D95-1F87DF90D77D">
          <CodeRef targetGUID="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F"/>
        </Coding>
      </PDFSelection>
      <PDFSelection guid="7B8C9A7D-1AD6-4A88-8556-50B9A35FDA19" page="1" firstX="18.5" firstY="823.25" secondX="577" secondY="41">
        <Coding guid="CF4B56B4-A1C7-4B8A-8871-AF72137B5B89"><CodeRef targetGUID="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F"/></Coding>
      </PDFSelection>
      <PDFSelection guid="7C046D16-1B6D-4814-A260-3A7BD5FC6A51" page="0" firstX="19" firstY="515" secondX="576" secondY="676">
        <Coding guid="D918B908-05D4-4DF6-B300-371298F05768"><CodeRef targetGUID="3DD1A2A6-3AEF-4A4C-9138-718E9CE2386D"/></Coding>
      </PDFSelection>
      <PDFSelection guid="27A5F0C2-E225-4D6A-8297-F4FEC794D890" page="first" firstX="1" firstY="1" secondX="2" secondY="2">
        <Coding guid="A4681168-7A17-45F6-BEF4-E717A90DB205"><CodeRef targetGUID="AE6D04CE-D987-4FC8-AF97-D72CA6FFD08F"/></Coding>
      </PDFSelection>
      <PDFSelection guid="27A5F0C2-E225-4D6A-8297-F4FEC794D891" page="2" firstX="1" firstY="" secondX="2" secondY="2"/>
      <Representation guid="142EB46D-612E-4593-A385-D0E5D04D1288" plainTextPath="internal://142EB46D-612E-4593-A385-D0E5D04D1288.txt"/>
    </PDFSource>
  </Sources>
</Project>`

func TestReadsPDFSelections(t *testing.T) {
	path := buildZip(t, map[string][]byte{
		"project.qde": []byte(atlasPDFQDE),
		"Sources/3E029F7C-B699-47C2-AE9F-95F481693CAF.pdf": []byte("%PDF-1.4 recipe\n%%EOF\n"),
		"Sources/142EB46D-612E-4593-A385-D0E5D04D1288.txt": []byte("favoritos. Dificultad: Media\fPorciones: 8"),
	})
	q := mustRead(t, path)
	pdf := q.Project.PDFSources[0]
	if len(pdf.Selections) != 3 {
		t.Fatalf("%d selections: %+v", len(pdf.Selections), pdf.Selections)
	}
	first := pdf.Selections[0]
	want := PDFSelection{GUID: "95916796-d0a0-4b49-80b0-5a5c8b94ae13", Name: "favoritos. Dificultad: Media", Page: 0,
		FirstX: 18, FirstY: 45, SecondX: 577, SecondY: 234, Text: "favoritos. Dificultad: Media",
		Stamp: Stamp{CreatingUser: "ad68fbe7-e1ee-4a82-a279-23cc698c89eb", Created: time.Date(2018, 3, 27, 19, 11, 47, 0, time.UTC)},
		Codings: []Coding{{GUID: "da81ac20-2c10-45de-9d95-1f87df90d77d", CodeGUID: "ae6d04ce-d987-4fc8-af97-d72ca6ffd08f",
			CreatingUser: "ad68fbe7-e1ee-4a82-a279-23cc698c89eb", Created: time.Date(2018, 3, 27, 19, 11, 47, 0, time.UTC)}}}
	if first.GUID != want.GUID || first.Name != want.Name || first.Text != want.Text || first.Stamp != want.Stamp ||
		first.FirstX != 18 || first.FirstY != 45 || first.SecondX != 577 || first.SecondY != 234 ||
		!reflect.DeepEqual(first.Codings, want.Codings) {
		t.Errorf("first selection %+v", first)
	}
	if s := pdf.Selections[1]; s.Page != 1 || s.FirstX != 18.5 || s.FirstY != 823.25 || s.SecondY != 41 || len(s.Codings) != 1 {
		t.Errorf("decimal selection %+v", s)
	}
	if s := pdf.Selections[2]; len(s.Codings) != 0 {
		t.Errorf("the coding of an unknown code was kept: %+v", s)
	}
	st := q.Project.Stats()
	if st.PDFSelections != 3 || st.Selections != 3 || st.Codings != 2 {
		t.Errorf("stats %+v", st)
	}
	var ws []string
	for _, w := range q.Warnings {
		ws = append(ws, w.String())
	}
	all := strings.Join(ws, "\n")
	for _, frag := range []string{`page "first" of an area of PDF "recipe.pdf" is not a page number; area with 1 coding(s) dropped`,
		`corners 1, 2,2 of an area of PDF "recipe.pdf" are not numbers`, "refers to unknown code 3dd1a2a6"} {
		if !strings.Contains(all, frag) {
			t.Errorf("no warning %q in:\n%s", frag, all)
		}
	}
	if strings.Contains(all, "not imported (only text selections") {
		t.Errorf("areas still reported as unsupported:\n%s", all)
	}
	// Written again, the corners are as read, rounded to whole points.
	out := writeTemp(t, q.Project, q.Opener())
	qde := zipEntry(t, out, regexp.MustCompile(`^project\.qde$`))
	validate(t, "Project.xsd", qde)
	if !strings.Contains(string(qde), `page="1" firstX="19" firstY="823" secondX="577" secondY="41"`) {
		t.Errorf("decimal corners not rounded:\n%s", qde)
	}
}
