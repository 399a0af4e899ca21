//go:build integration

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/gateway"
)

// startStack serves the upload and index functions behind the local gateway,
// as `nianbao serve` does, on a filesystem store in a fresh directory, and
// returns the base URL (http://127.0.0.1:PORT).
func startStack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	env := map[string]string{config.EnvDataDir: dir, config.EnvLogLevel: "error"}
	a, err := app.Open(context.Background(), func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("open the stack on %s: %v", dir, err)
	}
	routes := api.Mount(map[api.Function]api.HandlerFunc{
		api.Upload: api.NewUpload(a.Registry, a.Log, api.OpenWrites()), // tokens: hostile/
		api.Index:  api.NewIndex(a.Registry, a.Log),
	})
	srv := httptest.NewServer(http.Handler(gateway.New(routes))) // listens on 127.0.0.1:0
	t.Cleanup(srv.Close)
	return srv.URL
}
