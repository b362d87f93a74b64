package repo

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/internal/atomicfile"
)

// commentsDir holds one file per comment: .redline/comments/<id>.json.
const commentsDir = metaDir + "/comments"

// checkCommentID says whether id can name a comment (and its file).
func checkCommentID(id string) error {
	ok := id != "" && len(id) <= 64 && utf8.ValidString(id) && id != "." && id != ".." && !strings.HasPrefix(id, ".")
	for _, c := range id {
		if unicode.IsSpace(c) || unicode.IsControl(c) || strings.ContainsRune(`/\:*?"<>|,，、`, c) {
			ok = false
		}
	}
	if !ok {
		return fmt.Errorf("comment id %q: want 1 to 64 letters, digits, - _ or . : %w", id, ErrBadInput)
	}
	return nil
}

func (r *Repo) commentFile(id string) string {
	return filepath.Join(r.dir, filepath.FromSlash(commentsDir), id+".json")
}

// readComments reads the work tree's comment files, by id, with the
// comments of an import that was committed to its journal but not yet
// written out (see importJournal).
func (r *Repo) readComments() (map[string]comment.Comment, error) {
	out := map[string]comment.Comment{}
	dir := filepath.Join(r.dir, filepath.FromSlash(commentsDir))
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed since the listing
		}
		if err != nil {
			return nil, err
		}
		c, err := comment.Unmarshal(b)
		if err != nil {
			if j, _ := r.readJournal(); j != nil {
				if _, ok := j[strings.TrimSuffix(e.Name(), ".json")]; ok {
					continue // being written out from the journal, read below
				}
			}
			return nil, fmt.Errorf("%s/%s: %w: %v", commentsDir, e.Name(), ErrBadInput, err)
		}
		if c.ID == "" {
			c.ID = strings.TrimSuffix(e.Name(), ".json")
		}
		out[c.ID] = c
	}
	j, err := r.readJournal()
	if err != nil {
		return nil, err
	}
	for id, b := range j {
		c, err := comment.Unmarshal(b)
		if err != nil {
			return nil, fmt.Errorf("%s: comment %s: %w: %v", r.journalPath(), id, ErrBadInput, err)
		}
		out[c.ID] = c
	}
	return out, nil
}

// foldID is the form in which two comment ids collide: ids differing only
// in case name one file on macOS and Windows, so they are one id.
func foldID(id string) string { return strings.ToLower(id) }

// foldIDs maps each id's folded form to the id.
func foldIDs(m map[string]comment.Comment) map[string]string {
	out := make(map[string]string, len(m))
	for id := range m {
		out[foldID(id)] = id
	}
	return out
}

// sortComments orders comments as the report does (comment.Sort).
func sortComments(cs []comment.Comment) { comment.Sort(cs) }

// splitNum splits an id into its prefix and trailing number (-1: none).
func splitNum(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil {
		return s, -1
	}
	return s[:i], n
}

// comments lists the work tree's comments with ResolvedIn filled.
func (r *Repo) comments(ctx context.Context) ([]comment.Comment, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	return r.commentList()
}

func (r *Repo) commentList() ([]comment.Comment, error) {
	m, err := r.readComments()
	if err != nil {
		return nil, err
	}
	res, err := r.resolvedIn()
	if err != nil {
		return nil, err
	}
	out := make([]comment.Comment, 0, len(m))
	for _, c := range m {
		c.ResolvedIn = append([]string(nil), res[c.ID]...)
		out = append(out, c)
	}
	sortComments(out)
	return out, nil
}

// writeComment stores a comment file (atomically).
func (r *Repo) writeComment(c comment.Comment) error {
	b, err := marshalComment(c)
	if err != nil {
		return err
	}
	path := r.commentFile(c.ID)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, b, 0o644)
}

func marshalComment(c comment.Comment) ([]byte, error) {
	c.ResolvedIn = nil
	b, err := comment.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("comment %s: %w", c.ID, err)
	}
	return b, nil
}

// target is a resolved clause: the document, the revision and the clause.
type target struct {
	ri   *revInfo
	d    *docIDs
	node *clause.Node // nil: the whole document
}

