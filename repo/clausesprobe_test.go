package repo

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/revision"
)

var update = flag.Bool("update", false, "rewrite clausesprobe.txt")

// TestClausesProbe is what makes the clauses cache's version follow the
// rules it caches the result of: clausesprobe.txt must hold the hash of
// what revision.ClausesOf gives now for the parser's probe documents. After
// a change to those rules that changes it, rewrite it with -update (entries
// cached by earlier builds are then rewritten, not trusted).
func TestClausesProbe(t *testing.T) {
	got := clausesProbeHash()
	if *update {
		if err := os.WriteFile("clausesprobe.txt", []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := strings.TrimSpace(clausesProbe); got != want {
		t.Fatalf("revision.ClausesOf of the probe documents changed (hash %s, clausesprobe.txt says %s): "+
			"run go test ./repo -run TestClausesProbe -update so that cached clauses are rewritten", got, want)
	}
	if v := clausesVersion(); len(v) != 64 {
		t.Fatalf("clausesVersion() = %q", v)
	}
}

// clausesProbeHash is the hash clausesprobe.txt must hold: of
// revision.ClausesOf for each probe document, with ids c1, c2 …
func clausesProbeHash() string {
	h := sha256.New()
	for _, d := range clause.Probe() {
		n := len(d.Clauses())
		ids := make([]string, n)
		for i := range ids {
			ids[i] = "c" + strconv.Itoa(i+1)
		}
		c := revision.ClausesOf(d, ids)
		put := func(s string) { h.Write([]byte(strconv.Itoa(len(s)) + ":" + s)) }
		put(c.Lang)
		for _, x := range c.List {
			put(x.ID)
			put(x.Label)
			put(x.Parent)
			put(x.Text)
			put(x.Body)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
