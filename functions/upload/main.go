// Command upload is the Lambda function behind POST /reports and
// POST /reports/validate.
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
)

func main() {
	a := app.MustOpen()
	lambda.Start(api.NewUpload(a.Registry, a.Log))
}
