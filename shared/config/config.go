// Package config reads nianbao's settings from the environment once, at
// start-up. A wrong setting stops the process with a message that says how
// to fix it.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// Environment variables.
const (
	EnvBucket     = "REPORTS_BUCKET"
	EnvEndpoint   = "AWS_ENDPOINT_URL_S3" // the AWS SDK's own endpoint override
	EnvPathStyle  = "S3_FORCE_PATH_STYLE"
	EnvDataDir    = "NIANBAO_DATA_DIR"
	EnvLogLevel   = "LOG_LEVEL"
	EnvArchiveOrg = "NIANBAO_ARCHIVE_ORGANIZATION"
	// The local server's token verification (`nianbao serve`); on AWS the
	// HTTP API's JWT authorizer verifies tokens and the functions only read
	// the claims.
	EnvJWTKey      = "NIANBAO_JWT_KEY" // key file: HS256 secret, PEM public key(s) or JWKS
	EnvJWTIssuer   = "NIANBAO_JWT_ISSUER"
	EnvJWTAudience = "NIANBAO_JWT_AUDIENCE"
)

// Config is the validated configuration.
type Config struct {
	Bucket    string // S3 bucket; empty means the filesystem store at DataDir
	Endpoint  string // S3 endpoint override (MinIO, versitygw); empty on AWS
	PathStyle bool
	DataDir   string
	LogLevel  slog.Level
	// ArchiveOrganization is the Source-Organization of the yearly bags:
	// the office that keeps the archive.
	ArchiveOrganization string
	// JWTKeyFile holds the keys the local gateway verifies tokens with;
	// tokens must come from JWTIssuer and name JWTAudience when those are set.
	JWTKeyFile  string
	JWTIssuer   string
	JWTAudience string
}

// FromEnv reads the configuration through getenv (os.Getenv in main).
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Bucket:   strings.TrimSpace(getenv(EnvBucket)),
		Endpoint: strings.TrimSpace(getenv(EnvEndpoint)),
		DataDir:  strings.TrimSpace(getenv(EnvDataDir)),

		ArchiveOrganization: strings.TrimSpace(getenv(EnvArchiveOrg)),

		JWTKeyFile:  strings.TrimSpace(getenv(EnvJWTKey)),
		JWTIssuer:   strings.TrimSpace(getenv(EnvJWTIssuer)),
		JWTAudience: strings.TrimSpace(getenv(EnvJWTAudience)),
	}
	if c.ArchiveOrganization == "" {
		c.ArchiveOrganization = "政府信息公开工作主管部门"
	}
	var errs []error
	if v := getenv(EnvPathStyle); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: want true or false", EnvPathStyle, v))
		}
		c.PathStyle = b
	}
	if v := getenv(EnvLogLevel); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: want debug, info, warn or error", EnvLogLevel, v))
		}
	}
	switch {
	case c.Bucket == "" && c.DataDir == "":
		errs = append(errs, fmt.Errorf("no store: set %s to the reports bucket (and %s for a local S3 server), or %s to a directory", EnvBucket, EnvEndpoint, EnvDataDir))
	case c.Bucket != "" && c.DataDir != "":
		errs = append(errs, fmt.Errorf("both %s and %s are set: choose the S3 bucket or the local directory", EnvBucket, EnvDataDir))
	case c.Bucket != "" && !validBucket(c.Bucket):
		errs = append(errs, fmt.Errorf("%s=%q is not a valid S3 bucket name (3–63 lower-case letters, digits, '.' and '-')", EnvBucket, c.Bucket))
	case c.Endpoint != "" && !strings.HasPrefix(c.Endpoint, "http://") && !strings.HasPrefix(c.Endpoint, "https://"):
		errs = append(errs, fmt.Errorf("%s=%q: want a URL such as http://127.0.0.1:9000", EnvEndpoint, c.Endpoint))
	}
	return c, errors.Join(errs...)
}

func validBucket(b string) bool {
	if len(b) < 3 || len(b) > 63 {
		return false
	}
	for _, r := range b {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return b[0] != '.' && b[0] != '-'
}

// Logger returns the structured JSON logger every function writes with.
func (c Config) Logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: c.LogLevel}))
}

// Describe says which store the configuration uses, for start-up logs.
func (c Config) Describe() string {
	if c.Bucket == "" {
		return "filesystem store at " + c.DataDir
	}
	if c.Endpoint != "" {
		return "S3 bucket " + c.Bucket + " at " + c.Endpoint
	}
	return "S3 bucket " + c.Bucket
}
