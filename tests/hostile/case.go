package hostile

import (
	"fmt"
	"net/http"
	"slices"
)

// Case is one request of the corpus.
type Case struct {
	Kind   string // the category, for the histogram: "size", "media-type", ...
	Name   string
	Method string
	Path   string // sent verbatim as the request target
	Header http.Header
	Body   []byte
	// Allowed lists the acceptable statuses; nil means any 4xx.
	Allowed []int
	// Markup names the text field of a valid report that has markup added:
	// the report must be filed and then render inert.
	Markup string
	// Contains is text the answer must hold, if any: an import's refusal
	// code, the message of a 4xx.
	Contains string
}

// Accepts reports whether status is an acceptable answer to the case.
func (c Case) Accepts(status int) bool {
	if c.Allowed == nil {
		return status >= 400 && status < 500
	}
	return slices.Contains(c.Allowed, status)
}

func (c Case) String() string {
	return fmt.Sprintf("%s/%s: %s %.80s (%d-byte body)", c.Kind, c.Name, c.Method, c.Path, len(c.Body))
}

func jsonHeader() http.Header { return http.Header{"Content-Type": {"application/json"}} }

func post(kind, name, path string, body []byte, allowed ...int) Case {
	return Case{Kind: kind, Name: name, Method: "POST", Path: path, Header: jsonHeader(), Body: body, Allowed: allowed}
}
