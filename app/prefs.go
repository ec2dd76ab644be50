package app

import "slices"

const (
	prefRecent = "recentProjects"
	prefWidth  = "windowWidth"
	prefHeight = "windowHeight"
	maxRecent  = 10
)

func (wb *Workbench) recent() []string {
	return wb.app.Preferences().StringList(prefRecent)
}

func (wb *Workbench) addRecent(path string) {
	list := slices.DeleteFunc(wb.recent(), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	wb.app.Preferences().SetStringList(prefRecent, list)
}

func (wb *Workbench) removeRecent(path string) {
	list := slices.DeleteFunc(wb.recent(), func(s string) bool { return s == path })
	wb.app.Preferences().SetStringList(prefRecent, list)
}