// resolveClause finds the clause a CLAUSE argument names: a clause id, or a
// label path at revision at ("" for the newest). path may be "" when the
// argument names a clause in exactly one document.
func (r *Repo) resolveClause(arg, path, at string) (target, error) {
	ri, err := r.resolve(at)
	if err != nil {
		return target{}, err
	}
	docs, err := r.documentsIn(ri.Tree)
	if err != nil {
		return target{}, err
	}
	if path != "" {
		if path, err = r.relPath(path); err != nil {
			return target{}, err
		}
		if !contains(docs, path) {
			return target{}, fmt.Errorf("%s at %s: %w", path, short(ri), ErrUnknownDocument)
		}
		docs = []string{path}
	}
	if len(docs) == 0 {
		return target{}, fmt.Errorf("no documents at %s: %w", short(ri), ErrUnknownDocument)
	}
	var found []target
	for _, p := range docs {
		d, err := r.idsAt(ri, p)
		if err != nil {
			return target{}, err
		}
		if d == nil {
			continue
		}
		if arg == "" {
			found = append(found, target{ri, d, nil})
			continue
		}
		if n := d.find(arg); n != nil {
			return target{ri, d, n}, nil
		}
		switch all := d.doc.FindAll(arg); {
		case len(all) == 1:
			found = append(found, target{ri, d, all[0]})
		case len(all) > 1:
			return target{}, ambiguous(arg, d.path, all)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1 && arg == "":
		return target{}, fmt.Errorf("%d documents: name one: %w", len(found), ErrUnknownDocument)
	case len(found) > 1:
		return target{}, fmt.Errorf("clause %q is in %d documents (%s, %s …): name one: %w", arg, len(found), found[0].d.path, found[1].d.path, ErrUnknownClause)
	}
	return target{}, fmt.Errorf("clause %q at %s: %w", arg, short(ri), ErrUnknownClause)
}

// resolveByQuote finds the clause whose text holds quote, when the quote
// occurs exactly once in all the documents considered (path, or every
// document at revision at).
func (r *Repo) resolveByQuote(quote, path, at string) (target, bool) {
	ri, err := r.resolve(at)
	if err != nil {
		return target{}, false
	}
	docs, err := r.documentsIn(ri.Tree)
	if err != nil {
		return target{}, false
	}
	if path != "" {
		if path, err = r.relPath(path); err != nil || !contains(docs, path) {
			return target{}, false
		}
		docs = []string{path}
	}
	var found target
	count := 0
	for _, p := range docs {
		d, err := r.idsAt(ri, p)
		if err != nil || d == nil {
			continue
		}
		if k := strings.Count(d.doc.Root.Text(), quote); k > 0 {
			count, found = count+k, target{ri, d, nil}
		}
		for _, n := range d.doc.Clauses() {
			if k := strings.Count(n.Text(), quote); k > 0 {
				count, found = count+k, target{ri, d, n}
			}
		}
		if count > 1 {
			return target{}, false
		}
	}
	return found, count == 1
}

// ambiguous is the error for a CLAUSE that names several clauses of one
// document: it lists them, so the user can name one.
func ambiguous(arg, path string, all []*clause.Node) error {
	const shown = 6
	var b strings.Builder
	for i, n := range all {
		if i == shown {
			fmt.Fprintf(&b, " … (%d in all)", len(all))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n.Path())
	}
	return fmt.Errorf("clause %q is ambiguous in %s: %s: name one: %w", arg, path, b.String(), ErrUnknownClause)
}

func short(ri *revInfo) string {
	if ri.Stage != "" {
		return ri.Stage
	}
	return ri.Hash.String()[:7]
}

// anchor fills c.Anchor for the clause t, quoting c.Anchor.Exact where it is
// found in the clause's text.
func anchor(c *comment.Comment, t target) {
	a := &c.Anchor
	a.Path, a.Rev = t.d.path, t.ri.Hash.String()
	var text string
	if t.node != nil {
		a.ClauseID, a.Label = t.d.id(t.node), t.node.Path()
		text = t.node.Text()
	} else {
		a.ClauseID, a.Label = "", ""
		text = string(t.d.doc.Src) // copied only when needed: an import anchors every row
	}
	if a.Exact != "" {
		if i := strings.Index(text, a.Exact); i >= 0 {
			a.Prefix, a.Exact, a.Suffix = comment.Quote(text, i, i+len(a.Exact))
		}
	}
}

// idAlphabet spells an automatic id's suffix: lower-case letters and digits
// without the look-alikes 0/o, 1/l/i.
const idAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// autoID names a comment added without an id: "C<n>-xxxx", n the next free
// number in this clone and xxxx four characters of a hash of the comment's
// author, text and anchor. Two clones that each add a comment number them
// both C<n>, but the suffixes differ unless the comments are the same remark
// by the same author on the same clause — which a merge then takes once.
// Unique without coordination, still short enough to type.
func autoID(folded map[string]string, c comment.Comment) string {
	n := len(folded) + 1
	for try := 0; ; try++ {
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%d", c.By, c.Text, c.Proposed,
			c.Anchor.Path, c.Anchor.ClauseID, c.Anchor.Exact, n, try)
		sum := h.Sum(nil)
		var b strings.Builder
		b.WriteString("C" + strconv.Itoa(n) + "-")
		for _, x := range sum[:4] {
			b.WriteByte(idAlphabet[int(x)%len(idAlphabet)])
		}
		id := b.String()
		if _, ok := folded[foldID(id)]; !ok {
			return id
		}
		if try%8 == 7 {
			n++
		}
	}
}

