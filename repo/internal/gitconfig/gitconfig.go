// Package gitconfig reads git's config file format (.git/config): the
// subset redline needs to read user.name, user.email,
// core.repositoryformatversion and extensions.*, but the whole syntax, so
// that any config git writes parses.
//
// It exists so that the redline binary does not link go-git's config
// packages, whose parser (github.com/go-git/gcfg) brings encoding/gob and
// its init cost to every redline process start-up (see repo/store.go).
package gitconfig

import (
	"errors"
	"fmt"
	"strings"
)

// ErrSyntax is a config file that does not parse.
var ErrSyntax = errors.New("bad config")

// Entry is one variable of a config file, in file order. Section and Key
// are lower case (git compares them without case); Subsection is as
// written.
type Entry struct {
	Section, Subsection, Key, Value string
}

// Config is a parsed config file.
type Config struct {
	Entries []Entry
}

// Get is the value of section[.subsection].key, the last one when it is
// set more than once (git's rule); "" if it is not set. A key without
// "= value" is "true", as git reads it.
func (c *Config) Get(section, subsection, key string) string {
	v, _ := c.Lookup(section, subsection, key)
	return v
}

// Lookup is Get, also saying whether the key is set at all.
func (c *Config) Lookup(section, subsection, key string) (string, bool) {
	section, key = strings.ToLower(section), strings.ToLower(key)
	for i := len(c.Entries) - 1; i >= 0; i-- {
		e := c.Entries[i]
		if e.Section == section && e.Subsection == subsection && e.Key == key {
			return e.Value, true
		}
	}
	return "", false
}

// Keys lists the keys set in section (no subsection), each once, in the
// order first set.
func (c *Config) Keys(section string) []string {
	section = strings.ToLower(section)
	var out []string
	seen := map[string]bool{}
	for _, e := range c.Entries {
		if e.Section == section && e.Subsection == "" && !seen[e.Key] {
			seen[e.Key] = true
			out = append(out, e.Key)
		}
	}
	return out
}

type parser struct {
	s    string
	i    int
	line int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrSyntax, p.line, fmt.Sprintf(format, args...))
}

func (p *parser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *parser) eof() bool { return p.i >= len(p.s) }

func (p *parser) skipSpace() {
	for !p.eof() && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\r') {
		p.i++
	}
}

