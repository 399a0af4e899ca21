package inbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/nianbao/nianbao/shared/agencies"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
	"github.com/nianbao/nianbao/shared/store"
)

// list is a year's agencies as the inbox found them.
type list struct {
	*agencies.List
	// source is the key the list was read from; "" when the year has none.
	source string
	// problem says, in Chinese, why the agencies file could not be used;
	// reports are then matched against nothing and wait for a person.
	problem string
	// version is the key and ETag the list was read from.
	version string
}

// lists caches each year's list by the ETag of the object it came from,
// so that a batch parses its agencies file once, and looks for a newer one
// at most every listTTL. A report matched against the older list meanwhile
// is matched again: the new file's own event runs Rematch.
type lists struct {
	mu    sync.Mutex
	years map[int]cachedList
}

type cachedList struct {
	key, etag string
	list      list
	checked   time.Time
}

// listTTL is how long a year's list is used without asking the store
// whether it changed.
const listTTL = 30 * time.Second

// agencies returns the year's list: the agencies file (csv, then xlsx)
// when there is one, else the roster, else an empty list. Unless recheck is
// set, a list looked for within listTTL is used as it was.
func (p *Processor) agencies(ctx context.Context, year int, recheck bool) (list, error) {
	if l, ok := p.lists.fresh(year); ok && !recheck {
		return l, nil
	}
	keys := make([]string, 0, len(AgencyFiles)+1)
	for _, f := range AgencyFiles {
		keys = append(keys, AgenciesKey(year, f))
	}
	keys = append(keys, roster.Key(year))
	for _, key := range keys {
		info, err := p.st.Head(ctx, key)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return list{}, fmt.Errorf("agencies of %d: %w", year, err)
		}
		if l, ok := p.lists.get(year, key, info.ETag); ok {
			return l, nil
		}
		l, etag, err := p.readList(ctx, year, key)
		if errors.Is(err, store.ErrNotFound) {
			continue // removed since the Head
		}
		if err != nil {
			return list{}, err
		}
		l.version = key + "@" + etag
		p.lists.put(year, key, etag, l)
		return l, nil
	}
	p.lists.put(year, "", "", list{List: agencies.New(nil)})
	return list{List: agencies.New(nil)}, nil
}

func (p *Processor) readList(ctx context.Context, year int, key string) (list, string, error) {
	if key == roster.Key(year) {
		r, etag, err := roster.Load(ctx, p.st, year)
		if errors.Is(err, roster.ErrNotFound) {
			return list{}, "", store.ErrNotFound
		}
		if err != nil {
			return list{}, "", fmt.Errorf("agencies of %d: %w", year, err)
		}
		return list{List: agencies.New(r.Agencies), source: key}, etag, nil
	}
	rc, info, err := p.st.Get(ctx, key)
	if err != nil {
		return list{}, "", fmt.Errorf("read %s: %w", key, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, rosterfile.MaxBytes+1))
	if err != nil {
		return list{}, "", fmt.Errorf("read %s: %w", key, err)
	}
	l := list{source: key}
	r, err := rosterfile.ParseAgencies(data, year)
	var inv *roster.InvalidError
	switch {
	case errors.As(err, &inv):
		l.List = agencies.New(nil)
		l.problem = fmt.Sprintf("机关名单 %s 有 %d 处错误（%s），未能使用：请改正后重新上传", key, len(inv.Problems)+inv.Omitted, inv.Problems[0].Message)
	case err != nil:
		return list{}, "", fmt.Errorf("parse %s: %w", key, err)
	default:
		l.List = agencies.New(r.Agencies)
	}
	return l, info.ETag, nil
}

// fresh returns the year's list if it was looked for within listTTL.
func (c *lists) fresh(year int) (list, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cached, ok := c.years[year]
	return cached.list, ok && time.Since(cached.checked) < listTTL
}

// get returns the year's list if it came from this version of key, and
// counts it as looked for now.
func (c *lists) get(year int, key, etag string) (list, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cached, ok := c.years[year]
	if !ok || cached.key != key || cached.etag != etag || etag == "" {
		return list{}, false
	}
	cached.checked = time.Now()
	c.years[year] = cached
	return cached.list, true
}

func (c *lists) put(year int, key, etag string, l list) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.years == nil {
		c.years = map[int]cachedList{}
	}
	c.years[year] = cachedList{key: key, etag: etag, list: l, checked: time.Now()}
}

// forget drops the year's list, so that the next report looks for it.
func (c *lists) forget(year int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.years, year)
}

// SetAgencies checks an agencies file and stores it as the year's list
// (inbox/{year}/agencies.csv or .xlsx, by its content; the other is
// removed, so that the list is the one given). An *roster.InvalidError
// names its problems; nothing is stored then. Rematch files the reports it
// names.
func (p *Processor) SetAgencies(ctx context.Context, year int, data []byte) (*roster.Roster, error) {
	r, err := rosterfile.ParseAgencies(data, year)
	if err != nil {
		return nil, err
	}
	name, other := AgencyFiles[0], AgencyFiles[1]
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		name, other = other, name
	}
	if _, err := p.st.Put(ctx, AgenciesKey(year, name), data, store.PutOptions{ContentType: agenciesType[name]}); err != nil {
		return nil, fmt.Errorf("store the agencies of %d: %w", year, err)
	}
	if err := p.st.Delete(ctx, AgenciesKey(year, other)); err != nil {
		return nil, fmt.Errorf("remove the old agencies of %d: %w", year, err)
	}
	p.lists.forget(year)
	return r, nil
}

var agenciesType = map[string]string{
	"agencies.csv":  "text/csv",
	"agencies.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
