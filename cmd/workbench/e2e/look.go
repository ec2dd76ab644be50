package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Grab takes a screenshot of a window (or of the whole screen with id "")
// and decodes it.
func (s *Screen) Grab(id string) (image.Image, error) {
	target := "root"
	if id != "" {
		target = id
	}
	cmd := exec.Command("import", "-window", target, "png:-")
	cmd.Env = s.Env(os.Environ())
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return png.Decode(bytes.NewReader(out))
}

// Rect is a region of a window in fractions of its width and height, so
// it fits whatever size the window manager gave the window.
type Rect struct{ X0, Y0, X1, Y1 float64 }

// in returns the pixel rectangle of r in img.
func (r Rect) in(img image.Image) image.Rectangle {
	b := img.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	return image.Rect(b.Min.X+int(r.X0*w), b.Min.Y+int(r.Y0*h), b.Min.X+int(r.X1*w), b.Min.Y+int(r.Y1*h))
}

// Point is the pixel position of the fraction x, y of a window's size.
func (g Geometry) Point(x, y float64) (int, int) {
	return int(x * float64(g.Width)), int(y * float64(g.Height))
}

// Differs counts the pixels of region r that differ between two pictures
// of the same window.
func Differs(a, b image.Image, r Rect) int {
	ra, rb := r.in(a), r.in(b)
	n := 0
	for y := 0; y < ra.Dy() && y < rb.Dy(); y++ {
		for x := 0; x < ra.Dx() && x < rb.Dx(); x++ {
			r1, g1, b1, _ := a.At(ra.Min.X+x, ra.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(rb.Min.X+x, rb.Min.Y+y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				n++
			}
		}
	}
	return n
}

// ColoursIn counts the distinct colours of region r (a drawn region of
// text has many, an empty one a few).
func ColoursIn(img image.Image, r Rect) int {
	rr := r.in(img)
	seen := map[[3]uint32]bool{}
	for y := rr.Min.Y; y < rr.Max.Y; y++ {
		for x := rr.Min.X; x < rr.Max.X; x++ {
			c1, c2, c3, _ := img.At(x, y).RGBA()
			seen[[3]uint32{c1, c2, c3}] = true
		}
	}
	return len(seen)
}

// WaitPicture waits until a screenshot of the window satisfies cond.
func (s *Screen) WaitPicture(id string, timeout time.Duration, what string, cond func(image.Image) bool) (image.Image, error) {
	var last image.Image
	err := Until(timeout, what, func() (bool, error) {
		img, err := s.Grab(id)
		if err != nil {
			return false, err
		}
		last = img
		return cond(img), nil
	})
	return last, err
}

// Word is a word tesseract read on the screen, with its box in the window.
type Word struct {
	Text                string
	X, Y, Width, Height int
}

// Read reads the words in a window (or in region r of it, when r is not
// the zero Rect) with tesseract. Fyne's dark theme draws light text on
// dark, so the picture is inverted and enlarged first.
func (s *Screen) Read(dir, id string, r Rect) ([]Word, error) {
	img, err := s.Grab(id)
	if err != nil {
		return nil, err
	}
	box := img.Bounds()
	if r != (Rect{}) {
		box = r.in(img)
	}
	src := filepath.Join(dir, "ocr.png")
	f, err := os.Create(src)
	if err != nil {
		return nil, err
	}
	err = png.Encode(f, img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(box))
	f.Close()
	if err != nil {
		return nil, err
	}
	prep := filepath.Join(dir, "ocr-prep.png")
	if out, err := exec.Command("convert", src, "-colorspace", "Gray", "-negate", "-resize", "200%", prep).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("prepare OCR: %v: %s", err, out)
	}
	out, err := exec.Command("tesseract", prep, "-", "--psm", "11", "tsv").Output()
	if err != nil {
		return nil, fmt.Errorf("tesseract: %w", err)
	}
	var words []Word
	for _, l := range strings.Split(string(out), "\n")[1:] {
		f := strings.Split(l, "\t")
		if len(f) < 12 || strings.TrimSpace(f[11]) == "" {
			continue
		}
		n := func(i int) int { v, _ := strconv.Atoi(f[i]); return v / 2 }
		words = append(words, Word{Text: f[11], X: box.Min.X - img.Bounds().Min.X + n(6), Y: box.Min.Y - img.Bounds().Min.Y + n(7), Width: n(8), Height: n(9)})
	}
	return words, nil
}

// Text joins words with spaces.
func Text(words []Word) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w.Text + " ")
	}
	return b.String()
}

// Find returns the first word that is (or, for text of four letters or
// more, starts with) text, case-insensitively and without the punctuation
// around it.
func Find(words []Word, text string) (Word, bool) {
	text = strings.ToLower(text)
	for _, w := range words {
		t := strings.ToLower(strings.Trim(w.Text, "()[]{}:;,.'\"“”‘’!?…"))
		if t == text || (len(text) >= 4 && strings.HasPrefix(t, text)) {
			return w, true
		}
	}
	return Word{}, false
}

// FindExact returns the first word that is text (ignoring case and the
// punctuation around it), never a longer word that starts with it: for a
// button's label ("Keep") among text that may hold "keeps".
func FindExact(words []Word, text string) (Word, bool) {
	text = strings.ToLower(text)
	for _, w := range words {
		if strings.ToLower(strings.Trim(w.Text, "()[]{}:;,.'\"“”‘’!?…")) == text {
			return w, true
		}
	}
	return Word{}, false
}

// WaitText waits until the words read in a window's region include every
// one of want, and returns the words of the last reading.
func (s *Screen) WaitText(dir, id string, r Rect, timeout time.Duration, want ...string) ([]Word, error) {
	var words []Word
	err := Until(timeout, fmt.Sprintf("the words %q on the screen", want), func() (bool, error) {
		var err error
		if words, err = s.Read(dir, id, r); err != nil {
			return false, err
		}
		for _, w := range want {
			if _, ok := Find(words, w); !ok {
				return false, fmt.Errorf("read %q", Text(words))
			}
		}
		return true, nil
	})
	return words, err
}

// ClickWord clicks the middle of a word read on the screen.
func (s *Screen) ClickWord(id string, w Word) error {
	return s.Click(id, w.X+w.Width/2, w.Y+w.Height/2)
}

// Clipboard returns the text on the clipboard (xclip).
func (s *Screen) Clipboard() (string, error) {
	return s.Run("xclip", "-o", "-selection", "clipboard")
}
