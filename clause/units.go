package clause

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// roleWords are the words that open a responsibility trailer, longest first
// where one is a prefix of another.
var roleWords = [...]struct {
	w string
	r Role
}{
	{"责任单位", RoleResponsible},
	{"责任部门", RoleResponsible},
	{"责任主体", RoleResponsible},
	{"负责单位", RoleResponsible},
	{"牵头单位", RoleLead},
	{"牵头部门", RoleLead},
	{"配合单位", RoleSupport},
	{"配合部门", RoleSupport},
	{"参与单位", RoleSupport},
	{"协同单位", RoleSupport},
	{"协办单位", RoleSupport},
	{"Responsible units", RoleResponsible},
	{"Responsible unit", RoleResponsible},
	{"Lead unit", RoleLead},
	{"Supporting units", RoleSupport},
}

// roleAt reads a role word and its colon at the start of s (after spaces)
// and returns the role and the length read.
func roleAt(s string) (Role, int, bool) {
	head := s
	if len(head) > 48 {
		head = head[:48]
	}
	if strings.IndexByte(head, ':') < 0 && !strings.Contains(head, "：") {
		return 0, 0, false
	}
	i := len(s) - len(strings.TrimLeft(s, " \t\u3000"))
	for _, w := range roleWords {
		if strings.HasPrefix(s[i:], w.w) {
			j := i + len(w.w)
			j += len(s[j:]) - len(strings.TrimLeft(s[j:], " \t\u3000"))
			if strings.HasPrefix(s[j:], "：") {
				return w.r, j + len("："), true
			}
			if strings.HasPrefix(s[j:], ":") {
				return w.r, j + 1, true
			}
		}
	}
	return 0, 0, false
}

// trailer finds a responsibility trailer at the end of a clause's body:
// （责任单位：市科技局、市经信局） or (牵头单位:…；配合单位:…), or a last
// line or sentence "责任单位：…". It returns where the trailer starts in
// body and the units named.
func trailer(body string) (start int, units []Unit) {
	// Cheap rejection: a trailer has a colon near the end.
	tail := body
	if len(tail) > 800 {
		tail = tail[len(tail)-800:]
	}
	if !strings.Contains(tail, "：") && strings.IndexByte(tail, ':') < 0 {
		return -1, nil
	}
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
			return -1, nil
		}
		if _, _, ok := roleAt(inner); !ok {
			return -1, nil
		}
	} else {
		s := strings.LastIndexAny(t, "\n。")
		if s < 0 {
			return -1, nil
		}
		_, size := utf8.DecodeRuneInString(t[s:])
		s += size
		if _, _, ok := roleAt(t[s:]); !ok {
			return -1, nil
		}
		start, inner = s, t[s:]
	}
	role := RoleResponsible
	for _, piece := range splitUnits(inner) {
		if r, n, ok := roleAt(piece); ok {
			role, piece = r, piece[n:]
		}
		name := strings.TrimSpace(piece)
		r := role
		for _, lead := range []string{"（牵头）", "(牵头)"} {
			if strings.HasSuffix(name, lead) {
				name, r = strings.TrimSpace(strings.TrimSuffix(name, lead)), RoleLead
			}
		}
		if name != "" {
			units = append(units, Unit{Name: name, Role: r})
		}
	}
	if len(units) == 0 {
		return -1, nil
	}
	return start, units
}

// splitUnits splits a trailer at 、，,；; and line breaks, outside brackets.
func splitUnits(s string) []string {
	out := make([]string, 0, 8)
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		sep := 0
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',', ';', '\n':
			sep = 1
		case 0xEF: // （ ） ， ；
			if i+2 < len(s) && s[i+1] == 0xBC {
				switch s[i+2] {
				case 0x88:
					depth++
				case 0x89:
					depth--
				case 0x8C, 0x9B:
					sep = 3
				}
			}
		case 0xE3: // 、
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x81 {
				sep = 3
			}
		}
		if sep > 0 && depth <= 0 {
			out = append(out, s[from:i])
			from = i + sep
			i += sep - 1
		}
	}
	return append(out, s[from:])
}

// setUnits parses the trailer of n's body and records it, with its byte
// range in Src. It returns the body without the trailer.
func setUnits(n *Node, body string) (rest string) {
	start, units := trailer(body)
	if start < 0 {
		return body
	}
	n.Units = units
	raw := n.doc.Src[n.Start:n.HeadEnd]
	// Find the trailer in the source: its role word, back to its opening
	// bracket, then forward to its last name and closing bracket.
	head := strings.TrimLeft(body[start:], "（( \t\u3000")
	_, kwLen, _ := roleAt(head)
	if kwLen > len(head) {
		kwLen = len(head)
	}
	word := strings.TrimRight(head[:kwLen], "：: \t\u3000")
	lo := bytes.LastIndex(raw, []byte(word))
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
	hi := len(raw)
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
	n.UnitsStart, n.UnitsEnd = n.Start+lo, n.Start+hi
	return strings.TrimSpace(body[:start])
}
