package repo

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"hash/fnv"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/review"
)

// histVersion changes whenever the history index's meaning changes; an
// index of another version is ignored and rebuilt.
const histVersion = 3

// checkpointEvery is how often (in revisions) building the history index
// leaves the derived clause ids in the ids cache, so that ids at any
// revision are a few derivations away.
const checkpointEvery = 64

// histIndex is the clause history of one document along a first-parent
// line of revisions: for each clause id, the revisions in which it was
// created, changed, renumbered, moved or deleted, with its label and text
// there. It is derived data, kept in .git/redline/history/ and extended as
// revisions are added, so a warm history reads one small file instead of
// re-walking and re-diffing.
type histIndex struct {
	Version int
	Path    string
	Commits []plumbing.Hash // the line indexed, oldest first
	Blobs   []plumbing.Hash // the document's blob at each commit; zero when absent
	Events  map[string][]histEvent
	Last    []clauseState // the clauses at the last commit, in pre-order

	pos map[plumbing.Hash]int
}

// histEvent is one event of one clause.
type histEvent struct {
	Rev   int32 // index into Commits
	Event review.Event
	Label string
	Text  string // the clause's text after the event (before it, when deleted)
}

// clauseState is what the index compares between revisions: one clause's
// id, label, parent and a hash of its text without the numbering, and where
// its own text lies in the source (Src[Start:End], the marker ending at
// Start+MarkerLen).
type clauseState struct {
	ID, Label, Parent string
	Sum               uint64
	Start, End        int32
	MarkerLen         int32
	// TailStart, TailEnd: text the clause owns after its children (a
	// trailer after sub-items), part of its text; 0, 0 when none.
	TailStart, TailEnd int32
}

func (h *histIndex) index() {
	h.pos = make(map[plumbing.Hash]int, len(h.Commits))
	for i, c := range h.Commits {
		h.pos[c] = i
	}
}

func (r *Repo) histPath(path string) string { return r.cachePath("history", pathKey(path)+".gob") }

func (r *Repo) loadHist(path string) *histIndex {
	if h := r.s.hist[path]; h != nil {
		return h
	}
	h := &histIndex{Version: histVersion, Path: path, Events: map[string][]histEvent{}}
	if b, err := os.ReadFile(r.histPath(path)); err == nil {
		var disk histIndex
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&disk) == nil && disk.Version == histVersion &&
			disk.Path == path && len(disk.Commits) == len(disk.Blobs) {
			if disk.Events == nil {
				disk.Events = map[string][]histEvent{}
			}
			h = &disk
		}
	}
	h.index()
	r.s.hist[path] = h
	return h
}

func (r *Repo) saveHist(h *histIndex) {
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(h) == nil {
		writeCache(r.histPath(h.Path), buf.Bytes())
	}
}

// sumOf hashes a clause's own text without its numbering: the source from
// the end of its marker to the end of its head, and its tail if it has one.
func sumOf(src []byte, s clauseState) uint64 {
	f := fnv.New64a()
	start, end := s.Start+s.MarkerLen, s.End
	if start >= 0 && start <= end && int(end) <= len(src) {
		f.Write(bytes.TrimSpace(src[start:end]))
	}
	if s.TailEnd > s.TailStart && s.TailStart >= 0 && int(s.TailEnd) <= len(src) {
		f.Write([]byte{0})
		f.Write(bytes.TrimSpace(src[s.TailStart:s.TailEnd]))
	}
	return f.Sum64()
}

func textOf(src []byte, s clauseState) string {
	if s.Start < 0 || s.Start > s.End || int(s.End) > len(src) {
		return ""
	}
	text := string(bytes.TrimSpace(src[s.Start:s.End]))
	if s.TailEnd > s.TailStart && s.TailStart >= 0 && int(s.TailEnd) <= len(src) {
		text += "\n" + string(bytes.TrimSpace(src[s.TailStart:s.TailEnd]))
	}
	return text
}

