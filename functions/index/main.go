// Command index is the Lambda function behind the read routes: the listing,
// each report and its files, the JSON Schema and the HTML pages. It files
// nothing, so it carries no renderer and no fonts.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/imports"
)

func main() {
	a := app.MustOpen()
	lambda.Start(api.NewIndex(a.Registry, api.Supervision{Store: a.Store, Imports: imports.New(a.Store)}, a.Log))
}
