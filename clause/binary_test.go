package clause

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// roundTrip encodes d and decodes it against its source, and fails unless
// the decoded document is the one Parse returned, field for field.
func roundTrip(t *testing.T, d *Document) *Document {
	t.Helper()
	got, err := Decode(d.Name, d.Src, d.AppendBinary(nil))
	if err != nil {
		t.Fatalf("%s: Decode of AppendBinary: %v", d.Name, err)
	}
	// Clauses' kept walk is compared by address: leave it out.
	got.preorder.Store(nil)
	d.preorder.Store(nil)
	if !reflect.DeepEqual(got, d) {
		t.Fatalf("%s: the decoded document differs from the parsed one", d.Name)
	}
	return got
}

func TestBinaryRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.*")
	more, _ := filepath.Glob("testdata/layout/*")
	files = append(files, more...)
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(filepath.Base(file), src, Options{})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		got := roundTrip(t, d)
		if got.Rebuild() != string(src) {
			t.Fatalf("%s: the decoded tree does not rebuild the source", file)
		}
		n++
	}
	for _, d := range Probe() {
		roundTrip(t, d)
		n++
	}
	if n < 10 {
		t.Fatalf("only %d documents round-tripped", n)
	}
}

// TestProbeCoversTheTree checks that the probe documents, from which
// EncodingVersion is derived, make the parser set every field the binary
// form holds: a parser change that alters any of them on the probe changes
// the version, and a cache of encoded documents is rebuilt. When this fails
// after a parser change, add a probe text that exercises what is missing.
func TestProbeCoversTheTree(t *testing.T) {
	entries, err := probeFS.ReadDir("probe")
	if err != nil {
		t.Fatal(err)
	}
	docs := Probe()
	if len(docs) != len(entries) {
		t.Fatalf("%d of %d probe documents parse", len(docs), len(entries))
	}
	kinds := map[Kind]bool{}
	have := map[string]bool{}
	for _, d := range docs {
		have["lang "+string(d.Lang)] = true
		if d.markdown {
			have["markdown"] = true
		}
		if d.Title != "" {
			have["title"] = true
		}
		if !d.cleaned {
			t.Errorf("%s: not cleaned", d.Name)
		}
		for _, n := range append([]*Node{d.Root}, d.Clauses()...) {
			kinds[n.Kind] = true
			for name, ok := range map[string]bool{
				"depth": n.Depth > 0, "number": n.Num.Valid, "unnumbered": !n.Num.Valid,
				"sub-number": n.Num.Sub > 0, "title": n.Title != "", "units": len(n.Units) > 0,
				"tail": n.tail != nil, "setext": n.setext, "repeated": n.repeated, "rep": n.rep > 0,
			} {
				if ok {
					have[name] = true
				}
			}
			for _, u := range n.Units {
				have["role "+string(rune('0'+u.Role))] = true
			}
		}
	}
	for k := KindDocument; k <= KindAnnex; k++ {
		if !kinds[k] {
			t.Errorf("no probe clause of kind %v", k)
		}
	}
	for _, want := range []string{"lang zh", "lang en", "markdown", "title", "depth", "number", "unnumbered",
		"sub-number", "units", "tail", "setext", "repeated", "rep", "role 0", "role 1", "role 2"} {
		if !have[want] {
			t.Errorf("no probe document has %s", want)
		}
	}
}

