package config

import (
	"strings"
	"testing"
)

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // substring; "" for success
	}{
		{"bucket", map[string]string{EnvBucket: "nianbao-reports"}, ""},
		{"local S3", map[string]string{EnvBucket: "reports", EnvEndpoint: "http://127.0.0.1:9000", EnvPathStyle: "true"}, ""},
		{"directory", map[string]string{EnvDataDir: "/var/lib/nianbao"}, ""},
		{"nothing", map[string]string{}, "no store"},
		{"both", map[string]string{EnvBucket: "reports", EnvDataDir: "/tmp/x"}, "choose"},
		{"bad bucket", map[string]string{EnvBucket: "Reports_2020"}, "not a valid S3 bucket"},
		{"bad path style", map[string]string{EnvBucket: "reports", EnvPathStyle: "yes please"}, EnvPathStyle},
		{"bad endpoint", map[string]string{EnvBucket: "reports", EnvEndpoint: "127.0.0.1:9000"}, "want a URL"},
		{"bad log level", map[string]string{EnvDataDir: "/tmp/x", EnvLogLevel: "loud"}, EnvLogLevel},
		{"explicit s3", map[string]string{EnvStore: "s3", EnvBucket: "reports"}, ""},
		{"explicit fs", map[string]string{EnvStore: "fs", EnvDataDir: "/tmp/x"}, ""},
		{"explicit fs beside a bucket", map[string]string{EnvStore: "fs", EnvDataDir: "/tmp/x", EnvBucket: "reports"}, ""},
		{"s3 without a bucket", map[string]string{EnvStore: "s3", EnvDataDir: "/tmp/x"}, "needs " + EnvBucket},
		{"fs without a directory", map[string]string{EnvStore: "fs", EnvBucket: "reports"}, "needs " + EnvDataDir},
		{"unknown backend", map[string]string{EnvStore: "gcs", EnvBucket: "reports"}, "want s3 or fs"},
		{"JWT settings", map[string]string{EnvDataDir: "/tmp/x", EnvJWTKey: "/etc/nianbao/jwks.json", EnvJWTIssuer: "https://login.example.gov.cn/nianbao", EnvJWTAudience: "nianbao"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("FromEnv(%v) error %v, want %q", tt.env, err, tt.wantErr)
			}
		})
	}
}

func TestFromEnvJWT(t *testing.T) {
	env := map[string]string{EnvDataDir: "/tmp/x", EnvJWTKey: " /etc/nianbao/key.pem ", EnvJWTIssuer: "https://login.example.gov.cn/nianbao\n", EnvJWTAudience: "nianbao"}
	c, err := FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.JWTKeyFile != "/etc/nianbao/key.pem" || c.JWTIssuer != "https://login.example.gov.cn/nianbao" || c.JWTAudience != "nianbao" {
		t.Errorf("FromEnv(%v) = key %q issuer %q audience %q; want them trimmed", env, c.JWTKeyFile, c.JWTIssuer, c.JWTAudience)
	}
}

func TestFromEnvBackend(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Backend
	}{
		{map[string]string{EnvBucket: "reports"}, S3},
		{map[string]string{EnvDataDir: "/tmp/x"}, FS},
		{map[string]string{EnvStore: "fs", EnvDataDir: "/tmp/x", EnvBucket: "reports"}, FS},
		{map[string]string{EnvStore: " s3 ", EnvDataDir: "/tmp/x", EnvBucket: "reports"}, S3},
	}
	for _, tt := range tests {
		c, err := FromEnv(func(k string) string { return tt.env[k] })
		if err != nil || c.Store != tt.want {
			t.Errorf("FromEnv(%v) = store %q, %v; want %q", tt.env, c.Store, err, tt.want)
		}
	}
}

// Settings the runtimes own are read here, once, like every other.
func TestFromEnvRuntimeSettings(t *testing.T) {
	env := map[string]string{EnvDataDir: "/tmp/x", EnvFunctionName: "nianbao-archive", EnvGOGC: "50"}
	c, err := FromEnv(func(k string) string { return env[k] })
	if err != nil || c.FunctionName != "nianbao-archive" || !c.GOGCSet {
		t.Errorf("FromEnv(%v) = function %q, GOGC set %v, %v", env, c.FunctionName, c.GOGCSet, err)
	}
}
