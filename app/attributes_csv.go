package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/coding/exchange"
)

// attributesCSVDone, when set, hears the outcome of every attribute CSV
// export or import (tests wait on it).
var attributesCSVDone func(what string, err error)

func (wb *Workbench) onExportAttributes() {
	saveFile(wb.win, wb.baseName()+" attributes", ".csv", wb.exportAttributes)
}

func (wb *Workbench) onImportAttributes() {
	openFile(wb.win, []string{".csv", ".CSV", ".tsv", ".txt"}, wb.importAttributes)
}

// exportAttributes writes every study's attributes to path in the background.
func (wb *Workbench) exportAttributes(path string) {
	p := wb.Project()
	if p == nil {
		return
	}
	wb.setBusy("Exporting attributes…")
	go func() {
		err := writeFileAtomic(path, func(f *os.File) error { return exchange.ExportAttributesCSV(p, f) })
		runUI(func() {
			wb.setIdle("")
			if err != nil {
				showError(wb.win, "Export attributes", err)
			} else {
				wb.status.SetText("Exported the studies' attributes to " + path + ".")
			}
			if attributesCSVDone != nil {
				attributesCSVDone("export", err)
			}
		})
	}()
}

// importAttributes reads attributes from a CSV file in the background as one
// action; when the file has problems they are listed with their line
// numbers and nothing changes.
func (wb *Workbench) importAttributes(path string) {
	p := wb.Project()
	if p == nil {
		return
	}
	wb.setBusy("Importing attributes from " + filepath.Base(path) + "…")
	go func() {
		var res exchange.ImportResult
		f, err := os.Open(path)
		if err == nil {
			res, err = exchange.ImportAttributesCSV(p, f)
			f.Close()
		}
		if err != nil {
			err = fmt.Errorf("import attributes from %s: %w", filepath.Base(path), err)
		}
		runUI(func() {
			wb.setIdle("")
			var ce *exchange.CSVError
			switch {
			case errors.As(err, &ce):
				wb.status.SetText("The attributes were not imported; nothing changed.")
				wb.showReport("Problems in "+filepath.Base(path), csvProblemsText(ce))
			case err != nil:
				showError(wb.win, "Import attributes", err)
			default:
				wb.status.SetText(fmt.Sprintf("Imported attributes: %d rows read, %d studies changed (Ctrl+Z undoes).", res.Rows, res.Changed))
				wb.changed(nil)
			}
			if attributesCSVDone != nil {
				attributesCSVDone("import", err)
			}
		})
	}()
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
