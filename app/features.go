package app

// features lists the menu commands that screens beyond the main window add.
// Each screen's file defines a method returning its commands; add one line here.
func (wb *Workbench) features() []func() []extraCommand {
	return []func() []extraCommand{
		wb.studyCommands,
		wb.briefCommands,
		wb.searchCommands,
		wb.exchangeCommands,
		wb.teamCommands,
		wb.analysisCommands,
		wb.guideCommands,
	}
}

// registerFeatures collects the feature commands before the menu is built.
func (wb *Workbench) registerFeatures() {
	for _, f := range wb.features() {
		wb.extraCommands = append(wb.extraCommands, f()...)
	}
}
