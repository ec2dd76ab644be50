package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestReconcileVerb(t *testing.T) {
	master, ann, bob, study, _ := teamFiles(t)
	mustWB(t, "merge", master, ann, bob, "--coder", "Lead")
	list := func(args ...string) []map[string]any {
		t.Helper()
		out := mustWB(t, append([]string{"reconcile", master, "--list", "--json"}, args...)...)
		var items []map[string]any
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return items
	}
	items := list()
	if len(items) != 2 || items[0]["item"] != study+"|"+items[0]["code"].(string)+"|0|20" || items[0]["decision"] != "" {
		t.Fatalf("items %v", items)
	}
	annCoding := items[0]["codings"].([]any)[0].(string)
	out := mustWB(t, "reconcile", master, "--accept", annCoding, "--coder", "Lead")
	if !strings.Contains(out, "Consensus coding") {
		t.Errorf("accept: %s", out)
	}
	if left := list("--undecided"); len(left) != 1 || left[0]["start"].(float64) != 40 {
		t.Fatalf("after accept: %v", left)
	}
	out = mustWB(t, "reconcile", master, "--accept-span", "Study one:X:40:50", "--coder", "Lead")
	if !strings.Contains(out, `"abcdefghij"`) {
		t.Errorf("accept-span: %s", out)
	}
	if left := list("--undecided"); len(left) != 0 {
		t.Errorf("undecided after reconciliation: %v", left)
	}
	text := mustWB(t, "reconcile", master, "--list")
	if !strings.Contains(text, "2 disagreements, 2 decided") || !strings.Contains(text, "accepted Ann's coding") {
		t.Errorf("list:\n%s", text)
	}
	if code, _, _ := wb(t, "reconcile", master, "--accept-span", "Study one:X:40", "--coder", "Lead"); code == 0 {
		t.Error("bad span accepted")
	}
	if code, _, _ := wb(t, "reconcile", master); code != 2 {
		t.Error("no action accepted")
	}
	// A consensus appraisal needs a rigor criterion.
	p, err := corpus.Open(master, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.SetCoder(corpus.CoderNamed("Lead"))
	_, err = coding.CreateCode(p, coding.Code{Name: "Sampling explained", Kind: coding.KindRigor})
	p.Close()
	if err != nil {
		t.Fatal(err)
	}
	out = mustWB(t, "reconcile", master, "--consensus", "Study one", "--judge", "Sampling explained=partly met", "--coder", "Lead")
	if !strings.Contains(out, `Consensus appraisal`) || !strings.Contains(out, "1 criteria") {
		t.Errorf("consensus: %s", out)
	}
	if code, _, errOut := wb(t, "reconcile", master, "--consensus", "Study one", "--judge", "X=met", "--coder", "Lead"); code == 0 {
		t.Errorf("judgement of a code that is not a criterion accepted: %s", errOut)
	}
	if code, _, _ := wb(t, "reconcile", master, "--consensus", "Study one", "--coder", "Lead"); code != 2 {
		t.Error("consensus without judgements accepted")
	}
}
