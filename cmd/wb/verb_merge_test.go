package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
)

// teamFiles makes a master with one study (100 characters) and code X,
// and two reviewer copies: Ann codes X on 0-40, Bob on 20-60.
func teamFiles(t *testing.T) (master, ann, bob, study, code string) {
	t.Helper()
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	dir := t.TempDir()
	master, ann, bob = filepath.Join(dir, "master.ewb"), filepath.Join(dir, "ann.ewb"), filepath.Join(dir, "bob.ewb")
	p, err := corpus.Create(master, "Team")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetCoder(corpus.CoderNamed("Lead")); err != nil {
		t.Fatal(err)
	}
	if code, err = coding.CreateCode(p, coding.Code{Name: "X"}); err != nil {
		t.Fatal(err)
	}
	err = p.Do("Import", func(tx *corpus.Tx) error {
		study, err = tx.AddStudy(corpus.NewStudy{FileName: "s.pdf", PDF: []byte("%PDF s"), Text: strings.Repeat("abcdefghij", 10),
			Attributes: corpus.Attributes{Title: "Study one"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	for _, r := range []struct {
		path, who  string
		start, end int
	}{{ann, "Ann", 0, 40}, {bob, "Bob", 20, 60}} {
		b, err := os.ReadFile(master)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(r.path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		q, err := corpus.Open(r.path, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.SetCoder(corpus.CoderNamed(r.who)); err != nil {
			t.Fatal(err)
		}
		if _, err := coding.ApplyCode(q, study, code, r.start, r.end, ""); err != nil {
			t.Fatal(err)
		}
		q.Close()
	}
	return master, ann, bob, study, code
}

func TestMergeVerb(t *testing.T) {
	master, ann, bob, study, code := teamFiles(t)
	out := mustWB(t, "merge", master, ann, "--dry-run", "--coder", "Lead")
	if !strings.Contains(out, "Dry run") || !strings.Contains(out, "1 codings") {
		t.Fatalf("dry run:\n%s", out)
	}
	out = mustWB(t, "merge", master, ann, bob, "--json", "--coder", "Lead")
	var reps []struct {
		New struct {
			Codings, Coders int
		} `json:"new"`
	}
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(reps) != 2 || reps[0].New.Codings != 1 || reps[1].New.Codings != 1 || reps[1].New.Coders != 1 {
		t.Fatalf("reports %+v", reps)
	}
	out = mustWB(t, "merge", master, ann, "--coder", "Lead")
	if !strings.Contains(out, "Nothing new") {
		t.Errorf("second merge:\n%s", out)
	}
	info := mustWB(t, "info", master, "--json")
	if !strings.Contains(info, `"codings": 2`) {
		t.Errorf("info after merge: %s", info)
	}
	missing := filepath.Join(t.TempDir(), "x.qdpx")
	if code, _, errOut := wb(t, "merge", master, missing, "--coder", "Lead"); code == 0 || !strings.Contains(errOut, "x.qdpx") {
		t.Errorf("missing qdpx: %d %s", code, errOut)
	}
	// A REFI-QDA archive of Bob's file, with one more coding, merges like the file.
	q, err := corpus.Open(bob, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q.SetCoder(corpus.CoderNamed("Bob"))
	if _, err := coding.ApplyCode(q, study, code, 70, 90, ""); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "bob.qdpx")
	err = exchange.ExportQDPX(context.Background(), q, archive, nil)
	q.Close()
	if err != nil {
		t.Fatal(err)
	}
	out = mustWB(t, "merge", master, archive, "--coder", "Lead")
	if !strings.Contains(out, "Merge of "+archive) || !strings.Contains(out, "New: 0 studies, 0 codes, 1 codings") {
		t.Errorf("qdpx merge:\n%s", out)
	}
	if code, _, errOut := wb(t, "merge", master, ann, "--resolve", "merge-all", "--coder", "Lead"); code == 0 || !strings.Contains(errOut, "keep-both") {
		t.Errorf("bad --resolve: %d %s", code, errOut)
	}
}

func TestMergeResolutionFlags(t *testing.T) {
	parse := func(args ...string) (merge.Resolutions, error) {
		c := newCall(context.Background(), verbs["merge"], io.Discard, io.Discard)
		if err := c.parse(append([]string{"m.ewb", "r.ewb"}, args...)); err != nil {
			return merge.Resolutions{}, err
		}
		return mergeResolutions(c)
	}
	res, err := parse("--resolve", "keep both", "--conflict", "code:a=map: abc", "--conflict", "code:b=take-reviewer")
	if err != nil {
		t.Fatal(err)
	}
	if res.Default != merge.KeepBoth || res.ByConflict["code:a"] != (merge.Resolution{Action: merge.MapTo, Target: "abc"}) ||
		res.ByConflict["code:b"].Action != merge.TakeReviewer {
		t.Errorf("resolutions %+v", res)
	}
	for _, bad := range [][]string{{"--conflict", "code:a"}, {"--conflict", "code:a=drop"}, {"--resolve", "map"}} {
		if _, err := parse(bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestMergeVerbMasterIntoItself: the master given as a reviewer file is
// named as the master itself, not as "open in another window", also with
// --dry-run and another spelling of the path.
func TestMergeVerbMasterIntoItself(t *testing.T) {
	master, _, _, _, _ := teamFiles(t)
	other := filepath.Join(filepath.Dir(master), ".", filepath.Base(master))
	for _, args := range [][]string{{"merge", master, master, "--coder", "Lead"}, {"merge", master, other, "--dry-run"}} {
		code, _, errOut := wb(t, args...)
		if code == 0 || !strings.Contains(errOut, "is the master project itself") || strings.Contains(errOut, "another window") {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
	}
}
