// Command upload is the Lambda function behind POST /reports and
// POST /reports/validate: it validates, renders and files reports, from
// the inbox's review queue too.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/render"
)

func main() {
	a := app.MustOpen(app.WithRenderer(render.New))
	lambda.Start(api.NewUpload(a.Registry, a.Log, api.ImportQueue(imports.New(a.Store))))
}
