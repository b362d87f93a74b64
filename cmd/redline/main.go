// Command redline versions policy documents and laws clause by clause: it
// records drafts as revisions, anchors comments to clauses, and shows the
// annotated redline of any two stages. Run "redline help" for the commands.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
