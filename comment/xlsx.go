package comment

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/redline-docs/redline/internal/limits"
)

// Limits on what an XLSX file may make the reader do (with limits.XLSXPart
// and limits.XLSXEntries).
const (
	maxXLSXCol  = 16384   // XFD, Excel's last column
	maxXLSXRow  = 1048576 // Excel's last row
	maxXLSXGrid = 4 << 20 // cells, empty ones included, the rows may span in all
	maxMerges   = 10000
)

var errXLSX = errors.New("not a readable XLSX workbook")

// readXLSX reads the first worksheet of an XLSX workbook with archive/zip
// and encoding/xml: shared and inline strings, cell references (so empty
// cells keep their place) and vertically merged cells (the top cell's value
// fills the cells below it, as a reader of the sheet sees it).
func readXLSX(name string, data []byte) ([]item, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &ImportError{File: name, Err: fmt.Errorf("%w: %v", errXLSX, err)}
	}
	if len(zr.File) > limits.XLSXEntries {
		return nil, &ImportError{File: name, Err: fmt.Errorf("%w: %d entries in its zip, more than the limit of %d: %w", errXLSX, len(zr.File), limits.XLSXEntries, limits.ErrTooLarge)}
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")] = f
	}
	sheet, shared := sheetParts(files)
	if files[sheet] == nil {
		return nil, &ImportError{File: name, Err: fmt.Errorf("%w: no worksheet", errXLSX)}
	}
	var strs []string
	if f := files[shared]; f != nil {
		if strs, err = readSharedStrings(f); err != nil {
			return nil, &ImportError{File: name, Err: fmt.Errorf("%w: %s: %v", errXLSX, shared, err)}
		}
	}
	rows, err := readSheet(files[sheet], strs)
	if err != nil {
		return nil, &ImportError{File: name, Err: fmt.Errorf("%w: %s: %v", errXLSX, sheet, err)}
	}
	return fromTable(name, rows, false)
}

// sheetParts finds the first worksheet and the shared strings through the
// workbook and its relationships, falling back on the usual names.
func sheetParts(files map[string]*zip.File) (sheet, shared string) {
	sheet, shared = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
	var wb struct {
		Sheets []struct {
			// r:id, in the transitional or the strict relationships namespace.
			RID string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if decodePart(files["xl/workbook.xml"], &wb) != nil || decodePart(files["xl/_rels/workbook.xml.rels"], &rels) != nil {
		return firstSheet(files, sheet), shared
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return strings.TrimPrefix(path.Clean(t), "/")
		}
		return path.Join("xl", t)
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			shared = target(r.Target)
		}
	}
	if len(wb.Sheets) > 0 {
		for _, r := range rels.Rel {
			if r.ID == wb.Sheets[0].RID {
				return target(r.Target), shared
			}
		}
	}
	return firstSheet(files, sheet), shared
}

