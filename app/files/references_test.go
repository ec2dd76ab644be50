package files

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// TestImportReferencesInUI previews a reference file's matches without
// changing anything, then applies them as one action.
func TestImportReferencesInUI(t *testing.T) {
	a := uitest.New(t)
	h := newHost(t, a, "")
	p := h.Project()
	studies, _ := p.Studies()
	target := studies[0]
	ris := "TY  - RPRT\nTI  - " + strings.ToUpper(target.Title) + "\nAU  - Nguyen Van Minh\nAU  - Daw Hnin Wai\nPY  - " +
		strconv.Itoa(target.Year) + "\nDO  - 10.9999/demo.1\nER  - \n\nTY  - JOUR\nTI  - Nothing like the demo\nER  - \n"
	path := filepath.Join(t.TempDir(), "refs.ris")
	os.WriteFile(path, []byte(ris), 0o644)
	previewReferences(h, path)
	a.Settle(t)
	text := uitest.OverlayText(t, h.Window())
	for _, want := range []string{"2 references: 1 match a study, 1 do not", "same title", "doi: (empty) → 10.9999/demo.1",
		"Nothing like the demo", "Apply to 1 studies"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if s, _ := p.Study(target.GUID); s.DOI != "" || h.Changes() != 0 {
		t.Fatal("the preview changed the study")
	}
	refs, _ := exchange.ParseReferences([]byte(ris))
	applyReferences(h, "refs.ris", refs)
	a.Settle(t)
	s, _ := p.Study(target.GUID)
	if s.DOI != "10.9999/demo.1" || names.JoinText(s.Authors) != "Nguyen Van Minh; Daw Hnin Wai" || h.Changes() != 1 ||
		!strings.Contains(h.LastStatus(), "1 studies changed") {
		t.Errorf("after apply %+v, status %q", s.Attributes, h.LastStatus())
	}
	bad := filepath.Join(t.TempDir(), "refs.bib")
	os.WriteFile(bad, []byte("@article{x, title = {open"), 0o644)
	previewReferences(h, bad)
	a.Settle(t)
	if h.LastStatus() != "The references were not imported; nothing changed." {
		t.Errorf("bad file status %q", h.LastStatus())
	}
}
