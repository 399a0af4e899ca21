package pdfcheck

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// Elem is a structure element as poppler reads it.
type Elem struct {
	Type   string
	ID     string            // the element's /ID, if it has one
	Attrs  map[string]string // e.g. "Scope": "Row", "RowSpan": "20", "Headers": "[(H012) (H020)]"
	Text   string            // the text of the element's own marked content
	Kids   []*Elem
	Parent *Elem
}

// Structure returns the structure tree of the PDF at path, as printed by
// pdfinfo -struct-text.
func Structure(t testing.TB, path string) *Elem {
	t.Helper()
	out, err := exec.Command(testkit.Tool(t, "pdfinfo"), "-struct-text", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text %s: %v\n%s", path, err, out)
	}
	root, err := ParseStructText(string(out))
	if err != nil {
		t.Fatalf("pdfinfo -struct-text %s: %v", path, err)
	}
	return root
}

// ParseStructText parses the output of pdfinfo -struct-text: one element
// per line, indented two spaces per level, each followed by its attribute
// lines ("/Scope /Row", one space deeper than its children) and its text
// (quoted strings, at the children's depth). The root returned has type ""
// and the top-level elements as kids.
func ParseStructText(out string) (*Elem, error) {
	root := &Elem{}
	stack := []*Elem{root} // stack[d] is the open element at depth d-1
	for n, line := range strings.Split(out, "\n") {
		body := strings.TrimLeft(line, " ")
		if body == "" {
			continue
		}
		indent := len(line) - len(body)
		depth := indent/2 + 1
		switch {
		case strings.HasPrefix(body, `"`):
			s, err := strconv.Unquote(body)
			if err != nil {
				// poppler does not escape quotes inside the text.
				s = strings.TrimSuffix(strings.TrimPrefix(body, `"`), `"`)
			}
			if depth-1 >= len(stack) || depth-1 < 1 {
				return nil, fmt.Errorf("line %d: text outside an element: %q", n+1, line)
			}
			e := stack[depth-1]
			e.Text += s
		case strings.HasPrefix(body, "/"):
			if depth > len(stack) || depth < 2 {
				return nil, fmt.Errorf("line %d: attribute outside an element: %q", n+1, line)
			}
			e := stack[len(stack)-1]
			k, v, _ := strings.Cut(body[1:], " ")
			e.Attrs[k] = strings.TrimPrefix(v, "/")
		default:
			if depth > len(stack) {
				return nil, fmt.Errorf("line %d: element indented too deep: %q", n+1, line)
			}
			typ, rest, _ := strings.Cut(strings.TrimSuffix(body, ":"), " ")
			parent := stack[depth-1]
			e := &Elem{Type: strings.TrimSuffix(typ, ":"), Attrs: map[string]string{}, Parent: parent}
			if strings.HasPrefix(rest, "<") { // TH <H012>
				e.ID, _, _ = strings.Cut(rest[1:], ">")
			}
			parent.Kids = append(parent.Kids, e)
			stack = append(stack[:depth], e)
		}
	}
	return root, nil
}

// Headers returns the texts of the header cells that e's Headers
// attribute names, found by ID below root, in order; an ID that names no
// element gives "?ID".
func (e *Elem) Headers(root *Elem) []string {
	ids := map[string]*Elem{}
	root.Walk(func(x *Elem) {
		if x.ID != "" {
			ids[x.ID] = x
		}
	})
	var out []string
	for _, f := range strings.Fields(strings.Trim(e.Attrs["Headers"], "[]")) {
		id := strings.Trim(f, "()")
		if h := ids[id]; h != nil {
			out = append(out, h.Text)
		} else {
			out = append(out, "?"+id)
		}
	}
	return out
}

// Walk calls fn for e and every element below it, in reading order.
func (e *Elem) Walk(fn func(*Elem)) {
	fn(e)
	for _, k := range e.Kids {
		k.Walk(fn)
	}
}

// Find returns the elements of type typ below e, in reading order.
func (e *Elem) Find(typ string) []*Elem {
	var out []*Elem
	e.Walk(func(x *Elem) {
		if x.Type == typ {
			out = append(out, x)
		}
	})
	return out
}

// Content returns, in reading order, every element below e that holds text
// of its own.
func (e *Elem) Content() []*Elem {
	var out []*Elem
	e.Walk(func(x *Elem) {
		if x.Text != "" {
			out = append(out, x)
		}
	})
	return out
}
