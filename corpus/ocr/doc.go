// Package ocr recognises the text of scanned pages with Tesseract, an
// external program the user installs (on Debian and Ubuntu `apt install
// tesseract-ocr` and one language pack per language, on Windows the UB
// Mannheim installer). It finds the program on PATH, in the usual Windows
// install folders or at $EWB_TESSERACT.
//
// A page image goes in; words with their boxes come out, in reading order,
// with boxes in PDF points on the displayed page (the same space as
// package pdfpage), and the page's text built from them: words separated as
// Tesseract saw them printed (Thai, Lao, Khmer and Burmese get no spaces
// between the pieces Tesseract reports inside a run of text), lines by
// "\n" and paragraphs by a blank line. Every word knows its code-point
// range in that text, and CharBoxes gives a box for each code point, so a
// page's codings can be painted and selected on the page.
//
// Runs are cancellable (the process is killed when the context ends) and
// bounded in time per page. A missing program or language pack is a
// sentinel error whose text says how to install it.
package ocr

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
)

// Conditions a caller can act on.
var (
	// ErrNotInstalled means the tesseract program was not found.
	ErrNotInstalled = errors.New("the Tesseract OCR program is not installed")
	// ErrLanguageMissing means a language pack the OCR needs is not installed.
	ErrLanguageMissing = errors.New("a Tesseract language pack is not installed")
	// ErrTimeout means a page took longer than the time allowed.
	ErrTimeout = errors.New("OCR of the page took too long and was stopped")
	// ErrFailed means tesseract ran but failed.
	ErrFailed = errors.New("the Tesseract OCR program could not read the page")
)

// NotInstalledError says that Tesseract is missing and how to install it.
type NotInstalledError struct {
	Langs []string // the language codes wanted, for the install command
}

// Error returns a sentence with the install command for this system.
func (e *NotInstalledError) Error() string {
	return fmt.Sprintf("Tesseract OCR is not installed, so scanned pages cannot be read: %s", InstallHint(e.Langs...))
}

// Unwrap returns ErrNotInstalled.
func (e *NotInstalledError) Unwrap() error { return ErrNotInstalled }

// MissingLanguageError names the language packs that are not installed.
type MissingLanguageError struct {
	Missing []string // Tesseract codes, e.g. "tha"
}

// Error returns a sentence naming the languages and the install command.
func (e *MissingLanguageError) Error() string {
	names := make([]string, len(e.Missing))
	for i, c := range e.Missing {
		names[i] = LanguageName(c)
	}
	pack := "pack is"
	if len(names) > 1 {
		pack = "packs are"
	}
	return fmt.Sprintf("the Tesseract language %s not installed for %s: %s", pack, strings.Join(names, " and "), InstallHint(e.Missing...))
}

// Unwrap returns ErrLanguageMissing.
func (e *MissingLanguageError) Unwrap() error { return ErrLanguageMissing }

// InstallHint tells how to install Tesseract with the given language
// packs (Tesseract codes) on this operating system.
func InstallHint(langs ...string) string {
	switch runtime.GOOS {
	case "windows":
		return "install Tesseract from https://github.com/UB-Mannheim/tesseract/wiki and tick the languages you need (" +
			strings.Join(langNames(langs), ", ") + ") under Additional language data, then restart Evidence Workbench"
	case "darwin":
		return "run: brew install tesseract tesseract-lang"
	}
	return "run: " + AptCommand(langs...)
}

// AptCommand returns the Debian/Ubuntu command installing Tesseract with
// the language packs for langs (all the region's languages when none).
func AptCommand(langs ...string) string {
	if len(langs) == 0 {
		langs = []string{"tha", "lao", "khm", "mya", "vie"}
	}
	pkgs := []string{"tesseract-ocr"}
	for _, l := range langs {
		if l == "eng" || l == "osd" {
			continue // come with tesseract-ocr
		}
		pkgs = append(pkgs, "tesseract-ocr-"+strings.ReplaceAll(l, "_", "-"))
	}
	return "sudo apt install " + strings.Join(pkgs, " ")
}

func langNames(langs []string) []string {
	if len(langs) == 0 {
		langs = []string{"tha", "lao", "khm", "mya", "vie"}
	}
	out := make([]string, len(langs))
	for i, l := range langs {
		out[i] = LanguageName(l)
	}
	return out
}
