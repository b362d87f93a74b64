package gitobj

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// Store reads and writes the objects of one objects folder (.git/objects):
// loose objects, packs (objects/pack/*.idx and .pack, deltas resolved by
// go-git's packfile) and the object folders objects/info/alternates names.
// It is safe for concurrent use.
type Store struct {
	dir string

	mu     sync.Mutex
	packs  map[string]*pack // by .idx path
	listed bool             // packs holds every pack found at the last listing
	alts   []*Store
	altsOK bool
	cache  cache.Object // delta bases, shared by the packs
}

// pack is one pack: its index, read once, and its .pack file, opened for
// each read (as go-git does by default), so that no file stays open
// after a read and a pack git gc removes is let go.
type pack struct {
	idx  *idxfile.MemoryIndex
	path string
}

// get reads object h from the pack.
func (p *pack) get(h plumbing.Hash, c cache.Object) (plumbing.ObjectType, []byte, error) {
	f, err := os.Open(p.path)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	defer f.Close()
	o, err := packfile.NewPackfileWithCache(p.idx, nil, billyFile{f}, c, 0).Get(h)
	if err != nil {
		return plumbing.InvalidObject, nil, err
	}
	data, err := content(o)
	return o.Type(), data, err
}

// NewStore opens the objects folder dir. Nothing is read until an object
// is asked for.
func NewStore(dir string) *Store {
	return &Store{dir: dir, packs: map[string]*pack{}, cache: cache.NewObjectLRU(64 * cache.MiByte)}
}

// Dir is the objects folder.
func (s *Store) Dir() string { return s.dir }

// LoosePath is the file of loose object h.
func (s *Store) LoosePath(h plumbing.Hash) string {
	hex := h.String()
	return filepath.Join(s.dir, hex[:2], hex[2:])
}

// Read returns object h's type and content. An object found nowhere is
// plumbing.ErrObjectNotFound.
func (s *Store) Read(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	return s.read(h, 0)
}

func (s *Store) read(h plumbing.Hash, depth int) (plumbing.ObjectType, []byte, error) {
	typ, data, err := s.readLoose(h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return typ, data, err
	}
	typ, data, err = s.readPacked(h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return typ, data, err
	}
	if depth < 5 {
		for _, a := range s.alternates() {
			typ, data, err := a.read(h, depth+1)
			if !errors.Is(err, plumbing.ErrObjectNotFound) {
				return typ, data, err
			}
		}
	}
	return plumbing.InvalidObject, nil, plumbing.ErrObjectNotFound
}

// ReadType is Read for an object that must be of type want: another type
// is plumbing.ErrObjectNotFound, as go-git says.
func (s *Store) ReadType(want plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	typ, data, err := s.Read(h)
	if err != nil {
		return nil, err
	}
	if typ != want {
		return nil, plumbing.ErrObjectNotFound
	}
	return data, nil
}

// maxLoose is the largest object read from a loose file.
const maxLoose = 1 << 30

func (s *Store) readLoose(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	// Read whole (a loose commit or tree is a few hundred bytes), then
	// inflated with a pooled inflater: a fresh one and a read buffer for
	// every small object were most of the cost of reading it.
	comp, err := os.ReadFile(s.LoosePath(h))
	if err != nil {
		return plumbing.InvalidObject, nil, plumbing.ErrObjectNotFound
	}
	var zr io.ReadCloser
	if z, ok := inflaters.Get().(io.ReadCloser); ok {
		if err := z.(zlib.Resetter).Reset(bytes.NewReader(comp), nil); err != nil {
			return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %w", h, err)
		}
		zr = z
	} else if zr, err = zlib.NewReader(bytes.NewReader(comp)); err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %w", h, err)
	}
	defer inflaters.Put(zr)
	typ, size, err := LooseHeader(zr)
	if err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %w", h, err)
	}
	if size > maxLoose {
		return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %d bytes: too large", h, size)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(zr, data); err != nil {
		return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %w", h, err)
	}
	var one [1]byte
	if n, err := zr.Read(one[:]); n != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = errors.New("object longer than its header says")
		}
		return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %w", h, err)
	}
	return typ, data, nil
}

