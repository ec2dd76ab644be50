package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "memo", args: "FILE", nargs: [2]int{1, 1},
		summary: "write or show memos on a study, a code or a coding; search memos",
		help: `--study S, --code C or --coding G names what the memo is about (S: study GUID or title
prefix; C: code GUID, name or path; G: coding GUID). With --text T your memo on it becomes T
(an empty T deletes it); without --text every coder's memos on it are shown. --search Q lists
all memos containing Q (ignoring case). The coder is --coder NAME, $EWB_CODER or the saved
identity.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("study", "", "memo on this study (GUID or title prefix)")
			fs.String("code", "", "memo on this code (GUID, name or path)")
			fs.String("coding", "", "memo on this coding (GUID)")
			fs.String("text", "", "the memo's text (empty deletes it)")
			fs.String("search", "", "list memos containing this text")
		},
		run: runMemo,
	})
}

func runMemo(c *call) error {
	var kind, ref string
	n := 0
	for _, k := range []string{coding.MemoStudy, coding.MemoCode, coding.MemoCoding} {
		if setFlag(c, k) {
			kind, ref = k, flagStr(c, k)
			n++
		}
	}
	search := setFlag(c, "search")
	if search {
		n++
	}
	if n != 1 {
		return exitError{code: 2, msg: "give one of --study, --code, --coding or --search"}
	}
	write := setFlag(c, "text")
	if write && search {
		return exitError{code: 2, msg: "--text goes with --study, --code or --coding"}
	}
	p, err := c.open(write)
	if err != nil {
		return err
	}
	defer p.Close()
	if search {
		ms, err := coding.SearchMemos(p, flagStr(c, "search"))
		if err != nil {
			return err
		}
		return printMemos(c, p, ms)
	}
	target := ref
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
		if err != nil {
			return err
		}
		target = cd.GUID
	}
	if write {
		if err := coding.SetMemo(p, kind, target, flagStr(c, "text")); err != nil {
			return err
		}
		if !c.json {
			if strings.TrimSpace(flagStr(c, "text")) == "" {
				fmt.Fprintf(c.stdout, "Deleted your memo on %s %s\n", kind, target)
			} else {
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
