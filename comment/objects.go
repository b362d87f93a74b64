package comment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/redline-docs/redline/internal/limits"
)

// A JSON or YAML comment file is a list of objects, or an object whose
// "comments" key holds that list (the shape of `redline comment list
// --json`). Keys are read like table headers; an "anchor" object (the shape
// of a stored comment file) is read key by key as anchor.KEY.

// anchorKeys maps the keys of an "anchor" object to fields.
var anchorKeys = map[string]field{
	"clause_id": fClauseID, "path": fPath, "label": fClause, "rev": fRev,
	"prefix": fPrefix, "exact": fQuote, "suffix": fSuffix,
}

// objectKey is one key of an input object with its scalar value.
type objectKey struct {
	key string
	val string
}

// fromObjects turns objects into items and checks that some object has a
// text key.
func fromObjects(name string, rows []int, objs [][]objectKey) ([]item, error) {
	items := make([]item, len(objs))
	hasText := false
	keys := map[string]bool{}
	for i, o := range objs {
		items[i].row = rows[i]
		for _, kv := range o {
			f := columnField(kv.key)
			if k, ok := strings.CutPrefix(kv.key, "anchor."); ok {
				f = anchorKeys[k]
			}
			keys[kv.key] = true
			if f == fNone {
				continue
			}
			hasText = hasText || f == fText
			val := kv.val
			if f != fPrefix && f != fSuffix { // context keeps its spaces
				val = cleanCell(val)
			}
			items[i].cells = append(items[i].cells, cell{col: kv.key, f: f, val: val})
		}
	}
	if len(objs) > 0 && !hasText {
		var cols []string
		for k := range keys {
			cols = append(cols, k)
		}
		sort.Strings(cols)
		return nil, noTextColumn(name, 0, cols)
	}
	return items, nil
}

// keyError is a bad value under one key of an object.
type keyError struct {
	key string
	err error
}

func (e *keyError) Error() string { return fmt.Sprintf("%q: %v", e.key, e.err) }

func objectError(name string, row int, err error) error {
	var ke *keyError
	if errors.As(err, &ke) {
		return &ImportError{File: name, Row: row, Column: ke.key, Err: ke.err}
	}
	return &ImportError{File: name, Row: row, Err: err}
}

// errShape is the error for a file that is not a list of comments.
var errShape = errors.New(`want a list of comments, or {"comments": [...]}`)

// readJSON reads a JSON comment file. Each comment's row is the line its
// object starts on.
func readJSON(name string, data []byte) ([]item, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	fail := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &ImportError{File: name, Row: lineAt(data, int(se.Offset)), Err: err}
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("unexpected end of JSON input")
		}
		return &ImportError{File: name, Row: lineAt(data, int(d.InputOffset())), Err: err}
	}
	tok, err := d.Token()
	if err != nil {
		return nil, fail(err)
	}
	wrapped := tok == json.Delim('{')
	if wrapped {
		found := false
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return nil, fail(err)
			}
			if key, _ := k.(string); foldHeader(key) == "comments" && !found {
				if tok, err = d.Token(); err != nil {
					return nil, fail(err)
				}
				found = true
				break
			}
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				return nil, fail(err)
			}
		}
		if !found {
			return nil, &ImportError{File: name, Err: errShape}
		}
	}
	if tok != json.Delim('[') {
		return nil, &ImportError{File: name, Err: errShape}
	}
	var (
		rows []int
		objs [][]objectKey
	)
	for d.More() {
		row := lineAt(data, skipSpaceComma(data, int(d.InputOffset())))
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return nil, fail(err)
		}
		o, err := jsonObject(raw)
		if err != nil {
			return nil, objectError(name, row, err)
		}
		if len(objs) == limits.CommentRows {
			return nil, tooManyRows(name, row)
		}
		rows, objs = append(rows, row), append(objs, o)
	}
	// The rest must close the list (and the object around it) and end the
	// file: trailing data is refused, not ignored.
	if _, err := d.Token(); err != nil { // ]
		return nil, fail(err)
	}
	if wrapped {
		for d.More() {
			if _, err := d.Token(); err != nil { // a key
				return nil, fail(err)
			}
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				return nil, fail(err)
			}
		}
		if _, err := d.Token(); err != nil { // }
			return nil, fail(err)
		}
	}
	if _, err := d.Token(); err != io.EOF {
		off := skipSpaceComma(data, int(d.InputOffset()))
		return nil, &ImportError{File: name, Row: lineAt(data, off), Err: errors.New("data after the end of the JSON value")}
	}
	return fromObjects(name, rows, objs)
}

