package search

import (
	"context"
	"strings"
	"testing"
)

func TestSnippetWindow(t *testing.T) {
	ix, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	filler := strings.Repeat("Workers described their journey and the work in detail. ", 25) // ~1,400 code points
	text := "Cover page\f" + filler + "At the end a broker confiscated the passport of every worker."
	info := StudyInfo{GUID: "s1", Title: "Long page", Year: 2020}
	if err := ix.UpdateStudy("s1", ChunkStudy(info, text, nil)); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), "confiscated passport", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 1 || len(res.Groups[0].Hits) != 1 {
		t.Fatalf("groups = %+v", res.Groups)
	}
	h := res.Groups[0].Hits[0]
	sn := h.Snippet
	if !sn.CutBefore || sn.CutAfter {
		t.Errorf("cut flags = %v %v, want true false", sn.CutBefore, sn.CutAfter)
	}
	if n := len([]rune(sn.Text)); n > snippetLen+40 {
		t.Errorf("snippet has %d code points", n)
	}
	want := "…" // starts cut, ends at the chunk end
	got := sn.Marked("«", "»")
	if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "the «passport» of every worker.") || !strings.Contains(got, "«confiscated»") {
		t.Errorf("Marked = %q", got)
	}
	runes := []rune(text)
	for _, m := range h.Matches {
		if w := string(runes[m.Start:m.End]); w != "confiscated" && w != "passport" {
			t.Errorf("match %v = %q", m, w)
		}
	}
	// a filter-only query gets the start of the chunk, without marks
	res, err = ix.Search(context.Background(), "year:2020 page:2", Options{})
	if err != nil {
		t.Fatal(err)
	}
	sn = res.Groups[0].Hits[0].Snippet
	if sn.CutBefore || !sn.CutAfter || !strings.HasPrefix(sn.Text, "Workers described") || len(sn.Matches) != 0 {
		t.Errorf("filter-only snippet = %+v", sn)
	}
}
