package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"
)

// setupCompletion tunes cobra's "redline completion bash|zsh|fish|powershell"
// command: flag values and revision names (stages) complete.
func setupCompletion(root *cobra.Command, g *globals) {
	root.CompletionOptions.HiddenDefaultCmd = false
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	_ = root.RegisterFlagCompletionFunc("color", fixed("auto", "always", "never"))
	_ = root.RegisterFlagCompletionFunc("lang", fixed("zh", "en"))
	statuses := fixed("pending", "adopted", "partial", "rejected")
	revisions := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return revisionNames(g), cobra.ShellCompDirectiveDefault
	}
	for _, cmd := range root.Commands() {
		switch cmd.Name() {
		case "diff":
			_ = cmd.RegisterFlagCompletionFunc("format", fixed(diffFormats...))
			cmd.ValidArgsFunction = revisions
		case "report":
			_ = cmd.RegisterFlagCompletionFunc("format", fixed(reportFormats...))
			_ = cmd.RegisterFlagCompletionFunc("from", revisions)
			_ = cmd.RegisterFlagCompletionFunc("to", revisions)
		case "show", "blame":
			cmd.ValidArgsFunction = revisions
		case "history":
			_ = cmd.RegisterFlagCompletionFunc("at", revisions)
			cmd.ValidArgsFunction = func(c *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveDefault // PATH: files
				}
				return clauseLabels(g, at(c), prefix), cobra.ShellCompDirectiveNoFileComp
			}
		case "comment":
			for _, sub := range cmd.Commands() {
				if sub.Flags().Lookup("status") != nil {
					_ = sub.RegisterFlagCompletionFunc("status", statuses)
				}
				if sub.Flags().Lookup("at") != nil {
					_ = sub.RegisterFlagCompletionFunc("at", revisions)
				}
				if sub.Flags().Lookup("clause") != nil {
					_ = sub.RegisterFlagCompletionFunc("clause", func(c *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
						return clauseLabels(g, at(c), prefix), cobra.ShellCompDirectiveNoFileComp
					})
				}
			}
		}
	}
}

// revisionNames lists the stage names and HEAD for completion; nothing when
// there is no repository.
func revisionNames(g *globals) []string {
	r, err := g.openRepo()
	if err != nil {
		return nil
	}
	revs, err := r.Log(context.Background(), "")
	if err != nil {
		return nil
	}
	names := []string{"HEAD"}
	seen := map[string]bool{}
	for _, rev := range revs {
		if rev.Stage != "" && !seen[rev.Stage] {
			seen[rev.Stage] = true
			names = append(names, rev.Stage)
		}
	}
	return names
}

// at is the --at flag's value of c, "" when it has none.
func at(c *cobra.Command) string {
	if f := c.Flags().Lookup("at"); f != nil {
		return f.Value.String()
	}
	return ""
}

// clauseLabels lists the label paths of every clause at revision rev (""
// : the newest) that start with prefix, for completion; nothing when there
// is no repository or revision.
func clauseLabels(g *globals, rev, prefix string) []string {
	r, err := g.openRepo()
	if err != nil {
		return nil
	}
	if rev == "" {
		rev = "HEAD"
	}
	ctx := context.Background()
	at, err := r.Resolve(rev)
	if err != nil {
		return nil
	}
	docs, err := r.Documents(ctx, at)
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range docs {
		doc, _, err := r.Document(ctx, at, p)
		if err != nil || doc == nil {
			continue
		}
		for _, n := range doc.Clauses() {
			if l := n.Path(); strings.HasPrefix(l, prefix) {
				out = append(out, l)
			}
		}
	}
	return out
}
