package samcheck

import "strings"

func (c *checker) environment(t *Template, want []string) {
	for _, r := range t.OfType(TypeFunction) {
		vars, _ := path(t.FunctionProperties(r), "Environment", "Variables").(map[string]any)
		for _, name := range want {
			if _, ok := vars[name]; !ok {
				c.addf(r.ID, "environment variable %s not set", name)
			}
		}
	}
}

// logGroups checks that each function writes to a log group the stack
// owns (so retention applies) and that the group exists before the
// function can run: otherwise Lambda creates it first and the stack fails.
func (c *checker) logGroups(t *Template) {
	groups := map[string]Resource{}
	for _, g := range t.OfType(TypeLogGroup) {
		if name, ok := subString(g.Properties["LogGroupName"]); ok {
			groups[name] = g
		}
		if g.Properties["RetentionInDays"] == nil {
			c.addf(g.ID, "no RetentionInDays")
		}
	}
	for _, r := range t.OfType(TypeFunction) {
		name, ok := subString(r.Properties["FunctionName"])
		if !ok {
			c.addf(r.ID, "no FunctionName to name its log group after")
			continue
		}
		g, ok := groups["/aws/lambda/"+name]
		if !ok {
			c.addf(r.ID, "no AWS::Logs::LogGroup named /aws/lambda/%s", name)
			continue
		}
		if !contains(r.DependsOn, g.ID) {
			c.addf(r.ID, "does not depend on its log group %s (DependsOn: %s)", g.ID, strings.Join(r.DependsOn, ", "))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
