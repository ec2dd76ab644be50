//go:build unix

package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/assets"
)

// TestImportSkipsFIFO: a named pipe called x.pdf in an import folder is
// skipped with a message (it used to hang the import, deaf to Ctrl+C),
// and the real PDF beside it is imported.
func TestImportSkipsFIFO(t *testing.T) {
	dir := t.TempDir()
	name := assets.DemoFiles()[0]
	pdf, err := assets.DemoPDF(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "x.pdf"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	files, err := CollectPDFs([]string{dir})
	if err != nil || len(files) != 2 {
		t.Fatalf("collect: %v %v", files, err)
	}
	p := MustCreate(t)
	type outcome struct {
		res []ImportResult
		err error
	}
	ch := make(chan outcome, 1)
	go func() {
		res, err := p.Import(context.Background(), files, ImportOptions{Workers: 2}, nil)
		ch <- outcome{res, err}
	}()
	var o outcome
	select {
	case o = <-ch:
	case <-time.After(2 * time.Minute):
		t.Fatal("the import hung on a named pipe")
	}
	if o.err != nil {
		t.Fatal(o.err)
	}
	byName := map[string]ImportResult{}
	for _, r := range o.res {
		byName[filepath.Base(r.Path)] = r
	}
	if r := byName["x.pdf"]; r.Status != ImportFailed || !strings.Contains(r.Message, "named pipe") || !strings.Contains(r.Message, "skipped") {
		t.Errorf("fifo: %+v", r)
	}
	if r := byName["a.pdf"]; r.Status == ImportFailed || r.Study == "" {
		t.Errorf("pdf: %+v", r)
	}
}

// TestReadRegularHonoursCancel: reading a file to import stops when the
// context is cancelled, and refuses what is not a regular file.
func TestReadRegularHonoursCancel(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.pdf")
	if err := os.WriteFile(big, make([]byte, 20<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := readRegular(ctx, big); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read: %v", err)
	}
	if b, err := readRegular(context.Background(), big); err != nil || len(b) != 20<<20 {
		t.Errorf("read: %d bytes, %v", len(b), err)
	}
	if _, err := readRegular(context.Background(), dir); !errors.Is(err, ErrNotRegular) {
		t.Errorf("folder: %v", err)
	}
	if _, err := readRegular(context.Background(), "/dev/null"); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "device") {
		t.Errorf("device: %v", err)
	}
}