// jsonObject reads one comment object, keys in order.
func jsonObject(raw json.RawMessage) ([]objectKey, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("want an object for each comment, got %s", jsonKind(raw))
	}
	var out []objectKey
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return nil, err
		}
		key, _ := k.(string)
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, err
		}
		if foldHeader(key) == "anchor" && jsonKind(v) == "an object" {
			sub, err := jsonObject(v)
			if err != nil {
				return nil, err
			}
			for _, kv := range sub {
				out = append(out, objectKey{"anchor." + kv.key, kv.val})
			}
			continue
		}
		s, err := jsonScalar(v)
		if err != nil {
			if columnField(key) == fNone {
				continue // an unknown key may hold anything
			}
			return nil, &keyError{key, err}
		}
		out = append(out, objectKey{key, s})
	}
	return out, nil
}

func jsonScalar(v json.RawMessage) (string, error) {
	var x any
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	if err := d.Decode(&x); err != nil {
		return "", err
	}
	switch x := x.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case bool:
		if x {
			return "true", nil
		}
		return "false", nil
	}
	return "", fmt.Errorf("want text, got %s", jsonKind(v))
}

func jsonKind(v json.RawMessage) string {
	t := bytes.TrimSpace(v)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func skipSpaceComma(data []byte, off int) int {
	for off < len(data) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
		off++
	}
	return off
}

// lineAt is the 1-based line of byte offset off.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// readYAML reads a YAML comment file: every document of it (separated by
// "---"), each a list of comments or {comments: [...]}, in order. Each
// comment's row is the line its mapping starts on.
func readYAML(name string, data []byte) ([]item, error) {
	var (
		rows []int
		objs [][]objectKey
	)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &ImportError{File: name, Err: err}
		}
		r, o, err := yamlDocument(name, &doc)
		if err != nil {
			return nil, err
		}
		rows, objs = append(rows, r...), append(objs, o...)
		if len(objs) > limits.CommentRows {
			return nil, tooManyRows(name, rows[limits.CommentRows])
		}
	}
	if len(objs) == 0 {
		return nil, nil // an empty file: no comments
	}
	return fromObjects(name, rows, objs)
}

// yamlDocument reads the comments of one YAML document.
func yamlDocument(name string, doc *yaml.Node) (rows []int, objs [][]objectKey, err error) {
	if doc.Kind == 0 {
		return nil, nil, nil
	}
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	n = deref(n)
	if n.Kind == yaml.MappingNode {
		var list *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if foldHeader(n.Content[i].Value) == "comments" {
				list = deref(n.Content[i+1])
				break
			}
		}
		if list == nil {
			return nil, nil, &ImportError{File: name, Row: n.Line, Err: errShape}
		}
		n = list
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" || n.Kind == 0 {
		return nil, nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, nil, &ImportError{File: name, Row: n.Line, Err: errShape}
	}
	for _, e := range n.Content {
		e = deref(e)
		o, err := yamlObject(e, "")
		if err != nil {
			return nil, nil, objectError(name, e.Line, err)
		}
		rows, objs = append(rows, e.Line), append(objs, o)
	}
	return rows, objs, nil
}

// deref follows an alias (a bounded number of times).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < 8 && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

func yamlObject(n *yaml.Node, prefix string) ([]objectKey, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("want a mapping for each comment, got %s", yamlKind(n))
	}
	var out []objectKey
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := deref(n.Content[i]).Value
		v := deref(n.Content[i+1])
		if prefix == "" && foldHeader(key) == "anchor" && v.Kind == yaml.MappingNode {
			sub, err := yamlObject(v, "anchor.")
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		if v.Kind != yaml.ScalarNode {
			if columnField(key) == fNone && prefix == "" {
				continue
			}
			return nil, &keyError{prefix + key, fmt.Errorf("want text, got %s", yamlKind(v))}
		}
		val := v.Value
		if v.Tag == "!!null" {
			val = ""
		}
		out = append(out, objectKey{prefix + key, val})
	}
	return out, nil
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "text"
	}
	return "nothing"
}
