package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Errors a caller maps to "bad input file".
var (
	// ErrNotDocx: the bytes are not a Word document (not a zip, or a zip
	// without word/document.xml).
	ErrNotDocx = errors.New("not a Word .docx document")
	// ErrBinaryDoc: a legacy binary Word file (.doc).
	ErrBinaryDoc = errors.New("a binary Word .doc file, not a .docx (save it as .docx in Word or WPS)")
	// ErrEncrypted: a password-protected document.
	ErrEncrypted = errors.New("an encrypted (password-protected) Word document: remove the password and save it again")
	// ErrTooLarge: a part decompresses past the limit, or there are too many.
	ErrTooLarge = errors.New("Word document too large")
)

// Limits on what a document may make the reader do.
const (
	MaxPart    = 64 << 20 // bytes of one decompressed part
	MaxTotal   = 256 << 20
	MaxEntries = 10000
	maxDepth   = 256 // XML element nesting
)

// oleMagic starts every OLE2 compound file: binary .doc files and the
// encrypted container Office wraps a protected .docx in.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// IsDocx reports whether data looks like a Word document container of any
// kind (.docx zip, or an OLE file that may be a .doc or an encrypted
// .docx), so callers can route it here and get a precise error.
func IsDocx(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, oleMagic)
}

// pkg is an opened package: its parts by name, read lazily and bounded.
type pkg struct {
	files map[string]*zip.File
	total int64
}

func open(data []byte) (*pkg, error) {
	if bytes.HasPrefix(data, oleMagic) {
		// Office's encrypted package is an OLE file whose streams include
		// "EncryptionInfo" and "EncryptedPackage" (names in UTF-16LE).
		if bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, ErrEncrypted
		}
		return nil, ErrBinaryDoc
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("%w: %d entries (limit %d)", ErrTooLarge, len(zr.File), MaxEntries)
	}
	p := &pkg{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		p.files[strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")] = f
	}
	return p, nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// read returns a part's bytes, nil when the part is absent.
func (p *pkg) read(name string) ([]byte, error) {
	f := p.files[name]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotDocx, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotDocx, name, err)
	}
	if len(b) > MaxPart {
		return nil, fmt.Errorf("%w: %s decompresses past %d MiB", ErrTooLarge, name, MaxPart>>20)
	}
	p.total += int64(len(b))
	if p.total > MaxTotal {
		return nil, fmt.Errorf("%w: parts decompress past %d MiB", ErrTooLarge, MaxTotal>>20)
	}
	return b, nil
}

// rels reads the relationships of a part ("word/document.xml" →
// "word/_rels/document.xml.rels"): id → target part name, and type → name.
func (p *pkg) rels(part string) (byID map[string]string, byType map[string]string, err error) {
	dir, file := path.Split(part)
	b, err := p.read(dir + "_rels/" + file + ".rels")
	if err != nil || b == nil {
		return nil, nil, err
	}
	var rs struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := decodeStrict(b, &rs); err != nil {
		return nil, nil, fmt.Errorf("%w: %s rels: %v", ErrNotDocx, part, err)
	}
	byID, byType = map[string]string{}, map[string]string{}
	for _, r := range rs.Rel {
		if strings.EqualFold(r.Mode, "External") {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(path.Clean(t), "/")
		} else {
			t = path.Clean(dir + t)
		}
		byID[r.ID] = t
		if i := strings.LastIndexByte(r.Type, '/'); i >= 0 {
			byType[r.Type[i+1:]] = t
		}
	}
	return byID, byType, nil
}

// mainPart finds the main document part through the package relationships,
// falling back on the usual name.
func (p *pkg) mainPart() string {
	_, byType, _ := p.rels("")
	if t := byType["officeDocument"]; t != "" && p.files[t] != nil {
		return t
	}
	return "word/document.xml"
}

// decodeStrict unmarshals b without expanding entities beyond XML's five:
// encoding/xml never fetches external entities, and Strict mode refuses an
// entity it does not know, so a DTD's entity tricks are an error.
func decodeStrict(b []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	return d.Decode(v)
}
