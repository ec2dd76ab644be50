package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
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

func TestCodeRemoveVerify(t *testing.T) {
	path, study := codingFixture(t)
	mustWB(t, "codebook", path, "--add", "Debt")
	var res struct{ Codings []codingJSON }
	json.Unmarshal([]byte(mustWB(t, "code", path, "--study", study, "--code", "Debt", "--match", "debt bondage", "--all", "--json")), &res)
	if len(res.Codings) != 2 {
		t.Fatalf("codings %+v", res)
	}
	if out := mustWB(t, "code", path, "--verify"); !strings.Contains(out, "Every coding matches") {
		t.Fatalf("verify clean: %s", out)
	}
	// Change the text under the codings without re-anchoring.
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.SetCoder(corpus.CoderNamed("Ann"))
	err = p.Do("Change text", func(tx *corpus.Tx) error {
		return tx.ReplaceText(study, "Shorter text now.", []int{0}, nil, corpus.ExtractOK, "")
	})
	p.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := wb(t, "code", path, "--verify", "--study", "fish", "--json")
	var v struct {
		OK         bool
		Mismatches []map[string]any
	}
	json.Unmarshal([]byte(out), &v)
	if code != 1 || v.OK || len(v.Mismatches) != 2 || !strings.Contains(errOut, "2 coding(s)") {
		t.Fatalf("verify: %d %s %s", code, out, errOut)
	}
	out = mustWB(t, "code", path, "--remove", res.Codings[0].GUID)
	if !strings.Contains(out, "Removed coding "+res.Codings[0].GUID) {
		t.Fatalf("remove: %s", out)
	}
	if code, _, errOut := wb(t, "code", path, "--remove", res.Codings[0].GUID); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("remove again: %d %s", code, errOut)
	}
	if code, _, _ := wb(t, "code", path, "--remove", "x", "--verify"); code != 2 {
		t.Fatalf("remove with verify: %d", code)
	}
}
