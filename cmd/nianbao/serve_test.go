package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/auth"
	"github.com/nianbao/nianbao/shared/auth/authtest"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
)

func TestServeWriteModes(t *testing.T) {
	seed := testkit.Testdata(t, "seed-2020.json")
	const code = "11410303MB0000001X"
	iss := authtest.HS256(t)
	keyFile := iss.WriteKeyFile(t)
	tests := []struct {
		name       string
		keyFlag    string
		env        map[string]string
		dev        bool
		token      string
		wantStatus int
		wantMode   string
	}{
		{"dev mode, no token", "", nil, true, "", 201, localstack.DevModeValue},
		{"JWT mode, no token", keyFile, nil, false, "", 401, ""},
		{"JWT mode, agency token", keyFile, nil, false, iss.Agency(t, code), 201, ""},
		{"JWT mode from the environment", "", map[string]string{config.EnvJWTKey: keyFile, config.EnvJWTIssuer: authtest.IssuerURL,
			config.EnvJWTAudience: authtest.Audience}, false, iss.Agency(t, code), 201, ""},
		{"environment issuer is enforced", "", map[string]string{config.EnvJWTKey: keyFile, config.EnvJWTIssuer: "https://elsewhere.example"},
			false, iss.Agency(t, code), 401, ""},
		{"read-only: handler refuses", "", nil, false, iss.Agency(t, code), 401, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{config.EnvDataDir: t.TempDir(), config.EnvLogLevel: "error"}
			for k, v := range tt.env {
				env[k] = v
			}
			a, err := app.Open(context.Background(), func(k string) string { return env[k] }, stacktest.WithRenderer(t))
			if err != nil {
				t.Fatal(err)
			}
			access, err := writeAccessFor(a.Config, tt.keyFlag, tt.dev)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(localStack(a, access))
			defer srv.Close()
			req, _ := http.NewRequest("POST", srv.URL+"/reports", bytes.NewReader(seed))
			req.Header.Set("Content-Type", "application/json")
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus || resp.Header.Get(localstack.DevModeHeader) != tt.wantMode {
				t.Errorf("POST /reports = %d, %s %q; want %d, %q", resp.StatusCode, localstack.DevModeHeader, resp.Header.Get(localstack.DevModeHeader), tt.wantStatus, tt.wantMode)
			}
			get, err := http.Get(srv.URL + "/reports")
			if err != nil {
				t.Fatal(err)
			}
			get.Body.Close()
			if get.StatusCode != 200 || get.Header.Get(localstack.DevModeHeader) != tt.wantMode {
				t.Errorf("GET /reports without a token = %d, %s %q; want 200, %q", get.StatusCode, localstack.DevModeHeader, get.Header.Get(localstack.DevModeHeader), tt.wantMode)
			}
		})
	}
}

func TestWriteAccessFor(t *testing.T) {
	keyFile := authtest.RS256(t).WriteKeyFile(t)
	bad := filepath.Join(t.TempDir(), "short")
	if err := os.WriteFile(bad, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := writeAccessFor(config.Config{}, keyFile, true); !errors.Is(err, errBothModes) {
		t.Errorf("--dev with --jwt-key: error %v, want %v", err, errBothModes)
	}
	if _, err := writeAccessFor(config.Config{JWTKeyFile: keyFile}, "", true); !errors.Is(err, errBothModes) {
		t.Errorf("--dev with %s: error %v, want %v", config.EnvJWTKey, err, errBothModes)
	}
	if _, err := writeAccessFor(config.Config{}, bad, false); !errors.Is(err, auth.ErrKeyFile) {
		t.Errorf("--jwt-key %s: error %v, want %v", bad, err, auth.ErrKeyFile)
	}
	for _, tt := range []struct {
		access writeAccess
		want   string
	}{
		{writeAccess{dev: true}, "WARNING"},
		{writeAccess{}, "401"},
	} {
		if got := tt.access.describe(); !strings.Contains(got, tt.want) {
			t.Errorf("describe() = %q, want it to contain %q", got, tt.want)
		}
	}
	w, err := writeAccessFor(config.Config{JWTIssuer: "https://login.example.gov.cn/nianbao"}, keyFile, false)
	if err != nil || !strings.Contains(w.describe(), "1 key (RS256)，iss=https://login.example.gov.cn/nianbao") {
		t.Errorf("JWT mode: describe() = %q, %v", w.describe(), err)
	}
}
