package files

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/exchange"
)

// ImportReferences asks for a RIS or BibTeX file exported from a reference
// manager (Zotero, EndNote...), shows which studies its references match
// and what they would change, and applies the changes as one action when
// the user agrees.
func ImportReferences(h ui.Host) {
	ui.OpenFile(h.Window(), []string{".ris", ".RIS", ".bib", ".BIB", ".txt"}, func(path string) { previewReferences(h, path) })
}

// referencesPreview is a file's references and what importing them would do.
type referencesPreview struct {
	refs []exchange.Reference
	rep  *exchange.ReferenceReport
}

// previewReferences reads the file and matches its references without
// saving, in the background, then shows the report with a button that
// applies it.
func previewReferences(h ui.Host, path string) {
	p := h.Project()
	if p == nil {
		return
	}
	name := filepath.Base(path)
	done := h.Busy("Matching the references of " + name + " to the studies…")
	ui.Go(func() (referencesPreview, error) {
		var pv referencesPreview
		data, err := os.ReadFile(path)
		if err == nil {
			pv.refs, err = exchange.ParseReferences(data)
		}
		if err == nil {
			pv.rep, err = exchange.ImportReferences(context.Background(), p, pv.refs, exchange.ReferenceOptions{DryRun: true})
		}
		if err != nil {
			err = fmt.Errorf("import references from %s: %w", name, err)
		}
		return pv, err
	}, func(pv referencesPreview, err error) {
		if err != nil {
			done("The references were not imported; nothing changed.")
			ui.ShowError(h.Window(), "Import references", err)
			return
		}
		rep := pv.rep
		done(fmt.Sprintf("%s: %d references, %d matched; %d studies would change.", name, rep.References, len(rep.Matched), rep.Changed))
		if rep.Changed == 0 {
			showReport(h, "References in "+name, referencesReportText(rep))
			return
		}
		l := widget.NewLabel(referencesReportText(rep))
		l.Wrapping = fyne.TextWrapWord
		s := container.NewVScroll(l)
		s.SetMinSize(fyne.NewSize(620, 380))
		dialog.NewCustomConfirm("References in "+name, fmt.Sprintf("Apply to %d studies", rep.Changed), "Cancel", s, func(ok bool) {
			if ok {
				applyReferences(h, name, pv.refs)
			}
		}, h.Window()).Show()
	})
}

// applyReferences imports the references as one action in the background.
func applyReferences(h ui.Host, name string, refs []exchange.Reference) {
	p := h.Project()
	if p == nil {
		return
	}
	done := h.Busy("Importing the references of " + name + "…")
	ui.Go(func() (*exchange.ReferenceReport, error) {
		return exchange.ImportReferences(context.Background(), p, refs, exchange.ReferenceOptions{Label: "Import references from " + name})
	}, func(rep *exchange.ReferenceReport, err error) {
		if err != nil {
			done("The references were not imported; nothing changed.")
			ui.ShowError(h.Window(), "Import references", err)
			return
		}
		done(fmt.Sprintf("Imported the references of %s: %d studies changed (Ctrl+Z undoes).", name, rep.Changed))
		var studies []string
		for _, m := range rep.Matched {
			if len(m.Changes) > 0 {
				studies = append(studies, m.Study)
			}
		}
		h.Changed(studies)
	})
}

// referencesReportText lists the matches with their changes, then the
// references left unmatched with the reason.
func referencesReportText(rep *exchange.ReferenceReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d references: %d match a study, %d do not. %d studies would change.\n",
		rep.References, len(rep.Matched), len(rep.Unmatched), rep.Changed)
	fmt.Fprintln(&b, "Title, authors, year and DOI take the reference's values; publisher, publication type and language are filled only when empty.")
	for _, m := range rep.Matched {
		how := map[string]string{exchange.MatchDOI: "same DOI", exchange.MatchTitle: "same title",
			exchange.MatchSimilarTitle: fmt.Sprintf("similar title, %.0f%%", 100*m.Score)}[m.By]
		fmt.Fprintf(&b, "\n• Line %d → “%s” (%s)", m.Reference.Line, m.StudyTitle, how)
		if len(m.Changes) == 0 {
			b.WriteString(": nothing to change")
		}
		for _, c := range m.Changes {
			old := c.Old
			if old == "" {
				old = "(empty)"
			}
			fmt.Fprintf(&b, "\n    %s: %s → %s", c.Field, old, c.New)
		}
	}
	for _, u := range rep.Unmatched {
		fmt.Fprintf(&b, "\n• Line %d “%s”: not matched: %s", u.Reference.Line, u.Reference.Title, u.Reason)
	}
	return b.String()
}