// states summarises a parsed document for the index.
func states(d *docIDs) []clauseState {
	if d == nil {
		return nil
	}
	src := d.doc.Src
	out := make([]clauseState, len(d.node))
	for i, n := range d.node {
		s := clauseState{ID: d.ids[i], Label: n.Path(), Parent: d.of[n.Parent],
			Start: int32(n.Start), End: int32(n.HeadEnd)}
		if n.Marker != "" && n.Start < n.HeadEnd {
			head := src[n.Start:min(n.HeadEnd, n.Start+len(n.Marker)+16)]
			if k := bytes.Index(head, []byte(n.Marker)); k >= 0 {
				s.MarkerLen = int32(k + len(n.Marker))
			}
		}
		if ts, te, ok := n.Tail(); ok {
			s.TailStart, s.TailEnd = int32(ts), int32(te)
		}
		s.Sum = sumOf(src, s)
		out[i] = s
	}
	return out
}

// incremental derives the clause states of new from those of old when the
// edit between them cannot have changed the clause structure: the changed
// lines lie inside one clause's own text (or the preamble) and hold no
// numbering, heading or other structure, judged by parsing them alone.
// That is the common revision — a sentence reworded — and it spares a full
// parse. It returns the index of the changed clause (-1: the preamble) and
// false when a full parse is needed.
func incremental(name string, old, new []byte, st []clauseState) ([]clauseState, int, bool) {
	p0 := commonPrefix(old, new)
	s := commonSuffix(old[p0:], new[p0:])
	p := p0
	for p > 0 && old[p-1] != '\n' {
		p--
	}
	oldEnd, newEnd := len(old)-s, len(new)-s
	for oldEnd < len(old) && (oldEnd > p && old[oldEnd-1] != '\n' || newEnd > p && new[newEnd-1] != '\n') {
		oldEnd++
		newEnd++
	}
	if oldEnd-p > 1<<16 || newEnd-p > 1<<16 {
		return nil, 0, false
	}
	q := p
	if oldEnd == p {
		q = p - 1 // an insertion belongs to the text before it
	}
	idx := sort.Search(len(st), func(i int) bool { return int(st[i].Start) > q }) - 1
	seg := p
	if idx >= 0 {
		c := st[idx]
		if oldEnd > int(c.End) {
			return nil, 0, false
		}
		if p < int(c.Start+c.MarkerLen) {
			// The edit is on the clause's first line: fine when its
			// numbering is untouched; the rest of the line is checked.
			if p != int(c.Start) || p0 < int(c.Start+c.MarkerLen) {
				return nil, 0, false
			}
			seg = int(c.Start + c.MarkerLen)
			for seg < p0 && (old[seg] == ' ' || old[seg] == '\t') {
				seg++
			}
		}
	} else if len(st) > 0 && oldEnd > int(st[0].Start) {
		return nil, 0, false
	}
	if structural(name, old[seg:oldEnd]) || structural(name, new[seg:newEnd]) {
		return nil, 0, false
	}
	// Whether the line after the edit opens a clause depends on how the
	// edited line ends (a finished sentence, or one that goes on): keep it.
	if a, b := lastRune(old[p:oldEnd]), lastRune(new[p:newEnd]); a != b || !strings.ContainsRune("。！？.!?…）)】》；：;:", a) {
		if p < oldEnd || p < newEnd {
			return nil, 0, false
		}
	}
	if bytes.Count(old[p:oldEnd], []byte{'\n'}) != bytes.Count(new[p:newEnd], []byte{'\n'}) {
		// Lines came or went: whether the next line opens a clause can
		// depend on the line before it (a Markdown paragraph continues).
		if structural(name, lineAt(old, oldEnd)) {
			return nil, 0, false
		}
	}
	delta := int32(newEnd - oldEnd)
	out := make([]clauseState, len(st))
	copy(out, st)
	for i := range out {
		if int(out[i].Start) >= oldEnd {
			out[i].Start += delta
		}
		if int(out[i].End) >= oldEnd {
			out[i].End += delta
		}
		if out[i].TailEnd > out[i].TailStart && int(out[i].TailStart) >= oldEnd {
			out[i].TailStart += delta
			out[i].TailEnd += delta
		}
	}
	if idx >= 0 {
		c := &out[idx]
		c.Sum = sumOf(new, *c)
		if c.Sum != st[idx].Sum {
			for j := range st {
				if j != idx && st[j].Sum == c.Sum {
					return nil, 0, false // took over another clause's text: let the alignment judge
				}
			}
		}
	}
	return out, idx, true
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+64 <= n && bytes.Equal(a[i:i+64], b[i:i+64]); i += 64 {
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+64 <= n && bytes.Equal(a[len(a)-i-64:len(a)-i], b[len(b)-i-64:len(b)-i]); i += 64 {
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// lastRune is the last character of b before trailing white space.
func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(bytes.TrimRight(b, " \t\r\n\u3000"))
	return r
}

// lineAt is the line of b starting at i.
func lineAt(b []byte, i int) []byte {
	if i >= len(b) {
		return nil
	}
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return b[i : i+j+1]
	}
	return b[i:]
}

// structural reports whether lines of a document might carry clause
// structure: numbering or headings (found by parsing the lines alone),
// blank lines or indentation (which can end or continue a Markdown block),
// fences and setext underlines.
func structural(name string, seg []byte) bool {
	if len(seg) == 0 {
		return false
	}
	for _, line := range strings.SplitAfter(string(seg), "\n") {
		if line == "" {
			continue
		}
		t := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(t) == "" {
			return true
		}
		if strings.HasPrefix(t, " ") || strings.HasPrefix(t, "\t") || strings.HasPrefix(t, "```") ||
			strings.HasPrefix(t, "~~~") || strings.Trim(t, "=- ") == "" || strings.HasPrefix(t, ">") ||
			strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<") {
			return true
		}
	}
	d, err := clause.Parse(path.Base(name), seg, clause.Options{})
	return err != nil || len(d.Root.Children) > 0
}

