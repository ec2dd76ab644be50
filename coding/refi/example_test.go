package refi_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/evidence-workbench/workbench/coding/refi"
)

// Importing: open the archive, look at the warnings, walk codes and sources,
// read each text once and map selections (code-point ranges) to the store.
func ExampleReadQDPX() {
	q, err := refi.ReadQDPX("project.qdpx")
	if err != nil {
		log.Fatal(err) // names the file and what is wrong
	}
	defer q.Close()
	for _, w := range q.Warnings {
		fmt.Println("not imported:", w)
	}
	refi.WalkCodes(q.Project.Codes, func(c, parent *refi.Code, depth int) { /* create code */ })
	for _, ts := range q.Project.AllTextSources() {
		text, err := q.Text(ts)
		if err != nil {
			log.Fatal(err)
		}
		for _, sel := range ts.Selections {
			_ = []rune(text)[sel.Start:sel.End] // one span per coding in sel.Codings
		}
	}
}

// Exporting: build the model from the store and serve each text as a file.
func ExampleWriteQDPXFile() {
	p := &refi.Project{Name: "Review", Origin: "Evidence Workbench"}
	// ... fill p.Users, p.Codes, p.TextSources (with Selections and Codings), p.Sets ...
	texts := map[string][]byte{} // "<source guid>.txt" -> UTF-8 text
	err := refi.WriteQDPXFile(context.Background(), "review.qdpx", p, refi.BytesOpener(texts),
		func(pr refi.Progress) { fmt.Fprintf(os.Stderr, "%s %d/%d\n", pr.Stage, pr.Done, pr.Total) })
	if err != nil {
		log.Fatal(err)
	}
}
