package app

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/analysis"
	"github.com/evidence-workbench/workbench/app/files"
	"github.com/evidence-workbench/workbench/app/find"
	"github.com/evidence-workbench/workbench/app/guide"
	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/report"
	"github.com/evidence-workbench/workbench/app/study"
	"github.com/evidence-workbench/workbench/app/team"
	"github.com/evidence-workbench/workbench/corpus"
)

// screens is the index of the program's screens beyond the main window:
// each with its menu entry and shortcut. A screen is a package under app/
// (or a file here while it moves) that gets what it needs passed in: the
// Workbench as ui.Host, ui.Codebook and ui.Navigator, and the search index.
func (wb *Workbench) screens() []*command {
	return []*command{
		{menu: "File", label: "Import PDFs…", key: fyne.KeyI, mod: ctrl, run: func() { files.ShowImport(wb) }, needProj: true, edits: true},
		{menu: "File", label: "Export project as REFI-QDA (.qdpx)…", run: func() { files.ExportQDPX(wb) }, needProj: true},
		{menu: "File", label: "Import REFI-QDA project (.qdpx)…", run: func() { files.ImportQDPX(wb) }, needProj: true, edits: true},
		{menu: "File", label: "Export codebook (.qdc/.csv)…", run: func() { files.ExportCodebook(wb) }, needProj: true},
		{menu: "File", label: "Import codebook…", run: func() { files.ImportCodebook(wb) }, needProj: true, edits: true},

		{menu: "Edit", label: "Search corpus…", key: fyne.KeyF, mod: ctrlShift, run: func() { find.Show(wb, wb.codebook, wb, wb.index) }, needProj: true},

		{menu: "Study", label: "Attributes and status…", key: fyne.KeyE, mod: ctrl, run: wb.withStudy(study.ShowAttributes), needProj: true},
		{menu: "Study", label: "Appraise rigor…", key: fyne.KeyR, mod: ctrl, run: wb.withStudy(study.ShowAppraisal), needProj: true},
		{menu: "Study", label: "Re-extract text", run: wb.withStudy(func(h ui.Host, s corpus.Study) { study.Reextract(h, s, wb.reader.open) }), needProj: true, edits: true},
		{menu: "Study", label: "OCR scanned pages…", run: wb.withStudy(func(h ui.Host, s corpus.Study) { study.ShowOCR(h, s, wb.reader.open) }), needProj: true, edits: true},
		{menu: "Study", label: "Coded segments and matrix…", key: fyne.KeyQ, mod: ctrlShift, run: func() { analysis.Show(wb, wb.codebook, wb) }, needProj: true},
		{menu: "Study", label: "Bulk edit studies…", run: func() { study.ShowBulkEdit(wb, wb.studies.shown, wb.studies.detail) }, needProj: true, edits: true},
		{menu: "Study", label: "Exclusion reasons…", run: func() { study.ShowExclusionReasons(wb) }, needProj: true, edits: true},
		{menu: "Study", label: "Export attributes (CSV)…", run: func() { files.ExportAttributes(wb) }, needProj: true},
		{menu: "Study", label: "Import attributes (CSV)…", run: func() { files.ImportAttributes(wb) }, needProj: true, edits: true},
		{menu: "Study", label: "Import references (RIS, BibTeX)…", run: func() { files.ImportReferences(wb) }, needProj: true, edits: true},
		{menu: "Study", label: "Memo on this study…", run: wb.withStudy(study.ShowStudyMemo), needProj: true},
		{menu: "Study", label: "Memo on code…", run: func() { study.ShowCodeMemo(wb, wb.codebook) }, needProj: true},
		{menu: "Study", label: "Search memos…", run: func() { study.ShowMemoSearch(wb, wb.codebook, wb, wb.studies.selectStudy) }, needProj: true},

		{menu: "Team", label: "Merge reviewer files…", key: fyne.KeyM, mod: ctrlShift, run: func() { team.ShowMerge(wb, wb.codebook) }, needProj: true, edits: true},
		{menu: "Team", label: "Agreement…", key: fyne.KeyG, mod: ctrlShift, run: func() { team.ShowAgreement(wb, wb.codebook) }, needProj: true},
		{menu: "Team", label: "Reconcile disagreements…", key: fyne.KeyR, mod: ctrlShift, run: func() { team.ShowReconcile(wb, wb.codebook) }, needProj: true, edits: true},

		{menu: "Brief", label: "Evidence map…", key: fyne.KeyM, mod: ctrl, run: func() { report.ShowEvidenceMap(wb, wb) }, needProj: true},
		{menu: "Brief", label: "Draft brief…", key: fyne.KeyB, mod: ctrl, run: func() { report.ShowDraftBrief(wb, wb) }, needProj: true},
		{menu: "Brief", label: "Confidence in findings…", run: func() { report.ShowConfidence(wb, wb) }, needProj: true},

		{menu: "Help", label: "User guide", run: func() { guide.Show(wb.app) }},
	}
}

// openStudy returns the study shown in the reader, or says to choose one.
func (wb *Workbench) openStudy() (corpus.Study, bool) {
	if wb.reader.study == "" {
		wb.Status("Select a study in the list first.")
		return corpus.Study{}, false
	}
	return wb.reader.studyInfo, true
}

// withStudy is a menu action that shows a screen of the study shown in the
// reader (or says to choose one first).
func (wb *Workbench) withStudy(show func(ui.Host, corpus.Study)) func() {
	return func() {
		if s, ok := wb.openStudy(); ok {
			show(wb, s)
		}
	}
}
