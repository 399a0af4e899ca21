// Package selfinvoke lets a Lambda function start work in a new invocation
// of itself: the archive function answers POST /archives/{year} at once and
// builds the bag with its full fifteen minutes. Only the archive function
// imports it, so only it links the Lambda service client.
package selfinvoke

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/nianbao/nianbao/shared/api"
)

// ErrNoFunctionName: the process does not know its own function's name.
var ErrNoFunctionName = errors.New("AWS_LAMBDA_FUNCTION_NAME is not set: the archive function invokes itself by name")

// Starter starts archive runs by invoking a function asynchronously
// (InvocationType Event); it implements api.Starter.
type Starter struct {
	client   *lambda.Client
	function string
}

// New returns a starter that invokes function (the running function's own
// name, config.Config.FunctionName).
func New(ctx context.Context, function string) (*Starter, error) {
	if function == "" {
		return nil, ErrNoFunctionName
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("load AWS configuration: %w", err)
	}
	return &Starter{client: lambda.NewFromConfig(cfg), function: function}, nil
}

// Start implements api.Starter.
func (s *Starter) Start(ctx context.Context, year int) error {
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
