package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMemoVerb(t *testing.T) {
	path, study := codingFixture(t)
	mustWB(t, "codebook", path, "--template", "default")
	var coded struct{ Codings []codingJSON }
	json.Unmarshal([]byte(mustWB(t, "code", path, "--study", study, "--code", "Debt bondage", "--range", "14:26", "--json")), &coded)
	if len(coded.Codings) != 1 {
		t.Fatalf("coding %+v", coded)
	}
	g := coded.Codings[0].GUID

	mustWB(t, "memo", path, "--study", "Fishing", "--text", "Small sample, strong detail.")
	mustWB(t, "memo", path, "--code", "Debt bondage", "--text", "Includes advances on wages.")
	mustWB(t, "memo", path, "--coding", g, "--text", "Key quote for the brief.")
	mustWB(t, "memo", path, "--study", study, "--coder", "Ben", "--text", "Agree: sample is small.")

	var got struct{ Memos []map[string]any }
	json.Unmarshal([]byte(mustWB(t, "memo", path, "--study", study, "--json")), &got)
	if len(got.Memos) != 2 || got.Memos[0]["coder_name"] != "Ann" || got.Memos[1]["coder_name"] != "Ben" {
		t.Fatalf("study memos %+v", got)
	}
	if out := mustWB(t, "memo", path, "--coding", g); !strings.Contains(out, "Key quote for the brief.") {
		t.Fatalf("coding memo:\n%s", out)
	}
	json.Unmarshal([]byte(mustWB(t, "memo", path, "--search", "SAMPLE", "--json")), &got)
	if len(got.Memos) != 2 {
		t.Fatalf("search %+v", got)
	}
	// An empty text deletes the memo.
	mustWB(t, "memo", path, "--code", "Debt bondage", "--text", "")
	if out := mustWB(t, "memo", path, "--code", "Debt bondage"); !strings.Contains(out, "No memos.") {
		t.Fatalf("after delete:\n%s", out)
	}

	errs := []struct {
		args   []string
		status int
		msg    string
	}{
		{[]string{"--text", "x"}, 2, "give one of"},
		{[]string{"--study", study, "--code", "Debt bondage"}, 2, "give one of"},
		{[]string{"--search", "x", "--text", "y"}, 2, "--text goes with"},
		{[]string{"--coding", "nope", "--text", "x"}, 1, "not found"},
		{[]string{"--code", "Nothing like it", "--text", "x"}, 1, "no code"},
	}
	for _, e := range errs {
		code, _, errOut := wb(t, append([]string{"memo", path}, e.args...)...)
		if code != e.status || !strings.Contains(errOut, e.msg) {
			t.Errorf("%v: status %d, %s", e.args, code, errOut)
		}
	}
}

// An area coding's memo is written with --coding AREA-GUID and found by
// --search.
func TestMemoOnArea(t *testing.T) {
	demo := demoProject(t)
	var coded struct{ Areas []struct{ GUID string } }
	out := mustWB(t, "code", demo, "--study", "Harvest of Debt", "--code", "Themes/Debt bondage", "--area", "1:60,60,300,200", "--label", "table", "--json")
	if err := json.Unmarshal([]byte(out), &coded); err != nil || len(coded.Areas) != 1 {
		t.Fatalf("area %s %v", out, err)
	}
	g := coded.Areas[0].GUID
	if out := mustWB(t, "memo", demo, "--coding", g, "--text", "Monthly debts of 40 households."); !strings.Contains(out, "area "+g) {
		t.Fatalf("area memo: %s", out)
	}
	var got struct{ Memos []map[string]any }
	json.Unmarshal([]byte(mustWB(t, "memo", demo, "--search", "HOUSEHOLDS", "--json")), &got)
	if len(got.Memos) != 1 || got.Memos[0]["target_kind"] != "area" || got.Memos[0]["target"] != g {
		t.Fatalf("search %+v", got)
	}
	mustWB(t, "undo", demo)
	if out := mustWB(t, "memo", demo, "--coding", g); !strings.Contains(out, "No memos.") {
		t.Fatalf("after undo:\n%s", out)
	}
}
