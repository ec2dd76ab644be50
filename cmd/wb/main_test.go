package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wb runs the tool in-process and returns status, stdout and stderr.
func wb(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustWB runs the tool and fails the test on a non-zero status.
func mustWB(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := wb(t, args...)
	if code != 0 {
		t.Fatalf("wb %v: status %d\n%s%s", args, code, out, errOut)
	}
	return out
}

func TestNewInfoCheck(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "review.ewb")
	mustWB(t, "new", path)
	out := mustWB(t, "info", path)
	if !strings.Contains(out, "Studies") || !strings.Contains(out, "Schema version") {
		t.Fatalf("info output:\n%s", out)
	}
	// Flags after the positional argument.
	out = mustWB(t, "info", path, "--json")
	var info map[string]any
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatalf("info --json: %v\n%s", err, out)
	}
	if info["studies"].(float64) != 0 || info["codes"].(float64) < 20 {
		t.Fatalf("info = %v", info)
	}
	if out := mustWB(t, "check", "--json", path); !strings.Contains(out, `"ok": true`) {
		t.Fatalf("check: %s", out)
	}
	if code, _, errOut := wb(t, "new", path); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("new over existing: %d %s", code, errOut)
	}
}

func TestHelpAndErrors(t *testing.T) {
	for _, v := range []string{"new", "info", "check"} {
		code, out, _ := wb(t, v, "--help")
		if code != 0 || !strings.Contains(out, "Usage: wb "+v) {
			t.Errorf("%s --help: %d %s", v, code, out)
		}
	}
	if code, _, _ := wb(t, "nosuchverb"); code != 2 {
		t.Errorf("unknown verb status %d", code)
	}
	if code, _, errOut := wb(t, "info"); code != 2 || !strings.Contains(errOut, "expected FILE") {
		t.Errorf("missing arg: %d %s", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "x.ewb")
	if code, _, errOut := wb(t, "info", bad); code != 1 || !strings.Contains(errOut, bad) {
		t.Errorf("missing file: %d %s", code, errOut)
	}
}

func TestImportAndText(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/corpus not present")
	}
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "review.ewb")
	mustWB(t, "new", path)
	report := filepath.Join(dir, "plumb_ca-warn-report.pdf")
	locked := filepath.Join(dir, "pypdf_libreoffice-writer-password.pdf")
	out := mustWB(t, "import", path, report, locked, "--json", "--coder", "Ann")
	var recs []map[string]any
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("import --json: %v\n%s", err, out)
	}
	if len(recs) != 2 || recs[0]["status"] != "ok" || recs[1]["status"] != "failed" || recs[0]["pages"].(float64) != 16 {
		t.Fatalf("records %v", recs)
	}
	// Nothing new to import: duplicates only, and the locked file fails: status 1.
	if code, _, _ := wb(t, "import", path, locked, "--coder", "Ann"); code != 1 {
		t.Errorf("import of only failing files: status %d", code)
	}
	text := mustWB(t, "text", path, recs[0]["study"].(string))
	if strings.Count(text, "\f") != 16 || !strings.Contains(text, "WARN") {
		t.Errorf("text has %d form feeds:\n%.300s", strings.Count(text, "\f"), text)
	}
}

func TestDemo(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "demo.ewb")
	out := mustWB(t, "demo", path)
	if !strings.Contains(out, "10 studies") {
		t.Fatalf("demo: %s", out)
	}
	mustWB(t, "check", path)
}

func TestReextract(t *testing.T) {
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "demo.ewb")
	mustWB(t, "demo", path)
	out := mustWB(t, "reextract", path, "--all", "--coder", "Ann")
	if strings.Count(out, "changed=false") != 10 {
		t.Fatalf("re-extracting unchanged demo studies:\n%s", out)
	}
	if code, _, _ := wb(t, "reextract", path, "--coder", "Ann"); code != 2 {
		t.Errorf("no study and no --all: status %d", code)
	}
}
