package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/internal/demo"
	"github.com/xuri/excelize/v2"
)

// demoProject writes the demo project into a temp dir.
func demoProject(t *testing.T) string {
	t.Helper()
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "demo.ewb")
	if err := demo.Build(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBriefEveryFormat(t *testing.T) {
	demo := demoProject(t)
	dir := t.TempDir()
	for _, f := range []string{"md", "html", "docx", "pdf"} {
		out := filepath.Join(dir, "brief."+f)
		msg := mustWB(t, "brief", demo, "-o", out)
		if !strings.Contains(msg, "10 studies") {
			t.Errorf("%s: %s", f, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil || len(data) < 500 {
			t.Fatalf("%s: %d bytes, %v", f, len(data), err)
		}
		switch f {
		case "md":
			if !strings.Contains(string(data), "# Evidence brief") || !strings.Contains(strings.ToLower(string(data)), "evidence map") {
				t.Errorf("markdown lacks the title or the evidence map heading:\n%.1500s", data)
			}
		case "html":
			if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("<!DOCTYPE html>")) || !bytes.Contains(data, []byte("<svg")) {
				t.Errorf("html: %.300s", data)
			}
		case "pdf":
			if !bytes.HasPrefix(data, []byte("%PDF")) {
				t.Errorf("pdf starts %q", data[:8])
			}
		case "docx":
			z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, zf := range z.File {
				if zf.Name == "word/document.xml" {
					found = true
					r, _ := zf.Open()
					if err := xml.NewDecoder(r).Decode(new(struct{})); err != nil {
						t.Errorf("document.xml: %v", err)
					}
					r.Close()
				}
			}
			if !found {
				t.Error("docx lacks word/document.xml")
			}
		}
	}
}

func TestBriefFiltersAndErrors(t *testing.T) {
	demo := demoProject(t)
	out := filepath.Join(t.TempDir(), "b.md")
	msg := mustWB(t, "brief", demo, "-o", out, "--country", "Viet Nam", "--from", "2019", "--template", writeTemplate(t))
	if !strings.Contains(msg, "2 studies") {
		t.Errorf("filtered: %s", msg)
	}
	if got, _ := os.ReadFile(out); !strings.HasPrefix(string(got), "Studies: 2") {
		t.Errorf("own template output %q", got)
	}
	js := mustWB(t, "brief", demo, "--json", "--sector", "Domestic work")
	var b struct {
		Scope struct{ Studies struct{ N int } }
	}
	if err := json.Unmarshal([]byte(js), &b); err != nil || b.Scope.Studies.N != 3 {
		t.Errorf("json: %v %+v", err, b)
	}
	if code, _, e := wb(t, "brief", demo, "-o", out, "--min-rigor", "great"); code != 1 || !strings.Contains(e, "minimum rigor") {
		t.Errorf("bad rigor: %d %s", code, e)
	}
	if code, _, e := wb(t, "brief", demo, "-o", filepath.Join(t.TempDir(), "b.txt")); code != 2 || !strings.Contains(e, "unknown brief format") {
		t.Errorf("bad format: %d %s", code, e)
	}
	if code, _, e := wb(t, "brief", demo, "-o", out, "--country", "Atlantis"); code != 1 || !strings.Contains(e, "no included study") {
		t.Errorf("no studies: %d %s", code, e)
	}
	if out := mustWB(t, "brief", "--print-template", "--format", "html", demo); !strings.Contains(out, "<html") {
		t.Errorf("print-template: %.200s", out)
	}
}

func writeTemplate(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "t.tmpl")
	if err := os.WriteFile(p, []byte("Studies: {{.Scope.Studies.N}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMapVerb(t *testing.T) {
	demo := demoProject(t)
	out := mustWB(t, "map", demo)
	if !strings.Contains(out, "COUNTRY") || !strings.Contains(out, "Thailand") || !strings.Contains(out, "Domestic work") {
		t.Fatalf("map table:\n%s", out)
	}
	dir := t.TempDir()
	svg, pic, book := filepath.Join(dir, "m.svg"), filepath.Join(dir, "m.png"), filepath.Join(dir, "m.xlsx")
	mustWB(t, "map", demo, "--rows", "theme", "--cols", "sector", "--svg", svg, "--png", pic, "--xlsx", book)
	if b, err := os.ReadFile(svg); err != nil || !bytes.Contains(b, []byte("Debt bondage")) {
		t.Errorf("svg: %v", err)
	}
	f, err := os.Open(pic)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(f); err != nil {
		t.Errorf("png: %v", err)
	}
	f.Close()
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := x.GetCellValue("Map", "A1"); v != "theme \\ sector" {
		t.Errorf("xlsx A1 %q", v)
	}
	x.Close()
	js := mustWB(t, "map", demo, "--json", "--rows", "rigor", "--cols", "year")
	var m brief.EvidenceMap
	if err := json.Unmarshal([]byte(js), &m); err != nil || m.Total.N() != 10 || m.Rows != brief.DimRigor {
		t.Errorf("json: %v %s %d", err, m.Rows, m.Total.N())
	}
	if code, _, e := wb(t, "map", demo, "--rows", "colour"); code != 2 || !strings.Contains(e, "rows and columns") {
		t.Errorf("bad dimension: %d %s", code, e)
	}
}

// TestBriefCitationStyles cites the demo's Vietnamese and Burmese authors
// in both styles.
func TestBriefCitationStyles(t *testing.T) {
	demo := demoProject(t)
	dir := t.TempDir()
	ay, apa := filepath.Join(dir, "ay.md"), filepath.Join(dir, "apa.md")
	mustWB(t, "brief", demo, "-o", ay)
	mustWB(t, "brief", demo, "--citation", "APA", "-o", apa)
	a, _ := os.ReadFile(ay)
	b, _ := os.ReadFile(apa)
	for _, want := range []string{"Nguyen and Tran 2018", "Pham et al.", "Daw Hnin Wai and Sandoval", "Nguyen, V. M., & Tran, T. L. (2018)"} {
		if !strings.Contains(string(a), want) {
			t.Errorf("author-year brief lacks %q", want)
		}
	}
	for _, want := range []string{"Nguyen & Tran, 2018", "Daw Hnin Wai & Sandoval,"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("APA brief lacks %q", want)
		}
	}
	if code, _, errOut := wb(t, "brief", demo, "--citation", "chicago"); code != 2 || !strings.Contains(errOut, "chicago") {
		t.Errorf("bad style: %d %s", code, errOut)
	}
}

// A table coded on a page is shown as a picture in every format, and
// --no-area-images leaves the pictures out.
func TestBriefAreaImages(t *testing.T) {
	demo := demoProject(t)
	mustWB(t, "code", demo, "--study", "Harvest of Debt", "--code", "Themes/Debt bondage", "--area", "1:60,60,300,200", "--label", "table")
	dir := t.TempDir()
	zipNames := func(data []byte) string {
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range z.File {
			names = append(names, f.Name)
		}
		return strings.Join(names, " ")
	}
	for _, f := range []string{"md", "html", "docx", "pdf"} {
		for _, without := range []bool{false, true} {
			out := filepath.Join(dir, fmt.Sprintf("brief-%v.%s", without, f))
			args := []string{"brief", demo, "-o", out}
			if without {
				args = append(args, "--no-area-images")
			}
			mustWB(t, args...)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var has bool
			switch f {
			case "md", "html":
				has = bytes.Contains(data, []byte("data:image/png;base64,"))
			case "docx":
				has = strings.Contains(zipNames(data), "word/media/area1.png")
			case "pdf":
				has = bytes.Contains(data, []byte("/Subtype /Image"))
			}
			if has == without {
				t.Errorf("%s (--no-area-images %v): picture of the coded table shown %v", f, without, has)
			}
			if !bytes.Contains(data, []byte("Table on p. 1 of")) && f != "docx" && f != "pdf" {
				t.Errorf("%s lacks the table's caption", f)
			}
		}
	}
}