// inflaters and deflaters hold zlib readers (zlib.Resetter) and writers
// for reuse: a deflater is about 600 KB to allocate and clear.
var inflaters, deflaters sync.Pool

// maxLooseHeader bounds a loose object's header: the longest type name, a
// space, at most 20 digits of size and a NUL.
const maxLooseHeader = 32

// LooseHeader reads a loose object's header, "TYPE SIZE\x00".
func LooseHeader(r io.Reader) (plumbing.ObjectType, int, error) {
	var buf [maxLooseHeader]byte
	hdr := buf[:0]
	var one [1]byte
	for {
		if _, err := io.ReadFull(r, one[:]); err != nil {
			return plumbing.InvalidObject, 0, fmt.Errorf("object header: %w", err)
		}
		if one[0] == 0 {
			break
		}
		if len(hdr) == maxLooseHeader {
			return plumbing.InvalidObject, 0, errors.New("object header too long")
		}
		hdr = append(hdr, one[0])
	}
	t, num, ok := bytes.Cut(hdr, []byte{' '})
	if !ok {
		return plumbing.InvalidObject, 0, errors.New("malformed object header")
	}
	typ, err := plumbing.ParseObjectType(string(t))
	if err != nil || typ == plumbing.OFSDeltaObject || typ == plumbing.REFDeltaObject {
		return plumbing.InvalidObject, 0, fmt.Errorf("object type %q", t)
	}
	size, err := strconv.ParseUint(string(num), 10, 63)
	if err != nil || size > 1<<62 {
		return plumbing.InvalidObject, 0, fmt.Errorf("object size %q", num)
	}
	return typ, int(size), nil
}

// readPacked reads h from the packs, listing them again when it is in
// none of those known (git gc may have packed it since).
func (s *Store) readPacked(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for pass := 0; pass < 2; pass++ {
		if pass == 1 || !s.listed {
			if !s.listPacks() && pass == 1 {
				break
			}
		}
		for ip, p := range s.packs {
			if ok, _ := p.idx.Contains(h); !ok {
				continue
			}
			typ, data, err := p.get(h, s.cache)
			if errors.Is(err, fs.ErrNotExist) {
				delete(s.packs, ip) // removed by git gc since: listed again below
				continue
			}
			if err != nil {
				return plumbing.InvalidObject, nil, fmt.Errorf("object %s: %w", h, err)
			}
			return typ, data, nil
		}
	}
	return plumbing.InvalidObject, nil, plumbing.ErrObjectNotFound
}

func content(o plumbing.EncodedObject) ([]byte, error) {
	rd, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	data := make([]byte, o.Size())
	if _, err := io.ReadFull(rd, data); err != nil {
		return nil, err
	}
	return data, nil
}

// listPacks opens the packs not opened yet; it says whether it found any.
// Callers hold s.mu.
func (s *Store) listPacks() bool {
	s.listed = true
	idxs, _ := filepath.Glob(filepath.Join(s.dir, "pack", "pack-*.idx"))
	found := false
	for _, ip := range idxs {
		if s.packs[ip] != nil {
			continue
		}
		p, err := openPack(ip)
		if err != nil {
			continue // half-written by a running git, or damaged: as if absent
		}
		s.packs[ip] = p
		found = true
	}
	return found
}

func openPack(idxPath string) (*pack, error) {
	b, err := os.ReadFile(idxPath)
	if err != nil {
		return nil, err
	}
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(bytes.NewReader(b)).Decode(idx); err != nil {
		return nil, err
	}
	path := strings.TrimSuffix(idxPath, ".idx") + ".pack"
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return &pack{idx: idx, path: path}, nil
}

