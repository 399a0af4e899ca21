package registry

import (
	"context"
	"fmt"
	"strings"
)

// Current calls fn with the manifest of the current version of every agency's
// report for year, in credit-code order, reading ahead a batch at a time.
// It stops at the first error fn returns.
func (s *Service) Current(ctx context.Context, year int, fn func(Manifest) error) error {
	prefix, err := Filter{Year: year}.prefix()
	if err != nil {
		return err
	}
	after := ""
	for {
		infos, err := s.store.List(ctx, prefix, after, scanBatch)
		if err != nil {
			return fmt.Errorf("list %s: %w", prefix, err)
		}
		var keys []string
		for _, in := range infos {
			if strings.HasSuffix(in.Key, "/"+latestFile) {
				keys = append(keys, in.Key)
			}
		}
		pointers, err := s.pointers(ctx, keys)
		if err != nil {
			return err
		}
		for _, l := range pointers {
			if err := fn(l.Current); err != nil {
				return err
			}
		}
		if len(infos) < scanBatch {
			return nil
		}
		after = infos[len(infos)-1].Key
	}
}
