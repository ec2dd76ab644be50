package search

import (
	"fmt"
	"strconv"
	"strings"
)

// node is an element of a parsed query.
type node interface {
	String() string
}

// termNode is a word or phrase, searched in the text (field "") or a field.
type termNode struct {
	field  string
	value  string
	phrase bool
	prefix bool
	fuzzy  int
	pos    int
}

func (n *termNode) String() string {
	var b strings.Builder
	if n.field != "" {
		b.WriteString(n.field + ":")
	}
	if n.phrase {
		b.WriteString(strconv.Quote(n.value))
	} else {
		b.WriteString(n.value)
	}
	if n.prefix {
		b.WriteByte('*')
	}
	if n.fuzzy > 0 {
		fmt.Fprintf(&b, "~%d", n.fuzzy)
	}
	return b.String()
}

// rangeNode is a numeric condition on year or page; nil bounds are open.
type rangeNode struct {
	field    string
	min, max *int
	minIncl  bool
	maxIncl  bool
}

func (n *rangeNode) String() string {
	lo, hi := "*", "*"
	if n.min != nil {
		lo = strconv.Itoa(*n.min)
	}
	if n.max != nil {
		hi = strconv.Itoa(*n.max)
	}
	open, cl := "(", ")"
	if n.minIncl {
		open = "["
	}
	if n.maxIncl {
		cl = "]"
	}
	return fmt.Sprintf("%s:%s%s..%s%s", n.field, open, lo, hi, cl)
}

type andNode struct{ children []node }
type orNode struct{ children []node }
type notNode struct{ child node }

func joinNodes(children []node, sep string) string {
	parts := make([]string, len(children))
	for i, c := range children {
		parts[i] = c.String()
	}
	return "(" + strings.Join(parts, sep) + ")"
}

func (n *andNode) String() string { return joinNodes(n.children, " AND ") }
func (n *orNode) String() string  { return joinNodes(n.children, " OR ") }
func (n *notNode) String() string { return "NOT " + n.child.String() }

// parseRange parses the value of year: or page: — N, >N, >=N, <N, <=N,
// N..M, N.. or ..M.
func parseRange(field string, t token) (node, error) {
	v := t.text
	bad := func() error {
		return qerr(t.pos, "%s:%s is not a number or range (try %s:2015, %s:>=2015 or %s:2010..2015)", field, v, field, field, field)
	}
	num := func(s string) (*int, error) {
		if s == "" {
			return nil, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, bad()
		}
		return &n, nil
	}
	n := &rangeNode{field: field, minIncl: true, maxIncl: true}
	var err error
	switch {
	case strings.Contains(v, ".."):
		lo, hi, _ := strings.Cut(v, "..")
		if lo == "" && hi == "" {
			return nil, bad()
		}
		if n.min, err = num(lo); err != nil {
			return nil, err
		}
		if n.max, err = num(hi); err != nil {
			return nil, err
		}
		if n.min != nil && n.max != nil && *n.min > *n.max {
			return nil, qerr(t.pos, "%s range %s is empty: %d is after %d", field, v, *n.min, *n.max)
		}
	case strings.HasPrefix(v, ">="):
		n.min, err = num(v[2:])
	case strings.HasPrefix(v, "<="):
		n.max, err = num(v[2:])
	case strings.HasPrefix(v, ">"):
		n.min, err = num(v[1:])
		n.minIncl = false
	case strings.HasPrefix(v, "<"):
		n.max, err = num(v[1:])
		n.maxIncl = false
	default:
		if n.min, err = num(v); err == nil {
			n.max = n.min
		}
	}
	if err != nil {
		return nil, err
	}
	if n.min == nil && n.max == nil {
		return nil, bad()
	}
	return n, nil
}
