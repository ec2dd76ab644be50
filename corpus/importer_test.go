package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// sharedCorpus returns the path of ../shared/corpus, skipping when absent.
func sharedCorpus(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		// A worktree nested one level deeper: look in the ancestors.
		abs, _ := filepath.Abs(".")
		for d := abs; filepath.Dir(d) != d; d = filepath.Dir(d) {
			if st, err := os.Stat(filepath.Join(d, "shared", "corpus")); err == nil && st.IsDir() {
				return filepath.Join(d, "shared", "corpus")
			}
		}
		tb.Skip("../shared/corpus not present")
	}
	return dir
}

func TestImportRealPDFs(t *testing.T) {
	dir := sharedCorpus(t)
	files := []string{
		filepath.Join(dir, "plumb_ca-warn-report.pdf"),              // a report
		filepath.Join(dir, "pypdf_libreoffice-writer-password.pdf"), // needs a password
		filepath.Join(dir, "plumb_issue-203-decimalize.pdf"),        // scanned, no text layer
		filepath.Join(dir, "plumb_malformed-from-issue-932.pdf"),    // broken
		filepath.Join(dir, "SOURCES.tsv"),                           // not a PDF
	}
	p := MustCreate(t)
	var last ImportProgress
	res, err := p.Import(context.Background(), files, ImportOptions{}, func(pr ImportProgress) { last = pr })
	if err != nil {
		t.Fatal(err)
	}
	if last.FilesDone != len(files) || last.Files != len(files) {
		t.Errorf("progress ended at %+v", last)
	}
	byName := map[string]ImportResult{}
	for _, r := range res {
		byName[filepath.Base(r.Path)] = r
	}
	if r := byName["plumb_ca-warn-report.pdf"]; r.Status != ImportOK || r.Pages != 16 || r.Study == "" {
		t.Errorf("report: %+v", r)
	}
	if r := byName["pypdf_libreoffice-writer-password.pdf"]; r.Status != ImportFailed || r.Message != "password protected: import it again with its password" || !r.NeedsPassword {
		t.Errorf("password file: %+v", r)
	}
	if r := byName["plumb_issue-203-decimalize.pdf"]; r.Status != ImportWarning || r.Study == "" {
		t.Errorf("scanned file: %+v", r)
	}
	if r := byName["SOURCES.tsv"]; r.Status != ImportFailed || r.Message == "" {
		t.Errorf("not a pdf: %+v", r)
	}
	if r := byName["plumb_malformed-from-issue-932.pdf"]; r.Status == "" || r.Path == "" {
		t.Errorf("malformed: %+v", r)
	}
	s, err := p.Study(byName["plumb_ca-warn-report.pdf"].Study)
	if err != nil || s.Pages != 16 || s.TextLen == 0 || s.Title == "" {
		t.Fatalf("stored study %+v %v", s, err)
	}
	txt, _ := p.Text(s.GUID)
	if len(txt.PageStarts) != 16 {
		t.Errorf("page map has %d pages", len(txt.PageStarts))
	}
	name, pdf, err := p.PDF(s.GUID)
	if err != nil || name != "plumb_ca-warn-report.pdf" || len(pdf) == 0 {
		t.Errorf("stored PDF %q %d %v", name, len(pdf), err)
	}
	if st, _ := p.Stats(); st.Studies != 2+countImported(byName["plumb_malformed-from-issue-932.pdf"]) {
		t.Errorf("studies = %d", st.Studies)
	}

	// The same PDFs again, via their folder listing: duplicates, nothing added.
	again, err := p.Import(context.Background(), files[:1], ImportOptions{}, nil)
	if err != nil || again[0].Status != ImportDuplicate || again[0].Study != s.GUID {
		t.Fatalf("second import: %+v %v", again, err)
	}
}

func countImported(r ImportResult) int {
	if r.Status == ImportOK || r.Status == ImportWarning {
		return 1
	}
	return 0
}

func TestImportCancelled(t *testing.T) {
	dir := sharedCorpus(t)
	files, err := CollectPDFs([]string{dir})
	if err != nil || len(files) < 30 {
		t.Fatalf("collect: %d %v", len(files), err)
	}
	p := MustCreate(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := p.Import(ctx, files, ImportOptions{Workers: 1}, nil)
	if err == nil {
		t.Fatal("cancelled import reported no error")
	}
	if len(res) != len(files) {
		t.Fatalf("%d results for %d files", len(res), len(files))
	}
	for _, r := range res {
		if r.Status == ImportOK {
			return // at most the one file already in flight
		}
	}
}
