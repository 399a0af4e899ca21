package samcheck_test

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/nianbao/nianbao/infra/samcheck"
)

// FuzzParse feeds arbitrary documents to Parse and Check: neither may
// panic, whatever the input.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile(templatePath); err == nil {
		f.Add(data)
	}
	f.Add([]byte("Resources: {R: {Type: AWS::Serverless::Function, Properties: {Events: {E: {Type: HttpApi}}}}}"))
	f.Add([]byte("a: &x [*x]"))
	f.Add([]byte("Resources: {R: {Type: T, Properties: {P: !GetAtt [x]}}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tpl, err := samcheck.Parse(data)
		if err != nil {
			return
		}
		samcheck.Check(tpl, fstest.MapFS{}, spec)
	})
}
