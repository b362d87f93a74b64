package clause

import (
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"runtime/debug"
	"strings"
	"sync"
	"unsafe"
)

// The binary form of a parsed document: its tree, every clause's fields and
// its clean text, without the source, from which Decode rebuilds the
// Document that Parse returned for that source without parsing it again.
// It is what a repository caches per document blob (derived data: a cache
// entry is rebuilt whenever Decode refuses it).
//
// What it buys (BenchmarkDiffRange in cmd/redline, bench/repo-vs-git.sh):
// parsing the two sides was about a quarter of `redline diff A B` on a 1 MB
// plan (scanning, placing every marker, writing the clean text into fresh
// memory); decoding is a walk over the node table, and the clean text and
// every string are views of the decoded bytes, not copies.
//
// Layout, integers as unsigned varints unless said otherwise:
//
//	"RLCB" format(1 byte) version(32 bytes: EncodingVersion, raw)
//	len(src) lang(1) flags(1) title clean len(nodes) nodes... crc32c(4 bytes, little endian, of all before it)
//
// where a string is its length and its bytes, and each node, in pre-order
// from the root, is kind(1) flags(1) depth num.Value num.Sub start headEnd
// end unitsStart unitsEnd cs tlo thi blo mlen idx rep marker title
// len(units) {role(1) name}... [tail: src lo hi ulo uhi text body]
// len(children).

const (
	binMagic  = "RLCB"
	binFormat = 2 // the layout above; EncodingVersion covers what it holds
)

var errEncoded = errors.New("clause: not a valid encoded document")

// crcTable is CRC-32C, which the processor computes in hardware: the check
// costs a small part of decoding. Made on first use, not at package
// initialisation: making it costs a quarter of a millisecond, which every
// redline process (redline --help too) would pay.
var crcTable = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// node flags
const (
	nfValid = 1 << iota
	nfSetext
	nfRepeated
	nfTail
)

// document flags
const (
	dfMarkdown = 1 << iota
	dfCleaned
)

// AppendBinary appends d's binary form to b. Decode(d.Name, d.Src, out)
// rebuilds d.
func (d *Document) AppendBinary(b []byte) []byte {
	start := len(b)
	b = append(b, binMagic...)
	b = append(b, binFormat)
	v := encodingVersion()
	b = append(b, v[:]...)
	b = binary.AppendUvarint(b, uint64(len(d.Src)))
	b = append(b, langByte(d.Lang))
	var f byte
	if d.markdown {
		f |= dfMarkdown
	}
	if d.cleaned {
		f |= dfCleaned
	}
	b = append(b, f)
	b = appendString(b, d.Title)
	b = appendString(b, d.clean)
	count := 0
	var walk func(n *Node)
	walk = func(n *Node) {
		count++
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(d.Root)
	b = binary.AppendUvarint(b, uint64(count))
	walk = func(n *Node) {
		b = appendNode(b, n)
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(d.Root)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], crcTable()))
}

