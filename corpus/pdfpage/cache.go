package pdfpage

import (
	"container/list"
	"context"
	"errors"
	"image"
	"sync"
)

// cacheKey names one rendered page image.
type cacheKey struct {
	doc      uint64
	page     int
	milliDPI int64
}

// pageCache keeps rendered pages, least recently used evicted first, within
// a bound in bytes of pixel data. Concurrent requests for one key share a
// single render.
type pageCache struct {
	bound int64

	mu      sync.Mutex
	bytes   int64
	lru     *list.List // of *cacheEntry, most recent at the front
	entries map[cacheKey]*list.Element
	flights map[cacheKey]*flight
}

type cacheEntry struct {
	key cacheKey
	img *image.RGBA
}

type flight struct {
	done chan struct{}
	img  *image.RGBA
	err  error
}

func newPageCache(bound int64) *pageCache {
	return &pageCache{bound: bound, lru: list.New(), entries: map[cacheKey]*list.Element{}, flights: map[cacheKey]*flight{}}
}

func imageBytes(img *image.RGBA) int64 { return int64(len(img.Pix)) }

// get returns the cached image for key, or renders it with fn (once for
// all concurrent callers) and caches it.
func (c *pageCache) get(ctx context.Context, key cacheKey, fn func() (*image.RGBA, error)) (*image.RGBA, error) {
	for {
		c.mu.Lock()
		if el, ok := c.entries[key]; ok {
			c.lru.MoveToFront(el)
			img := el.Value.(*cacheEntry).img
			c.mu.Unlock()
			return img, nil
		}
		if f, ok := c.flights[key]; ok {
			c.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			// The leader's own cancellation is not ours: try again.
			if f.err != nil && (errors.Is(f.err, context.Canceled) || errors.Is(f.err, context.DeadlineExceeded)) {
				continue
			}
			return f.img, f.err
		}
		f := &flight{done: make(chan struct{})}
		c.flights[key] = f
		c.mu.Unlock()

		f.img, f.err = fn()
		c.mu.Lock()
		delete(c.flights, key)
		if f.err == nil {
			c.put(key, f.img)
		}
		c.mu.Unlock()
		close(f.done)
		return f.img, f.err
	}
}

// put stores img and evicts the least recently used images beyond the
// bound; an image larger than the bound is not kept. Called with mu held.
func (c *pageCache) put(key cacheKey, img *image.RGBA) {
	n := imageBytes(img)
	if n > c.bound {
		return
	}
	if el, ok := c.entries[key]; ok {
		c.remove(el)
	}
	c.entries[key] = c.lru.PushFront(&cacheEntry{key: key, img: img})
	c.bytes += n
	for c.bytes > c.bound {
		c.remove(c.lru.Back())
	}
}

func (c *pageCache) remove(el *list.Element) {
	e := el.Value.(*cacheEntry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.bytes -= imageBytes(e.img)
}

// dropDoc removes a document's images.
func (c *pageCache) dropDoc(doc uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.lru.Front(); el != nil; {
		next := el.Next()
		if el.Value.(*cacheEntry).key.doc == doc {
			c.remove(el)
		}
		el = next
	}
}

func (c *pageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Init()
	c.entries = map[cacheKey]*list.Element{}
	c.bytes = 0
}

func (c *pageCache) stats() (bytes, bound int64, images int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, c.bound, c.lru.Len()
}
