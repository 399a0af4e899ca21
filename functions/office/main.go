// Command office is the Lambda function behind the supervising office's
// work that reads every member's report or writes: loading the roster, the
// region's summary report, the statistics and the Excel export. It files
// no report, so it carries no renderer and no fonts.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/workbook"
)

func main() {
	a := app.MustOpen()
	lambda.Start(api.NewOffice(a.Registry, api.Supervision{Store: a.Store, Files: workbook.Files{}}, a.Log))
}
