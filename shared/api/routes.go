package api

// Function names a Lambda function of the SAM template.
type Function string

// The functions.
const (
	Upload  Function = "upload"
	Index   Function = "index"
	Archive Function = "archive"
	// Office serves the supervising office's work that reads every
	// member's report or writes: rosters, summaries, statistics, exports.
	Office Function = "office"
)

// Route is one route of the HTTP API and the function that serves it.
type Route struct {
	Method   string
	Path     string // API Gateway syntax: {id}; a last {file+} is greedy
	Function Function
	// Protected routes sit behind the JWT authorizer on AWS; the local
	// gateway verifies tokens on the same routes.
	Protected bool
}

// Key is the route key API Gateway puts in every event it sends: "GET /reports/{id}".
func (r Route) Key() string { return r.Method + " " + r.Path }

// Routes is the one route table of the HTTP API. Each function's handler is
// built from its rows (see serve), the local gateway mounts them, and
// infra/samcheck checks that template.yaml declares exactly these, with the
// authorizer on the protected ones. Adding a page: a template, a handler
// method, one row here, its entry in the function's endpoints, the
// template.yaml event.
var Routes = []Route{
	{"POST", "/reports", Upload, true},
	{"POST", "/reports/validate", Upload, false},
	{"POST", "/reports/import", Upload, false},
	{"GET", "/", Index, false},
	{"GET", "/new", Index, false},
	{"GET", "/reports", Index, false},
	{"GET", "/reports/{id}", Index, false},
	{"GET", "/reports/{id}/pdf", Index, false},
	{"GET", "/reports/{id}/json", Index, false},
	{"GET", "/reports/{id}/source", Index, false},
	{"GET", "/reports/{id}/changes", Index, false},
	{"GET", "/reports/{id}/next-year", Index, false},
	{"GET", "/feed.xml", Index, false},
	{"GET", "/schema", Index, false},
	{"GET", "/static/{file+}", Index, false},
	{"POST", "/archives/{year}", Archive, true},
	{"GET", "/archives/{year}", Archive, false},
	{"GET", "/rosters/{year}", Index, false},
	{"GET", "/dashboard/{year}", Index, false},
	{"GET", "/imports/{year}", Index, false},
	{"GET", "/imports/{year}/{sha}", Index, false},
	{"GET", "/imports/{year}/{sha}/source", Index, false},
	{"PUT", "/rosters/{year}", Office, true},
	{"POST", "/summaries/{year}", Office, true},
	{"GET", "/stats/{year}", Office, false},
	{"GET", "/exports/{file}", Office, false},
	{"GET", "/templates/{file}", Office, false},
}

// RoutesOf returns the rows of fn.
func RoutesOf(fn Function) []Route {
	var out []Route
	for _, r := range Routes {
		if r.Function == fn {
			out = append(out, r)
		}
	}
	return out
}
