package comment

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/redline-docs/redline/internal/limits"
)

// Record is one imported row: the comment, the clause label it names (resolved
// to a clause id by the caller) and where it came from.
//
// Row is where a person finds the record in the file: the line on which it
// starts in a CSV, JSON or YAML file, the row number Excel shows in an XLSX
// sheet. ImportError.Row counts the same way.
type Record struct {
	Row     int
	Clause  string // 条款 as written; "" for the whole document (or when Comment.Anchor.ClauseID is given)
	Comment Comment
}

// ImportError names the file, row and column of a bad input.
type ImportError struct {
	File   string
	Row    int    // 0 when the error is about the whole file; counted as Record.Row
	Column string // the column header (JSON/YAML key) as written, or "" when not about one column
	Err    error
}

func (e *ImportError) Error() string {
	switch {
	case e.Row > 0 && e.Column != "":
		return fmt.Sprintf("%s:%d: column %q: %v", e.File, e.Row, e.Column, e.Err)
	case e.Row > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Row, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *ImportError) Unwrap() error { return e.Err }

// Errors an import reports (inside an *ImportError).
var (
	ErrNoTextColumn = errors.New("no comment text column (修改意见/text)")
	ErrEmptyText    = errors.New("empty comment text")
	ErrEncoding     = errors.New("not UTF-8, UTF-16 or GB18030 text")
	ErrFormat       = errors.New("unsupported file format")
	ErrNoHeader     = errors.New("no header row")
)

// cell is one non-empty value of an input row, with the column (or key) it
// came from as written and what that column holds.
type cell struct {
	col string
	f   field
	val string
}

// item is one input row before it becomes a Record.
type item struct {
	row   int
	cells []cell
	group string // the section heading above the row (tables only)
}

// Import reads a comment table: CSV (UTF-8 or GB18030, detected; also TSV
// and UTF-16 with a byte-order mark), XLSX, JSON or YAML, chosen by the
// name's extension and the content. Any bad row fails the whole import with
// an *ImportError; on success every record has a non-empty Comment.Text and
// a unique Comment.ID.
//
// Columns are found by header name (README, "Comment files", and the variants real
// reports use), in any order, after folding width, case and spaces; columns
// that are not understood are ignored, and listed in the error when the
// comment text column is missing. JSON and YAML files hold a list of objects
// (or {"comments": [...]}) whose keys are read like headers; an "anchor"
// object (as in stored comment files) is read too.
//
// Tables: rows above the header (titles) are skipped; a row whose only
// non-empty cell is a heading ("一、公开网站征求意见采纳情况") starts a group
// (Comment.Group) for the rows below; wholly empty rows are skipped. In CSV
// files an empty 单位/个人 cell repeats the one above within the group (how
// vertically merged cells are exported); XLSX merged cells are read as such.
//
// The status cell may carry a reason after the disposition ("已采纳,调整了…");
// the reason becomes the response, placed before the response column's text
// when both are present.
//
// IDs: when the file has an id column (序号/id) whose values are all present,
// valid (ValidID) and unique (ignoring case), they are the comment ids. Otherwise — real
// reports restart 序号 in each section — ids are "C" and the running number:
// C1, C2 … Either way Comment.Seq is the running number and Comment.Number the
// 序号 as written.
func Import(name string, data []byte) ([]Record, error) {
	var (
		items []item
		err   error
	)
	format := formatOf(name, data)
	switch format {
	case "xls":
		return nil, &ImportError{File: name, Err: fmt.Errorf("%w: Excel 97-2003 (.xls); save it as .xlsx or .csv", ErrFormat)}
	case "xlsx":
		items, err = readXLSX(name, data)
	case "docx":
		items, err = readDocx(name, data)
	case "json", "yaml":
		if format == "yaml" && len(data) > limits.CommentYAML {
			return nil, &ImportError{File: name, Err: fmt.Errorf("larger than %s, the limit for a YAML comment file (save it as JSON or CSV): %w", limits.Size(limits.CommentYAML), limits.ErrTooLarge)}
		}
		// Text the way every reader decodes it (UTF-16, GB18030, lone CR);
		// line numbers are kept.
		text, derr := decodeText(data)
		if derr != nil {
			return nil, &ImportError{File: name, Err: derr}
		}
		if format == "json" {
			items, err = readJSON(name, []byte(text))
		} else {
			items, err = readYAML(name, []byte(text))
		}
	default:
		items, err = readCSV(name, data, strings.EqualFold(filepath.Ext(name), ".tsv"))
	}
	if err != nil {
		return nil, err
	}
	return build(name, items)
}

// formatOf chooses the reader: the content's magic numbers first, then the
// extension, then a sniff.
func formatOf(name string, data []byte) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".docx" || ext == ".doc":
		return "docx"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(data, []byte("word/document.xml")) {
			return "docx"
		}
		return "xlsx"
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "xls"
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".json":
		return "json"
	case ".yaml", ".yml":
		return "yaml"
	case ".csv", ".tsv", ".txt":
		return "csv"
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(t) > 0 && (t[0] == '[' || t[0] == '{'):
		return "json"
	case bytes.HasPrefix(t, []byte("---")) || bytes.HasPrefix(t, []byte("- ")) || bytes.HasPrefix(t, []byte("comments:")):
		return "yaml"
	}
	return "csv"
}

