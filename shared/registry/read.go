package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/store"
)

// Manifest returns the manifest of the version id names.
func (s *Service) Manifest(ctx context.Context, id string) (Manifest, error) {
	parsed, err := ParseID(id)
	if err != nil {
		return Manifest{}, err
	}
	return s.readManifest(ctx, parsed)
}

// Findings returns the warnings stored with a version.
func (s *Service) Findings(ctx context.Context, id string) ([]report.Finding, error) {
	parsed, err := ParseID(id)
	if err != nil {
		return nil, err
	}
	if _, err := s.readManifest(ctx, parsed); err != nil {
		return nil, err
	}
	data, err := s.readAll(ctx, parsed.key(FileFindings), maxFindingsBytes)
	if err != nil {
		return nil, err
	}
	var fs []report.Finding
	if err := json.Unmarshal(data, &fs); err != nil {
		return nil, fmt.Errorf("%w: findings of %s: %v", ErrCorrupt, id, err)
	}
	return fs, nil
}

// Open streams a file (FileJSON, FilePDF or FileFindings) of a filed version.
func (s *Service) Open(ctx context.Context, id, file string) (io.ReadCloser, FileInfo, error) {
	parsed, _, info, err := s.fileOf(ctx, id, file)
	if err != nil {
		return nil, FileInfo{}, err
	}
	rc, _, err := s.store.Get(ctx, parsed.key(file))
	if err != nil {
		return nil, FileInfo{}, s.storeErr(parsed.key(file), err)
	}
	return rc, info, nil
}

// OpenJSON streams the canonical JSON of a version the catalog lists, in
// one request: a listed version is acknowledged, so its manifest need not
// be read first. The caller checks what it reads (the ID names its SHA-256).
func (s *Service) OpenJSON(ctx context.Context, id string) (io.ReadCloser, error) {
	parsed, err := ParseID(id)
	if err != nil {
		return nil, err
	}
	rc, _, err := s.store.Get(ctx, parsed.key(FileJSON))
	if err != nil {
		return nil, s.storeErr(parsed.key(FileJSON), err)
	}
	return rc, nil
}

// OpenFile streams a file of a version whose manifest the caller already
// holds (from Current), without reading the manifest again.
func (s *Service) OpenFile(ctx context.Context, m Manifest, file string) (io.ReadCloser, FileInfo, error) {
	id, err := ParseID(m.ID)
	if err != nil {
		return nil, FileInfo{}, err
	}
	info, ok := m.Files[file]
	if !ok {
		return nil, FileInfo{}, fmt.Errorf("%w: %s has no file %q", ErrNotFound, m.ID, file)
	}
	rc, _, err := s.store.Get(ctx, id.key(file))
	if err != nil {
		return nil, FileInfo{}, s.storeErr(id.key(file), err)
	}
	return rc, info, nil
}

// PresignURL returns a short-lived URL for a file of a filed version, or an
// error matching store.ErrNotSupported when the store serves files itself.
func (s *Service) PresignURL(ctx context.Context, id, file string, ttl time.Duration) (string, error) {
	parsed, m, _, err := s.fileOf(ctx, id, file)
	if err != nil {
		return "", err
	}
	return s.store.PresignGet(ctx, parsed.key(file), ttl, DownloadName(m, file))
}

// DownloadName is the file name a person sees: the report's title, and for
// an imported report's original (source.{ext}) the title marked 原件.
func DownloadName(m Manifest, file string) string {
	switch {
	case file == FilePDF:
		return m.Title + ".pdf"
	case strings.HasPrefix(file, SourcePrefix):
		return m.Title + "（原件）" + path.Ext(file)
	}
	return m.Title + ".json"
}

// SourcePrefix starts the name of an imported report's original in a
// version's files: source.docx, source.pdf, ….
const SourcePrefix = "source."

// SourceFile returns the name of the version's original, or "" when the
// report was not imported (the first by name, should there be several).
func SourceFile(m Manifest) string {
	found := ""
	for name := range m.Files {
		if strings.HasPrefix(name, SourcePrefix) && len(name) > len(SourcePrefix) && (found == "" || name < found) {
			found = name
		}
	}
	return found
}

func (s *Service) fileOf(ctx context.Context, id, file string) (ID, Manifest, FileInfo, error) {
	parsed, err := ParseID(id)
	if err != nil {
		return ID{}, Manifest{}, FileInfo{}, err
	}
	m, err := s.readManifest(ctx, parsed)
	if err != nil {
		return ID{}, Manifest{}, FileInfo{}, err
	}
	info, ok := m.Files[file]
	if !ok {
		return ID{}, Manifest{}, FileInfo{}, fmt.Errorf("%w: %s has no file %q", ErrNotFound, id, file)
	}
	return parsed, m, info, nil
}

func (s *Service) readManifest(ctx context.Context, id ID) (Manifest, error) {
	var m Manifest
	if err := s.readJSON(ctx, id.key(fileManifest), maxManifestBytes, &m); err != nil {
		return Manifest{}, err
	}
	if m.ID != id.String() {
		return Manifest{}, fmt.Errorf("%w: manifest of %s names %s", ErrCorrupt, id, m.ID)
	}
	return m, nil
}

func (s *Service) readJSON(ctx context.Context, key string, limit int64, v any) error {
	_, err := s.readJSONInfo(ctx, key, limit, v)
	return err
}

// readJSONInfo decodes the object at key into v and returns its metadata.
// Anything larger than limit or not JSON is ErrCorrupt.
func (s *Service) readJSONInfo(ctx context.Context, key string, limit int64, v any) (store.Info, error) {
	data, info, err := s.readAllInfo(ctx, key, limit)
	if err != nil {
		return store.Info{}, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return store.Info{}, fmt.Errorf("%w: %s: %v", ErrCorrupt, key, err)
	}
	return info, nil
}

func (s *Service) readAll(ctx context.Context, key string, limit int64) ([]byte, error) {
	data, _, err := s.readAllInfo(ctx, key, limit)
	return data, err
}

func (s *Service) readAllInfo(ctx context.Context, key string, limit int64) ([]byte, store.Info, error) {
	rc, info, err := s.store.Get(ctx, key)
	if err != nil {
		return nil, store.Info{}, s.storeErr(key, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if errors.Is(err, store.ErrChecksumMismatch) {
		return nil, store.Info{}, fmt.Errorf("%w: %s: %v", ErrCorrupt, key, err)
	}
	if err != nil {
		return nil, store.Info{}, fmt.Errorf("read %s: %w", key, err)
	}
	if int64(len(data)) > limit {
		return nil, store.Info{}, fmt.Errorf("%w: %s is larger than %d bytes", ErrCorrupt, key, limit)
	}
	return data, info, nil
}

// storeErr maps a missing object to ErrNotFound and keeps everything else.
func (s *Service) storeErr(key string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return fmt.Errorf("read %s: %w", key, err)
}