func langByte(l Lang) byte {
	if l == LangEN {
		return 1
	}
	return 0
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendNode(b []byte, n *Node) []byte {
	var f byte
	if n.Num.Valid {
		f |= nfValid
	}
	if n.setext {
		f |= nfSetext
	}
	if n.repeated {
		f |= nfRepeated
	}
	if n.tail != nil {
		f |= nfTail
	}
	b = append(b, byte(n.Kind), f)
	for _, v := range [...]int{n.Depth, n.Num.Value, n.Num.Sub, n.Start, n.HeadEnd, n.End, n.UnitsStart, n.UnitsEnd,
		int(n.cs), int(n.tlo), int(n.thi), int(n.blo), int(n.mlen), int(n.idx), int(n.rep)} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	b = appendString(b, n.Marker)
	b = appendString(b, n.Title)
	b = binary.AppendUvarint(b, uint64(len(n.Units)))
	for _, u := range n.Units {
		b = append(b, byte(u.Role))
		b = appendString(b, u.Name)
	}
	if t := n.tail; t != nil {
		for _, v := range [...]int{t.src, int(t.lo), int(t.hi), t.ulo, t.uhi} {
			b = binary.AppendUvarint(b, uint64(v))
		}
		b = appendString(b, t.text)
		b = appendString(b, t.body)
	}
	return binary.AppendUvarint(b, uint64(len(n.Children)))
}

// Decode rebuilds the document named name with source src from data, the
// binary form AppendBinary wrote for it (by this build of the parser: an
// encoding made by a parser whose output may differ is refused, see
// EncodingVersion). It refuses, with an error, data that is damaged, was
// made for a source of another length, or describes a tree whose offsets
// do not fit src and its clean text; it never panics, whatever data holds.
//
// The document keeps references into src and data (its texts are views of
// data, not copies): neither may be modified afterwards.
func Decode(name string, src, data []byte) (*Document, error) {
	const head = len(binMagic) + 1 + sha256.Size
	if len(data) < head+4 || string(data[:len(binMagic)]) != binMagic || data[len(binMagic)] != binFormat {
		return nil, errEncoded
	}
	v := encodingVersion()
	if string(data[len(binMagic)+1:head]) != string(v[:]) {
		return nil, errEncoded
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crcTable()) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, errEncoded
	}
	r := decoder{b: body, i: head}
	if r.uint(len(src)) != len(src) || r.err {
		return nil, errEncoded
	}
	d := &Document{Name: name, Src: src}
	switch r.byte() {
	case 0:
		d.Lang = LangZH
	case 1:
		d.Lang = LangEN
	default:
		return nil, errEncoded
	}
	f := r.byte()
	d.markdown, d.cleaned = f&dfMarkdown != 0, f&dfCleaned != 0
	d.Title = r.string()
	d.clean = r.string()
	if r.err || f&^(dfMarkdown|dfCleaned) != 0 {
		return nil, errEncoded
	}
	// All nodes in one array, and all Children in another (as Parse
	// allocates them): a node takes at least minNodeBytes of the rest,
	// which bounds the count before anything is allocated.
	count := r.uint((len(r.b)-r.i)/minNodeBytes + 1)
	if r.err || count == 0 {
		return nil, errEncoded
	}
	slab := make([]Node, count)
	kids := make([]*Node, count-1)
	used, reserved := 0, 0
	next := func() *Node {
		if used == len(slab) {
			r.err = true
			return &Node{doc: d}
		}
		n := &slab[used]
		used++
		n.doc = d
		return n
	}
	children := func(n *Node, k int) {
		if k > len(kids)-reserved {
			r.err = true
			return
		}
		if k > 0 { // a leaf's Children stay nil, as Parse leaves them
			n.Children = kids[reserved : reserved : reserved+k]
			reserved += k
		}
	}
	// An explicit stack, not recursion: a hostile entry may nest deeply.
	type open struct {
		n    *Node
		left int // children still to read
	}
	d.Root = next()
	if !r.node(d, d.Root) || d.Root.Kind != KindDocument || d.Root.Start != 0 || d.Root.End != len(src) {
		return nil, errEncoded
	}
	stack := []open{{d.Root, r.uint(len(r.b))}}
	children(d.Root, stack[0].left)
	for len(stack) > 0 && !r.err {
		top := &stack[len(stack)-1]
		if top.left == 0 {
			stack = stack[:len(stack)-1]
			continue
		}
		top.left--
		if len(stack) > maxDecodeDepth {
			return nil, errEncoded
		}
		n := next()
		if !r.node(d, n) || n.Kind == KindDocument {
			return nil, errEncoded
		}
		// As Parse nests them: a child after its parent's own text and
		// after the sibling before it, and inside its parent.
		prev := top.n.HeadEnd
		if k := len(top.n.Children); k > 0 {
			prev = top.n.Children[k-1].End
		}
		if n.Start < prev || n.End > top.n.End {
			return nil, errEncoded
		}
		n.Parent = top.n
		top.n.Children = append(top.n.Children, n)
		k := r.uint(len(r.b) - r.i)
		children(n, k)
		stack = append(stack, open{n, k})
	}
	if r.err || r.i != len(r.b) || used != count {
		return nil, errEncoded
	}
	return d, nil
}

// minNodeBytes is the fewest bytes a node takes in the binary form: kind,
// flags, fifteen numbers, two strings' lengths, the units' count and the
// children's count.
const minNodeBytes = 2 + 15 + 2 + 1 + 1

// maxDecodeDepth bounds the depth of a decoded tree: far above what Parse
// accepts (Options.MaxDepth), so only a damaged entry meets it.
const maxDecodeDepth = 1024

// decoder reads the binary form; err is set (and every read returns zero)
// once it has read past the end or read a value out of range.
type decoder struct {
	b   []byte
	i   int
	err bool
}