// nextID is the first "C<n>" not among the folded ids.
func nextID(folded map[string]string, n int) (string, int) {
	for ; ; n++ {
		id := "C" + strconv.Itoa(n)
		if _, ok := folded[foldID(id)]; !ok {
			return id, n
		}
	}
}

// addComment anchors and stores one comment. See Repo.AddComment.
func (r *Repo) addComment(ctx context.Context, c comment.Comment, opts CommentOptions) (comment.Comment, error) {
	lk, err := r.lock()
	if err != nil {
		return comment.Comment{}, err
	}
	defer lk.release()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if strings.TrimSpace(c.Text) == "" {
		return comment.Comment{}, fmt.Errorf("comment: empty text: %w", ErrBadInput)
	}
	if err := r.finishImport(); err != nil {
		return comment.Comment{}, err
	}
	existing, err := r.readComments()
	if err != nil {
		return comment.Comment{}, err
	}
	folded := foldIDs(existing)
	if c.ID != "" {
		if err := checkCommentID(c.ID); err != nil {
			return comment.Comment{}, err
		}
		if id, ok := folded[foldID(c.ID)]; ok {
			return comment.Comment{}, fmt.Errorf("comment %s already exists%s: %w", c.ID, sameExceptCase(c.ID, id), ErrBadInput)
		}
	}
	if c.Status == "" {
		c.Status = comment.Pending
	}
	if c.Seq == 0 {
		for _, e := range existing {
			c.Seq = max(c.Seq, e.Seq)
		}
		c.Seq++
	}
	t, err := r.resolveClause(opts.Clause, opts.Path, opts.At)
	if err != nil {
		return comment.Comment{}, err
	}
	anchor(&c, t)
	if c.ID == "" {
		c.ID = autoID(folded, c)
	}
	if err := r.writeComment(c); err != nil {
		return comment.Comment{}, err
	}
	return c, nil
}

