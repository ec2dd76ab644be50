package refi

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// MaxXMLSize bounds the size of a .qdc or project.qde this package decodes:
// 128 MB (this program writes about 850 bytes a coding, so some 150,000
// codings; a .qdc of 100,000 codes is about 20 MB).
const MaxXMLSize = 128 << 20

// limitedReader fails with ErrTooLarge once more than n bytes were read.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

// controlFilter replaces the C0 control characters XML 1.0 forbids (all but
// tab, line feed and carriage return), which some exporters write raw (a form
// feed between PDF pages), by spaces: one code point for one, so positions hold.
type controlFilter struct {
	r        io.Reader
	replaced int
}

func (c *controlFilter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			p[i] = ' '
			c.replaced++
		}
	}
	return n, err
}

// warnControls records the characters controlFilter replaced.
func (r *reader) warnControls(name string, c *controlFilter) {
	if c != nil && c.replaced > 0 {
		r.warn("XML", "", "%s: %d control character(s) not allowed in XML replaced by spaces", name, c.replaced)
	}
}

// newXMLDecoder prepares a decoder that tolerates byte-order marks (UTF-8 and
// UTF-16), declared non-UTF-8 encodings, HTML entities and raw control characters.
func newXMLDecoder(r io.Reader) (*xml.Decoder, *controlFilter, error) {
	br := bufio.NewReader(&limitedReader{r: r, n: MaxXMLSize})
	head, err := br.Peek(4)
	if err != nil && len(head) == 0 {
		if errors.Is(err, io.EOF) {
			return nil, nil, errors.New("file is empty")
		}
		return nil, nil, err
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return nil, nil, fmt.Errorf("%w: this is a zip archive (a .qdpx project?), not XML", ErrNotREFI)
	}
	var src io.Reader = br
	utf16 := false
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		src = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		utf16 = true
	}
	cf := &controlFilter{r: src}
	d := xml.NewDecoder(cf)
	d.Entity = xml.HTMLEntity // &nbsp; and friends, as some exporters write them
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		l := strings.ToLower(strings.TrimSpace(label))
		if utf16 && strings.HasPrefix(l, "utf-16") {
			return in, nil // already transcoded from the BOM
		}
		enc, err := ianaindex.IANA.Encoding(label)
		if err != nil || enc == nil {
			return nil, fmt.Errorf("unsupported encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	return d, cf, nil
}

// rootElement advances d to the document element and returns it.
func rootElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, errors.New("no root element")
			}
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// formatErr wraps a decoding failure of file name into a *FormatError.
func formatErr(name, msg string, err error) error {
	if errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("%s: %w: it is larger than %s, the most a project or codebook file may be", name, ErrTooLarge, sizeText(MaxXMLSize))
	}
	fe := &FormatError{File: name, Msg: msg, Err: err}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		fe.Line = se.Line
		fe.Msg = "malformed XML"
		fe.Err = errors.New(se.Msg)
	}
	return fe
}

func (r *reader) checkNamespace(root xml.StartElement, want string) {
	ns := root.Name.Space
	if ns != "" && ns != want && !strings.HasPrefix(strings.ToLower(ns), "urn:qda-xml:") {
		r.warn(root.Name.Local, "", "unexpected namespace %q; read as %s", ns, want)
	}
}

// ReadQDC reads a REFI-QDA codebook (.qdc). A project.qde given instead
// yields its codes and code sets with a warning.
func ReadQDC(rd io.Reader) (*CodeBook, []Warning, error) {
	return readQDC("codebook", rd)
}

// ReadQDCFile reads the .qdc file at path; errors name the path.
func ReadQDCFile(path string) (*CodeBook, []Warning, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read codebook: %w", err)
	}
	defer f.Close()
	return readQDC(path, f)
}

