package refi

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// nsForeignIDs derives stable UUIDs for identifiers that are not UUIDs, and
// for parent codes made up from backslash paths, so that the same input
// always gives the same GUID.
var nsForeignIDs = uuid.MustParse("6f1d2b8e-3c4a-5e7f-9a0b-1c2d3e4f5a6b")

// NormalizeGUID returns g as a lower-case UUID without braces. ok is false
// when g is not a UUID in any accepted spelling ({...}, upper case, urn:uuid:).
func NormalizeGUID(g string) (norm string, ok bool) {
	g = strings.TrimSpace(g)
	if g == "" {
		return "", false
	}
	u, err := uuid.Parse(g)
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// reader collects warnings while turning x* values into the model.
type reader struct {
	warnings []Warning
	foreign  map[string]bool // raw ids already reported as non-UUIDs
}

func (r *reader) warn(element, guid, format string, args ...any) {
	r.warnings = append(r.warnings, Warning{Element: element, GUID: guid, Message: fmt.Sprintf(format, args...)})
}

// guid normalises an identifier of a defined object. An empty one gets a fresh
// UUID; a non-UUID one a stable derived UUID, both with a warning.
func (r *reader) guid(element, raw string) string {
	if g, ok := NormalizeGUID(raw); ok {
		return g
	}
	if strings.TrimSpace(raw) == "" {
		g := uuid.NewString()
		r.warn(element, g, "missing guid; assigned %s", g)
		return g
	}
	return r.foreignGUID(element, raw)
}

// ref normalises a reference; "" stays "" (the caller decides whether that matters).
func (r *reader) ref(element, raw string) string {
	if strings.TrimSpace(raw) == "" {
		return ""
	}
	if g, ok := NormalizeGUID(raw); ok {
		return g
	}
	return r.foreignGUID(element, raw)
}

func (r *reader) foreignGUID(element, raw string) string {
	key := strings.ToLower(strings.Trim(strings.TrimSpace(raw), "{}"))
	g := uuid.NewSHA1(nsForeignIDs, []byte(key)).String()
	if r.foreign == nil {
		r.foreign = map[string]bool{}
	}
	if !r.foreign[key] {
		r.foreign[key] = true
		r.warn(element, g, "identifier %q is not a UUID; mapped to %s", raw, g)
	}
	return g
}

func (r *reader) refs(element string, xs []xRef) []string {
	var out []string
	for _, x := range xs {
		if g := r.ref(element, x.TargetGUID); g != "" {
			out = append(out, g)
		} else {
			r.warn(element, "", "reference without targetGUID ignored")
		}
	}
	return out
}

// color returns "#RRGGBB" in upper case; "#RGB" is expanded; anything else is dropped with a warning.
func (r *reader) color(element, guid, raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ""
	}
	hex := strings.TrimPrefix(s, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	if len(hex) == 6 {
		if _, err := strconv.ParseUint(hex, 16, 32); err == nil {
			return "#" + strings.ToUpper(hex)
		}
	}
	r.warn(element, guid, "colour %q is not #RRGGBB; ignored", raw)
	return ""
}

// boolean reads xsd:boolean ("true", "false", "1", "0"), tolerating other cases;
// a missing value takes def.
func (r *reader) boolean(element, guid, attr, raw string, def bool) bool {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "":
		return def
	case "true", "1":
		return true
	case "false", "0":
		return false
	}
	r.warn(element, guid, "%s=%q is not a boolean; using %v", attr, raw, def)
	return def
}

var dateTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05"}

// dateTime reads xsd:dateTime; values without a zone are taken as UTC. Bad values are dropped with a warning.
func (r *reader) dateTime(element, guid, raw string) time.Time {
	s := strings.TrimSpace(raw)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range dateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	r.warn(element, guid, "date-time %q not understood; ignored", raw)
	return time.Time{}
}

func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func (r *reader) stamp(element, guid string, x xStamp) Stamp {
	return Stamp{
		CreatingUser:  r.ref(element, x.CreatingUser),
		Created:       r.dateTime(element, guid, x.CreationDateTime),
		ModifyingUser: r.ref(element, x.ModifyingUser),
		Modified:      r.dateTime(element, guid, x.ModifiedDateTime),
	}
}

func writeStamp(s Stamp) xStamp {
	return xStamp{CreatingUser: s.CreatingUser, CreationDateTime: formatDateTime(s.Created),
		ModifyingUser: s.ModifyingUser, ModifiedDateTime: formatDateTime(s.Modified)}
}

// nestBackslashCodes turns top-level codes named with backslash paths
// ("interesting\places", Taguette's and MAXQDA's flat exports) into a hierarchy.
// Missing parents are created as non-codable codes with stable GUIDs.
func (r *reader) nestBackslashCodes(codes []*Code) []*Code {
	hasPath := false
	for _, c := range codes {
		if strings.Contains(c.Name, `\`) {
			hasPath = true
			break
		}
	}
	if !hasPath {
		return codes
	}
	byPath := map[string]*Code{}
	for _, c := range codes {
		if !strings.Contains(c.Name, `\`) {
			if _, dup := byPath[c.Name]; !dup {
				byPath[c.Name] = c
			}
		}
	}
	var top, pathCodes []*Code
	for _, c := range codes {
		if strings.Contains(c.Name, `\`) {
			pathCodes = append(pathCodes, c)
		} else {
			top = append(top, c)
		}
	}
	// Shallow paths first, so "a\b" exists before "a\b\c" looks for it.
	sort.SliceStable(pathCodes, func(i, j int) bool {
		return strings.Count(pathCodes[i].Name, `\`) < strings.Count(pathCodes[j].Name, `\`)
	})
	for _, c := range pathCodes {
		parts := strings.Split(c.Name, `\`)
		var clean []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				clean = append(clean, p)
			}
		}
		if len(clean) <= 1 {
			c.Name = strings.Join(clean, "")
			top = append(top, c)
			continue
		}
		var parent *Code
		for i := range clean[:len(clean)-1] {
			path := strings.Join(clean[:i+1], `\`)
			p, ok := byPath[path]
			if !ok {
				p = &Code{GUID: uuid.NewSHA1(nsForeignIDs, []byte("code-path:"+path)).String(), Name: clean[i]}
				byPath[path] = p
				r.warn("Code", p.GUID, "created parent code \"%s\" for path codes", path)
				if parent == nil {
					top = append(top, p)
				} else {
					parent.Children = append(parent.Children, p)
				}
			}
			parent = p
		}
		c.Name = clean[len(clean)-1]
		byPath[strings.Join(clean, `\`)] = c
		parent.Children = append(parent.Children, c)
	}
	return top
}
