package hostile

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/auth/authtest"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/gateway"
)

const (
	seedCode  = "11410303MB0000001X" // testdata/seed-2020.json
	otherCode = "11330500MB1D58273F" // testdata/example-2021.json
)

// syncStarter runs an archive before answering, so that a test's temporary
// store outlives the run.
type syncStarter struct{ a *archive.Archiver }

func (s syncStarter) Start(ctx context.Context, year int) error {
	_, err := s.a.Run(ctx, year, nil)
	return err
}

// startStack serves every function behind the gateway in JWT mode, as
// `nianbao serve --jwt-key` does, on a filesystem store in a fresh
// directory, and returns its URL and the issuer whose tokens it accepts.
func startStack(t testing.TB) (string, *authtest.Issuer) {
	t.Helper()
	env := map[string]string{config.EnvDataDir: t.TempDir(), config.EnvLogLevel: "error"}
	a, err := app.Open(context.Background(), func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("open the stack: %v", err)
	}
	iss := authtest.HS256(t)
	routes := api.Mount(map[api.Function]api.HandlerFunc{
		api.Upload:  api.NewUpload(a.Registry, a.Log),
		api.Index:   api.NewIndex(a.Registry, a.Log),
		api.Archive: api.NewArchive(a.Archiver, syncStarter{a.Archiver}, a.Log),
	})
	srv := httptest.NewServer(gateway.New(routes, gateway.WithVerifier(iss.Verifier(t))))
	t.Cleanup(srv.Close)
	return srv.URL, iss
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
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
