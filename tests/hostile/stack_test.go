package hostile

import (
	"net/http"
	"testing"

	"github.com/nianbao/nianbao/shared/auth/authtest"
	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
)

const (
	seedCode  = "11410303MB0000001X" // testdata/seed-2020.json
	otherCode = "11330500MB1D58273F" // testdata/example-2021.json
)

// startStack serves every function behind the gateway in JWT mode, as
// `nianbao serve --jwt-key` does, on a filesystem store in a fresh
// directory, and returns its URL and the issuer whose tokens it accepts.
func startStack(t testing.TB) (string, *authtest.Issuer) {
	t.Helper()
	iss := authtest.HS256(t)
	st := stacktest.Start(t, localstack.Options{Verifier: iss.Verifier(t)}, stacktest.SyncArchives)
	return st.URL, iss
}

// send sends a request with the target verbatim (no cleaning, no
// re-escaping), as a hostile client would.
func send(t testing.TB, base, method, target string, header http.Header, body []byte, token string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, base, bytesReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = target
	for k, vs := range header {
		req.Header[k] = vs
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %.80s: %v", method, target, err)
	}
	return resp
}
