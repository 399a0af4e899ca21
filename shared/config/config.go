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
	// EnvStore selects the object store: s3 (EnvBucket, EnvEndpoint,
	// EnvPathStyle) or fs (EnvDataDir). When unset, the one of EnvBucket and
	// EnvDataDir that is set decides.
	EnvStore      = "NIANBAO_STORE"
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
	// Set by others, read here so that nothing else reads the environment.
	EnvFunctionName = "AWS_LAMBDA_FUNCTION_NAME" // the Lambda runtime: the function's own name
	EnvGOGC         = "GOGC"                     // the Go runtime's collector target, an operator's override
	EnvGOMEMLIMIT   = "GOMEMLIMIT"               // the Go runtime's soft memory limit, an operator's override
)

// Backend names an object-store implementation. Adding one: a constant
// here, its settings in FromEnv, its case in app.OpenStore.
type Backend string

// The backends.
const (
	S3 Backend = "s3" // an S3 bucket (AWS, or a local MinIO or versitygw)
	FS Backend = "fs" // a directory: the local development store
)

// Config is the validated configuration.
type Config struct {
	Store     Backend
	Bucket    string // S3: the bucket
	Endpoint  string // S3: endpoint override (MinIO, versitygw); empty on AWS
	PathStyle bool   // S3: path-style addressing, for local servers
	DataDir   string // FS: the directory
	LogLevel  slog.Level
	// ArchiveOrganization is the Source-Organization of the yearly bags:
	// the office that keeps the archive.
	ArchiveOrganization string
	// JWTKeyFile holds the keys the local gateway verifies tokens with;
	// tokens must come from JWTIssuer and name JWTAudience when those are set.
	JWTKeyFile  string
	JWTIssuer   string
	JWTAudience string
	Runtime
}

// Runtime is what the process's runtimes were told: settings nianbao reads
// but does not own. A command that needs no store (nianbao import) reads
// only these, with RuntimeFromEnv.
type Runtime struct {
	// FunctionName is the running Lambda function's name ("" outside
	// Lambda): the archive function invokes itself by it.
	FunctionName string
	// GOGCSet and GOMEMLIMITSet say that the operator set the collector's
	// target or the soft memory limit, which then win over nianbao's own
	// tuning of archiving and importing processes.
	GOGCSet       bool
	GOMEMLIMITSet bool
}

// RuntimeFromEnv reads the runtime settings through getenv.
func RuntimeFromEnv(getenv func(string) string) Runtime {
	return Runtime{
		FunctionName:  strings.TrimSpace(getenv(EnvFunctionName)),
		GOGCSet:       getenv(EnvGOGC) != "",
		GOMEMLIMITSet: getenv(EnvGOMEMLIMIT) != "",
	}
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

		Runtime: RuntimeFromEnv(getenv),
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
	store, err := c.backend(strings.TrimSpace(getenv(EnvStore)))
	if err != nil {
		errs = append(errs, err)
	}
	c.Store = store
	return c, errors.Join(errs...)
}

// backend checks the chosen store's settings; name is EnvStore's value.
func (c Config) backend(name string) (Backend, error) {
	b := Backend(name)
	if b == "" {
		switch {
		case c.Bucket == "" && c.DataDir == "":
			return "", fmt.Errorf("no store: set %s to the reports bucket (and %s for a local S3 server), or %s to a directory", EnvBucket, EnvEndpoint, EnvDataDir)
		case c.Bucket != "" && c.DataDir != "":
			return "", fmt.Errorf("both %s and %s are set: choose the S3 bucket or the local directory (or set %s=s3 or fs)", EnvBucket, EnvDataDir, EnvStore)
		case c.Bucket != "":
			b = S3
		default:
			b = FS
		}
	}
	switch b {
	case S3:
		switch {
		case c.Bucket == "":
			return "", fmt.Errorf("%s=s3 needs %s, the reports bucket", EnvStore, EnvBucket)
		case !validBucket(c.Bucket):
			return "", fmt.Errorf("%s=%q is not a valid S3 bucket name (3–63 lower-case letters, digits, '.' and '-')", EnvBucket, c.Bucket)
		case c.Endpoint != "" && !strings.HasPrefix(c.Endpoint, "http://") && !strings.HasPrefix(c.Endpoint, "https://"):
			return "", fmt.Errorf("%s=%q: want a URL such as http://127.0.0.1:9000", EnvEndpoint, c.Endpoint)
		}
	case FS:
		if c.DataDir == "" {
			return "", fmt.Errorf("%s=fs needs %s, the data directory", EnvStore, EnvDataDir)
		}
	default:
		return "", fmt.Errorf("%s=%q: want s3 or fs", EnvStore, name)
	}
	return b, nil
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
	if c.Store == FS {
		return "filesystem store at " + c.DataDir
	}
	if c.Endpoint != "" {
		return "S3 bucket " + c.Bucket + " at " + c.Endpoint
	}
	return "S3 bucket " + c.Bucket
}
