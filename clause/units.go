package clause

import (
	"bytes"
	"strings"
)

// roleWordsEN are the English words that open a responsibility trailer;
// the Chinese ones (责任单位, 牵头单位, 配合单位 …) are matched in roleAt.
var roleWordsEN = [...]struct {
	w string
	r Role
}{
	{"Responsible units", RoleResponsible},
	{"Responsible unit", RoleResponsible},
	{"Lead unit", RoleLead},
	{"Supporting units", RoleSupport},
}

// roleAt reads a role word and its colon at the start of s (after spaces)
// and returns the role and the length read.
func roleAt(s string) (Role, int, bool) {
	i := skipSpacesString(s, 0)
	var r Role
	n := 0
	if len(s) >= i+12 {
		switch s[i : i+12] {
		case "责任单位", "责任部门", "责任主体", "负责单位":
			r, n = RoleResponsible, 12
		case "牵头单位", "牵头部门":
			r, n = RoleLead, 12
		case "配合单位", "配合部门", "参与单位", "协同单位", "协办单位":
			r, n = RoleSupport, 12
		}
	}
	if n == 0 && i < len(s) && s[i] < 0x80 {
		for _, w := range roleWordsEN {
			if strings.HasPrefix(s[i:], w.w) {
				r, n = w.r, len(w.w)
				break
			}
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	j := skipSpacesString(s, i+n)
	if strings.HasPrefix(s[j:], "：") {
		return r, j + len("："), true
	}
	if strings.HasPrefix(s[j:], ":") {
		return r, j + 1, true
	}
	return 0, 0, false
}

// skipSpacesString skips blanks and U+3000 from s[i:].
func skipSpacesString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t':
			i++
		case len(s) >= i+3 && s[i] == 0xE3 && s[i+1] == 0x80 && s[i+2] == 0x80:
			i += 3
		default:
			return i
		}
	}
	return i
}

// trailer finds a responsibility trailer at the end of a clause's body:
// （责任单位：市科技局、市经信局） or (牵头单位:…；配合单位:…), or a last
// line or sentence "责任单位：…". It returns where the trailer starts in
// body and the units named.
// Units are appended to *buf, which many clauses share: the slice returned
// has its capacity capped, so appending to one clause's units never writes
// over another's.
func trailer(body string, buf *[]Unit) (start, end int, units []Unit) {
	t := strings.TrimRightFunc(body, func(r rune) bool {
		switch r {
		case '。', '；', ';', '.', '，', ',', ' ', '\t', '\n', '\u3000':
			return true
		}
		return false
	})
	inner, start := "", -1
	if strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")") {
		// Walk back to the matching opening bracket, byte by byte: the
		// brackets are ( ) and the full-width EF BC 88 / EF BC 89.
		depth := 0
		for i := len(t) - 1; i >= 0; i-- {
			c := t[i]
			if c != '(' && c != ')' && c != 0x88 && c != 0x89 {
				continue
			}
			switch {
			case c == ')' || c == 0x89 && i >= 2 && t[i-1] == 0xBC && t[i-2] == 0xEF:
				depth++
			case c == '(' || c == 0x88 && i >= 2 && t[i-1] == 0xBC && t[i-2] == 0xEF:
				depth--
			default:
				continue
			}
			if depth == 0 {
				open, close := 1, 1
				if c != '(' {
					open, i = 3, i-2
				}
				if t[len(t)-1] != ')' {
					close = 3
				}
				start, inner = i, t[i+open:len(t)-close]
				break
			}
		}
		if start < 0 {
			return -1, -1, nil
		}
		if _, _, ok := roleAt(inner); !ok {
			return -1, -1, nil
		}
	} else {
		// The last line or the last sentence.
		s := sentenceStart(t)
		if s == 0 {
			return -1, -1, nil
		}
		if _, _, ok := roleAt(t[s:]); !ok {
			return -1, -1, nil
		}
		start, inner = s, t[s:]
	}
	role := RoleResponsible
	if cap(*buf)-len(*buf) < 32 {
		// A new chunk; clauses keep pointing into the old ones.
		*buf = make([]Unit, 0, 1024)
	}
	base := len(*buf)
	for i := 0; i <= len(inner); {
		piece, next := nextUnit(inner, i)
		i = next
		if r, n, ok := roleAt(piece); ok {
			role, piece = r, piece[n:]
		}
		name := trim(piece)
		r := role
		if strings.HasSuffix(name, "牵头）") || strings.HasSuffix(name, "牵头)") {
			for _, lead := range []string{"（牵头）", "(牵头)"} {
				if strings.HasSuffix(name, lead) {
					name, r = trim(strings.TrimSuffix(name, lead)), RoleLead
				}
			}
		}
		if name != "" {
			*buf = append(*buf, Unit{Name: name, Role: r})
		}
	}
	units = (*buf)[base:len(*buf):len(*buf)]
	if len(units) == 0 {
		return -1, -1, nil
	}
	return start, len(t), units
}