// billyFile is an *os.File as the billy.File the packfile reader takes.
type billyFile struct{ *os.File }

func (billyFile) Lock() error   { return nil }
func (billyFile) Unlock() error { return nil }

// alternates are the object folders objects/info/alternates names.
func (s *Store) alternates() []*Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.altsOK {
		return s.alts
	}
	s.altsOK = true
	b, err := os.ReadFile(filepath.Join(s.dir, "info", "alternates"))
	if err != nil {
		return nil
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(s.dir, line)
		}
		if filepath.Clean(line) == filepath.Clean(s.dir) {
			continue
		}
		s.alts = append(s.alts, NewStore(line))
	}
	return s.alts
}

// HashesWithPrefix lists the objects, loose or packed (and in the
// alternates), whose hash starts with the bytes prefix.
func (s *Store) HashesWithPrefix(prefix []byte) []plumbing.Hash {
	seen := map[plumbing.Hash]bool{}
	var out []plumbing.Hash
	s.withPrefix(prefix, 0, func(h plumbing.Hash) {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	})
	return out
}

func (s *Store) withPrefix(prefix []byte, depth int, add func(plumbing.Hash)) {
	if len(prefix) == 0 || len(prefix) > len(plumbing.ZeroHash) {
		return
	}
	hexp := fmt.Sprintf("%x", prefix)
	if names, err := os.ReadDir(filepath.Join(s.dir, hexp[:2])); err == nil {
		for _, e := range names {
			full := hexp[:2] + e.Name()
			if len(full) == 40 && strings.HasPrefix(full, hexp) && plumbing.IsHash(full) {
				add(plumbing.NewHash(full))
			}
		}
	}
	s.mu.Lock()
	s.listPacks()
	for _, p := range s.packs {
		m := p.idx.FanoutMapping[prefix[0]]
		if m < 0 || m >= len(p.idx.Names) {
			continue
		}
		names := p.idx.Names[m]
		for i := 0; i+20 <= len(names); i += 20 {
			if bytes.HasPrefix(names[i:i+20], prefix) {
				var h plumbing.Hash
				copy(h[:], names[i:i+20])
				add(h)
			}
		}
	}
	s.mu.Unlock()
	if depth < 5 {
		for _, a := range s.alternates() {
			a.withPrefix(prefix, depth+1, add)
		}
	}
}

// Hash is the hash of an object of type typ with content data.
func Hash(typ plumbing.ObjectType, data []byte) plumbing.Hash {
	d := sha1.New()
	d.Write(typ.Bytes())
	d.Write([]byte(" " + strconv.Itoa(len(data)) + "\x00"))
	d.Write(data)
	var h plumbing.Hash
	copy(h[:], d.Sum(nil))
	return h
}

// WriteLoose stores an object as a loose file, written to a temporary
// file in the objects folder and renamed into place, as git and go-git do.
// It is not flushed to disk: the caller syncs the objects a ref is about
// to name (repo's syncObjects), once for all of them.
func (s *Store) WriteLoose(typ plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h := Hash(typ, data)
	f, err := os.CreateTemp(s.dir, "tmp_obj_")
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("write object: %w", err)
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 32<<10)
	zw, ok := deflaters.Get().(*zlib.Writer)
	if ok {
		zw.Reset(bw)
	} else {
		zw = zlib.NewWriter(bw)
	}
	defer deflaters.Put(zw)
	_, err = zw.Write([]byte(typ.String() + " " + strconv.Itoa(len(data)) + "\x00"))
	if err == nil {
		_, err = zw.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o444)
	}
	if err == nil {
		err = os.MkdirAll(filepath.Dir(s.LoosePath(h)), 0o755)
	}
	if err == nil {
		err = os.Rename(tmp, s.LoosePath(h))
	}
	if err != nil {
		os.Remove(tmp)
		return plumbing.ZeroHash, fmt.Errorf("write object %s: %w", h, err)
	}
	return h, nil
}
