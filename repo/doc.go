// Package repo stores revisions, stages, comments and clause identity in a
// plain git repository. It is the only package that imports go-git (for
// its formats: hashes, pack and index files), and it never hands out
// go-git types: one Repo value owns the repository and serialises access
// to it.
//
// # Repository format
//
// A redline repository is an ordinary git repository with a work tree,
// written by redline itself (no git binary is run). git log, clone, push,
// fsck and any git host work on it unchanged; commits made with plain git
// are first-class revisions. Init adopts an existing repository as it is.
//
// Documents are the *.md and *.txt files of the work tree outside hidden
// folders (.git/, .redline/, any ".name/"). Their text is stored as UTF-8:
// a file in GB18030 (or GBK/GB2312) is converted on commit, with a notice,
// and the work-tree file rewritten in UTF-8; a file with a NUL byte, or bytes
// that are neither UTF-8 nor GB18030, is refused with an error naming it, and
// nothing is committed.
//
// A revision is a commit. Redline's metadata is in the commit itself:
//
//   - The message ends with trailers, in one final paragraph:
//
//     Redline-Stage: 送审稿
//     Redline-Resolves: C1, C2
//
//     Redline-Stage names the revision's stage; Redline-Resolves lists the
//     comments the revision settles (ids separated by commas). The trailers
//     are the truth. A stage also gets a lightweight tag refs/tags/<stage>
//     on the revision, a convenience that push and pull carry; a stage name
//     already tagged is refused.
//
//   - Author and committer are the same signature ("NAME <EMAIL>", the date
//     given or now); without one, user.name/user.email of the repository's
//     own .git/config, else "redline <redline@localhost>".
//
//   - A commit has its predecessor as its only parent. Where history holds
//     merges, redline follows first parents.
//
// Files committed under .redline/:
//
//   - .redline/comments/<id>.json — one comment per file (comment.Marshal),
//     so that teams merge comments like any file. A comment's id is unique
//     in the repository and safe as a file name. Comments are written to
//     the work tree by AddComment, ImportComments and SetComment and
//     recorded by the next Commit, which records every file under .redline/
//     as it stands in the work tree (adding, changing and deleting), even
//     when no document changed. ResolvedIn is never stored: it is derived
//     from the Redline-Resolves trailers of the revisions reachable from HEAD.
//
//   - .redline/ids/<document path>.json — the clause ids of that document
//     at this revision, written by every redline commit for every document:
//
//     {"blob": "<git blob hash of the document text>",
//     "clauses": [{"id": "c1a2b3c4d5e", "label": "三/（五）/1"}, …]}
//
//     one entry per clause in pre-order (clause.Document.Clauses). The file
//     applies only while "blob" is the document's blob in the same commit;
//     after a plain-git edit it is stale and ignored. Entries are matched
//     to clauses by label path and occurrence (clause.NormLabel), so that
//     recorded ids survive a parser that splits clauses differently.
//
// # Clause identity
//
// A clause's id is fixed when it first appears and carried through every
// later revision, however renumbered or moved. The ids of a document at a
// revision are, in order of preference: its ids file in that commit (when
// "blob" matches); a cached derivation; or a derivation from the first
// parent's ids, where each clause the alignment pairs with a clause of the
// parent inherits that clause's id. The alignment is diff.Align's, the one
// rule of which clause became which (the store imports diff for that alone).
//
// A clause without a partner gets a fresh id,
//
//	"c" + first 10 hex digits of sha1(path + "\x00" + blob hash + "\x00" + pre-order index)
//
// so that deriving twice, on any machine, gives the same ids. Once a redline
// commit records them, ids never change when the alignment code improves;
// ids of plain-git revisions not yet recorded are derived when first needed.
// A working-tree text (Diff with To "") gets ids derived on the fly, not
// stored.
//
// # Derived data under .git/redline/
//
// Nothing here is the only copy of anything: it is rebuilt from the commits
// when missing, unreadable, of another version or stale, and can be deleted
// at any time.
//
//   - ids/<key>/<commit>.json — derived clause ids of a document (key: the
//     first 16 hex digits of sha1 of its path) at a revision that has no
//     valid ids file, in the ids-file format.
//   - clauses/<key>/<commit>.rlc — a document's clauses at a revision as
//     history compares them (id, label, parent, text, body, parts;
//     Repo.Clauses), with the blob hash they describe, a format version and
//     a CRC (clausescache.go).
//
// The store computes no review: history events, blame, attribution and the
// report are package review's, which reads a Repo through review.Source
// (Chain, Documents, Ignored, Document, Comments; source.go).
//
// # Writing safely
//
// One writer at a time: Commit, AddComment, ImportComments and SetComment
// take .git/redline.lock (created exclusively, holding "pid unix-time"); a
// writer that finds it fails at once with ErrBusy ("repository is busy").
// A lock whose process is gone, or older than ten minutes, is taken over.
// Commit writes every object (blobs, trees, commit) first and flushes them
// to disk, then moves the branch HEAD names as git does (refs.go): its
// <ref>.lock created exclusively, a compare-and-swap on the old hash under
// it, the new value flushed and renamed over the ref, a reflog line; then
// the stage tag, then the work-tree files (converted text only where the
// file still holds the bytes read; ids files) and git's index for the paths
// it wrote. A crash leaves the repository at the revision before or after
// the commit, never between (unreferenced objects at most, which git gc
// removes). HEAD or a branch that cannot be read is ErrBrokenRef, never
// ErrNoRevisions. ImportComments commits through a journal (journal.go), so
// an import killed at any moment is all there or not at all.
//
// # Revisions (REV)
//
// "" and HEAD name the newest revision; X~N, X^ and X^N walk parents; then,
// in order: a tag (a stage's tag), a branch, a full reference name, a full
// or short (4+ hex digits) commit hash, and a stage named only in a trailer
// (the newest such revision on HEAD's first-parent line). Failures wrap
// ErrUnknownRevision: fmt.Errorf("resolve %q: %w", rev, ErrUnknownRevision).
//
// Paths passed to the API are relative to the work tree's root (or absolute
// inside it), with "/" or the system's separator.
package repo
