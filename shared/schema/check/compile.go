package check

import (
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/nianbao/nianbao/shared/schema"
)

// compiled compiles the schema on first use: compiling walks the whole
// document and checks it against the draft 2020-12 meta-schema, which is
// wasted work for programs that never validate.
var compiled = sync.OnceValues(compile)

func compile() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(schema.JSON())))
	if err != nil {
		return nil, fmt.Errorf("parse embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	// Formats are annotations by default in 2020-12; publishedOn must be a
	// real calendar date, so assert them.
	c.AssertFormat()
	if err := c.AddResource(schema.ID, doc); err != nil {
		return nil, fmt.Errorf("add schema resource: %w", err)
	}
	sch, err := c.Compile(schema.ID)
	if err != nil {
		return nil, fmt.Errorf("compile schema: %w", err)
	}
	return sch, nil
}