// TestProbeVersion is what makes EncodingVersion follow the parser: the
// recorded hash of the parser's trees of the probe texts must be the hash
// of what the parser gives now. After a parser change that changes them,
// rewrite it with -update (encoded documents cached by earlier builds are
// then rebuilt, not trusted).
func TestProbeVersion(t *testing.T) {
	got := probeHash()
	if *update {
		if err := os.WriteFile("probeversion.txt", []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := strings.TrimSpace(probeVersion); got != want {
		t.Fatalf("the parser's trees of the probe texts changed (hash %s, probeversion.txt says %s): "+
			"run go test ./clause -run TestProbeVersion -update so that cached encodings are rebuilt", got, want)
	}
	v := EncodingVersion()
	if len(v) != 64 || v != EncodingVersion() {
		t.Fatalf("EncodingVersion() = %q, not a stable SHA-256", v)
	}
	// The hash sees a change of any tree: here, one clause's title.
	docs := Probe()
	var zero [32]byte
	before := appendTree(nil, docs[0], zero)
	docs[0].Clauses()[0].Title += "x"
	if bytes.Equal(before, appendTree(nil, docs[0], zero)) {
		t.Fatal("a changed tree encodes as the same probe: the version would not change")
	}
}

func TestDecodeRefuses(t *testing.T) {
	src, err := os.ReadFile("testdata/plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("plan.txt", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	good := d.AppendBinary(nil)
	reseal := func(b []byte) []byte { // a valid checksum over changed bytes
		b = b[:len(b)-4]
		return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable()))
	}
	for name, data := range map[string][]byte{
		"empty":          nil,
		"truncated":      good[:len(good)/2],
		"flipped byte":   func() []byte { b := bytes.Clone(good); b[len(b)/2] ^= 1; return b }(),
		"other version":  reseal(func() []byte { b := bytes.Clone(good); b[len(binMagic)+1] ^= 1; return b }()),
		"trailing bytes": reseal(append(bytes.Clone(good), 0, 0, 0, 0, 0)),
	} {
		if _, err := Decode("plan.txt", src, data); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	if _, err := Decode("plan.txt", src[:len(src)-1], good); err == nil {
		t.Error("decoded against a source of another length")
	}
	// Trees Parse never makes, encoded with a valid checksum (FuzzDecode
	// found the first: units outside their clause).
	for name, spoil := range map[string]func(n *Node) bool{
		"units outside the clause": func(n *Node) bool {
			if len(n.Units) == 0 {
				return false
			}
			n.UnitsEnd = n.End + 1
			return true
		},
		"child before its parent's text": func(n *Node) bool {
			if len(n.Children) == 0 || n.Kind == KindDocument {
				return false
			}
			n.Children[0].Start = n.HeadEnd - 1
			return true
		},
	} {
		d, err := Parse("plan.txt", src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		spoiled := false
		for _, n := range d.Clauses() {
			if spoiled = spoil(n); spoiled {
				break
			}
		}
		if !spoiled {
			t.Fatalf("%s: plan.txt has no clause to spoil", name)
		}
		if _, err := Decode("plan.txt", src, d.AppendBinary(nil)); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

// FuzzDecode feeds Decode node tables that carry a valid header and
// checksum (so that the fuzzer reaches the structure checks): whatever it
// accepts must be a tree every accessor walks without a panic, with the
// invariants Parse keeps (checkDecodedTree). Texts are not checked for valid
// UTF-8: what the node table says they are is what they are (the
// checksum, not the decoder, guards them against damage).
func FuzzDecode(f *testing.F) {
	src, err := os.ReadFile("testdata/plan.txt")
	if err != nil {
		f.Fatal(err)
	}
	head := len(binMagic) + 1 + 32
	for _, d := range Probe() {
		if d.Name == "plan.txt" {
			b := d.AppendBinary(nil)
			f.Add(b[head : len(b)-4])
		}
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, table []byte) {
		b := append([]byte(binMagic), binFormat)
		v := encodingVersion()
		b = append(b, v[:]...)
		b = append(b, table...)
		b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable()))
		d, err := Decode("plan.txt", src, b)
		if err != nil {
			return
		}
		_ = d.Rebuild()
		for _, n := range d.Clauses() {
			_, _, _, _, _ = n.Text(), n.Body(), n.Path(), n.FullText(), n.Label()
			_, _, _ = n.Tail()
		}
		checkDecodedTree(t, d, maxDecodeDepth, false)
	})
}

// probeHash is the SHA-256 of the parser's trees of the probe texts, what
// probeversion.txt must hold.
func probeHash() string {
	h := sha256.New()
	var zero [sha256.Size]byte
	for _, d := range Probe() {
		h.Write(appendTree(nil, d, zero))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Clauses of a parsed or decoded document is the pre-order walk every
// time, and each call's slice is the caller's own.
func TestClausesKept(t *testing.T) {
	src := []byte("一、总则\n（一）目标。\n1. 第一项。\n2. 第二项。\n（二）原则。\n二、附则\n")
	d, err := Parse("plan.txt", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := Decode(d.Name, d.Src, d.AppendBinary(nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*Document{d, decoded} {
		var want []string
		var walk func(n *Node)
		walk = func(n *Node) {
			for _, c := range n.Children {
				want = append(want, c.Path())
				walk(c)
			}
		}
		walk(doc.Root)
		first := doc.Clauses()
		for i := range first {
			first[i] = nil // the caller's own: the next call is unchanged
		}
		second := doc.Clauses()
		var got []string
		for _, n := range second {
			got = append(got, n.Path())
		}
		if !reflect.DeepEqual(got, want) || len(want) != 6 {
			t.Fatalf("Clauses = %q, want %q", got, want)
		}
	}
}
