package check

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/nianbao/nianbao/shared/schema"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Violation is one schema rule a document breaks.
type Violation struct {
	// Location holds the member names from the document root to the
	// offending value; it is empty for the root itself. A missing or unknown
	// member is reported at the object that should (not) hold it.
	Location []string
	// Message says what is wrong, in English.
	Message string
}

// Path returns the location in the contract's dotted form, e.g.
// "table3.newReceived.total"; "" for the root.
func (v Violation) Path() string { return strings.Join(v.Location, ".") }

// Pointer returns the location as an RFC 6901 JSON Pointer, e.g.
// "/table3/newReceived/total"; "" for the root. Unlike Path it stays
// unambiguous when a member name contains a dot.
func (v Violation) Pointer() string {
	var b strings.Builder
	for _, name := range v.Location {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(name))
	}
	return b.String()
}

func (v Violation) String() string {
	where := v.Path()
	if where == "" {
		where = "(document)"
	}
	return where + ": " + v.Message
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

var printer = message.NewPrinter(language.English)

// violations flattens the library's error tree (root may be nil) into its
// leaves, so that each violation names the value at fault rather than the
// schema keyword that wrapped it. Numbers out of range were replaced by null
// before validation: they are reported as such, not as nulls.
func violations(root *jsonschema.ValidationError, outOfRange [][]string) []Violation {
	var out []Violation
	if root != nil {
		collect(root, &out)
	}
	out = slices.DeleteFunc(out, func(v Violation) bool {
		return slices.ContainsFunc(outOfRange, func(loc []string) bool { return slices.Equal(loc, v.Location) })
	})
	for _, loc := range outOfRange {
		out = append(out, Violation{Location: loc, Message: msgNumberRange})
	}
	slices.SortFunc(out, func(a, b Violation) int {
		return cmp.Or(slices.Compare(a.Location, b.Location), strings.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b Violation) bool {
		return a.Message == b.Message && slices.Equal(a.Location, b.Location)
	})
}

func collect(e *jsonschema.ValidationError, out *[]Violation) {
	if len(e.Causes) == 0 {
		*out = append(*out, Violation{Location: slices.Clone(e.InstanceLocation), Message: describe(e.ErrorKind)})
		return
	}
	if msg, ok := alternatives(e); ok {
		*out = append(*out, Violation{Location: slices.Clone(e.InstanceLocation), Message: msg})
		return
	}
	for _, c := range e.Causes {
		collect(c, out)
	}
}

// alternatives merges a failed anyOf or oneOf over one scalar (a cell: a
// number or "/") into one violation; listed apart, each branch would wrongly
// read as a requirement of its own.
func alternatives(e *jsonschema.ValidationError) (string, bool) {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
	default:
		return "", false
	}
	var leaves []*jsonschema.ValidationError
	for _, c := range e.Causes {
		leaves = appendLeaves(leaves, c)
	}
	msgs := make([]string, 0, len(leaves))
	for _, l := range leaves {
		if !slices.Equal(l.InstanceLocation, e.InstanceLocation) {
			return "", false
		}
		msgs = append(msgs, describe(l.ErrorKind))
	}
	return "none of the alternatives match: " + strings.Join(msgs, "; or "), true
}

func appendLeaves(dst []*jsonschema.ValidationError, e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(dst, e)
	}
	for _, c := range e.Causes {
		dst = appendLeaves(dst, c)
	}
	return dst
}

// maxQuoted bounds how much of an offending string a message repeats: a
// section may be 100,000 characters long.
const maxQuoted = 40

func describe(k jsonschema.ErrorKind) string {
	switch k := k.(type) {
	case *kind.Pattern:
		if k.Want == schema.BlankPattern {
			return "must contain a character that is not white space"
		}
		return printer.Sprintf("%q does not match pattern %q", truncate(k.Got, maxQuoted), k.Want)
	case *kind.AdditionalProperties:
		// The library lists them in map order; sort for stable output.
		slices.Sort(k.Properties)
	}
	return k.LocalizedString(printer)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}
