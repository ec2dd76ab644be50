package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerationPersists(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(ix.Recreated(), ErrIndexMissing) {
		t.Errorf("new index Recreated = %v", ix.Recreated())
	}
	if g, err := ix.Generation(); err != nil || g != 0 {
		t.Errorf("new generation = %d, %v", g, err)
	}
	s := testStudies()[0]
	if err := ix.UpdateStudy(s.info.GUID, studyChunks(s)); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetGeneration(42); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Generation(); !errors.Is(err, ErrClosed) {
		t.Errorf("Generation after Close = %v", err)
	}

	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Recreated() != nil {
		t.Errorf("reopened index Recreated = %v", ix.Recreated())
	}
	if g, _ := ix.Generation(); g != 42 {
		t.Errorf("generation after reopen = %d, want 42", g)
	}
	res, got := search(t, ix, `"debt bondage"`, Options{})
	if len(got) != 1 {
		t.Errorf("reopened index search = %v", got)
	}
	if f := res.Facets[FacetCountry]; len(f) != 2 || f[0].Studies != 1 {
		t.Errorf("reopened index country facet = %v (study table not persisted?)", f)
	}
	// a rebuild resets the generation until the caller sets it
	if err := ix.Rebuild(context.Background(), func(func(Chunk) bool) error { return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if g, _ := ix.Generation(); g != 0 {
		t.Errorf("generation after rebuild = %d", g)
	}
	if n, _ := ix.DocCount(); n != 0 {
		t.Errorf("DocCount after empty rebuild = %d", n)
	}
}

func TestMemGeneration(t *testing.T) {
	ix, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.SetGeneration(7); err != nil {
		t.Fatal(err)
	}
	if g, _ := ix.Generation(); g != 7 {
		t.Errorf("generation = %d", g)
	}
}

// makeIndex creates an index with one study in dir and closes it.
func makeIndex(t *testing.T, dir string) {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := testStudies()[1]
	if err := ix.UpdateStudy(s.info.GUID, studyChunks(s)); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetGeneration(3); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCorruptIndexRecreated(t *testing.T) {
	damage := map[string]func(t *testing.T, dir string){
		"meta": func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"root": func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "store", "root.bolt"), []byte(strings.Repeat("garbage!", 1024)), 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"segments": func(t *testing.T, dir string) {
			files, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
			if len(files) == 0 {
				t.Fatal("no segment files")
			}
			for _, f := range files {
				if err := os.WriteFile(f, []byte("truncated"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
		},
		"store gone": func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, "store")); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			makeIndex(t, dir)
			f(t, dir)
			ix, err := Open(dir)
			if err != nil {
				t.Fatalf("Open damaged index: %v", err)
			}
			defer ix.Close()
			g, _ := ix.Generation()
			switch {
			case errors.Is(ix.Recreated(), ErrIndexCorrupt):
			case name == "segments" && ix.Recreated() == nil && g == 0:
				// scorch skipped the damaged newest snapshot and loaded an
				// older one that still loads (here: the empty index as
				// created, before the study was added); its generation
				// (0) tells the caller to rebuild.
			default:
				t.Errorf("Recreated = %v (generation %d), want ErrIndexCorrupt", ix.Recreated(), g)
			}
			if g != 0 {
				t.Errorf("generation of recreated index = %d", g)
			}
			if _, got := search(t, ix, "wage", Options{}); got != nil {
				t.Errorf("recreated index not empty: %v", got)
			}
		})
	}
}

func TestOutdatedIndexRecreated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	makeIndex(t, dir)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.idx.SetInternal(keyMapping, []byte("wb-search-0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !errors.Is(ix.Recreated(), ErrIndexOutdated) {
		t.Errorf("Recreated = %v, want ErrIndexOutdated", ix.Recreated())
	}
}

func TestOpenRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(dir); err == nil {
		ix.Close()
		t.Fatal("Open succeeded on a directory with foreign files")
	}
	if _, err := os.Stat(notes); err != nil {
		t.Errorf("foreign file removed: %v", err)
	}
}

func TestOpenBusy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix2, err := Open(dir); !errors.Is(err, ErrIndexBusy) {
		if ix2 != nil {
			ix2.Close()
		}
		t.Fatalf("second Open = %v, want ErrIndexBusy", err)
	}
}
