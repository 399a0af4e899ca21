// Command archive is the Lambda function behind POST and GET /archives/{year}
// and the yearly schedule; it builds each year's BagIt bag in the bucket.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/api"
	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/selfinvoke"
)

func main() {
	a := app.MustOpen()
	archive.TuneMemory(a.Config.Runtime)
	starter, err := selfinvoke.New(context.Background(), a.Config.FunctionName)
	if err != nil {
		a.Log.Error("start-up failed", slog.Any("error", err))
		os.Exit(1)
	}
	lambda.Start(api.NewArchiveFunction(a.Archiver, starter, a.Log))
}
