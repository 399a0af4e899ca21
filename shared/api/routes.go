package api

import "github.com/nianbao/nianbao/shared/gateway"

// Function names a Lambda function of the SAM template.
type Function string

// The functions.
const (
	Upload  Function = "upload"
	Index   Function = "index"
	Archive Function = "archive"
)

// Route is one route of the HTTP API and the function that serves it.
type Route struct {
	Method   string
	Path     string // API Gateway syntax: {id}; {file+} is greedy
	Function Function
	// Protected routes sit behind the JWT authorizer on AWS; the local
	// gateway verifies tokens on the same routes.
	Protected bool
}

// Routes lists every route of the HTTP API; infra/samcheck checks that
// template.yaml declares exactly these, with the authorizer on the protected ones.
var Routes = []Route{
	{"POST", "/reports", Upload, true},
	{"POST", "/reports/validate", Upload, false},
	{"GET", "/", Index, false},
	{"GET", "/new", Index, false},
	{"GET", "/reports", Index, false},
	{"GET", "/reports/{id}", Index, false},
	{"GET", "/reports/{id}/pdf", Index, false},
	{"GET", "/reports/{id}/json", Index, false},
	{"GET", "/schema", Index, false},
	{"GET", "/static/{file+}", Index, false},
	{"POST", "/archives/{year}", Archive, true},
	{"GET", "/archives/{year}", Archive, false},
}

// Mount binds each given function's handler to its routes, as API Gateway
// does with template.yaml: the local server and the tests serve the API
// through shared/gateway with these. Routes of functions not given are left out.
func Mount(handlers map[Function]HandlerFunc) []gateway.Route {
	var routes []gateway.Route
	for _, r := range Routes {
		if h, ok := handlers[r.Function]; ok {
			routes = append(routes, gateway.Route{Method: r.Method, Path: r.Path, Handler: gateway.Handler(h), Protected: r.Protected})
		}
	}
	return routes
}
