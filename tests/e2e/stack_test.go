//go:build integration

package e2e

import (
	"testing"

	"github.com/nianbao/nianbao/shared/localstack"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
)

// startStack serves the whole API behind the local gateway, as `nianbao
// serve --dev` does, on a filesystem store in a fresh directory, and returns
// the base URL (http://127.0.0.1:PORT). Tokens are tests/hostile's business.
func startStack(t *testing.T) string {
	t.Helper()
	return stacktest.Start(t, localstack.Options{Open: true}).URL
}
