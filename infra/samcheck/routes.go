package samcheck

import (
	"fmt"
	"strings"
)

// noAuthorizer is SAM's name for "no authorizer on this route".
const noAuthorizer = "NONE"

type httpAPI struct {
	defaultAuthorizer string
	jwt               map[string]bool // authorizers with a JwtConfiguration
}

type route struct {
	key        string // "METHOD /path"
	function   string
	event      string
	authorizer string // effective; noAuthorizer when none
}

func (c *checker) routes(t *Template, want []RouteSpec) {
	apis := map[string]httpAPI{}
	for _, r := range t.OfType(TypeHTTPAPI) {
		a := httpAPI{defaultAuthorizer: noAuthorizer, jwt: map[string]bool{}}
		if d, ok := path(r.Properties, "Auth", "DefaultAuthorizer").(string); ok {
			a.defaultAuthorizer = d
		}
		auths, _ := path(r.Properties, "Auth", "Authorizers").(map[string]any)
		for name, v := range auths {
			if path(v, "JwtConfiguration") != nil {
				a.jwt[name] = true
			}
		}
		apis[r.ID] = a
	}

	served := map[string][]route{}
	for _, fn := range t.OfType(TypeFunction) {
		events, _ := fn.Properties["Events"].(map[string]any)
		for name, ev := range events {
			if path(ev, "Type") != "HttpApi" {
				continue
			}
			rt, err := httpRoute(fn.ID, name, path(ev, "Properties"), apis)
			if err != nil {
				c.addf(fn.ID, "event %s: %v", name, err)
				continue
			}
			served[rt.key] = append(served[rt.key], rt)
		}
	}

	for _, w := range want {
		key := w.String()
		got := served[key]
		delete(served, key)
		switch {
		case len(got) == 0:
			c.addf(w.Function, "route %s not served", key)
			continue
		case len(got) > 1:
			c.addf(w.Function, "route %s served by %d events: %s", key, len(got), describe(got))
			continue
		}
		rt := got[0]
		if rt.function != w.Function {
			c.addf(rt.function, "route %s served by %s, want %s", key, rt.function, w.Function)
		}
		authorized := rt.authorizer != noAuthorizer
		if authorized != w.Authorized {
			c.addf(rt.function, "route %s: authorizer %s, want %s", key, rt.authorizer, wantAuth(w.Authorized))
		}
	}
	for key, rts := range served {
		c.addf(rts[0].function, "route %s is not in the spec (%s)", key, describe(rts))
	}
}

func httpRoute(function, event string, props any, apis map[string]httpAPI) (route, error) {
	method, _ := path(props, "Method").(string)
	p, _ := path(props, "Path").(string)
	if method == "" || p == "" {
		return route{}, fmt.Errorf("no Method or Path")
	}
	apiID := refTarget(path(props, "ApiId"))
	api, ok := apis[apiID]
	if !ok {
		// Without ApiId SAM adds an implicit API with none of our settings.
		return route{}, fmt.Errorf("ApiId does not Ref an %s in the template", TypeHTTPAPI)
	}
	rt := route{
		key:        strings.ToUpper(method) + " " + p,
		function:   function,
		event:      event,
		authorizer: api.defaultAuthorizer,
	}
	if a, ok := path(props, "Auth", "Authorizer").(string); ok {
		rt.authorizer = a
	}
	if rt.authorizer != noAuthorizer && !api.jwt[rt.authorizer] {
		return route{}, fmt.Errorf("authorizer %q is not a JWT authorizer of %s", rt.authorizer, apiID)
	}
	return rt, nil
}

func wantAuth(authorized bool) string {
	if authorized {
		return "a JWT authorizer"
	}
	return noAuthorizer
}

func describe(rts []route) string {
	s := make([]string, len(rts))
	for i, r := range rts {
		s[i] = r.function + "." + r.event
	}
	return strings.Join(s, ", ")
}
