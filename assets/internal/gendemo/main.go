// Command gendemo writes the demonstration project of Evidence Workbench:
// ten short synthetic study reports as PDF (demo/*.pdf) and demo/manifest.json
// with their metadata, example codings and an example appraisal.
//
// The study texts are in studies_*.go. Coded passages are marked inline as
// {{Code name|passage}} (several codes separated by ";"). The renderer word-
// wraps paragraphs itself with fpdf's core Helvetica metrics and treats a
// marked passage as one unbreakable word, so every coded passage is printed
// on a single line; it also checks that each passage occurs exactly once in
// the document and that each code exists in the default codebook, and records
// the page. Output is deterministic: fixed creation and modification dates,
// sorted PDF catalog, no random IDs.
//
// Usage (from the assets directory, or via `go generate ./assets`):
//
//	go run ./internal/gendemo -dir demo
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/evidence-workbench/workbench/assets"
)

func main() {
	dir := flag.String("dir", "demo", "output directory")
	flag.Parse()
	files, err := Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendemo:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gendemo:", err)
		os.Exit(1)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*dir, name), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendemo:", err)
			os.Exit(1)
		}
	}
}

// Generate renders every study and the manifest, returning file contents by
// file name.
func Generate() (map[string][]byte, error) {
	tpl := assets.DefaultTemplate()
	out := map[string][]byte{}
	m := assets.Manifest{Template: tpl.ID}
	var errs []error
	for _, s := range allStudies() {
		data, codings, err := render(s, tpl)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.meta.File, err))
			continue
		}
		if _, dup := out[s.meta.File]; dup {
			return nil, fmt.Errorf("%s: duplicate file name", s.meta.File)
		}
		out[s.meta.File] = data
		meta := s.meta
		meta.Codings = codings
		for _, sec := range meta.Sectors {
			if c, ok := tpl.Find(sec); !ok || c.Kind != assets.KindSector {
				return nil, fmt.Errorf("%s: sector %q is not a sector code of the default template", meta.File, sec)
			}
		}
		m.Studies = append(m.Studies, meta)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	m.Appraisals = appraisals()
	for _, a := range m.Appraisals {
		if _, ok := out[a.File]; !ok {
			return nil, fmt.Errorf("appraisal of unknown study %q", a.File)
		}
		for _, j := range a.Criteria {
			if c, ok := tpl.Find(j.Criterion); !ok || c.Kind != assets.KindRigor {
				return nil, fmt.Errorf("appraisal of %s: %q is not a rigor criterion", a.File, j.Criterion)
			}
			switch j.Judgement {
			case assets.JudgementMet, assets.JudgementPartlyMet, assets.JudgementNotMet, assets.JudgementNotReported:
			default:
				return nil, fmt.Errorf("appraisal of %s: judgement %q on %q is not a known judgement", a.File, j.Judgement, j.Criterion)
			}
		}
		switch a.Overall {
		case assets.RatingHigh, assets.RatingModerate, assets.RatingLow:
		default:
			return nil, fmt.Errorf("appraisal of %s: overall rating %q is not a known rating", a.File, a.Overall)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	out["manifest.json"] = buf.Bytes()
	return out, nil
}
