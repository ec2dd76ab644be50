package refi

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// sharedDir is the REFI material kept outside the repository.
const sharedDir = "../../../shared/refi"

func sample(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(sharedDir, "samples", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("sample %s not available: %v", name, err)
	}
	return p
}

// zipEntry returns the bytes of the first entry of the archive whose name matches re.
func zipEntry(t testing.TB, archive string, re *regexp.Regexp) []byte {
	t.Helper()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if re.MatchString(f.Name) {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("%s: no entry matching %s", archive, re)
	return nil
}

// countRe counts matches of re in b: the independent check of what the decoder finds.
func countRe(b []byte, re string) int {
	return len(regexp.MustCompile(re).FindAllIndex(b, -1))
}

// codingsPerUserRe counts <Coding ... creatingUser="X"> occurrences per user, lower-cased and unbraced.
func codingsPerUserRe(b []byte) map[string]int {
	m := map[string]int{}
	re := regexp.MustCompile(`<Coding\s[^>]*creatingUser="\{?([0-9A-Fa-f-]+)\}?"`)
	for _, sm := range re.FindAllSubmatch(b, -1) {
		m[string(bytes.ToLower(sm[1]))]++
	}
	return m
}

// validate runs xmllint against the named schema; without xmllint or the
// schema it only logs, so the rest of the calling test still runs.
func validate(t *testing.T, schema string, doc []byte) {
	t.Helper()
	xsd := filepath.Join(sharedDir, schema)
	if _, err := os.Stat(xsd); err != nil {
		t.Logf("%s not available: schema validation skipped", xsd)
		return
	}
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint not installed: schema validation skipped")
		return
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", xsd, f).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint --schema %s: %v\n%s", schema, err, out)
	}
}

// writeTemp writes p to a temporary .qdpx and returns its path.
func writeTemp(t *testing.T, p *Project, open SourceOpener) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.qdpx")
	if err := WriteQDPXFile(context.Background(), out, p, open, nil); err != nil {
		t.Fatalf("WriteQDPXFile: %v", err)
	}
	return out
}

func mustRead(t *testing.T, path string) *QDPX {
	t.Helper()
	q, err := ReadQDPX(path)
	if err != nil {
		t.Fatalf("ReadQDPX(%s): %v", path, err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

// texts reads the text of every text source and representation, keyed by GUID.
func texts(t *testing.T, q *QDPX) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, ts := range append(q.Project.AllTextSources(), q.Project.Notes...) {
		s, err := q.Text(ts)
		if err != nil {
			t.Fatalf("Text(%s): %v", ts.Name, err)
		}
		m[ts.GUID] = s
	}
	return m
}

// withoutPaths blanks the file paths, which a write legitimately changes.
func withoutPaths(p *Project) *Project {
	for _, ts := range append(p.AllTextSources(), p.Notes...) {
		ts.PlainTextPath, ts.RichTextPath = "", ""
	}
	for _, pdf := range p.PDFSources {
		pdf.Path = ""
	}
	return p
}

func buildZip(t *testing.T, files map[string][]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crafted.qdpx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, b := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
