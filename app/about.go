package app

import (
	"fmt"
	"github.com/evidence-workbench/workbench/app/internal/ui"
	"runtime/debug"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// licences of the libraries bundled in the program.
var licences = map[string]string{
	"fyne.io/fyne/v2":                 "BSD-3-Clause",
	"github.com/blevesearch/bleve/v2": "Apache-2.0",
	"github.com/ledongthuc/pdf":       "BSD-3-Clause",
	"github.com/pdfcpu/pdfcpu":        "Apache-2.0",
	"modernc.org/sqlite":              "BSD-3-Clause",
	"github.com/google/uuid":          "BSD-3-Clause",
	"github.com/xuri/excelize/v2":     "BSD-3-Clause",
	"golang.org/x/text":               "BSD-3-Clause",
	"github.com/klippa-app/go-pdfium": "MIT (PDFium: BSD-3-Clause, Apache-2.0)",
	"github.com/tetratelabs/wazero":   "Apache-2.0",
	"github.com/go-text/typesetting":  "BSD-3-Clause or Unlicense",
	"Noto Sans fonts (bundled)":       "SIL Open Font License 1.1",
	"ICU word lists (bundled)":        "Unicode License v3",
}

// SetVersion records the release version, build number and source
// revision stamped into the program (empty values fall back to the Fyne
// metadata and the Go build information).
func (wb *Workbench) SetVersion(version, build, describe string) {
	wb.relVersion, wb.relBuild, wb.relDescribe = version, build, describe
}

// versionLine is "version V (build B, revision R)".
func (wb *Workbench) versionLine() string {
	meta := wb.app.Metadata()
	v, b, d := wb.relVersion, wb.relBuild, wb.relDescribe
	if v == "" {
		v = meta.Version
	}
	if b == "" && meta.Build > 0 {
		b = fmt.Sprint(meta.Build)
	}
	if d == "" {
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					d = s.Value[:12]
				}
			}
		}
	}
	if v == "" {
		v = "development"
	}
	line := "version " + v
	if b != "" {
		line += ", build " + b
	}
	if d != "" {
		line += ", revision " + d
	}
	return line
}

// aboutText describes the program, its version and bundled libraries.
func (wb *Workbench) aboutText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Evidence Workbench — %s\n\n", wb.versionLine())
	b.WriteString("Review a body of research for rigor and themes, and turn it into an evidence brief — locally, on one desktop. Nothing leaves this computer.\n\nBundled libraries:\n")
	versions := map[string]string{}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			versions[d.Path] = d.Version
		}
	}
	names := make([]string, 0, len(licences))
	for n := range licences {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if v := versions[n]; v != "" {
			fmt.Fprintf(&b, "  %s %s — %s\n", n, v, licences[n])
		} else {
			fmt.Fprintf(&b, "  %s — %s\n", n, licences[n])
		}
	}
	return b.String()
}

func (wb *Workbench) onAbout() {
	text := widget.NewLabel(wb.aboutText())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Evidence Workbench", "Close", container.NewVScroll(text), wb.win)
	d.Resize(fyne.NewSize(560, 460))
	ui.ShowDialog(wb.win, d)
}
