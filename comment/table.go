package comment

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redline-docs/redline/internal/charset"
	"github.com/redline-docs/redline/internal/limits"
)

// tableRow is one row of a sheet: its number as a person sees it (the CSV
// line it starts on, the XLSX row number) and its cells by column index.
type tableRow struct {
	num   int
	cells []string
}

// maxHeaderSearch is how many non-empty rows may stand above the header
// (a title, a date line) before the header is given up for.
const maxHeaderSearch = 20

// fromTable finds the header, reads section rows and turns the data rows
// into items. fillBy repeats an empty 单位/个人 cell from the row above within
// a group (for CSV exports of merged cells).
func fromTable(name string, rows []tableRow, fillBy bool) ([]item, error) {
	hdr, fields := -1, []field(nil)
	best, bestKnown, seen := -1, 0, 0
	for i, r := range rows {
		if isEmptyRow(r.cells) {
			continue
		}
		if seen++; seen > maxHeaderSearch {
			break
		}
		fs := make([]field, len(r.cells))
		known, text := 0, false
		for j, c := range r.cells {
			fs[j] = columnField(c)
			if fs[j] != fNone {
				known++
			}
			text = text || fs[j] == fText
		}
		if text {
			hdr, fields = i, fs
			break
		}
		if best < 0 || known > bestKnown {
			best, bestKnown = i, known
		}
	}
	if hdr < 0 {
		if best < 0 {
			return nil, &ImportError{File: name, Err: ErrNoHeader}
		}
		return nil, noTextColumn(name, rows[best].num, rows[best].cells)
	}
	header := rows[hdr].cells
	textCol, mapped := -1, 0
	for j, f := range fields {
		if f == fText && textCol < 0 {
			textCol = j
		}
		if f != fNone {
			mapped++
		}
	}
	var items []item
	group, lastBy := "", ""
	for _, r := range rows[hdr+1:] {
		n, only := 0, -1
		for j, c := range r.cells {
			if j < len(fields) && c != "" {
				n, only = n+1, j
			}
		}
		if n == 0 {
			continue
		}
		if n == 1 && isSection(r.cells[only], only == textCol, mapped > 1, fields[only]) {
			group, lastBy = r.cells[only], ""
			continue
		}
		it := item{row: r.num, group: group}
		for j, f := range fields {
			c := ""
			if j < len(r.cells) {
				c = r.cells[j]
			}
			if f == fNone {
				continue
			}
			if f == fBy && fillBy {
				if c == "" {
					c = lastBy
				}
				lastBy = c
			}
			it.cells = append(it.cells, cell{col: header[j], f: f, val: c})
		}
		items = append(items, it)
	}
	return items, nil
}

// isSection reports whether a row's only non-empty cell is a section
// heading rather than a comment with everything else left blank: a lone
// number is a (bad) comment row; a lone comment text is a comment unless it
// reads like a heading and the table has other columns.
func isSection(s string, inText, otherCols bool, f field) bool {
	switch {
	case isDigits(s):
		return false
	case inText:
		return otherCols && looksLikeHeading(s)
	case f == fBy || f == fStatus:
		// 单位 alone or a disposition alone is a comment row missing its text.
		return looksLikeHeading(s)
	}
	return true
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return s != ""
}

// looksLikeHeading recognises a short numbered heading: 一、… （一）… 第一部分…
// Part 1 …
func looksLikeHeading(s string) bool {
	if strings.ContainsRune(s, '\n') || utf8.RuneCountInString(s) > 60 {
		return false
	}
	r := []rune(s)
	i := 0
	open := i < len(r) && (r[i] == '（' || r[i] == '(')
	if open {
		i++
	}
	start := i
	for i < len(r) && strings.ContainsRune("一二三四五六七八九十百零〇", r[i]) {
		i++
	}
	if i > start && i < len(r) {
		if open {
			return r[i] == '）' || r[i] == ')'
		}
		return strings.ContainsRune("、.．", r[i])
	}
	if !open && len(r) > 0 && r[0] == '第' {
		return strings.ContainsAny(s, "部分章节编")
	}
	low := strings.ToLower(s)
	return strings.HasPrefix(low, "part ") || strings.HasPrefix(low, "section ")
}

func isEmptyRow(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// readCSV decodes a CSV (or TSV) file and reads it as a table.
func readCSV(name string, data []byte, tab bool) ([]item, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, &ImportError{File: name, Err: err}
	}
	comma := ','
	if tab {
		comma = '\t'
	} else {
		comma = sniffComma(text)
	}
	rows, err := parseCSV(text, comma, false)
	var tl *rowLimitError
	if errors.As(err, &tl) {
		return nil, tooManyRows(name, tl.row)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
		// A stray " inside an unquoted cell (often pasted from the document)
		// is taken literally rather than refusing the file.
		rows, err = parseCSV(text, comma, true)
		if errors.As(err, &tl) {
			return nil, tooManyRows(name, tl.row)
		}
	}
	if errors.As(err, &pe) {
		return nil, &ImportError{File: name, Row: pe.Line, Err: fmt.Errorf("%v (character %d)", pe.Err, pe.Column)}
	}
	if err != nil {
		return nil, &ImportError{File: name, Err: err}
	}
	return fromTable(name, rows, true)
}

func parseCSV(text string, comma rune, lazy bool) ([]tableRow, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	var rows []tableRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		for i := range rec {
			rec[i] = cleanCell(rec[i])
		}
		if len(rows) == limits.CommentRows+1 { // the header and CommentRows rows
			return nil, &rowLimitError{line}
		}
		rows = append(rows, tableRow{num: line, cells: rec})
	}
}

// rowLimitError stops parseCSV at the row past limits.CommentRows.
type rowLimitError struct{ row int }

func (e *rowLimitError) Error() string { return "too many rows" }

// sniffComma picks the delimiter of the first line: the most frequent of
// comma, tab and semicolon outside quotes (comma when none).
func sniffComma(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if r == '\n' {
			break
		}
		counts[r]++
	}
	comma := ','
	for _, c := range []rune{'\t', ';'} {
		if counts[c] > counts[comma] {
			comma = c
		}
	}
	return comma
}

// decodeText returns data as UTF-8 text as charset.Decode decides (the same
// rule as for documents: UTF-8 with or without a byte-order mark, UTF-16
// with one, GB18030; lone CR line ends made LF).
func decodeText(data []byte) (string, error) {
	d, err := charset.Decode(data)
	var ce *charset.Error
	switch {
	case errors.Is(err, charset.ErrBinary) && errors.As(err, &ce):
		return "", fmt.Errorf("%w (binary content: a NUL byte on line %d%s)", ErrEncoding, ce.Line, suspected(ce))
	case errors.As(err, &ce):
		return "", fmt.Errorf("%w (the first byte that is not UTF-8 is on line %d%s)", ErrEncoding, ce.Line, suspected(ce))
	}
	return string(d.Text), nil
}

// suspected says which encoding undecodable bytes look like, if one fits.
func suspected(ce *charset.Error) string {
	if ce.Suspect == "" {
		return ""
	}
	return "; it looks like " + ce.Suspect + ": save it as UTF-8"
}
