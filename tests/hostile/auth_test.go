package hostile

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/auth/authtest"
)

// Every protected route of the local stack, token by token: no token,
// expired, wrong signature and another agency's are refused before
// anything is stored; an administrator gets through.
func TestWriteRoutesNeedTokens(t *testing.T) {
	base, iss := startStack(t)
	stranger := authtest.HS256(t)
	seed, other := testkit.Testdata(t, "seed-2020.json"), testkit.Testdata(t, "example-2021.json")
	// A token whose scope claim is the string "[nianbao/admin]" (what API
	// Gateway makes of an array) is no administrator; a real array is.
	scoped := func(scope any) string {
		c := iss.Claims("")
		c["scope"] = scope
		return iss.Sign(t, c)
	}
	type attempt struct {
		token      string
		wantStatus int
		wantBody   string
	}
	routes := []struct {
		method, path string
		body         []byte
		attempts     []attempt
	}{
		{"POST", "/reports", other, []attempt{
			{"", 401, `{"message":"Unauthorized"}`},
			{iss.Expired(t, otherCode), 401, `{"message":"Unauthorized"}`},
			{stranger.Agency(t, otherCode), 401, `{"message":"Unauthorized"}`},
			{iss.Agency(t, seedCode), 403, `"code":"forbidden"`},
			{scoped("[nianbao/admin]"), 403, `"code":"forbidden"`},
			{iss.Admin(t), 201, `"creditCode":"` + otherCode + `"`},
		}},
		{"POST", "/reports", seed, []attempt{
			{iss.Agency(t, seedCode), 201, `"creditCode":"` + seedCode + `"`},
			{scoped([]any{"nianbao/admin"}), 200, `"creditCode":"` + seedCode + `"`},
		}},
		{"POST", "/archives/2020", nil, []attempt{
			{"", 401, `{"message":"Unauthorized"}`},
			{iss.Expired(t, seedCode), 401, `{"message":"Unauthorized"}`},
			{stranger.Admin(t), 401, `{"message":"Unauthorized"}`},
			{iss.Agency(t, seedCode), 403, `"code":"forbidden"`},
			{scoped("[nianbao/admin]"), 403, `"code":"forbidden"`},
			{iss.Admin(t), 202, `"year":2020`},
		}},
	}
	for _, r := range routes {
		for i, a := range r.attempts {
			header := http.Header{}
			if r.body != nil {
				header.Set("Content-Type", "application/json")
			}
			resp := send(t, base, r.method, r.path, header, r.body, a.token)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != a.wantStatus || !strings.Contains(string(body), a.wantBody) {
				t.Errorf("%s %s, attempt %d = %d %.200s; want %d containing %s", r.method, r.path, i, resp.StatusCode, body, a.wantStatus, a.wantBody)
			}
		}
	}
	// Read routes and the live check need no token.
	for _, p := range []struct{ method, path string }{
		{"GET", "/"}, {"GET", "/new"}, {"GET", "/reports"}, {"GET", "/schema"}, {"GET", "/archives/2020"}, {"POST", "/reports/validate"},
	} {
		header := http.Header{"Content-Type": {"application/json"}}
		resp := send(t, base, p.method, p.path, header, seed, "")
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s %s without a token = %d, want 200", p.method, p.path, resp.StatusCode)
		}
	}
}
