package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdAudit reads a diff's JSON and writes its audit, one line per fact, in
// document order, so that a script can compare it exactly:
//
//	attributed LABEL ID,ID…   a change and the comments that explain it
//	unexplained LABEL         a substantive change no comment explains
//	editorial LABEL           a change shown as editorial
//	unapplied ID              an adopted comment the text never took up
//
// LABEL is the clause's label after the change (before it, when deleted);
// "-" for the text outside every clause.
func cmdAudit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: audit IN OUT")
	}
	var d struct {
		Documents []struct {
			Changes []struct {
				ClauseID  string  `json:"clause_id"`
				OldLabel  *string `json:"old_label"`
				NewLabel  *string `json:"new_label"`
				Editorial bool    `json:"editorial"`
				Comments  []struct {
					ID string `json:"id"`
				} `json:"comments"`
			} `json:"changes"`
			Unexplained []string `json:"unexplained"`
		} `json:"documents"`
		Unapplied []struct {
			ID string `json:"id"`
		} `json:"unapplied_comments"`
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &d); err != nil {
		ts.Fatalf("audit: %s is not a diff's JSON: %v", args[0], err)
	}
	var b strings.Builder
	for _, doc := range d.Documents {
		unexplained := map[string]bool{}
		for _, id := range doc.Unexplained {
			unexplained[id] = true
		}
		for _, c := range doc.Changes {
			label := "-"
			if c.NewLabel != nil && *c.NewLabel != "" {
				label = *c.NewLabel
			} else if c.OldLabel != nil && *c.OldLabel != "" {
				label = *c.OldLabel
			}
			if len(c.Comments) > 0 {
				var ids []string
				for _, cm := range c.Comments {
					ids = append(ids, cm.ID)
				}
				fmt.Fprintf(&b, "attributed %s %s\n", label, strings.Join(ids, ","))
			}
			if unexplained[c.ClauseID] {
				fmt.Fprintf(&b, "unexplained %s\n", label)
			}
			if c.Editorial {
				fmt.Fprintf(&b, "editorial %s\n", label)
			}
		}
	}
	for _, c := range d.Unapplied {
		fmt.Fprintf(&b, "unapplied %s\n", c.ID)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o644))
}
