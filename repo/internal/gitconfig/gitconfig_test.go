package gitconfig

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// initConfig is what redline init (and go-git before it) writes.
const initConfig = "[core]\n\tfilemode = true\n\tbare = false\n\trepositoryformatversion = 0\n"

func TestGet(t *testing.T) {
	for _, tc := range []struct {
		name, cfg, section, sub, key, want string
	}{
		{"init", initConfig, "core", "", "repositoryformatversion", "0"},
		{"case", "[Core]\n\tRepositoryFormatVersion = 1\n", "core", "", "repositoryFormatVersion", "1"},
		{"last wins", "[user]\n\tname = a\n[user]\n\tname = b\n", "user", "", "name", "b"},
		{"spaces", "[user]\n  name   =   起草组  组 \n", "user", "", "name", "起草组  组"},
		{"tab inside", "[user]\nname = a\tb\n", "user", "", "name", "a\tb"},
		{"quoted", "[user]\n\tname = \" 起草组 \"\n", "user", "", "name", " 起草组 "},
		{"escapes", "[a]\n\tb = x\\ty\\nz\\\\\\\"\n", "a", "", "b", "x\ty\nz\\\""},
		{"comment", "# c\n; c\n[user] # c\n\temail = d@x ; c\n", "user", "", "email", "d@x"},
		{"quoted comment char", "[user]\n\temail = \"d#x;\"\n", "user", "", "email", "d#x;"},
		{"continued", "[user]\n\tname = a\\\nb\n", "user", "", "name", "ab"},
		{"bool", "[core]\n\tbare\n", "core", "", "bare", "true"},
		{"empty", "[core]\n\tbare =\n", "core", "", "bare", ""},
		{"subsection", "[remote \"origin\"]\n\turl = u\n[remote]\n\turl = v\n", "remote", "origin", "url", "u"},
		{"subsection case", "[remote \"Origin\"]\n\turl = u\n", "remote", "origin", "url", ""},
		{"subsection escape", "[a \"x\\\"y\"]\n\tk = v\n", "a", "x\"y", "k", "v"},
		{"old subsection", "[remote.Origin]\n\turl = u\n", "remote", "origin", "url", "u"},
		{"same line", "[user] name = a\n", "user", "", "name", "a"},
		{"crlf", "[user]\r\n\tname = a\r\n", "user", "", "name", "a"},
		{"bom", "\xef\xbb\xbf[user]\n\tname = a\n", "user", "", "name", "a"},
		{"no newline", "[user]\n\tname = a", "user", "", "name", "a"},
		{"unset", initConfig, "user", "", "name", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse([]byte(tc.cfg))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Get(tc.section, tc.sub, tc.key); got != tc.want {
				t.Errorf("Get = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	c, err := Parse([]byte("[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectFormat = sha256\n\tnoop = true\n[extensions \"x\"]\n\ty = 1\n[extensions]\n\tnoop = false\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Keys("Extensions"), " "); got != "objectformat noop" {
		t.Errorf("Keys = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"name = a\n", "[core\n", "[]\n", "[a \"b]\n", "[a \"b\"\n", "[a b]\n", "[a]\n\t=x\n",
		"[a]\n\tb = \"x\n", "[a]\n\tb = x\\q\n", "[a]\n\t1b = x\n", "[a]\n\tb c\n", "[a]\n\tb = x\\",
	} {
		if _, err := Parse([]byte(in)); !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q) = %v, want ErrSyntax", in, err)
		}
	}
}

// Every entry of a config reads as git config --list reads it.
func TestMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cfg := "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n" +
		"[remote \"origin\"]\n\turl = https://example.gov.cn/plan.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n" +
		"[branch \"main\"]\n\tremote = origin\n\tmerge = refs/heads/main\n" +
		"[user]\n\tname = \"起草 组\" ; comment\n\temail = d@example.gov.cn # comment\n" +
		"[Alias] st = status\n[alias]\n\tlg = log \\\n --oneline\\t\"#x\"\n\tflag\n[Section.Sub]\n\tKey = v\n"
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "config", "--file", path, "--list", "--null").Output()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse([]byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, item := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		k, v, ok := strings.Cut(item, "\n")
		if !ok {
			v = "true"
		}
		want = append(want, k+"="+v)
	}
	var got []string
	for _, e := range c.Entries {
		k := e.Section
		if e.Subsection != "" {
			k += "." + e.Subsection
		}
		got = append(got, k+"."+e.Key+"="+e.Value)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parsed:\n%s\ngit:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzParse: no input panics, and what parses has lower-case section
// and key names.
func FuzzParse(f *testing.F) {
	f.Add([]byte(initConfig))
	f.Add([]byte("[remote \"o\\\"x\"]\n\turl = \"a b\" ; c\n\tk = x\\\ny\n[a.B] c\n"))
	f.Add([]byte("\xef\xbb\xbf[user] name = a\\t\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		for _, e := range c.Entries {
			if e.Section != strings.ToLower(e.Section) || e.Key != strings.ToLower(e.Key) || e.Key == "" {
				t.Fatalf("entry %+v", e)
			}
			if c.Get(e.Section, e.Subsection, e.Key) == "" && e.Value != "" && len(c.Entries) == 1 {
				t.Fatalf("Get misses %+v", e)
			}
		}
	})
}
