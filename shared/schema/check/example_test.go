package check_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/shared/schema"
	"github.com/nianbao/nianbao/shared/schema/check"
)

func ExampleValidate() {
	doc := []byte(`{
		"formatVersion": "2021",
		"reportYear": 2023,
		"agency": {"name": "某市某局", "creditCode": "11330500MB1D58273F", "fax": "0572-0000000"},
		"sections": {"overview": "本年度……", "problemsAndImprovements": "无", "otherMatters": "  "},
		"table2": {}, "table3": {},
		"table4": {"reconsideration": {"upheld": 1, "corrected": 0, "otherOutcome": 0, "pending": "无", "total": 1.5},
		           "litigationDirect": {"upheld": 0, "corrected": 0, "otherOutcome": 0, "pending": 0, "total": 0},
		           "litigationAfterReconsideration": {"upheld": 0, "corrected": 0, "otherOutcome": 0, "pending": 0, "total": "/"}}
	}`)
	err := check.Validate(doc)
	var serr *check.Error
	if errors.As(err, &serr) {
		for _, v := range serr.Violations {
			fmt.Println(v)
		}
	}
	// Output:
	// agency: additional properties 'fax' not allowed
	// sections.otherMatters: must contain a character that is not white space
	// table2: missing properties 'art20_1', 'art20_5', 'art20_6', 'art20_8'
	// table3: missing properties 'newReceived', 'carriedOverFromLastYear', 'results', 'carriedToNextYear'
	// table4.reconsideration.pending: none of the alternatives match: got string, want integer; or value must be '/'
	// table4.reconsideration.total: none of the alternatives match: got number, want integer; or value must be '/'
}

// A client can be handed the schema, e.g. to serve it next to the API.
func ExampleJSON() {
	var head struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
	}
	if err := json.Unmarshal(schema.JSON(), &head); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(head.Schema)
	fmt.Println(head.ID)
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// urn:nianbao:report:v1
}
