package repo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/internal/atomicfile"
)

// An import of many comments is all or nothing, even when the process is
// killed, through a journal: every new comment file goes first into one
// file, .git/redline-import.json, written whole (temporary file, flush,
// rename). That rename is the moment the import happens: readers show the
// journal's comments from then on, as if their files were there. The
// comment files are then written out and the journal removed. A writer
// killed before the rename leaves no trace (at most a hidden temporary
// file, removed by the next writer); one killed after it leaves the
// journal, and the next redline command that writes finishes the job.

// journalName is the import journal in the git directory.
const journalName = "redline-import.json"

func (r *Repo) journalPath() string { return filepath.Join(r.s.gitDir, journalName) }

// journal is the journal's content: comment id → the comment file's bytes.
type journal struct {
	Comments map[string]string `json:"comments"`
}

// readJournal reads the journal of an import not yet written out (nil when
// there is none).
func (r *Repo) readJournal() (map[string][]byte, error) {
	b, err := os.ReadFile(r.journalPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", r.journalPath(), ErrBadInput, err)
	}
	out := make(map[string][]byte, len(j.Comments))
	for id, s := range j.Comments {
		if checkCommentID(id) != nil {
			return nil, fmt.Errorf("%s: comment id %q: %w", r.journalPath(), id, ErrBadInput)
		}
		out[id] = []byte(s)
	}
	return out, nil
}

// writeImport stores new comments all at once (see above). Callers hold
// the writer lock.
func (r *Repo) writeImport(cs []comment.Comment) error {
	j := journal{Comments: make(map[string]string, len(cs))}
	for _, c := range cs {
		b, err := marshalComment(c)
		if err != nil {
			return err
		}
		j.Comments[c.ID] = string(b)
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(r.journalPath(), b, 0o644); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return r.finishImport()
}

// finishImport writes out the comment files of a journal left by an import
// (this one, or one killed after its journal was written), then removes
// the journal; and removes the temporary files of writers killed earlier.
// Every writer calls it, under the writer lock, before it reads comments.
func (r *Repo) finishImport() error {
	dir := filepath.Join(r.dir, filepath.FromSlash(commentsDir))
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if n := e.Name(); strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") {
				os.Remove(filepath.Join(dir, n))
			}
		}
	}
	j, err := r.readJournal()
	if err != nil || j == nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var paths []string
	for id, b := range j {
		// Written in place without a flush each: the journal holds every
		// byte until all of them are on disk (syncFiles), and readers take
		// the journal's copy meanwhile.
		path := r.commentFile(id)
		tmp := filepath.Join(dir, "."+id+".json.journal.tmp")
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		paths = append(paths, path)
	}
	if err := syncFiles(dir, paths); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := os.Remove(r.journalPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("import: %w", err)
	}
	return atomicfile.SyncDir(r.s.gitDir)
}

// sameExceptCase explains a collision of two ids that differ only in case.
func sameExceptCase(id, stored string) string {
	if id == stored {
		return ""
	}
	return fmt.Sprintf(" as %s (ids are one regardless of case)", stored)
}
