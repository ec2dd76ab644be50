package files

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/exchange"
)

// ExportAttributes asks for a CSV file and writes every study's attributes
// to it.
func ExportAttributes(h ui.Host) {
	ui.SaveFile(h.Window(), ui.BaseName(h.Project())+" attributes", ".csv", func(path string) { exportAttributes(h, path) })
}

// ImportAttributes asks for a CSV file and sets the studies' attributes
// from it as one action; a file with problems changes nothing and its
// problems are listed with their line numbers.
func ImportAttributes(h ui.Host) {
	ui.OpenFile(h.Window(), []string{".csv", ".CSV", ".tsv", ".txt"}, func(path string) { importAttributes(h, path) })
}

// exportAttributes writes every study's attributes to path in the background.
func exportAttributes(h ui.Host, path string) {
	p := h.Project()
	if p == nil {
		return
	}
	done := h.Busy("Exporting attributes…")
	ui.Go(func() (struct{}, error) {
		return struct{}{}, ui.WriteFileAtomic(path, func(f *os.File) error { return exchange.ExportAttributesCSV(p, f) })
	}, func(_ struct{}, err error) {
		if err != nil {
			done("Export attributes failed.")
			ui.ShowError(h.Window(), "Export attributes", err)
			return
		}
		done("Exported the studies' attributes to " + path + ".")
	})
}

// importAttributes reads attributes from a CSV file in the background as one
// action; when the file has problems they are listed with their line
// numbers and nothing changes.
func importAttributes(h ui.Host, path string) {
	p := h.Project()
	if p == nil {
		return
	}
	done := h.Busy("Importing attributes from " + filepath.Base(path) + "…")
	ui.Go(func() (exchange.ImportResult, error) {
		var res exchange.ImportResult
		f, err := os.Open(path)
		if err == nil {
			res, err = exchange.ImportAttributesCSV(p, f)
			f.Close()
		}
		if err != nil {
			err = fmt.Errorf("import attributes from %s: %w", filepath.Base(path), err)
		}
		return res, err
	}, func(res exchange.ImportResult, err error) {
		var ce *exchange.CSVError
		switch {
		case errors.As(err, &ce):
			done("The attributes were not imported; nothing changed.")
			showReport(h, "Problems in "+filepath.Base(path), csvProblemsText(ce))
		case err != nil:
			done("The attributes were not imported; nothing changed.")
			ui.ShowError(h.Window(), "Import attributes", err)
		default:
			done(fmt.Sprintf("Imported attributes: %d rows read, %d studies changed (Ctrl+Z undoes).", res.Rows, res.Changed))
			h.Changed(nil)
		}
	})
}

// csvProblemsText lists an import's problems one per line with their line numbers.
func csvProblemsText(e *exchange.CSVError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The file was not imported and nothing changed. Fix these %d problems and import it again:\n", len(e.Problems))
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n• Line %d", p.Line)
		if p.Column != "" {
			fmt.Fprintf(&b, ", column %s", p.Column)
		}
		b.WriteString(": " + p.Message)
	}
	return b.String()
}
