package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/nianbao/nianbao/shared/api"
)

// LambdaStarter starts an archive run by invoking the archive function
// itself asynchronously (InvocationType Event), so that POST /archives/{year}
// answers 202 at once and the run gets the function's full 15 minutes.
type LambdaStarter struct {
	client   *lambda.Client
	function string
}

// NewLambdaStarter returns a starter that invokes function (the running
// function's own name, from AWS_LAMBDA_FUNCTION_NAME).
func NewLambdaStarter(ctx context.Context, function string) (*LambdaStarter, error) {
	if function == "" {
		return nil, fmt.Errorf("AWS_LAMBDA_FUNCTION_NAME is not set: the archive function invokes itself by name")
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("load AWS configuration: %w", err)
	}
	return &LambdaStarter{client: lambda.NewFromConfig(cfg), function: function}, nil
}

// Start implements api.Starter.
func (s *LambdaStarter) Start(ctx context.Context, year int) error {
	payload, err := json.Marshal(api.RunEvent{Source: api.SourceArchive, Year: year})
	if err != nil {
		return err
	}
	_, err = s.client.Invoke(ctx, &lambda.InvokeInput{
		FunctionName:   aws.String(s.function),
		InvocationType: types.InvocationTypeEvent,
		Payload:        payload,
	})
	if err != nil {
		return fmt.Errorf("start archive %d: %w", year, err)
	}
	return nil
}