func firstSheet(files map[string]*zip.File, def string) string {
	if files[def] != nil {
		return def
	}
	var names []string
	for n := range files {
		if strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		return names[0]
	}
	return def
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return errXLSX
	}
	rc, err := openPart(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// limited fails a read past limits.XLSXPart instead of truncating silently.
type limited struct {
	io.ReadCloser
	left int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, fmt.Errorf("larger than %s decompressed, the limit for a part of a workbook: %w", limits.Size(limits.XLSXPart), limits.ErrTooLarge)
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.ReadCloser.Read(p)
	l.left -= int64(n)
	return n, err
}

func openPart(f *zip.File) (io.ReadCloser, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &limited{rc, limits.XLSXPart}, nil
}

// readSharedStrings reads xl/sharedStrings.xml: each <si> is the text of
// its <t> elements, phonetic runs (<rPh>) left out.
func readSharedStrings(f *zip.File) ([]string, error) {
	rc, err := openPart(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		out          []string
		b            strings.Builder
		inSI, inT    bool
		phoneticDeep int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				b.Reset()
			case "rPh":
				phoneticDeep++
			case "t":
				inT = inSI && phoneticDeep == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, b.String())
				inSI = false
			case "rPh":
				phoneticDeep--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
}

// readSheet reads a worksheet's rows. Cells are placed by their reference
// (C5), or after the previous cell when it has none.
func readSheet(f *zip.File, strs []string) ([]tableRow, error) {
	rc, err := openPart(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		rows    []tableRow
		merges  []string
		row     *tableRow
		rowNum  int
		col     int
		typ     string
		v, is   strings.Builder
		inV     bool
		inIS    int // depth inside <is>, for its <t> text
		inT     bool
		phDepth int
		grid    int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowNum++
				if r := attr(t, "r"); r != "" {
					n, err := strconv.Atoi(r)
					if err != nil || n < 1 || n > maxXLSXRow {
						return nil, fmt.Errorf("bad row number %q", r)
					}
					rowNum = n
				}
				if len(rows) > limits.CommentRows {
					return nil, fmt.Errorf("more than %d rows, the limit for a comment file: %w", limits.CommentRows, limits.ErrTooLarge)
				}
				rows = append(rows, tableRow{num: rowNum})
				row = &rows[len(rows)-1]
				col = 0
			case "c":
				if row == nil {
					return nil, errors.New("cell outside a row")
				}
				col++
				if ref := attr(t, "r"); ref != "" {
					c, r, ok := cellRef(ref)
					if !ok || (r != 0 && r != row.num) {
						return nil, fmt.Errorf("bad cell reference %q in row %d", ref, row.num)
					}
					col = c
				}
				if col > maxXLSXCol {
					return nil, fmt.Errorf("column beyond %d in row %d", maxXLSXCol, row.num)
				}
				typ = attr(t, "t")
				v.Reset()
				is.Reset()
			case "v":
				inV = true
			case "is":
				inIS++
			case "rPh":
				phDepth++
			case "t":
				inT = inIS > 0 && phDepth == 0
			case "mergeCell":
				if len(merges) < maxMerges {
					merges = append(merges, attr(t, "ref"))
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIS--
			case "rPh":
				phDepth--
			case "t":
				inT = false
			case "c":
				val, err := cellValue(typ, v.String(), is.String(), strs)
				if err != nil {
					return nil, fmt.Errorf("row %d column %d: %v", row.num, col, err)
				}
				if val = cleanCell(val); val != "" {
					if col > len(row.cells) {
						if grid += col - len(row.cells); grid > maxXLSXGrid {
							return nil, errors.New("sheet too large")
						}
					}
					for len(row.cells) < col {
						row.cells = append(row.cells, "")
					}
					row.cells[col-1] = val
				}
			case "row":
				row = nil
			}
		case xml.CharData:
			switch {
			case inV:
				v.Write(t)
			case inT:
				is.Write(t)
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].num < rows[j].num })
	fillMerges(rows, merges)
	return rows, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// cellValue is the text of a cell by its type.
func cellValue(typ, v, inline string, strs []string) (string, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(strs) {
			return "", fmt.Errorf("bad shared string index %q", v)
		}
		return strs[i], nil
	case "inlineStr":
		return inline, nil
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "TRUE", nil
		case "0":
			return "FALSE", nil
		}
	}
	return v, nil
}

// cellRef parses "C5" into column 3 and row 5 (row 0 when only a column is
// given).
func cellRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' || i < len(ref) && ref[i] >= 'a' && ref[i] <= 'z' {
		c := ref[i]
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		col = col*26 + int(c-'A'+1)
		if col > maxXLSXCol {
			return 0, 0, false
		}
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	if i == len(ref) {
		return col, 0, true
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > maxXLSXRow {
		return 0, 0, false
	}
	return col, row, true
}

// fillMerges copies the top cell of each vertically merged range into the
// rows below it that the sheet has. A range's columns beyond the first are
// filled the same way only from their own top cells, so a heading merged
// across the columns stays one cell.
func fillMerges(rows []tableRow, merges []string) {
	index := make(map[int]int, len(rows))
	for i, r := range rows {
		if _, dup := index[r.num]; !dup {
			index[r.num] = i
		}
	}
	for _, m := range merges {
		a, b, ok := strings.Cut(m, ":")
		if !ok {
			continue
		}
		c1, r1, ok1 := cellRef(a)
		c2, r2, ok2 := cellRef(b)
		if !ok1 || !ok2 || r1 == 0 || r2 <= r1 || c2 < c1 {
			continue
		}
		top, ok := index[r1]
		if !ok {
			continue
		}
		for c := c1; c <= c2; c++ {
			if c > len(rows[top].cells) || rows[top].cells[c-1] == "" {
				continue
			}
			val := rows[top].cells[c-1]
			for i := top + 1; i < len(rows) && rows[i].num <= r2; i++ {
				for len(rows[i].cells) < c {
					rows[i].cells = append(rows[i].cells, "")
				}
				if rows[i].cells[c-1] == "" {
					rows[i].cells[c-1] = val
				}
			}
		}
	}
}
