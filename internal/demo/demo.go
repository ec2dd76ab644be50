// Package demo builds the bundled demo project (assets' demo studies,
// codebook, codings and appraisal) for the desktop program's "Open the
// demo", wb demo and tests.
package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// Coder is the reviewer credited with the demo project's codings.
var Coder = corpus.CoderNamed("Demo reviewer")

// Build writes the bundled demo project to path: the default codebook,
// the ten demo study PDFs imported and described, the example codings and
// the example appraisal. The project is closed again; open it with corpus.Open.
func Build(ctx context.Context, path string) error {
	m, err := assets.DemoManifest()
	if err != nil {
		return err
	}
	p, err := corpus.Create(path, "Demo: labour trafficking in the Mekong region")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		p.Close()
		if !ok {
			os.Remove(path)
			os.Remove(path + "-wal")
		}
	}()
	if err := p.SetCoder(Coder); err != nil {
		return err
	}
	tmpl, err := assets.TemplateByID(m.Template)
	if err != nil {
		tmpl = assets.DefaultTemplate()
	}
	if _, err := coding.ApplyTemplate(p, tmpl); err != nil {
		return fmt.Errorf("demo codebook: %w", err)
	}
	dir, err := os.MkdirTemp("", "ewb-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var files []string
	for _, name := range assets.DemoFiles() {
		data, err := assets.DemoPDF(name)
		if err != nil {
			return err
		}
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, data, 0o600); err != nil {
			return err
		}
		files = append(files, f)
	}
	results, err := p.Import(ctx, files, corpus.ImportOptions{}, nil)
	if err != nil {
		return fmt.Errorf("demo import: %w", err)
	}
	studyOf := map[string]string{}
	for _, r := range results {
		if r.Study == "" {
			return fmt.Errorf("demo import of %s: %s", filepath.Base(r.Path), r.Message)
		}
		studyOf[filepath.Base(r.Path)] = r.Study
	}
	for i, s := range m.Studies {
		guid := studyOf[s.File]
		if guid == "" {
			return fmt.Errorf("demo manifest names %s, which is not a demo PDF", s.File)
		}
		if err := describeDemoStudy(p, guid, s, i); err != nil {
			return err
		}
		for _, c := range s.Codings {
			code, err := coding.ResolveCode(p, c.Code)
			if err != nil {
				return fmt.Errorf("demo coding of %s: %w", s.File, err)
			}
			if _, err := coding.ApplyCodeToMatches(p, guid, code.GUID, c.Quote, false, ""); err != nil {
				return fmt.Errorf("demo coding of %s: %w", s.File, err)
			}
		}
	}
	for _, a := range m.Appraisals {
		if err := demoAppraisal(p, studyOf[a.File], a); err != nil {
			return err
		}
	}
	ok = true
	return nil
}

// describeDemoStudy sets a demo study's attributes and review status.
func describeDemoStudy(p *corpus.Project, guid string, s assets.DemoStudy, i int) error {
	a := corpus.Attributes{
		Title: s.Title, Authors: names.ParseTexts(s.Authors), Year: s.Year, Countries: s.Countries, Sectors: s.Sectors,
		Method: demoMethod(s.Method), SampleSize: s.SampleSize, Population: s.Population,
		Language: s.Language, PubType: s.PublicationType, Publisher: s.Publisher,
	}
	if err := coding.SetAttributes(p, guid, a); err != nil {
		return fmt.Errorf("demo attributes of %s: %w", s.File, err)
	}
	status := corpus.StatusIncluded
	switch {
	case i == 0:
		status = corpus.StatusAppraised
	case len(s.Codings) > 0:
		status = corpus.StatusCoding
	}
	return coding.SetStatus(p, []string{guid}, status, "")
}

// demoMethod maps the manifest's free-text design to a method category.
func demoMethod(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "mixed"):
		return coding.MethodMixed
	case strings.Contains(l, "qualitative"), strings.Contains(l, "interview"), strings.Contains(l, "rapid assessment"):
		return "qualitative"
	case strings.Contains(l, "survey"):
		return "quantitative"
	case strings.Contains(l, "legal"), strings.Contains(l, "policy"):
		return coding.MethodLegalPolicy
	}
	return "other"
}
