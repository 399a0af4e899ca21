package validate

import "github.com/nianbao/nianbao/shared/report"

// Identity is one instance of the hard identities H1–H4 as data: the cells
// of Left add up to the cells of Right. Target is the derived cell the
// validator's finding points at. The importer uses them to choose among the
// ways a run of digits can be split into cells.
type Identity struct {
	Rule   string
	Target string
	Left   []string
	Right  []string
}

// Identities returns every H1–H4 instance of version v, as Check applies them.
func Identities(v report.Version) []Identity {
	var out []Identity
	for _, rule := range []string{RuleH1, RuleH2, RuleH3, RuleH4} {
		for _, id := range identitiesByVersion()[v][rule] {
			out = append(out, Identity{Rule: id.rule, Target: id.target, Left: id.got, Right: id.want})
		}
	}
	return out
}
