package api

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
}

// Routes lists every route of the HTTP API, as template.yaml declares them.
var Routes = []Route{
	{"POST", "/reports", Upload},
	{"POST", "/reports/validate", Upload},
	{"GET", "/", Index},
	{"GET", "/new", Index},
	{"GET", "/reports", Index},
	{"GET", "/reports/{id}", Index},
	{"GET", "/reports/{id}/pdf", Index},
	{"GET", "/reports/{id}/json", Index},
	{"GET", "/schema", Index},
	{"GET", "/static/{file+}", Index},
	{"POST", "/archives/{year}", Archive},
	{"GET", "/archives/{year}", Archive},
}
