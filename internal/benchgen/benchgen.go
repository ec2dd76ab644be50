// Package benchgen generates the large synthetic projects the benchmarks
// run on (see Create); it is internal to the module because only tests and
// benchmarks use it.
package benchgen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Coders are the reviewers whose codings Create spreads
// over the studies; the first is the project's current coder afterwards.
var Coders = []corpus.Coder{
	{GUID: "b0000000-0000-4000-8000-000000000001", Name: "Ann Bench"},
	{GUID: "b0000000-0000-4000-8000-000000000002", Name: "Ben Bench"},
	{GUID: "b0000000-0000-4000-8000-000000000003", Name: "Chi Bench"},
}

// The size of the review the product is specified for, which most
// benchmarks generate.
const (
	Studies = 500
	Pages   = 30000
	Codings = 50000
)

// Namespace derives the generator's deterministic GUIDs.
var Namespace = uuid.MustParse("3d6b1f0a-8c2e-4b7d-9e15-6a4c2f8b0d93")

// PageChars is the approximate length of a generated page in code points.
const PageChars = 2000

// Create creates a project file at path for benchmarks: the
// default codebook template, the Coders, `studies` studies with
// `pages` pages in total (about PageChars code points of English
// research-report prose each, with some non-ASCII names, pages joined by
// "\f"), attributes and statuses, and `codings` codings spread over studies,
// codes and coders, whose quotes match the text. The content is the same for
// the same arguments. Studies, codings and attributes are written in one
// bulk transaction (not journaled; only applying the template is an undo
// step). The source "PDFs" are small placeholders, not real PDF files.
// The open project is returned; the caller closes it.
func Create(path string, studies, pages, codings int) (*corpus.Project, error) {
	if studies <= 0 || pages < studies || codings < 0 {
		return nil, fmt.Errorf("bench project: need studies > 0, pages >= studies, codings >= 0 (got %d, %d, %d)", studies, pages, codings)
	}
	p, err := corpus.Create(path, "Benchmark review")
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*corpus.Project, error) {
		p.Close()
		return nil, fmt.Errorf("bench project: %w", err)
	}
	// Every coder's row goes in with the bulk data (a project records a
	// coder with the coder's first action); the first is the current one.
	if err := p.SetCoder(Coders[0]); err != nil {
		return fail(err)
	}
	if _, err := coding.ApplyTemplate(p, assets.DefaultTemplate()); err != nil {
		return fail(err)
	}
	codes, err := coding.Codebook(p)
	if err != nil {
		return fail(err)
	}
	if err := fillBench(p, codes, studies, pages, codings); err != nil {
		return fail(err)
	}
	return p, nil
}

