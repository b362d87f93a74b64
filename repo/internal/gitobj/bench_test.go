package gitobj

import (
	"path/filepath"
	"testing"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// BenchmarkReadPacked reads every object of a packed repository (deltas
// included), with this store and, for comparison, go-git's storage.
func BenchmarkReadPacked(b *testing.B) {
	dir := gitRepo(b)
	objs := allObjects(b, dir)
	gitCmd(b, dir, "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=50")
	gitCmd(b, dir, "prune-packed")
	b.Run("gitobj", func(b *testing.B) {
		for b.Loop() {
			s := NewStore(filepath.Join(dir, ".git", "objects"))
			for h := range objs {
				if _, _, err := s.Read(h); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("go-git", func(b *testing.B) {
		for b.Loop() {
			st := filesystem.NewStorage(osfs.New(filepath.Join(dir, ".git")), cache.NewObjectLRU(64*cache.MiByte))
			for h := range objs {
				o, err := st.EncodedObject(plumbing.AnyObject, h)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := content(o); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
