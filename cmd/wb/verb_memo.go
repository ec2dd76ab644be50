package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "memo", args: "FILE", nargs: [2]int{1, 1},
		summary: "write or show memos on a study, a code, a coding or an area, and a brief's key findings and recommendations; search memos",
		help: `--study S, --code C or --coding G names what the memo is about (S: study GUID or title
prefix; C: code GUID, name or path; G: the GUID of a coding or of an area coding). With --text T your memo on it becomes T
(an empty T deletes it); without --text every coder's memos on it are shown. --search Q lists
all memos containing Q (ignoring case). The coder is --coder NAME, $EWB_CODER or the saved
identity.
--key-findings and --recommendations are the texts wb brief prints in those sections, written by
the review team (one text each, not one per coder): for the whole review, or for the brief of
--sector and --country (repeatable) as wb brief --per writes it. Paragraphs are separated by blank
lines; lines starting "- " are list items. Without a text the brief drafts one from the evidence.`,
		opts: func() options { return &memoOptions{} },
	})
}

// memoOptions are the flags of wb memo.
type memoOptions struct {
	study, code, coding          optString
	text, search                 optString
	keyFindings, recommendations bool
	sectors, countries           listFlag
	kind, ref                    string // what the memo is about (coding.MemoStudy...) and its reference, set by check
}

func (o *memoOptions) define(fs *flag.FlagSet) {
	fs.Var(&o.study, "study", "memo on this study (GUID or title prefix)")
	fs.Var(&o.code, "code", "memo on this code (GUID, name or path)")
	fs.Var(&o.coding, "coding", "memo on this coding or area coding (GUID)")
	fs.Var(&o.text, "text", "the memo's text (empty deletes it)")
	fs.Var(&o.search, "search", "list memos containing this text")
	fs.BoolVar(&o.keyFindings, "key-findings", false, "the brief's key findings")
	fs.BoolVar(&o.recommendations, "recommendations", false, "the brief's recommendations")
	fs.Var(&o.sectors, "sector", "with --key-findings or --recommendations: the brief of this sector (repeatable)")
	fs.Var(&o.countries, "country", "with --key-findings or --recommendations: the brief of this country (repeatable)")
}

// check finds what the memo is about: exactly one of --study, --code, --coding or --search.
func (o *memoOptions) check() error {
	n := 0
	for _, k := range []struct {
		kind string
		v    optString
	}{{coding.MemoStudy, o.study}, {coding.MemoCode, o.code}, {coding.MemoCoding, o.coding}} {
		if k.v.set {
			o.kind, o.ref = k.kind, k.v.v
			n++
		}
	}
	if o.search.set {
		n++
	}
	for _, k := range []struct {
		kind string
		on   bool
	}{{coding.MemoKeyFindings, o.keyFindings}, {coding.MemoRecommendations, o.recommendations}} {
		if k.on {
			o.kind, o.ref = k.kind, brief.ScopeKey(brief.Filter{Sectors: o.sectors, Countries: o.countries})
			n++
		}
	}
	if n != 1 {
		return usageError("give one of --study, --code, --coding, --key-findings, --recommendations or --search")
	}
	if (len(o.sectors) > 0 || len(o.countries) > 0) && !coding.IsBriefMemo(o.kind) {
		return usageError("--sector and --country go with --key-findings or --recommendations")
	}
	if o.text.set && o.search.set {
		return usageError("--text goes with --study, --code or --coding")
	}
	return nil
}

func (o *memoOptions) run(c *call) error {
	write := o.text.set
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	if o.search.set {
		ms, err := coding.SearchMemos(p, o.search.v)
		if err != nil {
			return err
		}
		return printMemos(c, p, ms)
	}
	kind, ref, target := o.kind, o.ref, o.ref
	switch kind {
	case coding.MemoStudy:
		s, err := p.ResolveStudy(ref)
		if err != nil {
			return err
		}
		target = s.GUID
	case coding.MemoCode:
		k, err := coding.ResolveCode(p, ref)
		if err != nil {
			return err
		}
		target = k.GUID
	case coding.MemoCoding:
		cd, err := coding.GetCoding(p, strings.TrimSpace(ref))
		if errors.Is(err, corpus.ErrNotFound) {
			// An area coding's GUID: its memo is the area's own note.
			a, aerr := coding.GetArea(p, strings.TrimSpace(ref))
			if aerr == nil {
				kind, target = coding.MemoArea, a.GUID
				break
			}
		}
		if err != nil {
			return err
		}
		target = cd.GUID
	}
	if write {
		if err := coding.SetMemo(p, kind, target, o.text.v); err != nil {
			return err
		}
		if !c.json {
			switch {
			case coding.IsBriefMemo(kind) && strings.TrimSpace(o.text.v) == "":
				fmt.Fprintf(c.stdout, "Deleted the %s of %s; briefs draft them from the evidence\n", strings.ReplaceAll(kind, "-", " "), brief.ScopeLabel(target))
			case coding.IsBriefMemo(kind):
				fmt.Fprintf(c.stdout, "Saved the %s of %s\n", strings.ReplaceAll(kind, "-", " "), brief.ScopeLabel(target))
			case strings.TrimSpace(o.text.v) == "":
				fmt.Fprintf(c.stdout, "Deleted your memo on %s %s\n", kind, target)
			default:
				fmt.Fprintf(c.stdout, "Saved your memo on %s %s\n", kind, target)
			}
			return nil
		}
	}
	ms, err := coding.Memos(p, kind, target)
	if err != nil {
		return err
	}
	return printMemos(c, p, ms)
}

func printMemos(c *call, p *corpus.Project, ms []coding.Memo) error {
	coders, _ := p.Coders()
	names := map[string]string{}
	for _, cd := range coders {
		names[cd.GUID] = cd.Name
	}
	if c.json {
		out := make([]map[string]any, len(ms))
		for i, m := range ms {
			out[i] = map[string]any{"guid": m.GUID, "target_kind": m.TargetKind, "target": m.Target, "coder": m.Coder,
				"coder_name": names[m.Coder], "text": m.Text, "created_at": m.CreatedAt, "updated_at": m.UpdatedAt}
		}
		return c.printJSON(map[string]any{"memos": out})
	}
	if len(ms) == 0 {
		fmt.Fprintln(c.stdout, "No memos.")
		return nil
	}
	for _, m := range ms {
		who := names[m.Coder]
		if who == "" {
			who = m.Coder
		}
		fmt.Fprintf(c.stdout, "%s %s — %s, %s\n%s\n\n", m.TargetKind, m.Target, who, m.UpdatedAt.Format("2006-01-02 15:04"), m.Text)
	}
	return nil
}
