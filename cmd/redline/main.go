// Command redline versions policy documents and laws clause by clause: it
// records drafts as revisions, anchors comments to clauses, and shows the
// annotated redline of any two stages. Run "redline help" for the commands.
package main

import "os"

// atExit runs before the process exits; a profiling build sets it.
var atExit = func() {}

func main() {
	code := Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	atExit()
	os.Exit(code)
}