// nextUnit returns the piece of a trailer from byte i to the next 、，,；;
// or line break outside brackets, and where the piece after it starts
// (len(s)+1 after the last).
func nextUnit(s string, i int) (piece string, next int) {
	depth := 0
	for j := i; j < len(s); j++ {
		c := s[j]
		if !unitByte[c] {
			continue
		}
		sep := 0
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',', ';', '\n':
			sep = 1
		case 0xEF: // （ ） ， ；
			if j+2 < len(s) && s[j+1] == 0xBC {
				switch s[j+2] {
				case 0x88:
					depth++
				case 0x89:
					depth--
				case 0x8C, 0x9B:
					sep = 3
				}
			}
		case 0xE3: // 、
			if j+2 < len(s) && s[j+1] == 0x80 && s[j+2] == 0x81 {
				sep = 3
			}
		}
		if sep > 0 && depth <= 0 {
			return s[i:j], j + sep
		}
	}
	return s[i:], len(s) + 1
}

// sentenceStart returns where the last line or sentence of t starts: after
// the last line break or 。, or 0.
func sentenceStart(t string) int {
	for i := len(t) - 1; i >= 0; i-- {
		switch c := t[i]; {
		case c == '\n':
			return i + 1
		case c == 0x82 && i >= 2 && t[i-1] == 0x80 && t[i-2] == 0xE3: // 。
			return i + 1
		}
	}
	return 0
}

// unitByte marks the bytes nextUnit looks at: brackets, separators and
// the lead bytes of （）、，；.
var unitByte = [256]bool{'(': true, ')': true, ',': true, ';': true, '\n': true, 0xE3: true, 0xEF: true}

// setUnits parses the trailer of n's body and records it, with its byte
// range in Src. It returns the body without the trailer.
func setUnits(n *Node, body string, buf *[]Unit) (rest string) {
	start, end, units := trailer(body, buf)
	if start < 0 {
		return body
	}
	tr := body[start:end]
	n.Units = units
	raw := n.doc.Src[n.Start:n.HeadEnd]
	lo, hi, ok := 0, 0, false
	if strings.HasPrefix(tr, "（") || strings.HasPrefix(tr, "(") {
		// Usually the source ends with the trailer exactly as cleaned;
		// else walk back over the brackets.
		hi = trimEnd(raw)
		if bytes.HasSuffix(raw[:hi], []byte(tr)) {
			lo, ok = hi-len(tr), true
		} else {
			lo, ok = bracketStart(raw, hi)
		}
	}
	if !ok {
		lo, hi = trailerBySearch(raw, tr, units)
	}
	n.UnitsStart, n.UnitsEnd = n.Start+lo, n.Start+hi
	return trim(body[:start])
}

// trimEnd returns the end of raw without trailing blanks and 。；; .
func trimEnd(raw []byte) int {
	hi := len(raw)
	for hi > 0 {
		if s := spaceBefore(raw[:hi]); s > 0 {
			hi -= s
		} else if raw[hi-1] == '\n' || raw[hi-1] == ';' || raw[hi-1] == '.' {
			hi--
		} else if hi >= 3 && raw[hi-3] == 0xE3 && raw[hi-2] == 0x80 && raw[hi-1] == 0x82 { // 。
			hi -= 3
		} else if hi >= 3 && raw[hi-3] == 0xEF && raw[hi-2] == 0xBC && raw[hi-1] == 0x9B { // ；
			hi -= 3
		} else {
			break
		}
	}
	return hi
}

// bracketStart finds the opening bracket of the bracketed group that ends
// raw[:hi].
func bracketStart(raw []byte, hi int) (lo int, ok bool) {
	depth := 0
	for i := hi - 1; i >= 0; i-- {
		c := raw[i]
		switch {
		case c == ')' || c == 0x89 && i >= 2 && raw[i-1] == 0xBC && raw[i-2] == 0xEF:
			depth++
		case c == '(' || c == 0x88 && i >= 2 && raw[i-1] == 0xBC && raw[i-2] == 0xEF:
			depth--
			if depth == 0 {
				if c != '(' {
					i -= 2
				}
				return i, true
			}
		default:
			if depth == 0 {
				return 0, false // raw does not end with a bracket
			}
		}
	}
	return 0, false
}

// trailerBySearch locates a trailer in the source by its role word and its
// last unit's name, for trailers without brackets or followed by page
// furniture.
func trailerBySearch(raw []byte, tr string, units []Unit) (lo, hi int) {
	head := strings.TrimLeft(tr, "（( \t\u3000")
	_, kwLen, _ := roleAt(head)
	if kwLen > len(head) {
		kwLen = len(head)
	}
	word := strings.TrimRight(head[:kwLen], "：: \t\u3000")
	lo = bytes.LastIndex(raw, []byte(word))
	if lo < 0 {
		lo = 0
	}
	if k := lo - spaceBefore(raw[:lo]); k > 0 {
		if raw[k-1] == '(' {
			lo = k - 1
		} else if k >= 3 && string(raw[k-3:k]) == "（" {
			lo = k - 3
		}
	}
	last := []byte(units[len(units)-1].Name)
	hi = len(raw)
	if j := bytes.LastIndex(raw, last); j >= lo {
		hi = j + len(last)
		if k := skipSpaces(raw, hi); k < len(raw) {
			if c := closeParenAt(raw[k:]); c > 0 {
				hi = k + c
			}
		}
	} else {
		hi = len(raw) - spaceBefore(raw)
	}
	return lo, hi
}
