package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// decodePNG reads a PNG file.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// --codings paints a coded passage in its code's colour and leaves the
// rest of the page as it was.
func TestPageCodings(t *testing.T) {
	path, study := pagedProject(t)
	mustWB(t, "code", path, "--study", study, "--code", "Debt bondage", "--match", "lied about", "--coder", "Ann")
	dir := t.TempDir()
	plain, coded := filepath.Join(dir, "plain.png"), filepath.Join(dir, "coded.png")
	mustWB(t, "page", path, study, "1", "-o", plain, "--dpi", "72")
	out := mustWB(t, "page", path, study, "1", "-o", coded, "--dpi", "72", "--codings", "--json")
	var info map[string]any
	if err := json.Unmarshal([]byte(out), &info); err != nil || info["codings"].(float64) != 1 {
		t.Fatalf("--json: %v %v", info, err)
	}
	a, b := decodePNG(t, plain), decodePNG(t, coded)
	changed, outside := 0, 0
	bounds := a.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				changed++
				// "Recruiters lied about wages." is drawn at 72 pt, baseline 72.
				if y < 50 || y > 80 || x < 72 || x > 300 {
					outside++
				}
			}
		}
	}
	if changed < 200 || outside > 0 {
		t.Errorf("%d pixels painted, %d of them away from the coded words", changed, outside)
	}
	// An area coding is outlined.
	mustWB(t, "code", path, "--study", study, "--code", "Debt bondage", "--area", "1:300,300,400,400", "--coder", "Ann")
	mustWB(t, "page", path, study, "1", "-o", coded, "--dpi", "72", "--codings")
	b = decodePNG(t, coded)
	for _, pt := range [][2]int{{300, 350}, {399, 350}, {350, 300}, {350, 399}} {
		if r, g, bl, _ := b.At(pt[0], pt[1]).RGBA(); r == 0xffff && g == 0xffff && bl == 0xffff {
			t.Errorf("the area's outline is not drawn at %v", pt)
		}
	}
	if r, g, bl, _ := b.At(350, 350).RGBA(); r>>8 < 0xd0 || g>>8 < 0xd0 || bl>>8 < 0xd0 {
		t.Errorf("inside the area the page is not kept readable: %v", b.At(350, 350))
	}
	// Without a coding of the coder named, nothing is painted.
	mustWB(t, "page", path, study, "1", "-o", coded, "--dpi", "72", "--codings", "--coder", "Ann")
	if code, _, errOut := wb(t, "page", path, study, "1", "-o", coded, "--codings", "--coder", "Nobody"); code == 0 || !strings.Contains(errOut, "Nobody") {
		t.Errorf("unknown coder: status %d, %q", code, errOut)
	}
}

// wb ocr reads a page, stores its text and keeps the coding on it; without
// Tesseract it says how to install it.
func TestOCRVerb(t *testing.T) {
	path, study := pagedProject(t)
	if _, err := exec.LookPath("tesseract"); err == nil {
		mustWB(t, "code", path, "--study", study, "--code", "Debt bondage", "--match", "Passports", "--coder", "Ann")
		out := mustWB(t, "ocr", path, study, "--pages", "2", "--lang", "eng", "--json", "--coder", "Ann")
		var res struct {
			Pages     []int
			Lang      string
			Unchanged int
			Moved     int
			Lost      []any
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("--json: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(res.Pages, []int{1}) || res.Lang != "eng" || len(res.Lost) != 0 || res.Unchanged+res.Moved != 1 {
			t.Errorf("result %+v", res)
		}
		if text := mustWB(t, "text", path, study); !strings.Contains(text, "Passports were taken") {
			t.Errorf("text after OCR: %q", text)
		}
		// Nothing flagged: without --pages there is nothing to read.
		if code, _, errOut := wb(t, "ocr", path, study, "--coder", "Ann"); code == 0 || !strings.Contains(errOut, "name the pages") {
			t.Errorf("ocr without flagged pages: status %d, %q", code, errOut)
		}
	}
	t.Setenv("EWB_TESSERACT", filepath.Join(t.TempDir(), "nowhere"))
	t.Setenv("PATH", t.TempDir())
	code, _, errOut := wb(t, "ocr", path, study, "--pages", "1", "--lang", "khm+eng", "--coder", "Ann")
	if code == 0 || !strings.Contains(errOut, "Tesseract OCR is not installed") || !strings.Contains(errOut, "tesseract-ocr-khm") {
		t.Errorf("without tesseract: status %d, %q", code, errOut)
	}
	if code, _, errOut := wb(t, "ocr", path, study, "--pages", "0"); code != 2 || !strings.Contains(errOut, "counted from 1") {
		t.Errorf("--pages 0: status %d, %q", code, errOut)
	}
}
