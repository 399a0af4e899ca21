package samcheck

import (
	"fmt"
	"slices"
	"strings"
)

// S3EventSpec describes a function started by objects put in the bucket.
type S3EventSpec struct {
	Function string // logical id
	Prefix   string // the key prefix the notification filters on, e.g. "inbox/"
	// Retries is the function's EventInvokeConfig.MaximumRetryAttempts:
	// S3 invokes asynchronously, so retries must be bounded on purpose.
	Retries int
}

// s3Events checks the functions S3 starts: each notification is on the
// template's bucket, for every object created under the spec's prefix; its
// retries are bounded; and nothing else of the function names the bucket,
// which CloudFormation would refuse as a cycle (the bucket's notification
// names the function).
func (c *checker) s3Events(t *Template, want []S3EventSpec) {
	wanted := map[string]S3EventSpec{}
	for _, w := range want {
		wanted[w.Function] = w
	}
	buckets := map[string]bool{}
	for _, b := range t.OfType(TypeBucket) {
		buckets[b.ID] = true
	}
	found := map[string]int{}
	for _, fn := range t.OfType(TypeFunction) {
		events, _ := fn.Properties["Events"].(map[string]any)
		for name, ev := range events {
			if path(ev, "Type") != "S3" {
				continue
			}
			found[fn.ID]++
			w, ok := wanted[fn.ID]
			if !ok {
				c.addf(fn.ID, "S3 event %s is not in the spec", name)
				continue
			}
			props := path(ev, "Properties")
			bucket := refTarget(path(props, "Bucket"))
			if !buckets[bucket] {
				c.addf(fn.ID, "S3 event %s: Bucket does not Ref a bucket of the template", name)
			}
			if !createsObjects(path(props, "Events")) {
				c.addf(fn.ID, "S3 event %s: Events = %v, want s3:ObjectCreated:*", name, path(props, "Events"))
			}
			if p := keyPrefix(path(props, "Filter", "S3Key", "Rules")); p != w.Prefix {
				c.addf(fn.ID, "S3 event %s: key prefix %q, want %q", name, p, w.Prefix)
			}
			for _, at := range references(t.FunctionProperties(fn), bucket, "") {
				if !strings.HasPrefix(at, ".Events.") {
					c.addf(fn.ID, "%s names %s, which a notification of %s makes a circular dependency", strings.TrimPrefix(at, "."), bucket, bucket)
				}
			}
		}
		if w, ok := wanted[fn.ID]; ok {
			expect(c, fn.ID, "EventInvokeConfig.MaximumRetryAttempts", path(t.FunctionProperties(fn), "EventInvokeConfig", "MaximumRetryAttempts"), w.Retries)
		}
	}
	for _, w := range want {
		if found[w.Function] != 1 {
			c.addf(w.Function, "%d S3 events, want one for %s", found[w.Function], w.Prefix)
		}
	}
}

func createsObjects(events any) bool {
	switch e := events.(type) {
	case string:
		return e == "s3:ObjectCreated:*"
	case []any:
		return slices.Contains(e, any("s3:ObjectCreated:*"))
	}
	return false
}

// keyPrefix returns the value of the prefix rule of an S3 key filter.
func keyPrefix(rules any) string {
	list, _ := rules.([]any)
	for _, r := range list {
		if name, _ := path(r, "Name").(string); strings.EqualFold(name, "prefix") {
			v, _ := path(r, "Value").(string)
			return v
		}
	}
	return ""
}

// references returns where v names the resource id: a Ref, a GetAtt, or a
// ${id} or ${id.Attr} inside a Sub.
func references(v any, id, at string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if refTarget(x) == id {
			return []string{at}
		}
		if ga, ok := x["Fn::GetAtt"]; ok && getAttTarget(ga) == id {
			return []string{at}
		}
		if s, ok := x["Fn::Sub"]; ok {
			if str, _ := subString(map[string]any{"Fn::Sub": s}); strings.Contains(str, "${"+id+"}") || strings.Contains(str, "${"+id+".") {
				return []string{at}
			}
		}
		for k, e := range x {
			out = append(out, references(e, id, at+"."+k)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, references(e, id, at+"[]")...)
		}
	}
	return out
}

func getAttTarget(v any) string {
	switch x := v.(type) {
	case string:
		id, _, _ := strings.Cut(x, ".")
		return id
	case []any:
		if len(x) > 0 {
			s, _ := x[0].(string)
			return s
		}
	}
	return fmt.Sprint(v)
}
