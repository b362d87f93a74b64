// Command cobrafloor is the start-up floor of a command line built on
// cobra, as redline is: a root command with 20 subcommands and nothing
// else. bench/repo-vs-git.sh times its --help beside redline's and an
// empty Go program's, so that the share of redline's start-up that is
// cobra's own (its packages' initialisation, text/template, reflection,
// a larger program's page faults) is measured, not guessed.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{Use: "floor", Short: "a cobra program that does nothing"}
	for i := range 20 {
		root.AddCommand(&cobra.Command{
			Use:   fmt.Sprintf("cmd%d", i),
			Short: "does nothing",
			RunE:  func(*cobra.Command, []string) error { return nil },
		})
	}
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
