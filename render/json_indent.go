package render

// appendIndented appends to dst the compact JSON src (as json.Marshal or an
// Encoder without indentation writes it: no white space outside strings)
// laid out the way json.Indent(dst, src, prefix, indent) lays it out: each
// element on its own line, "key": value, empty [] and {} kept on one line,
// and no newline added at the end.
//
// encoding/json's Indent runs its full scanner over every byte, strings
// included; here a string is copied in one piece up to its closing quote,
// so indenting a diff made mostly of clause text costs about a copy.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for i := 0; i < depth; i++ {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := stringEnd(src, i+1)
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the offset just past the closing quote of the JSON
// string whose contents start at src[i:], or len(src) if it is unclosed.
func stringEnd(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case '"':
			return i + 1
		case '\\':
			i += 2
		default:
			i++
		}
	}
	return len(src)
}
