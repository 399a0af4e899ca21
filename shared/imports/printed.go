package imports

import "encoding/json"

// printedName is the agency name a draft holds, for listing a report no
// agency was matched to.
func printedName(draft json.RawMessage) string {
	var d struct {
		Agency struct {
			Name string `json:"name"`
		} `json:"agency"`
	}
	if len(draft) == 0 || json.Unmarshal(draft, &d) != nil {
		return ""
	}
	return d.Agency.Name
}
