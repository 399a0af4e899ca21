// Command upload is the Lambda function behind POST /reports,
// POST /reports/validate and POST /reports/import: it validates, renders
// and files reports (from the inbox's review queue too), and reads
// documents into drafts.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/render"
)

func main() {
	a := app.MustOpen(app.WithRenderer(render.New))
	ingest.TuneMemory(a.Config.Runtime)
	lambda.Start(api.NewUpload(a.Registry, ingest.Importer{}, a.Log, api.ImportQueue(imports.New(a.Store))))
}
