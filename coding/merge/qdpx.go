package merge

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

// TempPrefix begins the names of the temporary folders OpenQDPX makes in
// the system's temporary folder.
const TempPrefix = "ewb-qdpx-"

// RemoveStaleTemp removes the temporary folders of OpenQDPX that a killed
// or crashed program left behind: those older than age and owned by this
// user. It returns how many it removed.
func RemoveStaleTemp(age time.Duration) int {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), TempPrefix) {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < age || !ownedByMe(info) {
			continue
		}
		if os.RemoveAll(filepath.Join(tmp, e.Name())) == nil {
			n++
		}
	}
	return n
}

// IsQDPX reports whether a reviewer file is a REFI-QDA project archive (by its extension).
func IsQDPX(path string) bool { return strings.EqualFold(filepath.Ext(path), ".qdpx") }

// OpenQDPX imports a REFI-QDA project archive (.qdpx) from another QDA
// program into a new, temporary project with exchange.ImportQDPX, so it can
// be merged like a reviewer's project file: Plan it, set the proposal's
// Source to the archive's path for the report and the undo label, Apply,
// then call cleanup, which closes and deletes the temporary project. Codings
// without an author in the archive are attributed to coder. The import's
// report (users, sources, warnings) is returned as well.
func OpenQDPX(ctx context.Context, path string, coder corpus.Coder, progress func(refi.Progress)) (
	p *corpus.Project, rep *exchange.QDPXImportReport, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", TempPrefix)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("merge %s: %w", path, err)
	}
	cleanup = func() {
		if p != nil {
			p.Close()
		}
		os.RemoveAll(dir)
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	p, err = corpus.Create(filepath.Join(dir, name+corpus.Extension), name)
	if err == nil {
		err = p.SetCoder(coder)
	}
	if err == nil {
		rep, err = exchange.ImportQDPX(ctx, p, path, progress)
	}
	if err != nil {
		cleanup()
		return nil, nil, nil, fmt.Errorf("merge %s: %w", path, err)
	}
	return p, rep, cleanup, nil
}
