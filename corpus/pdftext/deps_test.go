package pdftext

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// dependencyPDFs lists the PDFs that ship in the test data of this module's PDF
// dependencies (pdfcpu, fpdf, ledongthuc/pdf) in the module cache: several hundred
// files from many producers, including damaged and encrypted ones.
func dependencyPDFs(t *testing.T) []string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skip("go env GOMODCACHE failed")
	}
	root := strings.TrimSpace(string(out))
	var files []string
	for _, pattern := range []string{"github.com/pdfcpu/pdfcpu@*", "github.com/go-pdf/fpdf@*", "github.com/ledongthuc/pdf@*"} {
		dirs, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, d := range dirs {
			_ = filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
				if err == nil && !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
					if fi, err := e.Info(); err == nil && fi.Size() < 20<<20 {
						files = append(files, p)
					}
				}
				return nil
			})
		}
	}
	if len(files) == 0 {
		t.Skip("no dependency PDFs in the module cache")
	}
	return files
}

// TestDependencyPDFs extracts every dependency PDF: no panic may reach the top,
// every failure must be typed, and no file may take longer than its timeout.
func TestDependencyPDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: hundreds of files")
	}
	files := dependencyPDFs(t)
	kinds := map[Kind]int{}
	for _, f := range files {
		start := time.Now()
		doc, err := ExtractFile(context.Background(), f, Options{Timeout: 30 * time.Second})
		if d := time.Since(start); d > 35*time.Second {
			t.Errorf("%s: %v", f, d)
		}
		switch {
		case err != nil && KindOf(err) == 0:
			t.Errorf("%s: untyped error %v", f, err)
		case err != nil && strings.Contains(err.Error(), "internal error"):
			t.Errorf("%s: a panic reached the top level: %v", f, err)
		case err != nil:
			kinds[KindOf(err)]++
			t.Logf("%s: %v", filepath.Base(f), err)
		case doc == nil:
			t.Errorf("%s: no document and no error", f)
		}
	}
	t.Logf("%d files; failures by kind: %v", len(files), kinds)
}
