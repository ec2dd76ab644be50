package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCodeVerb(t *testing.T) {
	path, study := codingFixture(t)
	mustWB(t, "codebook", path, "--template", "default")
	var res struct {
		Codings []codingJSON
		Skipped int
	}
	decode := func(out string) {
		t.Helper()
		res.Codings, res.Skipped = nil, 0
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	// By range, study by title prefix, code by name.
	decode(mustWB(t, "code", path, "--study", "fish", "--code", "Debt bondage", "--range", "14:26", "--memo", "at sea", "--json"))
	if len(res.Codings) != 1 || res.Codings[0].Quote != "debt bondage" || res.Codings[0].Study != study ||
		res.Codings[0].Memo != "at sea" || !strings.HasSuffix(res.Codings[0].CodePath, "/Debt bondage") {
		t.Fatalf("range coding %+v", res)
	}
	first := res.Codings[0]
	// The same again is a duplicate.
	if code, _, errOut := wb(t, "code", path, "--study", study, "--code", first.Code, "--range", "14:26"); code != 1 || !strings.Contains(errOut, "already has that code") {
		t.Fatalf("duplicate: %d %s", code, errOut)
	}
	// --match --all codes the other occurrence (across a double space) and skips the first.
	decode(mustWB(t, "code", path, "--study", study, "--code", first.CodePath, "--match", "DEBT BONDAGE", "--all", "--json"))
	if len(res.Codings) != 1 || res.Skipped != 1 || res.Codings[0].Quote != "Debt  bondage" || res.Codings[0].Start != 35 {
		t.Fatalf("match all %+v", res)
	}
	// Another coder may code the same passage.
	out := mustWB(t, "code", path, "--study", study, "--code", first.Code, "--match", "debt bondage", "--coder", "Ben")
	if !strings.Contains(out, "14:26") {
		t.Fatalf("Ben's coding:\n%s", out)
	}
	// Listing.
	decode(mustWB(t, "code", path, "--study", study, "--json"))
	if len(res.Codings) != 3 {
		t.Fatalf("list %+v", res)
	}
	if out := mustWB(t, "code", path, "--study", study); !strings.Contains(out, `"debt bondage"`) {
		t.Fatalf("list:\n%s", out)
	}

	errs := []struct {
		args   []string
		status int
		msg    string
	}{
		{[]string{"--code", "Debt bondage", "--range", "1:2"}, 2, "--study is required"},
		{[]string{"--study", study, "--range", "1:2"}, 2, "--code is required"},
		{[]string{"--study", study, "--code", "Debt bondage"}, 2, "either --range"},
		{[]string{"--study", study, "--code", "Debt bondage", "--range", "1:2", "--match", "x"}, 2, "either --range"},
		{[]string{"--study", study, "--code", "Debt bondage", "--range", "12"}, 2, "START:END"},
		{[]string{"--study", study, "--code", "Debt bondage", "--range", "1:2", "--all"}, 2, "--all goes with --match"},
		{[]string{"--study", study, "--code", "Debt bondage", "--range", "60:999"}, 1, "outside the study"},
		{[]string{"--study", study, "--code", "Debt bondage", "--match", "cocoa"}, 1, "not found"},
		{[]string{"--study", study, "--code", "No such code", "--range", "1:2"}, 1, "no code"},
		{[]string{"--study", "zzz", "--code", "Debt bondage", "--range", "1:2"}, 1, "no study"},
	}
	for _, e := range errs {
		code, _, errOut := wb(t, append([]string{"code", path}, e.args...)...)
		if code != e.status || !strings.Contains(errOut, e.msg) {
			t.Errorf("%v: status %d, %s", e.args, code, errOut)
		}
	}
}
