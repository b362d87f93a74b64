package main

import (
	"context"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

// repoLang is the language messages about the repository speak: --lang,
// else the language of its first document (in the work tree, else at the
// newest revision), as the labels and headings of every output follow the
// document's language. English when there is no document.
func (g *globals) repoLang(ctx context.Context, r *repo.Repo) clause.Lang {
	if g.lang != "" {
		return clause.Lang(g.lang)
	}
	for _, rev := range []string{"", "HEAD"} {
		docs, err := documentsAt(ctx, r, rev)
		if err != nil || len(docs) == 0 {
			continue
		}
		var at review.Rev
		if rev != "" {
			if at, err = r.Resolve(rev); err != nil {
				continue
			}
		}
		if doc, _, err := r.Document(ctx, at, docs[0]); err == nil && doc != nil {
			return doc.Lang
		}
	}
	return clause.LangEN
}

// say picks a message in lang: zh for Chinese, en otherwise.
func say(lang clause.Lang, zh, en string) string {
	if lang == clause.LangZH {
		return zh
	}
	return en
}