// idsFromStates is the ids-file form of a revision's clause states.
func idsFromStates(blob plumbing.Hash, st []clauseState) idsFile {
	f := idsFile{Blob: blob.String(), Clauses: make([]idEntry, len(st))}
	for i, s := range st {
		f.Clauses[i] = idEntry{ID: s.ID, Label: s.Label}
	}
	return f
}

// recordedIDs is the ids file committed with ri for path, when it describes
// the document's blob there.
func (r *Repo) recordedIDs(ri *revInfo, path string, blob plumbing.Hash) (idsFile, bool) {
	h, ok := r.blobAt(ri.Tree, idsPath(path))
	if !ok {
		return idsFile{}, false
	}
	f, ok := decodeIDs(r.readBlob(h))
	return f, ok && f.Blob == blob.String()
}

// histFor returns path's history index covering tip's first-parent line,
// and how many of its commits belong to that line. It indexes the revisions
// not yet indexed, oldest first.
func (r *Repo) histFor(ctx context.Context, path string, tip *revInfo, progress Progress) (*histIndex, int, error) {
	h, n, err := r.buildHist(ctx, path, tip, progress, true)
	if errors.Is(err, errIncremental) {
		// The shortcut disagreed with the parser at a checkpoint: rebuild
		// this stretch with a full parse of every revision.
		delete(r.s.hist, path)
		return r.buildHist(ctx, path, tip, progress, false)
	}
	return h, n, err
}

// errIncremental says that incremental clause states did not match a
// full parse.
var errIncremental = errors.New("incremental clause states disagree with the parser")