// skipLine skips to the end of the line, which must hold nothing but a
// comment.
func (p *parser) endLine() error {
	p.skipSpace()
	switch c := p.peek(); c {
	case 0:
		return nil
	case '\n':
		p.i++
		p.line++
		return nil
	case '#', ';':
		for !p.eof() && p.s[p.i] != '\n' {
			p.i++
		}
		return p.endLine()
	default:
		return p.errorf("unexpected %q", c)
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Parse parses a config file.
func Parse(data []byte) (*Config, error) {
	p := &parser{s: string(data), line: 1}
	if strings.HasPrefix(p.s, "\xef\xbb\xbf") {
		p.i = 3 // a UTF-8 byte order mark, which git skips
	}
	c := &Config{}
	section, sub, inSection := "", "", false
	for {
		p.skipSpace()
		if p.eof() {
			return c, nil
		}
		switch ch := p.peek(); {
		case ch == '\n' || ch == '#' || ch == ';':
			if err := p.endLine(); err != nil {
				return nil, err
			}
		case ch == '[':
			var err error
			if section, sub, err = p.header(); err != nil {
				return nil, err
			}
			inSection = true
			// A variable may follow on the same line.
			p.skipSpace()
			if c := p.peek(); c == '\n' || c == '#' || c == ';' || c == 0 {
				if err := p.endLine(); err != nil {
					return nil, err
				}
			}
		case isAlnum(ch):
			if !inSection {
				return nil, p.errorf("variable outside any section")
			}
			key, value, err := p.variable()
			if err != nil {
				return nil, err
			}
			c.Entries = append(c.Entries, Entry{Section: section, Subsection: sub, Key: key, Value: value})
		default:
			return nil, p.errorf("unexpected %q", ch)
		}
	}
}

// header reads "[section]", "[section "subsection"]" or the old
// "[section.subsection]" (whose subsection git lowercases).
func (p *parser) header() (section, sub string, err error) {
	p.i++ // [
	start := p.i
	for !p.eof() && (isAlnum(p.s[p.i]) || p.s[p.i] == '-' || p.s[p.i] == '.') {
		p.i++
	}
	name := strings.ToLower(p.s[start:p.i])
	switch p.peek() {
	case ']':
		p.i++
		if name == "" {
			return "", "", p.errorf("empty section name")
		}
		if dot := strings.IndexByte(name, '.'); dot >= 0 {
			return name[:dot], name[dot+1:], nil
		}
		return name, "", nil
	case ' ', '\t':
		p.skipSpace()
		if p.peek() != '"' || name == "" {
			return "", "", p.errorf("bad section header")
		}
		p.i++
		var b strings.Builder
		for {
			if p.eof() || p.s[p.i] == '\n' {
				return "", "", p.errorf("unterminated subsection name")
			}
			c := p.s[p.i]
			p.i++
			if c == '"' {
				break
			}
			if c == '\\' {
				if p.eof() || p.s[p.i] == '\n' {
					return "", "", p.errorf("unterminated subsection name")
				}
				c = p.s[p.i]
				p.i++
			}
			b.WriteByte(c)
		}
		if p.peek() != ']' {
			return "", "", p.errorf("bad section header")
		}
		p.i++
		return name, b.String(), nil
	default:
		return "", "", p.errorf("bad section header")
	}
}

// variable reads "key", "key = value" up to the end of its line (and of
// the lines a trailing backslash continues it on).
func (p *parser) variable() (key, value string, err error) {
	start := p.i
	for !p.eof() && (isAlnum(p.s[p.i]) || p.s[p.i] == '-') {
		p.i++
	}
	key = strings.ToLower(p.s[start:p.i])
	if c := key[0]; c >= '0' && c <= '9' {
		return "", "", p.errorf("bad variable name %q", key)
	}
	p.skipSpace()
	switch p.peek() {
	case '=':
		p.i++
	case 0, '\n', '#', ';':
		return key, "true", p.endLine()
	default:
		return "", "", p.errorf("bad variable %q", key)
	}
	p.skipSpace()
	var b strings.Builder
	quoted := false
	pending := "" // blanks seen outside quotes, kept only if more follows
	for {
		if p.eof() {
			break
		}
		c := p.s[p.i]
		if c == '\n' {
			if quoted {
				return "", "", p.errorf("unterminated quoted value")
			}
			p.i++
			p.line++
			break
		}
		if c == '\r' && !quoted && (p.i+1 == len(p.s) || p.s[p.i+1] == '\n') {
			p.i++
			continue
		}
		if !quoted && (c == ' ' || c == '\t') {
			pending += string(c)
			p.i++
			continue
		}
		if !quoted && (c == '#' || c == ';') {
			for !p.eof() && p.s[p.i] != '\n' {
				p.i++
			}
			continue
		}
		b.WriteString(pending)
		pending = ""
		p.i++
		switch c {
		case '"':
			quoted = !quoted
		case '\\':
			if p.eof() {
				return "", "", p.errorf("backslash at end of file")
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case '\n':
				p.line++ // continued on the next line
			case '\r':
				if p.peek() == '\n' {
					p.i++
					p.line++
				}
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case '\\', '"':
				b.WriteByte(e)
			default:
				return "", "", p.errorf("bad escape \\%c", e)
			}
		default:
			b.WriteByte(c)
		}
	}
	if quoted {
		return "", "", p.errorf("unterminated quoted value")
	}
	return key, b.String(), nil
}
