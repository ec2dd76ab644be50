package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommittedDemoIsCurrent fails when assets/demo was not regenerated after
// a change to this program, or holds files the generator does not write.
func TestCommittedDemoIsCurrent(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 11 {
		t.Fatalf("generated %d files, want 10 PDFs and the manifest", len(files))
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("../../demo", name))
		if err != nil {
			t.Fatalf("%v (run `go generate ./assets`)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("assets/demo/%s is stale: run `go generate ./assets`", name)
		}
	}
	entries, err := os.ReadDir("../../demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("assets/demo/%s is not produced by the generator", e.Name())
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestMarkupParsing(t *testing.T) {
	r := &renderer{}
	words, err := r.parse("Before {{Debt bondage; Wage withholding|a coded  passage}}, after.")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, w := range words {
		texts = append(texts, w.text)
	}
	if got := strings.Join(texts, "|"); got != "Before|a coded passage,|after." {
		t.Errorf("words = %q", got)
	}
	if len(r.spans) != 1 || r.spans[0].text != "a coded passage" || len(r.spans[0].codes) != 2 {
		t.Errorf("spans = %+v", r.spans)
	}
	for _, bad := range []string{"{{Code|unclosed", "{{no bar}}", "{{|no code}}", "{{Code| }}", "caf\u00e9"} {
		if _, err := (&renderer{}).parse(bad); err == nil {
			t.Errorf("parse(%q) succeeded", bad)
		}
	}
}
