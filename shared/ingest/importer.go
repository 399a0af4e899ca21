package ingest

import "context"

// Importer is Import as a dependency, for the HTTP API: the upload function
// hands one to api.NewUpload, which takes it through an interface so that
// the functions that do not import link none of the import engine.
type Importer struct {
	// Options are every import's options; the file's name is set per call.
	Options Options
}

// Import imports data sent as name. The result is a *Result, which encodes
// as `nianbao import --json` prints it; it is nil when err is not.
func (im Importer) Import(ctx context.Context, data []byte, name string) (any, error) {
	opts := im.Options
	opts.Name = name
	res, err := Import(ctx, data, opts)
	if err != nil {
		return nil, err
	}
	return res, nil
}
