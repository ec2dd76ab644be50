package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAttributesVerb(t *testing.T) {
	f := newReviewFixture(t)
	out := mustWB(t, "attributes", f.path)
	if !strings.Contains(out, "Alpha fields") || !strings.Contains(out, "qualitative") || !strings.Contains(out, "2 studies") {
		t.Fatalf("attributes:\n%s", out)
	}
	mustWB(t, "attributes", f.path, "--study", "Alpha", "--study", "Beta", "--set", "sectors+=Construction", "--set", "language=en")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "attributes", f.path, "--json")), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("json %v %v", rows, err)
	}
	for _, r := range rows {
		sec := r["sectors"].([]any)
		if len(sec) != 2 || sec[1] != "Construction" || r["language"] != "en" {
			t.Fatalf("after bulk edit %v", r)
		}
	}
	out = mustWB(t, "attributes", f.path, "--study", "Alpha")
	if !strings.Contains(out, "sectors") || !strings.Contains(out, "Agriculture; Construction") {
		t.Fatalf("one study:\n%s", out)
	}
	if code, _, errOut := wb(t, "attributes", f.path, "--study", "Alpha", "--set", "method=survey"); code != 1 || !strings.Contains(errOut, "survey") {
		t.Fatalf("bad method: %d %s", code, errOut)
	}
	if code, _, _ := wb(t, "attributes", f.path, "--set", "year=2000"); code != 2 {
		t.Fatalf("--set without --study: %d", code)
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "a.csv")
	mustWB(t, "attributes", f.path, "--export", csvPath)
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "qualitative", "literature review", 1)
	os.WriteFile(csvPath, []byte(edited), 0o644)
	if out := mustWB(t, "attributes", f.path, "--import", csvPath); !strings.Contains(out, "2 rows read, 1 studies changed") {
		t.Fatalf("import: %s", out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("title,year\nAlpha fields,abc\nNobody,2000\n"), 0o644)
	code, _, errOut := wb(t, "attributes", f.path, "--import", bad)
	if code != 1 || !strings.Contains(errOut, "line 2, column year") || !strings.Contains(errOut, `line 3, column title: no study is titled "Nobody"`) {
		t.Fatalf("bad import: %d %s", code, errOut)
	}
	// A short row is refused with the file's name and the line; nothing changes.
	short := filepath.Join(dir, "short.csv")
	head, _, _ := strings.Cut(edited, "\n")
	os.WriteFile(short, []byte(head+"\n"+f.alpha+",,,Alpha fields\n"), 0o644)
	code, _, errOut = wb(t, "attributes", f.path, "--import", short)
	if code != 1 || !strings.Contains(errOut, short) || !strings.Contains(errOut, "line 2: the row has 4 fields") {
		t.Fatalf("short row: %d %s", code, errOut)
	}
	json.Unmarshal([]byte(mustWB(t, "attributes", f.path, "--json", "--study", "Alpha")), &rows)
	if len(rows) != 1 || rows[0]["method"] != "literature review" {
		t.Fatalf("after import %v", rows)
	}
}

// TestAttributesAuthors edits authors as people: the written order and the
// cited name follow the name's convention, marks fix a wrong guess, and
// --json gives the structure.
func TestAttributesAuthors(t *testing.T) {
	f := newReviewFixture(t)
	mustWB(t, "attributes", f.path, "--study", "Alpha", "--set", "authors=Nguyen Van Minh; Tran Thi Lan; Daw Hnin Wai; /Li/ Wei")
	out := mustWB(t, "attributes", f.path, "--study", "Alpha")
	if !strings.Contains(out, "Nguyen Van Minh; Tran Thi Lan; Daw Hnin Wai; /Li/ Wei") ||
		!strings.Contains(out, "Nguyen (Van Minh); Tran (Thi Lan); Daw Hnin Wai (whole name); Li (Wei)") {
		t.Fatalf("one study:\n%s", out)
	}
	mustWB(t, "attributes", f.path, "--study", "Alpha", "--set", "authors-=Tran Thi Lan", "--set", "authors+=Smith, John", "--set", "doi=https://doi.org/10.1234/ABC")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "attributes", f.path, "--json", "--study", "Alpha")), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("json %v %v", rows, err)
	}
	b, _ := json.Marshal(rows[0]["authors"])
	if string(b) != `[{"family":"Nguyen","given":"Van Minh","order":"family-first"},{"name":"Daw Hnin Wai"},{"family":"Li","given":"Wei","order":"family-first"},{"family":"Smith","given":"John"}]` ||
		rows[0]["doi"] != "10.1234/ABC" {
		t.Fatalf("authors %s, doi %v", b, rows[0]["doi"])
	}
}
