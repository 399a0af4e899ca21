package inbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
)

// Folder is the local server's inbox: a directory with a folder per year
// (DIR/2020/…, subfolders allowed), scanned at an interval. Each new or
// changed file is imported as if it had been put under inbox/{year}/ — the
// import function's own Processor — and an agencies file at the top of a
// year's folder becomes the year's list and files the reports waiting for
// it. The files are only read, never moved or changed.
type Folder struct {
	dir string
	p   *Processor
	log *slog.Logger
	// settle is how long a file must be left alone before it is read: one
	// still being copied in changes size and time meanwhile.
	settle time.Duration
	seen   map[string]seenFile
}

type seenFile struct {
	size  int64
	mod   time.Time
	tries int // failed attempts; the file is left alone after maxTries
}

const (
	// settleTime is Folder.settle.
	settleTime = 2 * time.Second
	// maxTries bounds the attempts at a file the store keeps failing; the
	// entry records the failure, and changing the file tries again.
	maxTries = 3
)

// NewFolder returns the inbox folder dir, imported by p.
func NewFolder(dir string, p *Processor, log *slog.Logger) *Folder {
	return &Folder{dir: dir, p: p, log: log, settle: settleTime, seen: map[string]seenFile{}}
}

// Watch scans the folder every interval until ctx ends.
func (f *Folder) Watch(ctx context.Context, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if _, err := f.Scan(ctx); err != nil && ctx.Err() == nil {
			f.log.WarnContext(ctx, "inbox folder", slog.String("dir", f.dir), slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Scan imports what is new or changed since the last scan, agencies files
// first, and returns what became of each file.
func (f *Folder) Scan(ctx context.Context) ([]Outcome, error) {
	years, err := os.ReadDir(f.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("inbox folder: %w", err)
	}
	var out []Outcome
	for _, y := range years {
		year, err := imports.ParseYear(y.Name())
		if err != nil || !y.IsDir() {
			continue
		}
		lists, files, err := f.changed(filepath.Join(f.dir, y.Name()))
		if err != nil {
			return out, err
		}
		for i, path := range append(lists, files...) {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			out = append(out, f.take(ctx, year, path, i < len(lists)))
		}
	}
	return out, nil
}

// changed lists the year folder's files that are new or changed and have
// settled: its agencies file, then the others in order.
func (f *Folder) changed(root string) (lists, files []string, err error) {
	now := time.Now()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		hidden := path != root && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~"))
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case hidden || !d.Type().IsRegular():
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // gone meanwhile
		}
		s, ok := f.seen[path]
		if ok && (s.size == info.Size() && s.mod.Equal(info.ModTime()) && (s.tries == 0 || s.tries >= maxTries)) || now.Sub(info.ModTime()) < f.settle {
			return nil
		}
		if filepath.Dir(path) == root && isAgencies(name) {
			lists = append(lists, path)
		} else {
			files = append(files, path)
		}
		return nil
	})
	return lists, files, err
}

func isAgencies(name string) bool {
	for _, a := range AgencyFiles {
		if strings.EqualFold(name, a) {
			return true
		}
	}
	return false
}

// take imports one file, or stores an agencies file as the year's list.
func (f *Folder) take(ctx context.Context, year int, path string, list bool) Outcome {
	rel, _ := filepath.Rel(f.dir, path)
	key := Prefix + filepath.ToSlash(rel)
	info, err := os.Stat(path)
	if err != nil {
		return Outcome{Key: key, Error: err.Error()}
	}
	s := f.seen[path]
	if s.size != info.Size() || !s.mod.Equal(info.ModTime()) {
		s = seenFile{size: info.Size(), mod: info.ModTime()}
	}
	var out Outcome
	if list {
		out, err = f.setList(ctx, year, key, path)
	} else {
		out, err = f.importFile(ctx, year, key, path)
	}
	if err != nil {
		s.tries++
		out.Error = err.Error()
		f.log.WarnContext(ctx, "inbox folder: file not imported", slog.String("file", path), slog.Int("tries", s.tries), slog.Any("error", err))
	} else {
		s.tries = 0
	}
	f.seen[path] = s
	return out
}

// setList stores an agencies file as the year's list and files the reports
// waiting for it; a list with problems is left unused, and said so.
func (f *Folder) setList(ctx context.Context, year int, key, path string) (Outcome, error) {
	data, err := readLimited(path, rosterfile.MaxBytes)
	if err != nil {
		return Outcome{Key: key}, err
	}
	var inv *roster.InvalidError
	if _, err := f.p.SetAgencies(ctx, year, data); errors.As(err, &inv) {
		f.log.WarnContext(ctx, "inbox folder: agencies file not used", slog.String("file", path), slog.Any("problems", inv.Problems))
		return Outcome{Key: key, Error: "机关名单有误，未使用：" + inv.Problems[0].Message}, nil
	} else if err != nil {
		return Outcome{Key: key}, err
	}
	r, err := f.p.Rematch(ctx, year)
	return Outcome{Key: key, Rematched: &r}, err
}

func (f *Folder) importFile(ctx context.Context, year int, key, path string) (Outcome, error) {
	file, err := os.Open(path)
	if err != nil {
		return Outcome{Key: key}, err
	}
	in, err := ReadInput(year, key, file)
	file.Close()
	if err != nil {
		return Outcome{Key: key}, err
	}
	e, err := f.p.Process(ctx, in)
	if err != nil {
		return Outcome{Key: key}, err
	}
	return outcomeOf(key, e), nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s: %d bytes, more than %d", path, info.Size(), limit)
	}
	return os.ReadFile(path)
}
