package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// letterPDF writes a PDF of n blank US Letter pages.
func letterPDF(n int) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 3+i))
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// areaFixture is codingFixture with a second study whose PDF has two real pages.
func areaFixture(t *testing.T) (path, fishing, survey string) {
	t.Helper()
	path, fishing = codingFixture(t)
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.SetCoder(corpus.CoderNamed("Ann")); err != nil {
		t.Fatal(err)
	}
	err = p.Do("Import", func(tx *corpus.Tx) error {
		survey, err = tx.AddStudy(corpus.NewStudy{FileName: "survey.pdf", PDF: letterPDF(2), Text: "Wages by month.\fHours.",
			PageStarts: []int{0, 16}, Attributes: corpus.Attributes{Title: "Wage survey"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, fishing, survey
}

func TestCodeAreaVerb(t *testing.T) {
	path, fishing, survey := areaFixture(t)
	mustWB(t, "codebook", path, "--template", "default")
	var res struct {
		Areas []areaJSON
	}
	out := mustWB(t, "code", path, "--study", "Wage", "--code", "Debt bondage", "--area", "1:540,300,72,90",
		"--label", "table", "--memo", "monthly wages", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Areas) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	a := res.Areas[0]
	if a.Study != survey || a.Page != 1 || a.Rect.X0 != 72 || a.Rect.Y0 != 90 || a.Rect.X1 != 540 || a.Rect.Y1 != 300 ||
		len(a.PageSize) != 2 || a.PageSize[0] != 612 || a.PageSize[1] != 792 || a.Label != "table" || a.Memo != "monthly wages" ||
		a.Describe != "table on p. 1" || !strings.HasSuffix(a.CodePath, "/Debt bondage") {
		t.Fatalf("area %+v", a)
	}
	if out := mustWB(t, "code", path, "--study", survey, "--code", a.Code, "--area", "2:0,0,612,396"); !strings.Contains(out, "area on p. 2") {
		t.Fatalf("second area:\n%s", out)
	}
	errs := []struct {
		args   []string
		status int
		msg    string
	}{
		{[]string{"--study", survey, "--code", a.Code, "--area", "1:72,90,540,300"}, 1, "this area already has that code"},
		{[]string{"--study", survey, "--code", a.Code, "--area", "3:72,90,540,300"}, 1, "survey.pdf has 2 pages; there is no page 3"},
		{[]string{"--study", survey, "--code", a.Code, "--area", "1:500,700,700,900"}, 1, "the area lies outside the page"},
		{[]string{"--study", survey, "--code", a.Code, "--area", "1:72,90,72.5,300"}, 1, "the area is too small"},
		{[]string{"--study", survey, "--code", a.Code, "--area", "0:1,1,9,9"}, 2, "write PAGE:X1,Y1,X2,Y2"},
		{[]string{"--study", survey, "--code", a.Code, "--area", "1:1,1,9"}, 2, "write PAGE:X1,Y1,X2,Y2"},
		{[]string{"--study", survey, "--code", a.Code, "--area", "1:1,1,9,9", "--range", "1:2"}, 2, "give one of --range, --match or --area"},
		{[]string{"--study", survey, "--code", a.Code, "--range", "1:2", "--label", "x"}, 2, "--label goes with --area"},
	}
	for _, e := range errs {
		code, _, errOut := wb(t, append([]string{"code", path}, e.args...)...)
		if code != e.status || !strings.Contains(errOut, e.msg) {
			t.Errorf("%v: status %d %q, want %d %q", e.args, code, errOut, e.status, e.msg)
		}
	}
	// A PDF the renderer cannot read: stored unchecked, and said so.
	code, out, errOut := wb(t, "code", path, "--study", fishing, "--code", a.Code, "--area", "1:10,10,100,100")
	if code != 0 || !strings.Contains(errOut, "fishing.pdf cannot be read") || !strings.Contains(out, "area on p. 1") {
		t.Fatalf("unreadable PDF: %d\n%s%s", code, out, errOut)
	}

	// Listing a study shows its areas.
	if out := mustWB(t, "code", path, "--study", survey); !strings.Contains(out, "72,90,540,300") || !strings.Contains(out, "table") {
		t.Fatalf("list:\n%s", out)
	}
	// Segments list them with their place, and --json gives page and corners.
	out = mustWB(t, "segments", path, "--code", "Debt bondage", "--study", survey)
	if !strings.Contains(out, "[table on p. 1, corners 72,90,540,300 pt]") || !strings.Contains(out, "2 segments") {
		t.Fatalf("segments:\n%s", out)
	}
	var segs []map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "segments", path, "--study", survey, "--json")), &segs); err != nil || len(segs) != 2 {
		t.Fatalf("segments --json: %v %v", segs, err)
	}
	area, _ := segs[0]["area"].(map[string]any)
	if area == nil || area["page"] != 1.0 || area["x0"] != 72.0 || area["y1"] != 300.0 || area["label"] != "table" || segs[0]["coding"] != a.GUID {
		t.Fatalf("segment %v", segs[0])
	}

	// --remove takes area codings too, as one undoable action.
	if out := mustWB(t, "code", path, "--remove", a.GUID); !strings.Contains(out, "Removed area coding "+a.GUID+" (table on p. 1") {
		t.Fatalf("remove:\n%s", out)
	}
	if code, _, errOut := wb(t, "code", path, "--remove", a.GUID); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("remove twice: %d %s", code, errOut)
	}
}

func TestReconcileAreas(t *testing.T) {
	path, _, survey := areaFixture(t)
	mustWB(t, "codebook", path, "--template", "default")
	mustWB(t, "code", path, "--study", survey, "--code", "Debt bondage", "--area", "1:72,90,540,300", "--label", "table", "--coder", "Ann")
	mustWB(t, "code", path, "--study", survey, "--code", "Debt bondage", "--range", "0:5", "--coder", "Ben")
	out := mustWB(t, "reconcile", path, "--list")
	if !strings.Contains(out, "table on p. 1, corners 72,90,540,300 pt") || !strings.Contains(out, "marked by Ann; not by Ben") {
		t.Fatalf("list:\n%s", out)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "reconcile", path, "--list", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	var areaGUID string
	for _, it := range items {
		if it["kind"] == "area" {
			areaGUID = it["areas"].([]any)[0].(string)
		}
	}
	if areaGUID == "" {
		t.Fatalf("no area item in %v", items)
	}
	out = mustWB(t, "reconcile", path, "--accept-area", areaGUID, "--coder", "Lead")
	if !strings.Contains(out, "Consensus area coding") {
		t.Fatalf("accept:\n%s", out)
	}
	if out := mustWB(t, "reconcile", path, "--list"); !strings.Contains(out, "DONE: accepted Ann's table on p. 1") {
		t.Fatalf("after accepting:\n%s", out)
	}
}
