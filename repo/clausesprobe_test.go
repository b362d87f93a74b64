package repo

import (
	"flag"
	"os"
	"strings"
	"testing"
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
