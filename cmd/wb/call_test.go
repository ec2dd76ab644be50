package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/merge"
)

// mergeResolutions checks a parsed wb merge call and returns the
// resolutions read from --resolve and --conflict.
func mergeResolutions(c *call) (merge.Resolutions, error) {
	o := c.opts.(*mergeOptions)
	err := o.check()
	return o.res, err
}

// TestOptionsCheckedBeforeOpening runs verbs on a project file that does not
// exist: a bad flag value must be reported (naming what is accepted) before
// the file is opened, with the verb's usual status.
func TestOptionsCheckedBeforeOpening(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.ewb")
	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"segments", missing, "--within", "sentence"}, 1, []string{`--within "sentence"`, "study, paragraph or overlap"}},
		{[]string{"segments", missing, "--method", "survey"}, 1, []string{`"survey"`, "qualitative"}},
		{[]string{"segments", missing, "--status", "maybe"}, 1, []string{`unknown review status "maybe"`}},
		{[]string{"matrix", missing, "--cols", "colour"}, 1, []string{`"colour"`, "sector, country"}},
		{[]string{"matrix", missing, "--rows", "study"}, 2, []string{"rows are codes"}},
		{[]string{"map", missing, "--cols", "colour"}, 2, []string{`"colour"`, "rows and columns"}},
		{[]string{"agreement", missing, "--unit", "word"}, 1, []string{`"word"`, "char, sentence, paragraph or study"}},
		{[]string{"agreement", "--data", "x.csv", "--level", "fuzzy"}, 1, []string{"fuzzy"}},
		{[]string{"status", missing, "--study", "A", "--set", "maybe"}, 1, []string{"unknown review status"}},
		{[]string{"status", missing, "--set", "included"}, 2, []string{"--set needs --study"}},
		{[]string{"attributes", missing, "--study", "A", "--set", "method=survey"}, 1, []string{"survey"}},
		{[]string{"attributes", missing, "--study", "A", "--set", "year"}, 2, []string{"FIELD=VALUE"}},
		{[]string{"appraise", missing, "--study", "A", "--judgement", "met"}, 2, []string{"need --criterion"}},
		{[]string{"brief", missing, "-o", "b.md", "--from", "abc"}, 2, []string{`--from "abc" is not a year`}},
		{[]string{"brief", missing, "--format", "txt"}, 2, []string{"unknown brief format"}},
		{[]string{"code", missing, "--study", "A", "--code", "C", "--range", "1-2"}, 2, []string{"START:END"}},
		{[]string{"code", missing, "--remove", "", "--verify"}, 2, []string{"go alone"}},
		{[]string{"codebook", missing, "--move", "C"}, 2, []string{"--move needs --to"}},
		{[]string{"codebook", missing, "--add", "C", "--name", "D"}, 2, []string{"--name goes with --edit"}},
		{[]string{"codebook", missing, "--export", "a.txt"}, 2, []string{".qdc"}},
		{[]string{"codebook", missing, "--templates", "--edit", "C"}, 2, []string{"give only one of --export"}},
		{[]string{"memo", missing, "--study", "A", "--code", "C"}, 2, []string{"give one of"}},
		{[]string{"reconcile", missing, "--consensus", "S", "--judge", "C=excellent"}, 1, []string{"excellent"}},
		{[]string{"reconcile", missing, "--consensus", "S", "--judge", "C"}, 1, []string{"CRITERION=JUDGEMENT"}},
		{[]string{"reconcile", missing, "--accept-span", "S:C:1:x"}, 1, []string{"character offsets"}},
		{[]string{"reconcile", missing, "--mark", "item", "--decision", " "}, 2, []string{"--mark needs --decision"}},
		{[]string{"merge", missing, "r.ewb", "--conflict", "code:a=drop"}, 1, []string{"keep-master"}},
		{[]string{"search", missing, "debt", "--limit", "0"}, 2, []string{"positive number"}},
		{[]string{"search", missing, "debt", "--facet", "country"}, 2, []string{"field=value"}},
	} {
		code, _, errOut := wb(t, tc.args...)
		if code != tc.code {
			t.Errorf("wb %s: status %d, want %d (%s)", strings.Join(tc.args, " "), code, tc.code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("wb %s: %q lacks %q", strings.Join(tc.args, " "), errOut, w)
			}
		}
		if strings.Contains(errOut, "missing.ewb") {
			t.Errorf("wb %s: opened the project before checking the flags: %s", strings.Join(tc.args, " "), errOut)
		}
	}
}

// TestOptionsAreFreshPerCall checks that each call of a verb has its own
// options starting from the defaults: nothing is kept in package variables,
// so a second call neither sees nor resets the first one's flags.
func TestOptionsAreFreshPerCall(t *testing.T) {
	values := func(c *call) string {
		var out []string
		c.fs.VisitAll(func(f *flag.Flag) { out = append(out, f.Name+"="+f.Value.String()) })
		return strings.Join(out, " ")
	}
	for name, v := range verbs {
		first := newCall(context.Background(), v, io.Discard, io.Discard)
		var defaults []string
		first.fs.VisitAll(func(f *flag.Flag) {
			if f.Usage == "" {
				t.Errorf("%s --%s: no usage text", name, f.Name)
			}
			defaults = append(defaults, f.Name+"="+f.DefValue)
			if first.fs.Set(f.Name, "7") != nil { // a bool flag
				first.fs.Set(f.Name, "true")
			}
		})
		set := values(first)
		second := newCall(context.Background(), v, io.Discard, io.Discard)
		if got := values(second); got != strings.Join(defaults, " ") {
			t.Errorf("%s: a new call does not start from the defaults:\n%s\n%s", name, got, strings.Join(defaults, " "))
		}
		if got := values(first); got != set {
			t.Errorf("%s: a new call changed the first one's flags:\n%s\n%s", name, got, set)
		}
	}
}

// TestOptionalFlags checks the flags whose presence matters even with an
// empty value, and that an int flag rejects what the flag package rejects.
func TestOptionalFlags(t *testing.T) {
	c := newCall(context.Background(), verbs["appraise"], io.Discard, io.Discard)
	if err := c.parse([]string{"f.ewb", "--study", "A", "--criterion", "C", "--judgement", ""}); err != nil {
		t.Fatal(err)
	}
	o := c.opts.(*appraiseOptions)
	if !o.judgement.set || o.judgement.v != "" || o.override.set {
		t.Errorf("judgement %+v, override %+v", o.judgement, o.override)
	}
	c = newCall(context.Background(), verbs["codebook"], io.Discard, io.Discard)
	err := c.parse([]string{"f.ewb", "--edit", "C", "--pin", "x"})
	if err == nil || err.Error() != `invalid value "x" for flag -pin: parse error` {
		t.Errorf("--pin x: %v", err)
	}
	c = newCall(context.Background(), verbs["codebook"], io.Discard, io.Discard)
	if err := c.parse([]string{"f.ewb", "--edit", "C", "--pin", "0", "--color", ""}); err != nil {
		t.Fatal(err)
	}
	cb := c.opts.(*codebookOptions)
	if err := cb.check(); err != nil || cb.action != "edit" || cb.arg != "C" || !cb.pin.set || !cb.color.set || cb.kind.set {
		t.Errorf("codebook options %+v (%v)", cb, err)
	}
}
