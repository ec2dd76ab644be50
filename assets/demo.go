package assets

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Judgements an appraisal may give a rigor criterion.
const (
	JudgementMet         = "met"
	JudgementPartlyMet   = "partly met"
	JudgementNotMet      = "not met"
	JudgementNotReported = "not reported"
)

// Overall quality ratings of an appraisal.
const (
	RatingHigh     = "high"
	RatingModerate = "moderate"
	RatingLow      = "low"
)

// Manifest describes the demonstration project: the study PDFs in demo/,
// their bibliographic metadata, example codings and appraisals. All names of
// codes and criteria refer to codes of the template Template (the default).
type Manifest struct {
	// Template is the ID of the codebook template the codings use.
	Template string `json:"template"`
	// Studies lists the demo PDFs in file-name order.
	Studies []DemoStudy `json:"studies"`
	// Appraisals are example appraisals of some of the studies.
	Appraisals []DemoAppraisal `json:"appraisals"`
}

// DemoStudy is the metadata and example codings of one demo PDF.
type DemoStudy struct {
	// File is the PDF's file name; read it with DemoPDF.
	File string `json:"file"`
	// Title is the report title as printed on its title page.
	Title string `json:"title"`
	// Authors are the authors in citation order, "Given Family".
	Authors []string `json:"authors"`
	// Organisation is the authors' organisation as printed on the title page.
	Organisation string `json:"organisation"`
	// Year is the publication year.
	Year int `json:"year"`
	// Countries are the countries studied, named as in the protection template
	// ("Cambodia", "Lao PDR", "Myanmar", "Thailand", "Viet Nam").
	Countries []string `json:"countries"`
	// Sectors are names of sector codes of the default template.
	Sectors []string `json:"sectors"`
	// Method is a short description of the design.
	Method string `json:"method"`
	// SampleSize is the number of participants, informants or records.
	SampleSize int `json:"sample_size"`
	// Population describes who or what was sampled.
	Population string `json:"population"`
	// Language is the language of the document.
	Language string `json:"language"`
	// PublicationType is, for example, "NGO report" or "Journal article".
	PublicationType string `json:"publication_type"`
	// Publisher is the publishing body or journal.
	Publisher string `json:"publisher"`
	// Codings are example codings of passages of the PDF.
	Codings []DemoCoding `json:"codings"`
}

// DemoCoding applies a code of the default template to a passage. Quote
// occurs exactly once, verbatim and on a single line, in the PDF's text, so a
// loader can locate it by plain text search after collapsing whitespace.
type DemoCoding struct {
	// Code is the name of a code in the default template.
	Code string `json:"code"`
	// Quote is the coded passage.
	Quote string `json:"quote"`
	// Page is the 1-based page on which the passage is printed.
	Page int `json:"page"`
}

// DemoAppraisal is an example quality appraisal of one demo study.
type DemoAppraisal struct {
	// File names the appraised study.
	File string `json:"file"`
	// Criteria holds one judgement per rigor criterion of the default template.
	Criteria []DemoJudgement `json:"criteria"`
	// Overall is RatingHigh, RatingModerate or RatingLow.
	Overall string `json:"overall"`
	// OverallJustification explains the overall rating.
	OverallJustification string `json:"overall_justification"`
}

// DemoJudgement is the judgement on one appraisal criterion.
type DemoJudgement struct {
	// Criterion is the name of a rigor code of the default template.
	Criterion string `json:"criterion"`
	// Judgement is one of the Judgement constants.
	Judgement string `json:"judgement"`
	// Justification explains the judgement.
	Justification string `json:"justification"`
}

// ErrNoDemoFile is returned by DemoPDF for a name that is not a demo file.
var ErrNoDemoFile = errors.New("no such demo file")

//go:embed demo
var demoFS embed.FS

// DemoFiles returns the file names of the demo PDFs, sorted.
func DemoFiles() []string {
	entries, err := fs.ReadDir(demoFS, "demo")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".pdf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// DemoPDF returns the bytes of the demo PDF with the given file name (as in
// DemoFiles or DemoStudy.File). Unknown names give an error wrapping
// ErrNoDemoFile.
func DemoPDF(name string) ([]byte, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || !strings.EqualFold(path.Ext(name), ".pdf") {
		return nil, fmt.Errorf("demo PDF %q: %w", name, ErrNoDemoFile)
	}
	data, err := demoFS.ReadFile("demo/" + name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("demo PDF %q: %w", name, ErrNoDemoFile)
		}
		return nil, fmt.Errorf("read demo PDF %q: %w", name, err)
	}
	return data, nil
}

// DemoManifest decodes demo/manifest.json and checks that every study names
// an embedded PDF and every appraisal names a study.
func DemoManifest() (Manifest, error) {
	data, err := demoFS.ReadFile("demo/manifest.json")
	if err != nil {
		return Manifest{}, fmt.Errorf("read demo manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("decode demo manifest: %w", err)
	}
	files := map[string]bool{}
	for _, f := range DemoFiles() {
		files[f] = true
	}
	studies := map[string]bool{}
	for _, s := range m.Studies {
		if !files[s.File] {
			return Manifest{}, fmt.Errorf("demo manifest: study %q: %w", s.File, ErrNoDemoFile)
		}
		studies[s.File] = true
	}
	for _, a := range m.Appraisals {
		if !studies[a.File] {
			return Manifest{}, fmt.Errorf("demo manifest: appraisal of %q: %w", a.File, ErrNoDemoFile)
		}
	}
	return m, nil
}