func (r *decoder) byte() byte {
	if r.err || r.i >= len(r.b) {
		r.err = true
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

// uint reads an unsigned varint no greater than limit.
func (r *decoder) uint(limit int) int {
	if r.err {
		return 0
	}
	v, k := binary.Uvarint(r.b[r.i:])
	if k <= 0 || v > uint64(limit) {
		r.err = true
		return 0
	}
	r.i += k
	return int(v)
}

// string reads a string, a view of r.b.
func (r *decoder) string() string {
	n := r.uint(len(r.b) - r.i)
	if r.err || n > len(r.b)-r.i {
		r.err = true
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.b[r.i], n)
	r.i += n
	return s
}

// node reads one node's fields into n and checks that each offset fits
// the source and the clean text as the accessors use them.
func (r *decoder) node(d *Document, n *Node) bool {
	src, clean := len(d.Src), len(d.clean)
	kind := r.byte()
	f := r.byte()
	if kind > byte(KindAnnex) || f&^(nfValid|nfSetext|nfRepeated|nfTail) != 0 {
		r.err = true
		return false
	}
	n.Kind = Kind(kind)
	n.Num.Valid, n.setext, n.repeated = f&nfValid != 0, f&nfSetext != 0, f&nfRepeated != 0
	const big = 1 << 31 // values Parse keeps in int32
	n.Depth = r.uint(big)
	n.Num.Value = r.uint(1 << 62)
	n.Num.Sub = r.uint(1 << 62)
	n.Start = r.uint(src)
	n.HeadEnd = r.uint(src)
	n.End = r.uint(src)
	n.UnitsStart = r.uint(src)
	n.UnitsEnd = r.uint(src)
	n.cs = int32(r.uint(clean))
	n.tlo = int32(r.uint(clean))
	n.thi = int32(r.uint(clean))
	n.blo = int32(r.uint(clean))
	n.mlen = int32(r.uint(big - 1))
	n.idx = int32(r.uint(big - 1))
	n.rep = int32(r.uint(big - 2))
	n.Marker = r.string()
	n.Title = r.string()
	if units := r.uint((len(r.b) - r.i) / 2); units > 0 {
		n.Units = make([]Unit, units)
		for i := range n.Units {
			role := r.byte()
			if role > byte(RoleSupport) {
				r.err = true
			}
			n.Units[i] = Unit{Role: Role(role), Name: r.string()}
		}
	}
	if f&nfTail != 0 {
		t := &tail{}
		t.src = r.uint(src)
		t.lo = int32(r.uint(clean))
		t.hi = int32(r.uint(clean))
		t.ulo = r.uint(src)
		t.uhi = r.uint(src)
		t.text = r.string()
		t.body = r.string()
		if t.lo > t.hi || t.ulo > t.uhi {
			r.err = true
		}
		n.tail = t
	}
	if n.Start > n.HeadEnd || n.HeadEnd > n.End || n.UnitsStart > n.UnitsEnd ||
		len(n.Units) > 0 && (n.UnitsStart < n.Start || n.UnitsEnd > n.End) ||
		n.tail != nil && (n.tail.src < n.Start || n.tail.src > n.End) ||
		n.tlo > n.thi || n.blo > n.thi {
		r.err = true
	}
	return !r.err
}

// EncodingVersion names what a binary form holds: it changes whenever this
// build's parser might give another tree for some text than the build that
// wrote it, so that a cache of encoded documents is rebuilt instead of
// trusted. It is the SHA-256 of
//
//   - the binary layout's number;
//   - probeVersion (probeversion.txt), the SHA-256 of the parser's trees of
//     the probe texts (probe/*, which make the parser set every field of
//     Node and Document: TestProbeCoversTheTree). TestProbeVersion fails
//     when the parser's trees of them change until it is rewritten
//     (go test ./clause -run TestProbeVersion -update): a parser change
//     cannot leave the version as it was;
//   - the build's identity (module version, and the commit it was built
//     from, its time and whether the tree was modified, when the go command
//     recorded them), so that a build from any other commit uses its own
//     entries even where the probe does not show the difference.
//
// The probe's hash is a constant checked by a test, not computed at run
// time: parsing the probe costs a millisecond or more of every command
// that reads a cache entry, several times what the version is to save.
func EncodingVersion() string {
	v := encodingVersion()
	return hex.EncodeToString(v[:])
}

//go:embed probe
var probeFS embed.FS

//go:embed probeversion.txt
var probeVersion string

var encodingVersion = sync.OnceValue(func() [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte{binFormat})
	h.Write([]byte(strings.TrimSpace(probeVersion)))
	if bi, ok := debug.ReadBuildInfo(); ok {
		h.Write([]byte("\x00" + bi.Main.Path + "@" + bi.Main.Version))
		for _, s := range bi.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				h.Write([]byte("\x00" + s.Key + "=" + s.Value))
			}
		}
	}
	var v [sha256.Size]byte
	h.Sum(v[:0])
	return v
})

// appendTree is AppendBinary with the given version, for computing the
// version itself.
func appendTree(b []byte, d *Document, v [sha256.Size]byte) []byte {
	b = append(b, d.Name...)
	b = append(b, 0)
	b = append(b, d.Src...)
	b = append(b, v[:]...)
	b = append(b, langByte(d.Lang))
	b = appendString(b, d.Title)
	b = appendString(b, d.clean)
	var walk func(n *Node)
	walk = func(n *Node) {
		b = appendNode(b, n)
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(d.Root)
	return b
}

// Probe parses the probe documents: a Chinese policy plan, a Chinese law,
// an English act and a Markdown document, written to exercise every rule
// whose result the tree records. Callers that derive cached data from
// parsed documents hash what they derive from these to version their
// caches the same way.
func Probe() []*Document {
	// Embedded files always read; a probe the parser refuses is left out
	// (TestProbeCoversTheTree fails on it).
	entries, _ := probeFS.ReadDir("probe")
	var out []*Document
	for _, e := range entries {
		src, _ := probeFS.ReadFile("probe/" + e.Name())
		if d, err := Parse(e.Name(), src, Options{}); err == nil {
			out = append(out, d)
		}
	}
	return out
}
