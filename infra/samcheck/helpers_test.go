package samcheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/infra/samcheck"
	"github.com/nianbao/nianbao/shared/api"
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
		{LogicalID: "OfficeFunction", Timeout: 29, Memory: 1024},
		{LogicalID: "ImportFunction", Timeout: 300, Memory: 1024},
	},
	S3Events: []samcheck.S3EventSpec{{Function: "ImportFunction", Prefix: "inbox/", Retries: 2}},
	Routes:   routes(),
	Env: []string{
		"NIANBAO_STORE", "REPORTS_BUCKET", "AWS_ENDPOINT_URL_S3", "S3_FORCE_PATH_STYLE", "LOG_LEVEL",
		"NIANBAO_JWT_ISSUER", "NIANBAO_JWT_AUDIENCE",
	},
}

// routes is the API's route table (shared/api), in the template's terms.
func routes() []samcheck.RouteSpec {
	var out []samcheck.RouteSpec
	for _, r := range api.Routes {
		fn := strings.ToUpper(string(r.Function[:1])) + string(r.Function[1:]) + "Function"
		out = append(out, samcheck.RouteSpec{Method: r.Method, Path: r.Path, Function: fn, Authorized: r.Protected})
	}
	return out
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
