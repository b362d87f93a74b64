package comment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// SchemaVersion is the version of the stored comment file.
const SchemaVersion = 1

// file is the stored form of a comment: fields in a fixed order, ResolvedIn
// left out (the repository derives it from commit trailers).
type file struct {
	SchemaVersion int    `json:"schema_version"`
	ID            string `json:"id"`
	By            string `json:"by"`
	Group         string `json:"group,omitempty"`
	Seq           int    `json:"seq,omitempty"`
	Number        string `json:"number,omitempty"`
	Anchor        Anchor `json:"anchor"`
	Text          string `json:"text"`
	Proposed      string `json:"proposed,omitempty"`
	Status        Status `json:"status"`
	Response      string `json:"response,omitempty"`
}

// Marshal encodes a comment as the readable file stored in the repository:
// indented JSON, UTF-8 as is (no \u escapes for Chinese, no HTML escaping),
// a fixed field order, "schema_version": 1 and a trailing newline. An empty
// status is written as pending.
func Marshal(c Comment) ([]byte, error) {
	if err := ValidID(c.ID); err != nil {
		return nil, err
	}
	if c.Status == "" {
		c.Status = Pending
	}
	if !c.Status.Valid() {
		return nil, fmt.Errorf("comment %s: %w %q", c.ID, ErrBadStatus, c.Status)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(file{
		SchemaVersion: SchemaVersion,
		ID:            c.ID, By: c.By, Group: c.Group, Seq: c.Seq, Number: c.Number,
		Anchor: c.Anchor, Text: c.Text, Proposed: c.Proposed, Status: c.Status, Response: c.Response,
	})
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ErrSchema is returned by Unmarshal for a file written by a newer redline.
var ErrSchema = errors.New("unsupported comment file schema_version")

// Unmarshal decodes a stored comment file. Unknown fields are ignored (a
// newer redline may add some); a missing schema_version reads as 1; the
// status is read as ParseStatus reads it, so a hand-edited 已采纳 works.
func Unmarshal(data []byte) (Comment, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return Comment{}, err
	}
	if f.SchemaVersion > SchemaVersion || f.SchemaVersion < 0 {
		return Comment{}, fmt.Errorf("%w %d (this redline reads %d)", ErrSchema, f.SchemaVersion, SchemaVersion)
	}
	if err := ValidID(f.ID); err != nil {
		return Comment{}, err
	}
	st, err := ParseStatus(string(f.Status))
	if err != nil {
		return Comment{}, fmt.Errorf("comment %s: %w", f.ID, err)
	}
	return Comment{
		ID: f.ID, By: f.By, Group: f.Group, Seq: f.Seq, Number: f.Number,
		Anchor: f.Anchor, Text: f.Text, Proposed: f.Proposed, Status: st, Response: f.Response,
	}, nil
}