// fillBench bulk-inserts the studies and codings in one transaction.
func fillBench(p *corpus.Project, codes []coding.Code, studies, pages, codings int) error {
	rng := rand.New(rand.NewPCG(uint64(studies)*7919+uint64(pages), uint64(codings)+17))
	gid := func(kind string, i int) string {
		return uuid.NewSHA1(Namespace, fmt.Appendf(nil, "%s/%d", kind, i)).String()
	}
	tx, err := p.DB().Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	srcStmt, err := tx.Prepare(`INSERT INTO sources(guid, sha256, file_name, size, data, added_at) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer srcStmt.Close()
	for _, c := range Coders {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO coders(guid, name, created_at) VALUES (?, ?, ?)`, c.GUID, c.Name, "2026-01-01T00:00:00Z"); err != nil {
			return err
		}
	}
	stStmt, err := tx.Prepare(`INSERT INTO studies(guid, source, title, authors, year, text, page_starts, pages, text_len,
		added_at, added_by, countries, sectors, method, sample_size, population, language, pub_type, publisher, status)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'English', ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stStmt.Close()
	cdStmt, err := tx.Prepare(`INSERT INTO codings(guid, study, code, start, "end", quote, coder, created_at, memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer cdStmt.Close()

	base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	codingsLeft := codings
	for s := 0; s < studies; s++ {
		np := pages / studies
		if s < pages%studies {
			np++
		}
		text, starts := benchText(rng, np)
		runes := []rune(text)
		sg, src := gid("study", s), gid("source", s)
		pdf := fmt.Appendf(nil, "%%PDF-1.4\n%% Evidence Workbench benchmark placeholder for study %d\n%%%%EOF\n", s)
		at := base.Add(time.Duration(s) * time.Minute).Format(time.RFC3339Nano)
		if _, err := srcStmt.Exec(src, corpus.HashPDF(pdf), fmt.Sprintf("study-%04d.pdf", s+1), len(pdf), pdf, at); err != nil {
			return err
		}
		country := benchCountries[rng.IntN(len(benchCountries))]
		sector := benchSectors[rng.IntN(len(benchSectors))]
		title := fmt.Sprintf("%s in %s: %s (%d)", benchTitles[s%len(benchTitles)], sector, country, s+1)
		authors, _ := json.Marshal([]string{benchSurnames[rng.IntN(len(benchSurnames))] + ", A.", benchSurnames[rng.IntN(len(benchSurnames))] + ", B."})
		startsJSON, _ := json.Marshal(starts)
		if _, err := stStmt.Exec(sg, src, title, string(authors), 2005+rng.IntN(20), text, string(startsJSON), len(starts), len(runes),
			at, Coders[0].GUID, `["`+country+`"]`, `["`+strings.ToLower(sector)+`"]`,
			benchMethods[rng.IntN(len(benchMethods))], 10+rng.IntN(900), "migrant workers",
			benchPubTypes[rng.IntN(len(benchPubTypes))], "Bench Institute", corpus.Statuses[rng.IntN(len(corpus.Statuses))]); err != nil {
			return err
		}
		n := codingsLeft / (studies - s)
		codingsLeft -= n
		seen := map[[4]int]bool{}
		for i := 0; i < n; i++ {
			start := rng.IntN(len(runes) - 1)
			end := min(len(runes), start+30+rng.IntN(370))
			code := rng.IntN(len(codes))
			coder := rng.IntN(len(Coders))
			key := [4]int{start, end, code, coder}
			if seen[key] {
				i--
				continue
			}
			seen[key] = true
			memo := ""
			if rng.IntN(20) == 0 {
				memo = "Check this passage against the appendix."
			}
			cat := base.Add(time.Duration(s)*time.Minute + time.Duration(i)*time.Second).Format(time.RFC3339Nano)
			if _, err := cdStmt.Exec(gid("coding", codings-codingsLeft-n+i), sg, codes[code].GUID, start, end,
				string(runes[start:end]), Coders[coder].GUID, cat, memo); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// benchText writes np pages of prose and returns the text and page starts.
func benchText(rng *rand.Rand, np int) (string, []int) {
	var b strings.Builder
	b.Grow(np * (PageChars + 100))
	starts := make([]int, 0, np)
	runes := 0
	for pg := 0; pg < np; pg++ {
		if pg > 0 {
			b.WriteByte('\f')
			runes++
		}
		starts = append(starts, runes)
		page := 0
		for page < PageChars {
			s := benchSentence(rng)
			b.WriteString(s)
			n := utf8.RuneCountInString(s)
			page += n
			runes += n
			if rng.IntN(6) == 0 {
				b.WriteString("\n\n")
				page += 2
				runes += 2
			}
		}
	}
	return b.String(), starts
}

func benchSentence(rng *rand.Rand) string {
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	switch rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s %s %s in %s. ", pick(benchSubjects), pick(benchVerbs), pick(benchObjects), pick(benchQualifiers), pick(benchCountries))
	case 1:
		return fmt.Sprintf("Of the %d respondents, %d%% %s %s. ", 20+rng.IntN(600), 5+rng.IntN(90), pick(benchVerbs), pick(benchObjects))
	case 2:
		return fmt.Sprintf("In the %s sector, %s %s %s, according to %s. ", strings.ToLower(pick(benchSectors)), strings.ToLower(pick(benchSubjects)), pick(benchVerbs), pick(benchObjects), pick(benchSurnames))
	}
	return fmt.Sprintf("%s %s %s; %s %s. ", pick(benchSubjects), pick(benchVerbs), pick(benchObjects), strings.ToLower(pick(benchSubjects)), pick(benchQualifiers))
}

var (
	benchSubjects   = []string{"Migrant workers", "Recruitment agencies", "Labour inspectors", "Survivors interviewed for this study", "Brokers", "Employers", "Community leaders", "Police officers", "Non-governmental organisations", "Returnees"}
	benchVerbs      = []string{"reported", "described", "experienced", "denied", "acknowledged", "documented", "were subjected to", "paid for", "feared", "negotiated"}
	benchObjects    = []string{"debt bondage", "the confiscation of identity documents", "excessive recruitment fees", "withheld wages", "restrictions on movement", "threats of denunciation", "unsafe working conditions", "deceptive contracts", "physical violence", "isolation on fishing vessels"}
	benchQualifiers = []string{"over several seasons", "despite formal contracts", "during the peak harvest", "without access to remedy", "before departure", "after arrival", "in informal settlements", "on offshore vessels"}
	benchCountries  = []string{"Thailand", "Việt Nam", "Cambodia", "Lao PDR", "Myanmar", "Malaysia", "Côte d'Ivoire", "Qatar", "Brazil", "Nepal"}
	benchSectors    = []string{"Fishing", "Agriculture", "Construction", "Domestic work", "Manufacturing", "Mining"}
	benchTitles     = []string{"Forced labour", "Debt bondage", "Recruitment practices", "Labour exploitation", "Victim identification", "Access to remedy"}
	benchSurnames   = []string{"Nguyễn", "Sok", "Phommachanh", "Aung", "Srisuk", "Okafor", "Silva", "Müller", "Haddad", "Tamang"}
	benchMethods    = []string{"qualitative", "quantitative", "mixed", "literature review"}
	benchPubTypes   = []string{"journal article", "NGO report", "government report", "working paper"}
)
