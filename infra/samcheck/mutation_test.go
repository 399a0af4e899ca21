package samcheck_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nianbao/nianbao/infra/samcheck"
)

// fakeRepo holds the files the template refers to, so these tests do not
// depend on the rest of the tree.
func fakeRepo() fstest.MapFS {
	main := &fstest.MapFile{Data: []byte("package main\n")}
	return fstest.MapFS{
		"functions/upload/main.go":  main,
		"functions/index/main.go":   main,
		"functions/archive/main.go": main,
		"functions/office/main.go":  main,
		"functions/import/main.go":  main,
		samcheck.BuildMakefile: &fstest.MapFile{Data: []byte(
			"ARTIFACTS_DIR ?=\nbuild-UploadFunction:\n\tgo build\nbuild-IndexFunction build-ArchiveFunction build-OfficeFunction build-ImportFunction: x\n\tgo build\n")},
	}
}

func checkText(t *testing.T, text string, repo fstest.MapFS) []samcheck.Problem {
	t.Helper()
	tpl, err := samcheck.Parse([]byte(text))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return samcheck.Check(tpl, repo, spec)
}

func TestCheckCleanTemplate(t *testing.T) {
	reportProblems(t, checkText(t, string(readTemplate(t)), fakeRepo()))
}

// TestCheckFindsDefects plants one defect at a time in the real template
// and expects a problem naming it.
func TestCheckFindsDefects(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // first occurrence of old is replaced
		want     string // substring of one problem
	}{
		{"runtime", "Runtime: provided.al2023", "Runtime: provided.al2", "Runtime = provided.al2, want provided.al2023"},
		{"architecture", "Architectures: [arm64]", "Architectures: [x86_64]", "Architectures = [x86_64]"},
		{"handler", "Handler: bootstrap", "Handler: main", "Handler = main"},
		{"code folder", "CodeUri: .", "CodeUri: functions/upload/", "UploadFunction: CodeUri = functions/upload/"},
		{"build method", "BuildMethod: makefile", "BuildMethod: go1.x", "UploadFunction: Metadata.BuildMethod = go1.x"},
		{"archive timeout", "Timeout: 900", "Timeout: 300", "ArchiveFunction: Timeout = 300, want 900"},
		{"api memory", "MemorySize: 512", "MemorySize: 128", "UploadFunction: MemorySize = 128, want 512"},
		{"write route open", "Authorizer: NianbaoJwt", "Authorizer: NONE", "route POST /reports: authorizer NONE, want a JWT authorizer"},
		{"read route falls to default", "Path: /schema, Auth: {Authorizer: NONE}", "Path: /schema", "route GET /schema: authorizer NianbaoJwt, want NONE"},
		{"unknown authorizer", "Authorizer: NianbaoJwt", "Authorizer: Cognito", `authorizer "Cognito" is not a JWT authorizer`},
		{"duplicate route", "Path: /new,", "Path: /,", "route GET / served by 2 events"},
		{"missing route", "Path: /new,", "Path: /,", "route GET /new not served"},
		{"extra route", "Path: /schema,", "Path: /schemas,", "route GET /schemas is not in the spec"},
		{"implicit api", "{ApiId: !Ref HttpApi, Method: GET, Path: /schema", "{Method: GET, Path: /schema", "ApiId does not Ref"},
		{"versioning", "Status: Enabled\n      BucketEncryption", "Status: Suspended\n      BucketEncryption", "VersioningConfiguration.Status = Suspended"},
		{"encryption", "SSEAlgorithm: AES256", "SSEAlgorithm: none", `SSEAlgorithm = "none"`},
		{"public access", "RestrictPublicBuckets: true", "RestrictPublicBuckets: false", "PublicAccessBlockConfiguration.RestrictPublicBuckets = false"},
		{"ownership", "ObjectOwnership: BucketOwnerEnforced", "ObjectOwnership: ObjectWriter", "want one rule BucketOwnerEnforced"},
		{"tls only", `aws:SecureTransport: "false"`, `aws:SecureTransport: "true"`, "no bucket policy denying aws:SecureTransport false"},
		{"literal aws partition", "arn:${AWS::Partition}:lambda", "arn:aws:lambda", `literal partition "arn:aws:"`},
		{"literal aws-cn partition", "arn:${AWS::Partition}:lambda", "arn:aws-cn:lambda", `literal partition "arn:aws-cn:"`},
		{"environment", "        LOG_LEVEL: !Ref LogLevel\n", "", "IndexFunction: environment variable LOG_LEVEL not set"},
		{"log group order", "    DependsOn: IndexLogGroup\n", "", "IndexFunction: does not depend on its log group IndexLogGroup"},
		{"log group name", "/aws/lambda/${AWS::StackName}-index", "/aws/lambda/${AWS::StackName}-idx", "IndexFunction: no AWS::Logs::LogGroup named /aws/lambda/${AWS::StackName}-index"},
		{"log retention", "RetentionInDays: !Ref LogRetentionInDays\n\n  IndexLogGroup", "\n  IndexLogGroup", "UploadLogGroup: no RetentionInDays"},
		{"unknown function", "  IndexFunction:\n", "  ReaderFunction:\n", "ReaderFunction: function not in the spec"},
		{"inbox prefix", "Value: inbox/", "Value: in/", `ImportFunction: S3 event Inbox: key prefix "in/", want "inbox/"`},
		{"inbox events", "Events: s3:ObjectCreated:*", "Events: s3:ObjectRemoved:*", "ImportFunction: S3 event Inbox: Events = s3:ObjectRemoved:*"},
		{"inbox bucket", "Bucket: !Ref ReportsBucket", "Bucket: !Ref OtherBucket", "ImportFunction: S3 event Inbox: Bucket does not Ref a bucket"},
		{"unbounded retries", "        MaximumRetryAttempts: 2\n", "", "ImportFunction: EventInvokeConfig.MaximumRetryAttempts = <nil>, want 2"},
		{"bucket named in the environment", "          REPORTS_BUCKET: \"\"\n", "", "ImportFunction: Environment.Variables.REPORTS_BUCKET names ReportsBucket"},
		{"bucket named in a policy", "      MemorySize: 1024\n      ReservedConcurrentExecutions", "      MemorySize: 1024\n      Policies:\n        - S3ReadPolicy:\n            BucketName: !Ref ReportsBucket\n      ReservedConcurrentExecutions", "ImportFunction: Policies[].S3ReadPolicy.BucketName names ReportsBucket"},
	}
	text := string(readTemplate(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(text, tt.old) {
				t.Fatalf("template has no %q to replace", tt.old)
			}
			problems := checkText(t, strings.Replace(text, tt.old, tt.new, 1), fakeRepo())
			if !hasProblem(problems, tt.want) {
				t.Errorf("replacing %q with %q: no problem containing %q; got:\n%s", tt.old, tt.new, tt.want, list(problems))
			}
		})
	}
}

func TestCheckFindsMissingFiles(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"source", func(r fstest.MapFS) { delete(r, "functions/index/main.go") }, "IndexFunction: source functions/index/main.go"},
		{"make target", func(r fstest.MapFS) {
			r[samcheck.BuildMakefile] = &fstest.MapFile{Data: []byte("build-UploadFunction build-IndexFunction build-OfficeFunction:\n\tgo build\n# build-ArchiveFunction:\n")}
		}, "ArchiveFunction: infra/lambda.mk has no target build-ArchiveFunction"},
		{"makefile", func(r fstest.MapFS) { delete(r, samcheck.BuildMakefile) }, "infra/lambda.mk: read build targets"},
	}
	text := string(readTemplate(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := fakeRepo()
			tt.change(repo)
			if problems := checkText(t, text, repo); !hasProblem(problems, tt.want) {
				t.Errorf("no problem containing %q; got:\n%s", tt.want, list(problems))
			}
		})
	}
}

func hasProblem(problems []samcheck.Problem, want string) bool {
	for _, p := range problems {
		if strings.Contains(p.String(), want) {
			return true
		}
	}
	return false
}

func list(problems []samcheck.Problem) string {
	if len(problems) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, p := range problems {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}
