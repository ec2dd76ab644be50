package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAppraiseVerb(t *testing.T) {
	f := newReviewFixture(t)
	out := mustWB(t, "appraise", f.path, "--study", "Alpha")
	if !strings.Contains(out, "Not started.") || !strings.Contains(out, "Rigor/Sampling explained") || !strings.Contains(out, "Overall rating") {
		t.Fatalf("empty form:\n%s", out)
	}
	criteria := []string{"Research questions stated", "Design and methods described", "Sampling explained",
		"Informed consent and do-no-harm", "Confidentiality and data protection", "Analysis transparent",
		"Limitations acknowledged", "Trafficking defined in line with the Palermo Protocol", "Findings supported by data"}
	for _, c := range criteria {
		mustWB(t, "appraise", f.path, "--study", "Alpha", "--criterion", c, "--judgement", "met", "--reason", "clear")
	}
	var form map[string]any
	if err := json.Unmarshal([]byte(mustWB(t, "appraise", f.path, "--study", "Alpha", "--json")), &form); err != nil {
		t.Fatal(err)
	}
	if form["rating"] != "high" || form["judged"].(float64) != 9 || form["coder_name"] != "Ann" {
		t.Fatalf("form %v", form)
	}
	// Evidence: Ann's consent coding.
	out = mustWB(t, "segments", f.path, "--code", "Informed consent and do-no-harm", "--json")
	var segs []map[string]any
	json.Unmarshal([]byte(out), &segs)
	mustWB(t, "appraise", f.path, "--study", "Alpha", "--criterion", "Informed consent and do-no-harm", "--link", segs[0]["coding"].(string))
	mustWB(t, "appraise", f.path, "--study", "Alpha", "--criterion", "Sampling explained", "--judgement", "not reported")
	mustWB(t, "appraise", f.path, "--study", "Alpha", "--criterion", "Analysis transparent", "--judgement", "not met")
	json.Unmarshal([]byte(mustWB(t, "appraise", f.path, "--study", "Alpha", "--json")), &form)
	if form["rating"] != "low" || !strings.Contains(form["why"].(string), "2 core criteria") {
		t.Fatalf("low form %v", form)
	}
	for _, row := range form["criteria"].([]any) {
		r := row.(map[string]any)
		if strings.HasSuffix(r["path"].(string), "do-no-harm") && len(r["links"].([]any)) != 1 {
			t.Fatalf("evidence %v", r)
		}
	}
	if code, _, errOut := wb(t, "appraise", f.path, "--study", "Alpha", "--override", "medium"); code != 1 || !strings.Contains(errOut, "needs a reason") {
		t.Fatalf("override without reason: %d %s", code, errOut)
	}
	out = mustWB(t, "appraise", f.path, "--study", "Alpha", "--override", "medium", "--override-reason", "small but careful")
	if !strings.Contains(out, "Overridden: medium (small but careful)") || !strings.Contains(out, "Final rating: Medium") {
		t.Fatalf("override:\n%s", out)
	}
	// Blind: Ben sees an empty form; --all shows both.
	json.Unmarshal([]byte(mustWB(t, "appraise", f.path, "--study", "Alpha", "--coder", "Ben", "--json")), &form)
	if form["appraisal"] != "" || form["judged"].(float64) != 0 {
		t.Fatalf("Ben sees %v", form)
	}
	mustWB(t, "appraise", f.path, "--study", "Alpha", "--coder", "Ben", "--criterion", "Sampling explained", "--judgement", "partly")
	var all []map[string]any
	json.Unmarshal([]byte(mustWB(t, "appraise", f.path, "--study", "Alpha", "--all", "--json")), &all)
	if len(all) != 2 {
		t.Fatalf("--all: %d appraisals", len(all))
	}
	out = mustWB(t, "status", f.path)
	if !strings.Contains(out, "1 of 2 complete") {
		t.Fatalf("status appraisal column:\n%s", out)
	}
	for _, bad := range [][]string{{"--criterion", "Debt bondage", "--judgement", "met"}, {"--criterion", "Sampling explained", "--judgement", "fine"}} {
		if code, _, errOut := wb(t, append([]string{"appraise", f.path, "--study", "Alpha"}, bad...)...); code != 1 {
			t.Fatalf("%v: %d %s", bad, code, errOut)
		}
	}
	if code, _, _ := wb(t, "appraise", f.path); code != 2 {
		t.Fatalf("no --study: %d", code)
	}
}
