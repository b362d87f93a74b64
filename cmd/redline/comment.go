package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/internal/limits"
	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

func newCommentCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "comment",
		Short: "Add, import, list and settle comments on clauses",
		Long: `Comment manages the consultation comments (修改意见): each anchored to a
clause by its permanent id and by the text it quotes, with a status —
pending 待处理, adopted 已采纳, partial 部分采纳, rejected 未采纳 — and a
response. Comments are files in the work tree, recorded by the next commit;
"redline commit --resolves ID,…" says which revision settled them.`,
		Example: `  redline comment import 意见汇总.csv
  redline comment add --clause 三/（五）/1 --by 市卫健委 --text "调整应用场景数量" --quote 90项
  redline comment set D1 --status adopted --response "调整为80项"
  redline comment list --status pending`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newCommentAddCmd(g), newCommentImportCmd(g), newCommentListCmd(g), newCommentSetCmd(g))
	return cmd
}

type commentAddOptions struct {
	*globals
	clause, by, text, quote, proposed, id, path, at, status, group string
}

func newCommentAddCmd(g *globals) *cobra.Command {
	opts := &commentAddOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "add --clause CLAUSE --by WHO --text TEXT",
		Short: "Add a comment on a clause",
		Long: `Add anchors a new comment to CLAUSE (a clause id, or a label path at the
newest revision or at --at REV; leave --clause out for a comment on the
whole document) and prints its id. --quote is the text it is about (原文),
which lets it re-anchor after edits. --path names the document when the
repository holds several.`,
		Example: `  redline comment add --clause 三/（五）/1 --by 市卫健委 --text "场景数量过多" --quote 90项 --proposed 一批
  redline comment add --clause "Article 5" --by "Legal office" --text "Cite the statute" --path act.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return domain(runCommentAdd(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.clause, "clause", "", "the `CLAUSE` (id or label path); empty: the whole document")
	f.StringVar(&opts.by, "by", "", "who comments: a person or a unit (单位/个人) (required)")
	f.StringVar(&opts.text, "text", "", "the comment (修改意见) (required)")
	f.StringVar(&opts.quote, "quote", "", "the text the comment is about (原文)")
	f.StringVar(&opts.proposed, "proposed", "", "the proposed wording (建议修改为)")
	f.StringVar(&opts.id, "id", "", "the comment's id (default: C<n>-xxxx, unique across clones)")
	f.StringVar(&opts.path, "path", "", "the document, when the repository holds several")
	f.StringVar(&opts.at, "at", "", "the revision the CLAUSE label refers to (default: the newest)")
	f.StringVar(&opts.status, "status", "", "an initial status: pending, adopted, partial, rejected (default pending)")
	f.StringVar(&opts.group, "group", "", "the report section the comment belongs to (公开网站, 相关部门 …)")
	_ = cmd.MarkFlagRequired("by")
	_ = cmd.MarkFlagRequired("text")
	return cmd
}

func runCommentAdd(ctx context.Context, opts *commentAddOptions) error {
	status, err := statusFlag(opts.status, comment.Pending)
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	c, err := r.AddComment(ctx, comment.Comment{
		ID:       opts.id,
		By:       opts.by,
		Group:    opts.group,
		Anchor:   comment.Anchor{Exact: opts.quote},
		Text:     opts.text,
		Proposed: opts.proposed,
		Status:   status,
	}, repo.CommentOptions{Clause: opts.clause, Path: opts.docPath(r, opts.path), At: opts.at})
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.stdout, c.ID)
	where := c.Anchor.Label
	if where == "" {
		where = "the whole document"
	}
	opts.notice("added comment %s on %s; 'redline commit' records it", c.ID, where)
	return nil
}

type commentImportOptions struct {
	*globals
	file, at, path string
}

func newCommentImportCmd(g *globals) *cobra.Command {
	opts := &commentImportOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import comments from CSV (UTF-8 or GB18030), XLSX, JSON or YAML",
		Long: `Import reads a comment table — CSV (UTF-8 or GB18030), XLSX, JSON or YAML,
by extension; "-" reads CSV from stdin — and adds every comment, all or
nothing. Columns are found by header, Chinese or English, in any order:

  序号/id  单位/个人/by  条款/clause  原文/quote  修改意见/text
  建议修改为/proposed  是否采纳/status  理由/response

and common variants (反馈人, 意见内容, 采纳情况, 采纳理由 …). 条款 is a
CLAUSE label at the newest revision (or at --at REV); an empty or missing
条款 means the whole document. Dispositions may be Chinese or English
(已采纳/采纳/是, 部分采纳, 未采纳/不予采纳/否, 待处理). A bad row fails the
import with the file, row and column named.`,
		Example: `  redline comment import 意见汇总.csv
  redline comment import comments.yaml --at 征求意见稿
  redline comment import 部门意见.xlsx --path plan.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return domain(runCommentImport(cmd.Context(), opts))
		},
	}
	cmd.Flags().StringVar(&opts.at, "at", "", "the revision the 条款 labels refer to (default: the newest)")
	cmd.Flags().StringVar(&opts.path, "path", "", "the document, when the repository holds several")
	return cmd
}

