//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestExportsFollowUmask writes every kind of file wb exports under umask
// 022 and checks each is 0644 (readable by the team on a shared drive), not
// the 0600 of a temporary file.
func TestExportsFollowUmask(t *testing.T) {
	demo := demoProject(t)
	t.Setenv("EWB_CODER", "Ann")
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	runs := [][]string{
		{"attributes", demo, "--export", out("attributes.csv")},
		{"codebook", demo, "--export", out("codebook.qdc")},
		{"codebook", demo, "--export", out("codebook.csv")},
		{"export-qdpx", demo, out("project.qdpx")},
		{"segments", demo, "--csv", out("segments.csv"), "--xlsx", out("segments.xlsx")},
		{"segments", demo, "--frequencies", "--csv", out("frequencies.csv"), "--xlsx", out("frequencies.xlsx")},
		{"matrix", demo, "--cols", "method", "--csv", out("matrix.csv"), "--xlsx", out("matrix.xlsx")},
		{"map", demo, "--svg", out("map.svg"), "--png", out("map.png"), "--xlsx", out("map.xlsx")},
		{"brief", demo, "-o", out("brief.md")},
		{"brief", demo, "-o", out("brief.html")},
	}
	for _, args := range runs {
		mustWB(t, args...)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 15 {
		t.Errorf("%d files written, want 15", len(ents))
	}
	for _, e := range ents {
		st, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r--", e.Name(), st.Mode().Perm())
		}
	}
}
