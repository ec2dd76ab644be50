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