func runCommentImport(ctx context.Context, opts *commentImportOptions) error {
	name := opts.file
	var data []byte
	var err error
	if name == "-" {
		name = "stdin.csv"
		data, err = limits.ReadAll(opts.stdin, "stdin", "a comment file", limits.CommentTable)
	} else {
		data, err = limits.ReadFile(name, "a comment file", limits.CommentTable)
	}
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	cs, err := r.ImportComments(ctx, name, data, repo.CommentOptions{Path: opts.docPath(r, opts.path), At: opts.at,
		Notice: func(msg string) { opts.notice("%s", msg) }})
	if err != nil {
		return err
	}
	lang := opts.repoLang(ctx, r)
	fmt.Fprintln(opts.stdout, render.Sanitize(fmt.Sprintf(say(lang, "已从 %[2]s 导入 %[1]d 条意见", "imported %d comments from %s"), len(cs), filepath.Base(opts.file))))
	opts.notice("%s", say(lang, "'redline commit' 记录这些意见", "'redline commit' records them"))
	return nil
}

type commentListOptions struct {
	*globals
	status, by string
	json       bool
}

func newCommentListCmd(g *globals) *cobra.Command {
	opts := &commentListOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List comments",
		Long: `List shows the comments in report order with their clause, status,
response and the revisions that settled them. --status keeps one status
(English or Chinese); --by keeps the comments whose author contains WHO.`,
		Example: `  redline comment list
  redline comment list --status 未采纳
  redline comment list --by 市科技局 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return domain(runCommentList(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.status, "status", "", "only comments with status `S`: pending, adopted, partial, rejected")
	f.StringVar(&opts.by, "by", "", "only comments whose author contains `WHO`")
	f.BoolVar(&opts.json, "json", false, "write JSON (schema_version 1)")
	return cmd
}

func runCommentList(ctx context.Context, opts *commentListOptions) error {
	status, err := statusFlag(opts.status, "")
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	all, err := r.Comments(ctx)
	if err != nil {
		return err
	}
	cs := []comment.Comment{}
	for _, c := range all {
		if status != "" && c.Status != status {
			continue
		}
		if opts.by != "" && !strings.Contains(foldBy(c.By), foldBy(opts.by)) {
			continue
		}
		cs = append(cs, c)
	}
	return opts.emit("", false, func(w io.Writer, o render.Options) error {
		if opts.json {
			return render.CommentsJSON(w, cs)
		}
		return render.CommentsText(w, cs, o)
	})
}

type commentSetOptions struct {
	*globals
	id, status, response string
}

func newCommentSetCmd(g *globals) *cobra.Command {
	opts := &commentSetOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "set ID --status S",
		Short: "Record a comment's disposition",
		Long: `Set records the disposition of comment ID — adopted 已采纳, partial 部分采纳,
rejected 未采纳 or pending 待处理 — and the response (理由). The next
"redline commit --resolves ID" records the revision that settles it.`,
		Example: `  redline comment set D1 --status adopted --response "与市卫健委协商一致,调整为80项"
  redline comment set P5 --status 部分采纳 --response "已在送审稿中注明论证专家"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = args[0]
			return domain(runCommentSet(cmd.Context(), opts))
		},
	}
	cmd.Flags().StringVar(&opts.status, "status", "", "the disposition `S`: pending, adopted, partial, rejected (or 已采纳 …) (required)")
	cmd.Flags().StringVar(&opts.response, "response", "", "the response (理由): what was done and why")
	_ = cmd.MarkFlagRequired("status")
	return cmd
}

func runCommentSet(ctx context.Context, opts *commentSetOptions) error {
	if opts.status == "" {
		return usagef("--status: want pending, adopted, partial or rejected")
	}
	status, err := statusFlag(opts.status, "")
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	c, err := r.SetComment(ctx, opts.id, status, opts.response)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.stdout, "%s: %s\n", c.ID, c.Status)
	return nil
}

// statusFlag parses a --status value (Chinese or English, as comment files
// write them); an empty value is def. A bad value is a usage error.
func statusFlag(v string, def comment.Status) (comment.Status, error) {
	if v == "" {
		return def, nil
	}
	s, err := comment.ParseStatus(v)
	if err != nil {
		return "", usagef("--status %q: want pending, adopted, partial or rejected", v)
	}
	return s, nil
}

// foldBy is the form in which --by matches an author: lower case, Unicode
// normal form C (an NFD spelling of a name matches its NFC one).
func foldBy(s string) string { return strings.ToLower(norm.NFC.String(s)) }
