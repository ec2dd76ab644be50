package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDumpCorpus writes every corpus file's text to $PDFTEXT_DUMP (development aid;
// skipped unless the variable is set).
func TestDumpCorpus(t *testing.T) {
	out := os.Getenv("PDFTEXT_DUMP")
	if out == "" {
		t.Skip("PDFTEXT_DUMP not set")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	if len(files) == 0 {
		t.Skip("corpus absent")
	}
	os.MkdirAll(out, 0o755)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		doc, err := ExtractFile(context.Background(), f, Options{})
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		t.Logf("%s: pages %d warnings %d normalised %v meta %+v cond %v", name, len(doc.Pages), len(doc.Warnings), doc.Normalised, doc.Meta, doc.Condition)
		for _, w := range doc.Warnings {
			t.Logf("   %s", w)
		}
		os.WriteFile(filepath.Join(out, name+".txt"), []byte(doc.Text), 0o644)
	}
}
