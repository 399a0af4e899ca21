package samcheck

import (
	"regexp"
	"sort"
	"strings"
)

// literalPartition matches an ARN whose partition is spelled out; ARNs
// must use ${AWS::Partition} so the template also deploys to aws-cn.
var literalPartition = regexp.MustCompile(`arn:aws(-[a-z-]+)?:`)

func (c *checker) partition(t *Template) {
	walkStrings(t.Tree, "", func(at, s string) {
		if m := literalPartition.FindString(s); m != "" {
			c.addf(strings.TrimPrefix(at, "."), "literal partition %q in %q; use ${AWS::Partition}", m, s)
		}
	})
}

// walkStrings calls fn for every string value (and mapping key) in v, with
// its dotted location.
func walkStrings(v any, at string, fn func(at, s string)) {
	switch x := v.(type) {
	case string:
		fn(at, x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fn(at, k)
			walkStrings(x[k], at+"."+k, fn)
		}
	case []any:
		for _, e := range x {
			walkStrings(e, at+"[]", fn)
		}
	}
}
