// Command import is the Lambda function behind the S3 inbox: each file put
// under inbox/{year}/ is imported and filed with its original, or queued
// for review under imports/{year}/ (shared/inbox). It parses the fonts
// once, at start-up, because it files reports.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/config"
	"github.com/nianbao/nianbao/shared/inbox"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
)

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ingest.TuneMemory(config.RuntimeFromEnv(os.Getenv))
	rnd, err := render.New()
	if err != nil {
		log.Error("start-up failed", slog.Any("error", err))
		os.Exit(1)
	}
	open := func(ctx context.Context, bucket string) (*inbox.Processor, error) {
		a, err := app.Open(ctx, eventBucket(os.Getenv, bucket), app.WithRenderer(func() (registry.Renderer, error) { return rnd, nil }))
		if err != nil {
			return nil, err
		}
		return inbox.New(a.Registry, a.Store, inbox.WithLog(a.Log)), nil
	}
	lambda.Start(inbox.NewFunction(os.Getenv(config.EnvBucket), open, log).Handle)
}

// eventBucket reads the environment with the bucket an event names in
// place of an empty REPORTS_BUCKET: the template cannot give this function
// the bucket's name (see inbox.Function). A filesystem store ignores it.
func eventBucket(getenv func(string) string, bucket string) func(string) string {
	return func(k string) string {
		v := getenv(k)
		if k != config.EnvBucket || v != "" || getenv(config.EnvStore) == string(config.FS) ||
			getenv(config.EnvStore) == "" && getenv(config.EnvDataDir) != "" {
			return v
		}
		return bucket
	}
}
