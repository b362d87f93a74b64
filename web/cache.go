package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// pageCache keeps the pages the server has built, so that a page asked for
// again (a colleague opening the same link, the back button, a download
// after a look) is served from memory rather than rebuilt from the
// repository: a blame or a history of a 1 MB law over hundreds of revisions
// takes seconds to compute and milliseconds to send.
//
// A page is keyed by what it was built from: the revision hashes its
// revisions resolved to, the request's query, and the repository's state
// (the newest revision and the comments). When the state changes (a commit
// lands, a ref moves, a comment is recorded by this server or by redline in
// another process) every page is dropped, so nothing stale is ever served;
// the repository's own caches under .git/redline, which the CLI shares,
// make the rebuild cheaper than the first build.
type pageCache struct {
	mu    sync.Mutex
	state string
	pages map[string]*page
	order []string // oldest first
	size  int
}

// pageCacheLimit bounds the bytes of pages kept in memory.
const pageCacheLimit = 64 << 20

// page is one built response.
type page struct {
	ctype string
	body  []byte
}

// get returns the page with key built in state, if it is kept.
func (c *pageCache) get(state, key string) (*page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if state != c.state {
		return nil, false
	}
	p, ok := c.pages[key]
	return p, ok
}

// put keeps a page built in state; a new state drops every page of the old
// one.
func (c *pageCache) put(state, key string, p *page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if state != c.state {
		c.state, c.pages, c.order, c.size = state, map[string]*page{}, nil, 0
	}
	if _, ok := c.pages[key]; ok || len(p.body) > pageCacheLimit/4 {
		return
	}
	for c.size+len(p.body) > pageCacheLimit && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.pages[old].body)
		delete(c.pages, old)
	}
	c.pages[key] = p
	c.order = append(c.order, key)
	c.size += len(p.body)
}

// state names the repository's state: the newest revision and a digest of
// the comments (with where each was settled). Reading the comments costs
// a few milliseconds; it is what lets a comment recorded by `redline comment
// set` in another process show at once.
func (s *Server) state(ctx context.Context) (string, error) {
	h := sha256.New()
	if head, err := s.r.Resolve(""); err == nil {
		h.Write([]byte(head.Hash))
	}
	cs, err := s.r.Comments(ctx)
	if err != nil {
		return "", err
	}
	if err := json.NewEncoder(h).Encode(cs); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cached serves the page named by key (the handler's resolved revisions and
// whatever else the page depends on), building it with build on a miss.
// build writes the body and returns its content type; an error is answered
// by fail and nothing is kept.
func (s *Server) cached(w http.ResponseWriter, req *http.Request, key []string, build func(buf *bytes.Buffer) (ctype string, err error)) {
	state, err := s.state(req.Context())
	if err != nil {
		s.fail(w, req, err)
		return
	}
	k := req.URL.Path + "\x00" + req.URL.Query().Encode() + "\x00" + strings.Join(key, "\x00")
	p, ok := s.pages.get(state, k)
	if !ok {
		var buf bytes.Buffer
		ctype, err := build(&buf)
		if err != nil {
			w.Header().Del("Content-Disposition")
			s.fail(w, req, err)
			return
		}
		p = &page{ctype: ctype, body: buf.Bytes()}
		s.pages.put(state, k, p)
	}
	w.Header().Set("Content-Type", p.ctype)
	_, _ = w.Write(p.body)
}
