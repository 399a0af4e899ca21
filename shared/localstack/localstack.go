// Package localstack runs the whole HTTP API on one machine as API Gateway
// and the functions do on AWS: each function's handler behind the local
// gateway, on exactly the routes api.Routes gives it. `nianbao serve` and
// the tests run it; the Lambda functions never import it.
package localstack

import (
	"net/http"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/gateway"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/workbook"
)

// Mount binds each given function's handler to its rows of api.Routes, as
// API Gateway does with template.yaml. Routes of functions not given are
// left out (the gateway answers them 404).
func Mount(handlers map[api.Function]api.HandlerFunc) []gateway.Route {
	var routes []gateway.Route
	for _, r := range api.Routes {
		if h, ok := handlers[r.Function]; ok {
			routes = append(routes, gateway.Route{Method: r.Method, Path: r.Path, Handler: gateway.Handler(h), Protected: r.Protected})
		}
	}
	return routes
}

// Options say who may write and how archive runs start.
type Options struct {
	// Verifier checks bearer tokens on the protected routes, as the HTTP
	// API's JWT authorizer does. With none, writes carry no claims and the
	// handlers refuse them, unless Open.
	Verifier gateway.Verifier
	// Open lets every write through without a token (local development
	// only) and stamps every response so that no one mistakes it.
	Open bool
	// Starter starts archive runs; nil runs them in the background of this
	// process.
	Starter api.Starter
}

// DevModeHeader marks every response of an open stack.
const DevModeHeader, DevModeValue = "X-Nianbao-Mode", "dev-open"

// New returns the whole API over a's registry and archiver.
func New(a *app.App, o Options) http.Handler {
	var opts []api.Option
	var gwOpts []gateway.Option
	if o.Open {
		opts = append(opts, api.OpenWrites())
	}
	if o.Verifier != nil {
		gwOpts = append(gwOpts, gateway.WithVerifier(o.Verifier))
	}
	start := o.Starter
	if start == nil {
		start = api.BackgroundStarter{Archiver: a.Archiver, Log: a.Log}
	}
	queue := imports.New(a.Store)
	var h http.Handler = gateway.New(Mount(map[api.Function]api.HandlerFunc{
		api.Upload:  api.NewUpload(a.Registry, ingest.Importer{}, a.Log, append(opts, api.ImportQueue(queue))...),
		api.Index:   api.NewIndex(a.Registry, api.Supervision{Store: a.Store, Imports: queue}, a.Log),
		api.Archive: api.NewArchive(a.Archiver, start, a.Log, opts...),
		api.Office:  api.NewOffice(a.Registry, api.Supervision{Store: a.Store, Files: workbook.Files{}}, a.Log, opts...),
	}), gwOpts...)
	if o.Open {
		h = devBanner(h)
	}
	return h
}

func devBanner(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(DevModeHeader, DevModeValue)
		next.ServeHTTP(w, r)
	})
}
