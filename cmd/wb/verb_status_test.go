package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestStatusVerb(t *testing.T) {
	f := newReviewFixture(t)
	out := mustWB(t, "status", f.path)
	if !strings.Contains(out, "Alpha fields") || !strings.Contains(out, "1 included, 1 coding") {
		t.Fatalf("status list:\n%s", out)
	}
	if code, _, errOut := wb(t, "status", f.path, "--study", "Alpha", "--set", "excluded"); code != 1 || !strings.Contains(errOut, "add exclusion reasons first") {
		t.Fatalf("exclude without reasons: %d %s", code, errOut)
	}
	mustWB(t, "status", f.path, "--add-reason", "Not primary research")
	out = mustWB(t, "status", f.path, "--reasons")
	if !strings.Contains(out, "Not primary research") {
		t.Fatalf("reasons:\n%s", out)
	}
	if code, _, errOut := wb(t, "status", f.path, "--study", "Alpha", "--set", "excluded", "--reason", "too old"); code != 1 || !strings.Contains(errOut, "Not primary research") {
		t.Fatalf("unknown reason: %d %s", code, errOut)
	}
	mustWB(t, "status", f.path, "--study", "Alpha", "--study", "Beta", "--set", "excluded", "--reason", "not primary research")
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "status", f.path, "--json", "--status", "excluded")), &list); err != nil || len(list) != 2 {
		t.Fatalf("excluded list %v %v", list, err)
	}
	if list[0]["exclusion_reason"] != "Not primary research" || list[0]["reportable"] != false {
		t.Fatalf("row %v", list[0])
	}
	if code, _, errOut := wb(t, "status", f.path, "--remove-reason", "Not primary research"); code != 1 || !strings.Contains(errOut, "2 studies are excluded") {
		t.Fatalf("remove in use: %d %s", code, errOut)
	}
	mustWB(t, "status", f.path, "--study", "Alpha", "--set", "Included")
	json.Unmarshal([]byte(mustWB(t, "status", f.path, "--json", "--reportable")), &list)
	if len(list) != 1 || list[0]["title"] != "Alpha fields" {
		t.Fatalf("reportable %v", list)
	}
	if code, _, errOut := wb(t, "status", f.path, "--study", "Alpha", "--set", "maybe"); code != 1 || !strings.Contains(errOut, "unknown review status") {
		t.Fatalf("bad status: %d %s", code, errOut)
	}
	if code, _, _ := wb(t, "status", f.path, "--set", "included"); code != 2 {
		t.Fatalf("--set without --study: %d", code)
	}
}
