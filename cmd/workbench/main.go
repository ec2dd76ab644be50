// Command workbench is the Evidence Workbench desktop program.
//
//	workbench [PROJECT.ewb]
//
// With no argument it opens the most recent project, or the bundled demo
// project on first run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/evidence-workbench/workbench/app"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
)

// Set at release build time with -ldflags "-X main.version=... -X main.build=... -X main.describe=...".
var version, build, describe string

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "Usage: workbench [PROJECT.ewb]\n\nOpens the project, or the most recent one, or the demo project on first run.")
	}
	flag.Parse()

	a := fyneapp.NewWithID("org.evidenceworkbench.workbench")
	a.SetIcon(app.Icon)
	w := a.NewWindow("Evidence Workbench")
	wb := app.New(a, w)
	wb.DemoPath = demoPath
	wb.SetVersion(version, build, describe)
	wb.Start(flag.Arg(0))
	w.ShowAndRun()
}

// demoPath returns the demo project in the user's config folder, writing it on first use.
func demoPath(ctx context.Context) (string, error) {
	dir, err := corpus.ConfigDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "demo"+corpus.Extension)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return path, demo.Build(ctx, path)
}
