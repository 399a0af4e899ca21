// Command function is a Lambda function for the emulator's tests. The
// event's "do" field picks what it does: "echo" returns the event,
// "env" returns the environment variable named by "name", "error" fails,
// "panic" panics, "sleep" waits "ms" milliseconds then echoes.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

type event struct {
	Do   string `json:"do"`
	Name string `json:"name"`
	MS   int    `json:"ms"`
}

func handle(ctx context.Context, raw json.RawMessage) (any, error) {
	var ev event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return nil, err
	}
	switch ev.Do {
	case "env":
		v, ok := os.LookupEnv(ev.Name)
		return map[string]any{"value": v, "set": ok}, nil
	case "error":
		return nil, errors.New("asked to fail")
	case "panic":
		panic("asked to panic")
	case "sleep":
		select {
		case <-time.After(time.Duration(ev.MS) * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return raw, nil
}

func main() { lambda.Start(handle) }
