package samcheck_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/infra/samcheck"
)

// repoRoot is the repository root, relative to this package.
const repoRoot = "../.."

var templatePath = filepath.Join(repoRoot, "template.yaml")

// spec is the deployment the project decided on (see docs/deploy.md).
var spec = samcheck.Spec{
	Functions: []samcheck.FunctionSpec{
		{LogicalID: "UploadFunction", Timeout: 29, Memory: 512},
		{LogicalID: "IndexFunction", Timeout: 29, Memory: 512},
		{LogicalID: "ArchiveFunction", Timeout: 900, Memory: 1024},
	},
	Routes: []samcheck.RouteSpec{
		{Method: "POST", Path: "/reports", Function: "UploadFunction", Authorized: true},
		{Method: "POST", Path: "/reports/validate", Function: "UploadFunction"},
		{Method: "GET", Path: "/", Function: "IndexFunction"},
		{Method: "GET", Path: "/new", Function: "IndexFunction"},
		{Method: "GET", Path: "/reports", Function: "IndexFunction"},
		{Method: "GET", Path: "/reports/{id}", Function: "IndexFunction"},
		{Method: "GET", Path: "/reports/{id}/pdf", Function: "IndexFunction"},
		{Method: "GET", Path: "/reports/{id}/json", Function: "IndexFunction"},
		{Method: "GET", Path: "/schema", Function: "IndexFunction"},
		{Method: "GET", Path: "/static/{file+}", Function: "IndexFunction"},
		{Method: "POST", Path: "/archives/{year}", Function: "ArchiveFunction", Authorized: true},
		{Method: "GET", Path: "/archives/{year}", Function: "ArchiveFunction"},
	},
	Env: []string{
		"REPORTS_BUCKET", "AWS_ENDPOINT_URL_S3", "S3_FORCE_PATH_STYLE", "LOG_LEVEL",
		"NIANBAO_JWT_ISSUER", "NIANBAO_JWT_AUDIENCE",
	},
}

func readTemplate(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func reportProblems(t *testing.T, problems []samcheck.Problem) {
	t.Helper()
	for _, p := range problems {
		t.Errorf("%s", p)
	}
}
