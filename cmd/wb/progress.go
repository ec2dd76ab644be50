package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// progressBar draws a one-line progress bar on a terminal; elsewhere it is silent.
type progressBar struct {
	w  io.Writer
	on bool
}

func newProgressBar(w io.Writer, on bool) *progressBar { return &progressBar{w: w, on: on} }

func (b *progressBar) update(done, total int, note string) {
	if !b.on || total == 0 {
		return
	}
	const width = 30
	n := done * width / total
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d %s ", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total, note)
}

func (b *progressBar) done() {
	if b.on {
		fmt.Fprintln(b.w)
	}
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
