package app

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/pageview"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// onAreaDrawn asks for a code for a rectangle drawn on a page and codes it.
func (wb *Workbench) onAreaDrawn(s corpus.Study, page int, r pdfpage.Rect, size pdfpage.Size, pos fyne.Position) {
	wb.Status("Area coding is not available in this build.")
}

// areaItems are the menu entries for coded areas: remove, change code, memo.
func (wb *Workbench) areaItems(areas []pageview.Area) []*fyne.MenuItem { return nil }