func readQDC(name string, rd io.Reader) (cb *CodeBook, ws []Warning, err error) {
	defer func() {
		if p := recover(); p != nil {
			cb, ws, err = nil, nil, &FormatError{File: name, Msg: fmt.Sprintf("internal error while decoding: %v", p)}
		}
	}()
	d, cf, err := newXMLDecoder(rd)
	if err != nil {
		return nil, nil, formatErr(name, "cannot read", err)
	}
	root, err := rootElement(d)
	if err != nil {
		return nil, nil, formatErr(name, "cannot read", err)
	}
	r := &reader{}
	switch root.Name.Local {
	case "CodeBook":
		var x xCodeBookFile
		if err := d.DecodeElement(&x, &root); err != nil {
			return nil, nil, formatErr(name, "cannot decode codebook", err)
		}
		r.checkNamespace(root, NamespaceCodebook)
		r.warnControls(name, cf)
		if x.Codes == nil {
			r.warn("CodeBook", "", "no <Codes> element")
		}
		cb := r.codeBook(x.Origin, x.Codes, x.Sets)
		for _, o := range x.Other {
			r.warn(o.XMLName.Local, "", "element not part of a codebook; ignored")
		}
		return cb, r.warnings, nil
	case "Project":
		p, ws, err := decodeProject(name, d, cf, root)
		if err != nil {
			return nil, nil, err
		}
		ws = append(ws, Warning{Element: "Project", Message: "a project file was read as a codebook: only codes and code sets were taken"})
		return p.CodeBook(), ws, nil
	}
	return nil, nil, fmt.Errorf("%s: %w: root element is <%s>, want <CodeBook>", name, ErrNotREFI, root.Name.Local)
}

func (r *reader) codeBook(origin string, xc *xCodes, xs *xSets) *CodeBook {
	cb := &CodeBook{Origin: origin}
	seen := map[string]bool{}
	if xc != nil {
		cb.Codes = r.nestBackslashCodes(r.codes(xc.Code, seen))
	}
	cb.Sets = r.sets(xs)
	for i := range cb.Sets {
		cb.Sets[i].MemberCodes = r.keepKnown("MemberCode", cb.Sets[i].GUID, cb.Sets[i].MemberCodes, seen)
	}
	return cb
}

func (r *reader) codes(xs []xCode, seen map[string]bool) []*Code {
	var out []*Code
	for _, x := range xs {
		c := &Code{GUID: r.guid("Code", x.GUID), Name: x.Name, Description: x.Description}
		if seen[c.GUID] {
			r.warn("Code", c.GUID, "duplicate code GUID; later code %q ignored", x.Name)
			continue
		}
		seen[c.GUID] = true
		if strings.TrimSpace(x.Name) == "" {
			r.warn("Code", c.GUID, "code without a name")
		}
		c.IsCodable = r.boolean("Code", c.GUID, "isCodable", x.IsCodable, true)
		c.Color = r.color("Code", c.GUID, x.Color)
		c.NoteRefs = r.refs("NoteRef", x.NoteRefs)
		c.Children = r.codes(x.Children, seen)
		out = append(out, c)
	}
	return out
}

func (r *reader) sets(xs *xSets) []Set {
	if xs == nil {
		return nil
	}
	var out []Set
	for _, x := range xs.Set {
		s := Set{GUID: r.guid("Set", x.GUID), Name: x.Name, Description: x.Description}
		for _, m := range x.MemberCodes {
			raw := m.TargetGUID
			if raw == "" {
				raw = m.GUID
			}
			if g := r.ref("MemberCode", raw); g != "" {
				s.MemberCodes = append(s.MemberCodes, g)
			}
		}
		s.MemberSources = r.refs("MemberSource", x.MemberSources)
		s.MemberNotes = r.refs("MemberNote", x.MemberNotes)
		out = append(out, s)
	}
	return out
}

// keepKnown drops references to GUIDs not in known, with a warning naming the owner.
func (r *reader) keepKnown(element, owner string, refs []string, known map[string]bool) []string {
	out := refs[:0]
	for _, g := range refs {
		if known[g] {
			out = append(out, g)
		} else {
			r.warn(element, owner, "refers to unknown GUID %s; dropped", g)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