// build turns rows into records: required text, status, ids.
func build(name string, items []item) ([]Record, error) {
	recs := make([]Record, 0, len(items))
	for _, it := range items {
		var v, col [numFields]string
		for _, c := range it.cells {
			switch {
			case c.val == "":
			case v[c.f] == "":
				v[c.f], col[c.f] = c.val, c.col
			case c.f == fText || c.f == fProposed || c.f == fResponse:
				v[c.f] += "\n" + c.val
			}
		}
		if v[fText] == "" {
			return nil, &ImportError{File: name, Row: it.row, Column: textColumn(it), Err: ErrEmptyText}
		}
		st, reason, err := SplitStatus(v[fStatus])
		if err != nil {
			return nil, &ImportError{File: name, Row: it.row, Column: col[fStatus], Err: err}
		}
		resp := v[fResponse]
		if reason != "" && resp != reason {
			resp = strings.TrimSpace(reason + "\n" + resp)
		}
		group := v[fGroup]
		if group == "" {
			group = it.group
		}
		recs = append(recs, Record{
			Row:    it.row,
			Clause: v[fClause],
			Comment: Comment{
				By:     v[fBy],
				Group:  group,
				Seq:    len(recs) + 1,
				Number: v[fID],
				Anchor: Anchor{
					ClauseID: v[fClauseID], Path: v[fPath], Rev: v[fRev],
					Prefix: v[fPrefix], Exact: v[fQuote], Suffix: v[fSuffix],
				},
				Text:     v[fText],
				Proposed: v[fProposed],
				Status:   st,
				Response: resp,
			},
		})
	}
	given := len(recs) > 0
	seen := make(map[string]bool, len(recs))
	for _, r := range recs {
		// Ids name files: a1 and A1 would be one file on macOS and Windows.
		id := r.Comment.Number
		if ValidID(id) != nil || seen[strings.ToLower(id)] {
			given = false
			break
		}
		seen[strings.ToLower(id)] = true
	}
	for i := range recs {
		if given {
			recs[i].Comment.ID = recs[i].Comment.Number
		} else {
			recs[i].Comment.ID = "C" + strconv.Itoa(recs[i].Comment.Seq)
		}
	}
	return recs, nil
}

// tooManyRows is the error for a comment file past limits.CommentRows,
// found at row.
func tooManyRows(name string, row int) error {
	return &ImportError{File: name, Row: row, Err: fmt.Errorf("more than %d rows, the limit for a comment file: %w", limits.CommentRows, limits.ErrTooLarge)}
}

// textColumn names the text column of a row for an error message.
func textColumn(it item) string {
	for _, c := range it.cells {
		if c.f == fText {
			return c.col
		}
	}
	return "text"
}

// noTextColumn is the error for a header (or a set of keys) without a
// comment text column: it lists what was not understood, or else what was.
func noTextColumn(name string, row int, cols []string) error {
	var unknown, known []string
	for _, c := range cols {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if f := columnField(c); f == fNone {
			unknown = append(unknown, strconv.Quote(c))
		} else {
			known = append(known, strconv.Quote(c)+" ("+fieldNames[f]+")")
		}
	}
	err := ErrNoTextColumn
	switch {
	case len(unknown) > 0:
		return &ImportError{File: name, Row: row, Err: fmt.Errorf("%w; columns not understood: %s", err, strings.Join(unknown, ", "))}
	case len(known) > 0:
		return &ImportError{File: name, Row: row, Err: fmt.Errorf("%w; found only %s", err, strings.Join(known, ", "))}
	}
	return &ImportError{File: name, Row: row, Err: err}
}

// cleanCell trims a cell and normalises its line ends.
func cleanCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
}