func (r *Repo) buildHist(ctx context.Context, path string, tip *revInfo, progress Progress, shortcut bool) (*histIndex, int, error) {
	h := r.loadHist(path)
	if k, ok := h.pos[tip.Hash]; ok {
		return h, k + 1, nil
	}
	// Walk back to the indexed line (or the root).
	var todo []*revInfo
	at := -1
	for cur := tip; ; {
		if k, ok := h.pos[cur.Hash]; ok {
			at = k
			break
		}
		todo = append(todo, cur)
		p := cur.parent()
		if p.IsZero() {
			break
		}
		next, err := r.revInfoOf(p)
		if err != nil {
			return nil, 0, err
		}
		cur = next
	}
	if at+1 < len(h.Commits) {
		// tip left the indexed line after commit at: keep what is shared.
		h.Commits, h.Blobs = h.Commits[:at+1], h.Blobs[:at+1]
		for id, evs := range h.Events {
			k := len(evs)
			for k > 0 && int(evs[k-1].Rev) > at {
				k--
			}
			if k == 0 {
				delete(h.Events, id)
			} else {
				h.Events[id] = evs[:k]
			}
		}
		h.Last = nil
		h.index()
	}
	var prevSrc []byte
	var prevD *docIDs
	var prevRI *revInfo
	if at >= 0 {
		var err error
		if prevRI, err = r.revInfoOf(h.Commits[at]); err != nil {
			return nil, 0, err
		}
		if !h.Blobs[at].IsZero() {
			if prevSrc, err = r.readBlob(h.Blobs[at]); err != nil {
				return nil, 0, err
			}
			if h.Last == nil {
				if prevD, err = r.idsAt(prevRI, path); err != nil {
					return nil, 0, err
				}
				h.Last = states(prevD)
			}
		}
	}
	cur := h.Last
	unverified := 0 // revisions indexed by the shortcut since the last check
	// A second goroutine reads the blobs from git while this one indexes;
	// gitMu keeps their go-git calls apart.
	var gitMu sync.Mutex
	stop := make(chan struct{})
	defer close(stop)
	var last plumbing.Hash
	if at >= 0 {
		last = h.Blobs[at]
	}
	fetch := r.prefetch(path, todo, last, &gitMu, stop)
	for i := len(todo) - 1; i >= 0; i-- {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		if progress != nil {
			progress(len(todo)-i, len(todo), path)
		}
		ri := todo[i]
		rev := int32(len(h.Commits))
		f, more := <-fetch
		if !more {
			return nil, 0, ctx.Err()
		}
		if f.err != nil {
			return nil, 0, f.err
		}
		blob, ok := f.blob, f.ok
		unchanged := len(h.Blobs) > 0 && h.Blobs[len(h.Blobs)-1] == blob
		h.Commits = append(h.Commits, ri.Hash)
		h.Blobs = append(h.Blobs, blob)
		h.pos[ri.Hash] = int(rev)
		if unchanged {
			prevRI = ri
			continue
		}
		var next []clauseState
		var src []byte
		var d *docIDs
		changed, fast := -2, false
		if ok {
			src = f.src
			hasRec := f.hasRec
			if shortcut && prevSrc != nil && cur != nil {
				next, changed, fast = incremental(path, prevSrc, src, cur)
				if fast && hasRec && !recordedSame(f.raw, next) {
					fast = false
				}
			}
			if !fast {
				doc, err := parseDoc(path, src)
				if err != nil {
					return nil, 0, err
				}
				var ids []string
				aligned := false
				if !hasRec && prevSrc != nil {
					ids, aligned = alignStates(cur, prevSrc, placeholderStates(path, doc), src)
				}
				switch {
				case aligned:
					for k := range ids {
						if ids[k] == "" {
							ids[k] = freshID(path, blob, k)
						}
					}
					d = newDocIDs(path, blob, doc, ids)
				default:
					if prevD == nil && prevSrc != nil {
						var err error
						gitMu.Lock()
						prevD, err = r.reparse(path, prevRI, prevSrc, cur)
						gitMu.Unlock()
						if err != nil {
							return nil, 0, err
						}
					}
					if rec, ok := decodeIDs(f.raw, nil); hasRec && ok {
						d = applyRecorded(path, blob, doc, rec, prevD)
					} else {
						d = deriveIDs(path, blob, doc, prevD)
					}
				}
				next = states(d)
			}
		}
		if fast {
			if changed >= 0 && next[changed].Sum != cur[changed].Sum {
				s := next[changed]
				h.Events[s.ID] = append(h.Events[s.ID], histEvent{Rev: rev, Event: review.Modified, Label: s.Label, Text: textOf(src, s)})
			}
		} else {
			diffStates(h, rev, cur, next, prevSrc, src)
		}
		if !ok {
			next = nil
		}
		if fast {
			unverified++
		}
		if ok && (i == 0 || rev%checkpointEvery == 0) {
			if unverified > 0 {
				if err := verifyStates(path, src, next); err != nil {
					return nil, 0, err
				}
				unverified = 0
			}
			if !f.hasRec {
				if b, err := marshalIDs(idsFromStates(blob, next)); err == nil {
					writeCache(r.idsCachePath(ri.Hash, path), b)
				}
			}
		}
		cur, prevSrc, prevD, prevRI = next, src, d, ri
	}
	h.Last = cur
	if prevD != nil && len(todo) > 0 {
		r.remember(tip.Hash, path, prevD)
	}
	if len(todo) > 0 {
		r.saveHist(h)
	}
	return h, len(h.Commits), nil
}

// fetched is what indexing one revision needs from git.
type fetched struct {
	blob   plumbing.Hash
	ok     bool // the document exists at the revision
	src    []byte
	raw    []byte // the revision's ids file, when it describes blob
	hasRec bool
	err    error
}

