package pdfobj

// MaxPages bounds the pages read from one file.
const MaxPages = 100000

// Pages returns the page objects in order, walking the page tree with guards
// against cycles and absurd depth. When the tree yields no page, the page
// objects found by scanning the file are returned instead (in file order).
// claimed is the tree's own /Count (0 when absent).
func (r *Reader) Pages() (pages []Value, claimed int) {
	root := r.Trailer().Key("Root").Key("Pages")
	claimed = int(root.Key("Count").Int64())
	seen := map[uint64]bool{}
	var walk func(v Value, depth int)
	walk = func(v Value, depth int) {
		if depth > 64 || len(pages) >= MaxPages || v.Kind() != Dict {
			return
		}
		if id := v.ID(); id != 0 {
			if seen[id] {
				return
			}
			seen[id] = true
		}
		kids := v.Key("Kids")
		t := v.Key("Type").Name()
		if t == "Page" || (t != "Pages" && kids.Kind() != Array &&
			(v.Key("Contents").Kind() != Null || v.Key("MediaBox").Kind() == Array || v.Key("Resources").Kind() == Dict)) {
			pages = append(pages, v)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	if len(pages) == 0 {
		pages = r.PagesByScan(MaxPages)
	}
	return pages, claimed
}
