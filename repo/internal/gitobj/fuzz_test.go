package gitobj

import (
	"bytes"
	"testing"
)

const seedCommit = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent e87b677f775d4e81e0b9810a0da453193b5a89d4\n" +
	"author 起草组 <d@example.gov.cn> 1693530000 +0800\ncommitter 起草组 <d@example.gov.cn> 1693530000 +0800\n" +
	"gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\n初稿\n\nRedline-Stage: 征求意见稿\n"

// FuzzDecodeCommit: no input panics; a decoded commit encodes to bytes
// that decode to the same tree, parents and message.
func FuzzDecodeCommit(f *testing.F) {
	f.Add([]byte(seedCommit))
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"))
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor <> 1 +\nx y\n z\n\n"))
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <b> -99999999999999999999 +9999\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeCommit(data)
		if err != nil {
			return
		}
		back, err := DecodeCommit(c.Encode())
		if err != nil {
			t.Fatalf("re-encoded commit does not decode: %v\n%q", err, c.Encode())
		}
		if back.Tree != c.Tree || len(back.Parents) != len(c.Parents) || back.Message != c.Message || len(back.Extra) != len(c.Extra) {
			t.Fatalf("round trip: %+v\nthen %+v", c, back)
		}
	})
}

// FuzzDecodeTree: no input panics; a decoded tree encodes to the input.
func FuzzDecodeTree(f *testing.F) {
	f.Add([]byte("100644 plan.md\x00" + string(bytes.Repeat([]byte{0xab}, 20)) + "40000 docs\x00" + string(bytes.Repeat([]byte{1}, 20))))
	f.Add([]byte(""))
	f.Add([]byte("100644 a\x00abc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := DecodeTree(data)
		if err != nil {
			return
		}
		back, err := DecodeTree(tr.Encode())
		if err != nil || !bytes.Equal(back.Encode(), tr.Encode()) {
			t.Fatalf("round trip: %v\n%q", err, tr.Encode())
		}
	})
}

// FuzzDecodeTag: no input panics; a decoded tag encodes to bytes that
// decode to the same object, type, name and message.
func FuzzDecodeTag(f *testing.F) {
	f.Add([]byte("object e87b677f775d4e81e0b9810a0da453193b5a89d4\ntype commit\ntag 征求意见稿\ntagger T <t@x> 1693530000 +0800\n\n说明\n"))
	f.Add([]byte("object e87b677f775d4e81e0b9810a0da453193b5a89d4\ntype tree\ntag v1\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tg, err := DecodeTag(data)
		if err != nil {
			return
		}
		back, err := DecodeTag(tg.Encode())
		if err != nil {
			t.Fatalf("re-encoded tag does not decode: %v\n%q", err, tg.Encode())
		}
		if back.Object != tg.Object || back.Type != tg.Type || back.Name != tg.Name || back.Message != tg.Message || back.HasTagger != tg.HasTagger {
			t.Fatalf("round trip: %+v\nthen %+v", tg, back)
		}
	})
}

// FuzzLooseHeader: no input panics.
func FuzzLooseHeader(f *testing.F) {
	f.Add([]byte("blob 12\x00"))
	f.Add([]byte("commit 99999999999999999999999\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		typ, size, err := LooseHeader(bytes.NewReader(data))
		if err == nil && (size < 0 || !typ.Valid()) {
			t.Fatalf("%q: %v %d", data, typ, size)
		}
	})
}