// prefetch reads path's blobs (and ids files) at todo's revisions, oldest
// (the last) first, skipping the text of a blob equal to the previous one.
func (r *Repo) prefetch(path string, todo []*revInfo, last plumbing.Hash, gitMu *sync.Mutex, stop <-chan struct{}) <-chan fetched {
	out := make(chan fetched, 16)
	go func() {
		defer close(out)
		for i := len(todo) - 1; i >= 0; i-- {
			var f fetched
			gitMu.Lock()
			root, err := object.GetTree(r.s.st, todo[i].Tree)
			if err == nil {
				f.blob, f.ok = r.blobIn(root, path)
			}
			if f.ok && f.blob != last {
				f.src, f.err = r.readBlob(f.blob)
				if h, ok := r.blobIn(root, idsPath(path)); ok {
					if raw, err := r.readBlob(h); err == nil {
						if bytes.Contains(raw, []byte(`"blob": "`+f.blob.String()+`"`)) {
							f.raw, f.hasRec = raw, true
						} else if rec, ok := decodeIDs(raw, nil); ok && rec.Blob == f.blob.String() {
							f.raw, f.hasRec = raw, true // written some other way
						}
					}
				}
			}
			gitMu.Unlock()
			last = f.blob
			select {
			case out <- f:
			case <-stop:
				return
			}
			if f.err != nil {
				return
			}
		}
	}()
	return out
}

// reparse parses the previous revision's text and gives it the ids of its
// states (the same clauses, in the same order).
func (r *Repo) reparse(path string, ri *revInfo, src []byte, st []clauseState) (*docIDs, error) {
	doc, err := parseDoc(path, src)
	if err != nil {
		return nil, err
	}
	n := doc.Clauses()
	if len(n) != len(st) {
		return r.idsAt(ri, path)
	}
	ids := make([]string, len(st))
	for i, s := range st {
		ids[i] = s.ID
	}
	return newDocIDs(path, plumbing.ComputeHash(plumbing.BlobObject, src), doc, ids), nil
}

// verifyStates checks clause states found by the shortcut against a full
// parse of src.
func verifyStates(path string, src []byte, st []clauseState) error {
	doc, err := parseDoc(path, src)
	if err != nil {
		return err
	}
	nodes := doc.Clauses()
	if len(nodes) != len(st) {
		return errIncremental
	}
	ids := make([]string, len(st))
	for i, s := range st {
		ids[i] = s.ID
	}
	for i, w := range states(newDocIDs(path, plumbing.ZeroHash, doc, ids)) {
		g := st[i]
		if g.Label != w.Label || g.Sum != w.Sum || g.Start != w.Start || g.End != w.End || g.Parent != w.Parent {
			return errIncremental
		}
	}
	return nil
}

// recordedSame reports whether an ids file, as redline writes it, lists
// exactly the ids of st in order. It scans instead of decoding: indexing a
// redline-written history checks one file per revision. A file written
// some other way reads as different, which only costs a full parse.
func recordedSame(data []byte, st []clauseState) bool {
	key := []byte(`"id": "`)
	rest := data
	for _, s := range st {
		k := bytes.Index(rest, key)
		if k < 0 {
			return false
		}
		rest = rest[k+len(key):]
		if len(rest) <= len(s.ID) || string(rest[:len(s.ID)]) != s.ID || rest[len(s.ID)] != '"' {
			return false
		}
	}
	return !bytes.Contains(rest, key)
}

// diffStates records the events between two revisions' clause states.
func diffStates(h *histIndex, rev int32, old, new []clauseState, oldSrc, newSrc []byte) {
	last := make(map[string]int, len(old))
	for i, s := range old {
		last[s.ID] = i
	}
	seen := make(map[string]bool, len(new))
	for _, s := range new {
		seen[s.ID] = true
		ev := histEvent{Rev: rev, Label: s.Label}
		j, ok := last[s.ID]
		switch {
		case !ok:
			ev.Event = review.Created
		case old[j].Sum != s.Sum:
			ev.Event = review.Modified
		case old[j].Parent != s.Parent:
			ev.Event = review.Moved
		case old[j].Label != s.Label:
			ev.Event = review.Renumbered
		default:
			continue
		}
		ev.Text = textOf(newSrc, s)
		h.Events[s.ID] = append(h.Events[s.ID], ev)
	}
	for _, s := range old {
		if !seen[s.ID] {
			h.Events[s.ID] = append(h.Events[s.ID], histEvent{Rev: rev, Event: review.Deleted, Label: s.Label, Text: textOf(oldSrc, s)})
		}
	}
}
