package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchVerb(t *testing.T) {
	f := newReviewFixture(t)
	cache := t.TempDir()
	t.Setenv("EWB_CACHE_DIR", cache)

	out := mustWB(t, "search", f.path, "debt")
	for _, want := range []string{"Alpha fields (2015)", "Beta homes (2020)", "«Debt» kept maids", "«Debts» grew", "p. 1", "country:", "Nepal 1", "India 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// The index was written under the cache folder, keyed by the project GUID.
	entries, err := os.ReadDir(cache)
	if err != nil || len(entries) != 1 {
		t.Fatalf("cache folder: %v %v", entries, err)
	}
	if _, err := os.Stat(filepath.Join(cache, entries[0].Name(), "index_meta.json")); err != nil {
		t.Fatalf("no index on disk: %v", err)
	}

	var res searchJSON
	jsonOut := mustWB(t, "search", f.path, `code:"Debt bondage"`, "--json", "--by", "year")
	if err := json.Unmarshal([]byte(jsonOut), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, jsonOut)
	}
	if res.Total != 2 || len(res.Studies) != 2 || res.Studies[0].Study != f.beta || res.Studies[1].Study != f.alpha {
		t.Fatalf("by year, newest first: %+v", res)
	}
	if res.Facets["code"]["Debt bondage"] != 2 || res.Facets["country"]["Nepal"] != 1 {
		t.Fatalf("facets: %+v", res.Facets)
	}

	jsonOut = mustWB(t, "search", f.path, "passports", "--json", "--facet", "sector=Agriculture")
	if err := json.Unmarshal([]byte(jsonOut), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Studies) != 1 || len(res.Studies[0].Hits) != 1 {
		t.Fatalf("passports: %+v", res)
	}
	h := res.Studies[0].Hits[0]
	// "Passports were taken." starts at code point 42 of Alpha's text.
	if h.Page != 1 || len(h.Matches) != 1 || h.Matches[0] != [2]int{42, 51} || !strings.Contains(h.Snippet, "«Passports»") {
		t.Fatalf("hit: %+v", h)
	}
	jsonOut = mustWB(t, "search", f.path, "passports", "--json", "--facet", "sector=Domestic work")
	if json.Unmarshal([]byte(jsonOut), &res); res.Total != 0 || len(res.Studies) != 0 {
		t.Fatalf("facet filter ignored: %s", jsonOut)
	}

	code, _, errOut := wb(t, "search", f.path, `"debt bondage`)
	if code != 2 || !strings.Contains(errOut, "column") {
		t.Fatalf("malformed query: %d %s", code, errOut)
	}
	if code, _, errOut := wb(t, "search", f.path, "debt", "--facet", "colour=red"); code != 2 || errOut == "" {
		t.Fatalf("unknown facet: %d %s", code, errOut)
	}
	if code, _, _ := wb(t, "search", f.path, "debt", "--by", "size"); code != 2 {
		t.Fatalf("bad --by: %d", code)
	}
}
