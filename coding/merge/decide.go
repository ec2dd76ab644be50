package merge

import (
	"context"
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// copyNamespace derives the GUID of a code kept as a separate copy
// (KeepBoth) from the reviewer code's GUID, so merging the file again finds
// the copy instead of making another.
var copyNamespace = uuid.MustParse("0b0e5c43-8d1f-4f43-9a57-6b1e2f3c9d10")

// update is a change to an existing master row.
type update struct {
	guid string
	sets []corpus.Set // columns of one table
}

// codes reports whether the update changes a code (codes are updated
// before the rows that refer to them).
func (u update) codes() bool {
	return len(u.sets) > 0 && u.sets[0].Column().Table() == schema.Codes.Name()
}

// decisions are the writes of one merge, in the order Apply performs them.
type decisions struct {
	coders      []corpus.Coder
	reasons     []corpus.Row
	studies     []corpus.Row // reviewer study rows to copy whole (with merge_sha)
	codeInserts []corpus.Row
	codings     []corpus.Row
	areas       []corpus.Row
	appraisals  []corpus.Row
	judgements  []corpus.Row
	updates     []update // codes, appraisals, judgements and memos
	memos       []corpus.Row
	report      *Report
}

func (d *decisions) writes() int {
	return len(d.coders) + len(d.reasons) + len(d.studies) + len(d.codeInserts) + len(d.codings) + len(d.areas) +
		len(d.appraisals) + len(d.judgements) + len(d.updates) + len(d.memos)
}

// decide works out every write of merging rev into the master described by
// st, under the given resolutions. st is updated as if the writes were done.
func decide(ctx context.Context, st *state, rev *snapshot, res Resolutions) (*decisions, error) {
	d := &decisions{report: &Report{}}
	for _, c := range rev.coders {
		if !st.coders[c.GUID] {
			st.coders[c.GUID] = true
			d.coders = append(d.coders, c)
			d.report.New.Coders++
		}
	}
	for _, r := range rev.reasons {
		g, name := str(r, "guid"), "name:"+strings.ToLower(str(r, "name"))
		if st.reasons[g] || st.reasons[name] {
			d.report.AlreadyPresent++
			continue
		}
		st.reasons[g], st.reasons[name] = true, true
		d.reasons = append(d.reasons, r)
		d.report.New.ExclusionReasons++
	}
	codeMap, err := d.decideCodes(st, rev, res)
	if err != nil {
		return nil, err
	}
	studyMap := map[string]string{}
	whole := map[string]bool{} // reviewer studies copied whole (offsets stay)
	titles := map[string]string{}
	texts := map[string]string{}
	// A master study is matched by its PDF to one reviewer study at most, and
	// never to one when a reviewer study has its GUID: two reviewer studies on
	// the same file (REFI-QDA sources with identical texts) stay two studies.
	claimed := map[string]bool{}
	for _, s := range rev.studies {
		if g := str(s, "guid"); st.studies[g] {
			claimed[g] = true
		}
	}
	for _, s := range rev.studies {
		g, sha := str(s, "guid"), str(s, "merge_sha")
		titles[g], texts[g] = str(s, "title"), str(s, "text")
		switch {
		case st.studies[g]:
			studyMap[g] = g
			d.report.AlreadyPresent++
		case sha != "" && st.bySHA[sha] != "" && !claimed[st.bySHA[sha]]:
			studyMap[g] = st.bySHA[sha]
			claimed[st.bySHA[sha]] = true
			d.report.MatchedBySHA++
		default:
			studyMap[g], whole[g] = g, true
			st.studies[g], claimed[g] = true, true
			if sha != "" {
				st.bySHA[sha] = g
			}
			d.studies = append(d.studies, s)
			d.report.New.Studies++
		}
	}
	if err := d.decideCodings(ctx, st, rev, codeMap, studyMap, whole, titles, texts); err != nil {
		return nil, err
	}
	d.decideAreas(st, rev, codeMap, studyMap, titles)
	d.decideAppraisals(st, rev, codeMap, studyMap)
	d.decideMemos(st, rev, codeMap, studyMap)
	return d, nil
}

// version describes a code for a conflict.
func version(c coding.Code, path string) CodeVersion {
	return CodeVersion{GUID: c.GUID, Name: c.Name, Path: path, Color: c.Color, Parent: c.Parent}
}

// decideCodes maps every reviewer code to a master code (existing or new)
// and records the conflicts with their resolutions.
func (d *decisions) decideCodes(st *state, rev *snapshot, res Resolutions) (map[string]string, error) {
	codeMap := map[string]string{}
	for _, rc := range rev.codes {
		parent := codeMap[rc.Parent] // "" at the top level or when the parent is missing
		revPath := rev.tree.Path(rc.GUID)
		mine := rc
		mine.Parent = parent
		if mc, ok := st.codes[rc.GUID]; ok {
			if mc.Name == rc.Name && strings.EqualFold(mc.Color, rc.Color) && mc.Parent == parent {
				codeMap[rc.GUID] = rc.GUID
				d.report.AlreadyPresent++
				continue
			}
			c := Conflict{ID: "code:" + rc.GUID, Kind: ConflictChanged, Master: version(mc, st.path(mc.GUID)),
				Reviewer: version(mine, revPath)}
			target, err := d.resolve(st, rev, &c, res.forConflict(c.ID), mc, mine)
			if err != nil {
				return nil, err
			}
			codeMap[rc.GUID] = target
			d.report.Conflicts = append(d.report.Conflicts, c)
			continue
		}
		if mc, ok := st.sibling(parent, rc.Name, ""); ok {
			if sameVersion(mc, mine) {
				// Identical in all but identity (or made so by an earlier
				// "take reviewer's"): the codings go onto the master's code,
				// nothing to decide.
				codeMap[rc.GUID] = mc.GUID
				d.report.AlreadyPresent++
				continue
			}
			c := Conflict{ID: "code:" + rc.GUID, Kind: ConflictSameName, Master: version(mc, st.path(mc.GUID)),
				Reviewer: version(mine, revPath)}
			target, err := d.resolve(st, rev, &c, res.forConflict(c.ID), mc, mine)
			if err != nil {
				return nil, err
			}
			codeMap[rc.GUID] = target
			d.report.Conflicts = append(d.report.Conflicts, c)
			continue
		}
		d.insertCode(st, rev, mine, rc.GUID, rc.Name)
		codeMap[rc.GUID] = rc.GUID
	}
	return codeMap, nil
}

// sameVersion reports whether master code mc already has everything the
// reviewer's version mine (under its master parent) would give it: name,
// colour, place, definitions and kind.
func sameVersion(mc, mine coding.Code) bool {
	return mc.Name == mine.Name && strings.EqualFold(mc.Color, mine.Color) && mc.Parent == mine.Parent &&
		mc.Definition == mine.Definition && mc.Inclusion == mine.Inclusion && mc.Exclusion == mine.Exclusion && mc.Kind == mine.Kind
}

// insertCode adds a reviewer code (mine, already under its master parent) as guid named name.
func (d *decisions) insertCode(st *state, rev *snapshot, mine coding.Code, guid, name string) {
	row := clone(rev.codeRows[mine.GUID])
	pos := 0
	if p, ok := st.maxPos[mine.Parent]; ok {
		pos = p + 1
	}
	pin := mine.Pinned
	if pin > 0 && st.pins[pin] {
		pin = 0
	}
	row["guid"], row["parent"], row["name"], row["position"], row["pinned"] = guid, mine.Parent, name, int64(pos), int64(pin)
	c := mine
	c.GUID, c.Name, c.Position, c.Pinned = guid, name, pos, pin
	st.addCode(c)
	d.codeInserts = append(d.codeInserts, row)
	d.report.New.Codes++
}

// resolve applies one resolution to conflict c between master code mc and
// the reviewer's code mine (already under its master parent), and returns
// the master code the reviewer's codings go onto.
func (d *decisions) resolve(st *state, rev *snapshot, c *Conflict, r Resolution, mc, mine coding.Code) (string, error) {
	c.Resolution = r
	switch r.Action {
	case KeepMaster:
		if c.Kind == ConflictSameName {
			c.Note = "the reviewer's codings go onto the master's code"
			if strings.EqualFold(mc.Color, mine.Color) {
				c.Note = "same name and colour, another identity; the reviewer's codings go onto the master's code"
			}
		}
		return mc.GUID, nil
	case MapTo:
		t, ok := st.codes[strings.ToLower(strings.TrimSpace(r.Target))]
		if !ok {
			return "", fmt.Errorf("%w: conflict %s maps onto %q, which is not a code of the master", ErrResolution, c.ID, r.Target)
		}
		c.Resolution.Target = t.GUID
		return t.GUID, nil
	case TakeReviewer:
		if mine.Parent != mc.Parent && st.isUnder(mine.Parent, mc.GUID) {
			c.Resolution.Action, c.Note = KeepMaster, "the reviewer's place would put the code under itself; kept the master's"
			return mc.GUID, nil
		}
		if _, taken := st.sibling(mine.Parent, mine.Name, mc.GUID); taken {
			c.Resolution.Action, c.Note = KeepMaster, fmt.Sprintf("another master code is already named %q there; kept the master's", mine.Name)
			return mc.GUID, nil
		}
		row := rev.codeRows[mine.GUID]
		col := schema.CodeCol
		set := []corpus.Set{col.Name.To(mine.Name), col.Color.To(mine.Color), col.Parent.To(mine.Parent),
			col.Definition.To(str(row, "definition")), col.Inclusion.To(str(row, "inclusion")),
			col.Exclusion.To(str(row, "exclusion")), col.Kind.To(str(row, "kind"))}
		if mine.Parent != mc.Parent {
			pos := 0
			if p, ok := st.maxPos[mine.Parent]; ok {
				pos = p + 1
			}
			set = append(set, col.Position.To(pos))
			st.maxPos[mine.Parent] = pos
		}
		moved := mc
		moved.Name, moved.Color, moved.Parent = mine.Name, mine.Color, mine.Parent
		st.moveCode(moved)
		d.updates = append(d.updates, update{mc.GUID, set})
		d.report.Updated.Codes++
		return mc.GUID, nil
	case KeepBoth:
		guid := uuid.NewSHA1(copyNamespace, []byte(mine.GUID)).String()
		if _, ok := st.codes[guid]; ok {
			c.Note = "the copy made by an earlier merge is used"
			return guid, nil
		}
		name := mine.Name
		for i := 2; ; i++ {
			if _, taken := st.sibling(mine.Parent, name, ""); !taken {
				break
			}
			name = fmt.Sprintf("%s (%d)", mine.Name, i)
		}
		if name != mine.Name {
			c.Note = fmt.Sprintf("the reviewer's version is the new code %q", name)
		} else {
			c.Note = "the reviewer's version is a new code"
		}
		d.insertCode(st, rev, mine, guid, name)
		return guid, nil
	}
	return "", fmt.Errorf("%w %q for conflict %s", ErrResolution, r.Action, c.ID)
}

// decideCodings takes every reviewer coding the master lacks onto the
// mapped study and code, re-anchoring it when the master's text differs.
func (d *decisions) decideCodings(ctx context.Context, st *state, rev *snapshot, codeMap, studyMap map[string]string,
	whole map[string]bool, titles, texts map[string]string) error {
	coderName := map[string]string{}
	for _, c := range rev.coders {
		coderName[c.GUID] = c.Name
	}
	var curStudy string
	var same bool
	var masterText *coding.QuoteIndex
	var revRunes []rune
	for i, rc := range rev.codings {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		g := str(rc, "guid")
		if st.codings[g] {
			d.report.AlreadyPresent++
			continue
		}
		rs, code := str(rc, "study"), str(rc, "code")
		ms, mcode := studyMap[rs], codeMap[code]
		if mcode == "" {
			mcode = code // a dangling code stays dangling; corpus.Check reports it
		}
		if ms == "" {
			d.report.Notes = append(d.report.Notes, fmt.Sprintf("coding %s belongs to a study missing from the reviewer's file; not imported", g))
			continue
		}
		start, end := num(rc, "start"), num(rc, "end")
		row := clone(rc)
		if !whole[rs] {
			if rs != curStudy {
				curStudy = rs
				mt, err := st.text(ms)
				if err != nil {
					return err
				}
				same = mt == texts[rs]
				if !same {
					masterText, revRunes = coding.NewQuoteIndex(mt), []rune(texts[rs])
				}
			}
			if !same {
				quote := str(rc, "quote")
				if start >= 0 && end <= len(revRunes) && start < end {
					quote = string(revRunes[start:end])
				}
				want := start
				if n := len(revRunes); n > 0 {
					want = int(int64(start) * int64(masterText.Len()) / int64(n))
				}
				s, e, ok := masterText.Nearest(quote, want)
				if !ok {
					d.report.Unanchored = append(d.report.Unanchored, Unanchored{Coding: g, Study: ms, StudyTitle: titles[rs],
						Code: mcode, CodeName: st.path(mcode), Coder: coderName[str(rc, "coder")], Start: start, End: end, Quote: quote})
					continue
				}
				if s != start || e != end {
					d.report.Reanchored++
				}
				start, end = s, e
				row["quote"] = masterText.Slice(s, e)
			}
		}
		key := codingKey(ms, mcode, start, end, str(rc, "coder"))
		if st.codingKey[key] {
			d.report.AlreadyPresent++
			continue
		}
		row["study"], row["code"], row["start"], row["end"] = ms, mcode, int64(start), int64(end)
		st.codings[g], st.codingKey[key] = true, true
		d.codings = append(d.codings, row)
		d.report.New.Codings++
	}
	return nil
}