// importComments imports a comment table, all or nothing.
func (r *Repo) importComments(ctx context.Context, name string, data []byte, opts CommentOptions) ([]comment.Comment, error) {
	recs, err := comment.Import(name, data)
	if err != nil {
		return nil, err
	}
	lk, err := r.lock()
	if err != nil {
		return nil, err
	}
	defer lk.release()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if err := r.finishImport(); err != nil {
		return nil, err
	}
	existing, err := r.readComments()
	if err != nil {
		return nil, err
	}
	folded := foldIDs(existing)
	// Ids the importer numbered itself (C1, C2 … for tables whose 序号
	// restarts) move past the comments already stored, so that a second
	// table can be imported; ids written in the file must be new.
	generated := true
	for _, rec := range recs {
		if rec.Comment.ID != "C"+strconv.Itoa(rec.Comment.Seq) {
			generated = false
		}
	}
	base := 0
	if generated {
		for id := range existing {
			if p, n := splitNum(id); (p == "C" || p == "c") && n > base {
				base = n
			}
		}
	}
	seqBase := 0
	for _, c := range existing {
		seqBase = max(seqBase, c.Seq)
	}
	out := make([]comment.Comment, 0, len(recs))
	seen := map[string]string{} // folded id → id
	clauses := newClauseMemo(r, opts.At)
	for _, rec := range recs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c := rec.Comment
		if generated {
			c.ID = "C" + strconv.Itoa(base+c.Seq)
			c.Seq += seqBase
		}
		if c.ID == "" {
			c.ID, _ = nextID(folded, base+len(out)+1)
		}
		if err := checkCommentID(c.ID); err != nil {
			return nil, &comment.ImportError{File: name, Row: rec.Row, Column: "序号", Err: err}
		}
		if id, ok := folded[foldID(c.ID)]; ok {
			return nil, &comment.ImportError{File: name, Row: rec.Row, Column: "序号",
				Err: fmt.Errorf("comment id %s already exists in the repository%s: %w", c.ID, sameExceptCase(c.ID, id), ErrBadInput)}
		}
		if id, ok := seen[foldID(c.ID)]; ok {
			return nil, &comment.ImportError{File: name, Row: rec.Row, Column: "序号",
				Err: fmt.Errorf("comment id %s appears twice in the file%s: %w", c.ID, sameExceptCase(c.ID, id), ErrBadInput)}
		}
		seen[foldID(c.ID)] = c.ID
		if c.Status == "" {
			c.Status = comment.Pending
		}
		arg := rec.Clause
		if arg == "" && c.Anchor.ClauseID != "" {
			arg = c.Anchor.ClauseID
		}
		path := opts.Path
		if c.Anchor.Path != "" && path == "" {
			path = c.Anchor.Path
		}
		t, err := clauses.resolve(arg, path)
		if err != nil && errors.Is(err, ErrUnknownClause) && c.Anchor.Exact != "" {
			// A 条款 cell nobody can resolve, but a quote found once: the
			// quote says where the comment belongs.
			if qt, ok := r.resolveByQuote(c.Anchor.Exact, path, opts.At); ok {
				where := "the document's unnumbered text"
				if qt.node != nil {
					where = qt.node.Path()
				}
				if opts.Notice != nil {
					opts.Notice(fmt.Sprintf("%s:%d: clause %q names no single clause; anchored by its quote to %s in %s", name, rec.Row, arg, where, qt.d.path))
				}
				t, err = qt, nil
			}
		}
		if err != nil {
			if errors.Is(err, ErrUnknownRevision) || errors.Is(err, ErrNoRevisions) {
				return nil, err
			}
			return nil, &comment.ImportError{File: name, Row: rec.Row, Column: "条款", Err: err}
		}
		anchor(&c, t)
		out = append(out, c)
	}
	if err := r.writeImport(out); err != nil {
		return nil, err
	}
	return out, nil
}

// setComment records a disposition.
func (r *Repo) setComment(ctx context.Context, id string, status comment.Status, response string) (comment.Comment, error) {
	lk, err := r.lock()
	if err != nil {
		return comment.Comment{}, err
	}
	defer lk.release()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if err := r.finishImport(); err != nil {
		return comment.Comment{}, err
	}
	existing, err := r.readComments()
	if err != nil {
		return comment.Comment{}, err
	}
	c, ok := existing[id]
	if !ok {
		// Ids are one regardless of case: c1 finds C1.
		if stored, found := foldIDs(existing)[foldID(id)]; found {
			c, ok = existing[stored], true
		}
	}
	if !ok {
		return comment.Comment{}, fmt.Errorf("comment %q: %w", id, ErrUnknownComment)
	}
	switch status {
	case comment.Pending, comment.Adopted, comment.Partial, comment.Rejected:
	default:
		return comment.Comment{}, fmt.Errorf("status %q: %w", status, ErrBadInput)
	}
	c.Status = status
	if response != "" {
		c.Response = response
	}
	if err := r.writeComment(c); err != nil {
		return comment.Comment{}, err
	}
	fields := []string{"status"}
	if response != "" {
		fields = append(fields, "response")
	}
	r.settleComment(c.ID, fields...)
	res, err := r.resolvedIn()
	if err != nil {
		return comment.Comment{}, err
	}
	c.ResolvedIn = append([]string(nil), res[c.ID]...)
	return c, nil
}
