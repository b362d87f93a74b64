package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

//go:embed assets
var assets embed.FS

// CSP is the Content-Security-Policy of every response: no script at all,
// styles from the app itself (render's pages carry theirs inline), forms
// posting only back to the app, no framing.
const CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// ErrReadOnly is returned (as 403) for a write to a server started
// without Options.Write.
var ErrReadOnly = errors.New("this server is read-only (start it with --write to record dispositions)")

// Options configure a Server.
type Options struct {
	Repo  *repo.Repo
	Write bool // allow dispositions and new comments
	// Addr is the address the server listens on (host:port); requests must
	// name it, or localhost / 127.0.0.1 / [::1] on its port, in their Host
	// header (DNS rebinding). Hosts adds names a proxy in front may send.
	Addr  string
	Hosts []string
}

// Server is the web application; it is an http.Handler.
type Server struct {
	r     *repo.Repo
	write bool
	hosts map[string]bool
	token string
	tmpl  *template.Template
	css   string // assets/app.css
	h     http.Handler
	pages pageCache

	langMu   sync.Mutex
	langHead string      // the newest revision langDoc was read at
	langDoc  clause.Lang // the language of its first document
}

// New builds the server. Its per-session token, which every write form
// carries, is drawn from crypto/rand.
func New(o Options) (*Server, error) {
	if o.Repo == nil {
		return nil, errors.New("web: no repository")
	}
	tmpl, err := template.ParseFS(assets, "assets/page.html")
	if err != nil {
		return nil, err
	}
	css, err := assets.ReadFile("assets/app.css")
	if err != nil {
		return nil, err
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	s := &Server{r: o.Repo, write: o.Write, hosts: map[string]bool{}, token: hex.EncodeToString(b[:]), tmpl: tmpl, css: string(css)}
	host, port, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return nil, fmt.Errorf("web: address %q: %w", o.Addr, err)
	}
	for _, h := range append([]string{host, "localhost", "127.0.0.1", "::1"}, o.Hosts...) {
		s.hosts[strings.ToLower(net.JoinHostPort(h, port))] = true
		s.hosts[strings.ToLower(h)] = true // behind a proxy on the default port
	}
	mux := http.NewServeMux()
	mux.Handle("GET /assets/app.css", http.FileServerFS(assets)) // the one asset route: page.html is not served
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /diff", s.diff)
	mux.HandleFunc("GET /history", s.history)
	mux.HandleFunc("GET /blame", s.blame)
	mux.HandleFunc("GET /comments", s.comments)
	mux.HandleFunc("GET /report", s.report)
	mux.HandleFunc("GET /report.html", s.reportFile)
	mux.HandleFunc("GET /report.md", s.reportFile)
	mux.HandleFunc("GET /report.csv", s.reportFile)
	mux.HandleFunc("GET /report.docx", s.reportFile)
	mux.HandleFunc("GET /table.html", s.tableFile)
	mux.HandleFunc("GET /table.md", s.tableFile)
	mux.HandleFunc("GET /table.docx", s.tableFile)
	cop := http.NewCrossOriginProtection()
	mux.Handle("POST /comments/set", cop.Handler(http.HandlerFunc(s.set)))
	mux.Handle("POST /comments/add", cop.Handler(http.HandlerFunc(s.add)))
	s.h = mux
	return s, nil
}

// Token is the per-session token the write forms carry.
func (s *Server) Token() string { return s.token }

func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if !s.hosts[strings.ToLower(req.Host)] {
		http.Error(w, "unknown Host header (start the server with the name it is reached by)", http.StatusMisdirectedRequest)
		return
	}
	s.h.ServeHTTP(w, req)
}

const htmlType = "text/html; charset=utf-8"

// execPage runs the app's page template name into buf.
func (s *Server) execPage(buf *bytes.Buffer, req *http.Request, name string, lang clause.Lang, title string, data map[string]any) (string, error) {
	p := map[string]any{"Lang": htmlLang(lang), "Title": title, "T": words(lang), "Write": s.write, "Token": s.token, "Msg": req.URL.Query().Get("msg")}
	for k, v := range data {
		p[k] = v
	}
	if err := s.tmpl.ExecuteTemplate(buf, name, p); err != nil {
		return "", fmt.Errorf("template: %w", err)
	}
	return htmlType, nil
}

// lang is the language a page speaks: ?lang=zh|en when given, else the
// language of the repository's first document at the newest revision (as
// the command line speaks the document's language), Chinese when there is
// none.
func (s *Server) lang(req *http.Request) clause.Lang {
	switch req.URL.Query().Get("lang") {
	case "en":
		return clause.LangEN
	case "zh":
		return clause.LangZH
	}
	head, err := s.r.Resolve("")
	if err != nil {
		return clause.LangZH
	}
	s.langMu.Lock()
	if s.langHead == head.Hash {
		defer s.langMu.Unlock()
		return s.langDoc
	}
	s.langMu.Unlock()
	ctx := req.Context()
	l := clause.LangZH
	if docs, err := s.r.Documents(ctx, head); err == nil && len(docs) > 0 {
		if d, _, err := s.r.Document(ctx, head, docs[0]); err == nil && d != nil && d.Lang != "" {
			l = d.Lang
		}
	}
	s.langMu.Lock()
	s.langHead, s.langDoc = head.Hash, l
	s.langMu.Unlock()
	return l
}

// langOption is render's Options.Lang for ?lang=: "" (the document's own)
// unless the request names one.
func langOption(req *http.Request) clause.Lang {
	switch req.URL.Query().Get("lang") {
	case "en":
		return clause.LangEN
	case "zh":
		return clause.LangZH
	}
	return ""
}

// fail answers an error as one line: 404 for what does not exist, 503
// when the repository is busy, 400 otherwise.
func (s *Server) fail(w http.ResponseWriter, req *http.Request, err error) {
	code := http.StatusBadRequest
	switch {
	case errors.Is(err, repo.ErrBusy):
		code = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "2")
	case errors.Is(err, ErrReadOnly):
		code = http.StatusForbidden
	case errors.Is(err, context.Canceled):
		return
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if code == http.StatusServiceUnavailable {
		msg = "the repository is busy (another writer is at work); try again in a moment: " + msg
	}
	lang := s.lang(req)
	w.Header().Set("Content-Type", htmlType)
	w.WriteHeader(code)
	p := map[string]any{"Lang": htmlLang(lang), "Title": http.StatusText(code), "T": words(lang), "Write": s.write, "Msg": msg}
	_ = s.tmpl.ExecuteTemplate(w, "error", p)
}

func htmlLang(l clause.Lang) string {
	if l != "" && l != clause.LangZH {
		return string(l)
	}
	return "zh-CN"
}

type revRow struct {
	Hash, Short, Stage, Date, Author, Message string
	Settles                                   int
}

func (s *Server) index(w http.ResponseWriter, req *http.Request) {
	s.cached(w, req, nil, func(buf *bytes.Buffer) (string, error) {
		ctx := req.Context()
		revs, err := s.r.Log(ctx, "")
		if err != nil {
			return "", err
		}
		var docs []string
		if len(revs) > 0 {
			if docs, err = s.r.Documents(ctx, revs[0]); err != nil {
				return "", err
			}
		}
		rows := make([]revRow, len(revs))
		for i, r := range revs {
			rows[i] = revRow{r.Hash, review.Short(r), r.Stage, r.Date.Format("2006-01-02 15:04"), r.Author, firstLine(r.Message), len(r.Resolves)}
		}
		lang := s.lang(req)
		return s.execPage(buf, req, "index", lang, words(lang)["timeline"], map[string]any{"Revs": rows, "Docs": docs})
	})
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// diff serves render's annotated redline of from..to with the app's
// navigation, filtered by only=unexplained|substantive and by=COMMENTER.
func (s *Server) diff(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	ctx := req.Context()
	var paths []string
	if p := q.Get("path"); p != "" {
		paths = []string{p}
	}
	rg, err := s.r.Range(repo.DiffOptions{From: q.Get("from"), To: or(q.Get("to"), "HEAD"), Paths: paths})
	if err != nil {
		s.fail(w, req, err)
		return
	}
	s.cached(w, req, rangeKey(rg), func(buf *bytes.Buffer) (string, error) {
		d, err := review.DiffRange(ctx, s.r, review.DiffOptions{From: rg.From, To: rg.To, Paths: rg.Paths})
		if err != nil {
			return "", err
		}
		filterDiff(d, q.Get("only"), q.Get("by"))
		var page bytes.Buffer
		if err := render.HTML(&page, d, render.Options{Lang: langOption(req)}); err != nil {
			return "", err
		}
		lang := s.lang(req)
		if len(d.Documents) > 0 && d.Documents[0].Lang != "" && langOption(req) == "" {
			lang = d.Documents[0].Lang
		}
		t := words(lang)
		var nav bytes.Buffer
		if err := s.tmpl.ExecuteTemplate(&nav, "nav", map[string]any{"T": t, "Write": s.write}); err != nil {
			return "", err
		}
		if err := s.tmpl.ExecuteTemplate(&nav, "difffilters", map[string]any{"T": t, "Q": q, "Docs": d.Documents}); err != nil {
			return "", err
		}
		// render's page with the app's style sheet (navigation, focus,
		// print) after its own, inline: the page's own Content-Security-
		// Policy allows no style sheet from elsewhere. Then the app's
		// navigation and filters first in the body.
		out := bytes.Replace(page.Bytes(), []byte("</head>"), []byte("<style>\n"+s.css+"</style>\n</head>"), 1)
		out = bytes.Replace(out, []byte("<body>"), append([]byte("<body>\n"), nav.Bytes()...), 1)
		buf.Write(out)
		return htmlType, nil
	})
}

// rangeKey names a resolved range by its revisions' hashes.
func rangeKey(rg repo.Range) []string {
	k := []string{"to=" + rg.To.Hash}
	if rg.From != nil {
		k = append(k, "from="+rg.From.Hash)
	}
	for _, p := range rg.Paths {
		k = append(k, "path="+p)
	}
	return k
}

// filterDiff keeps the changes a filter asks for.
func filterDiff(d *review.Diff, only, by string) {
	if only == "" && by == "" {
		return
	}
	for i := range d.Documents {
		doc := &d.Documents[i]
		unexpl := map[string]bool{}
		for _, id := range doc.Unexplained {
			unexpl[id] = true
		}
		var keep []review.Change
		for _, c := range doc.Changes {
			switch {
			case only == "unexplained" && !unexpl[c.ClauseID]:
				continue
			case only == "substantive" && (c.Folded(false) || c.Run > 0):
				continue
			case by != "" && !hasCommenter(c.Comments, by):
				continue
			}
			keep = append(keep, c)
		}
		doc.Changes = keep
	}
}

func hasCommenter(cs []comment.Comment, by string) bool {
	for _, c := range cs {
		if strings.Contains(c.By, by) {
			return true
		}
	}
	return false
}

type histEntry struct {
	Label, Rev, Event, Text string
	Redline                 template.HTML // render's redline against the entry before
	Comments                []comment.Comment
}

// pageLang is ?lang= when the request names one, else l (the document's).
func pageLang(req *http.Request, l clause.Lang) clause.Lang {
	if o := langOption(req); o != "" {
		return o
	}
	return l
}

func (s *Server) history(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	ctx := req.Context()
	id, doc, tip, err := s.r.FindClause(ctx, q.Get("clause"), q.Get("path"), q.Get("at"))
	if err != nil && !errors.Is(err, repo.ErrUnknownClause) {
		s.fail(w, req, err)
		return
	}
	s.cached(w, req, []string{"clause=" + id, "path=" + doc, "at=" + tip.Hash}, func(buf *bytes.Buffer) (string, error) {
		h, herr := review.HistoryOf(ctx, s.r, tip, doc, id)
		if herr != nil {
			if err != nil {
				herr = err
			}
			return "", herr
		}
		lang := pageLang(req, h.Lang)
		t := words(lang)
		var es []histEntry
		for _, e := range h.Entries {
			he := histEntry{Label: e.Label, Rev: review.Short(e.Rev), Event: string(e.Event), Text: e.Text, Comments: e.Comments}
			if len(e.Ops) > 0 {
				he.Redline = template.HTML(render.RedlineHTML(e.Ops, lang))
			}
			es = append(es, he)
		}
		title := t["history"] + " · " + h.Path
		if len(h.Entries) > 0 {
			title += " · " + h.Entries[len(h.Entries)-1].Label
		}
		return s.execPage(buf, req, "history", lang, title, map[string]any{"H": map[string]any{"Entries": es}})
	})
}

type blameRow struct {
	ID, Label, Text, Rev string
	Comments             []string
}

func (s *Server) blame(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	ctx := req.Context()
	_, doc, at, err := s.r.FindClause(ctx, "", q.Get("path"), q.Get("rev"))
	if err != nil {
		s.fail(w, req, err)
		return
	}
	s.cached(w, req, []string{"path=" + doc, "at=" + at.Hash}, func(buf *bytes.Buffer) (string, error) {
		b, err := review.BlameOf(ctx, s.r, at, doc)
		if err != nil {
			return "", err
		}
		var rows []blameRow
		for _, l := range b.Clauses {
			r := blameRow{ID: l.ClauseID, Label: l.Label, Text: l.Text, Rev: review.Short(l.Rev)}
			for _, c := range l.Comments {
				r.Comments = append(r.Comments, c.ID)
			}
			rows = append(rows, r)
		}
		lang := pageLang(req, b.Lang)
		t := words(lang)
		return s.execPage(buf, req, "blame", lang, t["blame"]+" · "+b.Path+" @ "+review.Short(b.Rev), map[string]any{"B": rows, "Path": b.Path})
	})
}

type commentFilter struct{ ID, Status, By, Clause, Group string }

type statusOpt struct {
	V, L string
	Sel  bool
}

// comments is the comment table, in the document's language. It reads the
// comments afresh each time (cheap; the cache's state reads them anyway).
func (s *Server) comments(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	cs, err := s.r.Comments(req.Context())
	if err != nil {
		s.fail(w, req, err)
		return
	}
	f := commentFilter{q.Get("id"), q.Get("status"), q.Get("by"), q.Get("clause"), q.Get("group")}
	var shown []comment.Comment
	for _, c := range comment.Sorted(cs) {
		if (f.ID != "" && c.ID != f.ID) || (f.Status != "" && string(c.Status) != f.Status) ||
			(f.By != "" && !strings.Contains(c.By, f.By)) || (f.Group != "" && c.Group != f.Group) ||
			(f.Clause != "" && c.Anchor.ClauseID != f.Clause && !strings.Contains(c.Anchor.Label, f.Clause)) {
			continue
		}
		shown = append(shown, c)
	}
	lang := s.lang(req)
	t := words(lang)
	n := map[comment.Status]int{}
	for _, c := range shown {
		n[c.Status]++
	}
	counts := fmt.Sprintf(t["counts"], len(shown), n[comment.Adopted], n[comment.Partial], n[comment.Rejected], n[comment.Pending])
	var sts []statusOpt
	for _, st := range []comment.Status{comment.Pending, comment.Adopted, comment.Partial, comment.Rejected} {
		sts = append(sts, statusOpt{string(st), st.Label(lang), string(st) == f.Status})
	}
	labels := map[comment.Status]string{}
	for _, st := range []comment.Status{comment.Pending, comment.Adopted, comment.Partial, comment.Rejected} {
		labels[st] = st.Label(lang)
	}
	var buf bytes.Buffer
	ctype, err := s.execPage(&buf, req, "comments", lang, t["comments"], map[string]any{"Cs": shown, "Labels": labels, "F": f, "Counts": counts, "Statuses": sts})
	if err != nil {
		s.fail(w, req, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) report(w http.ResponseWriter, req *http.Request) {
	q := url.Values{}
	for _, k := range []string{"from", "to", "lang"} {
		if v := req.URL.Query().Get(k); v != "" {
			q.Set(k, v)
		}
	}
	lang := s.lang(req)
	t := words(lang)
	var buf bytes.Buffer
	ctype, err := s.execPage(&buf, req, "report", lang, t["report"], map[string]any{"Q": template.URL(q.Encode())})
	if err != nil {
		s.fail(w, req, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(buf.Bytes())
}

// reportRange resolves the report's ?from= and ?to= (the newest when
// absent), and names them for the page cache.
func (s *Server) reportRange(req *http.Request) (f, t *review.Rev, key []string, err error) {
	q := req.URL.Query()
	to, err := s.r.Resolve(q.Get("to")) // "" : the newest, which must exist
	if err != nil {
		return nil, nil, nil, err
	}
	key = []string{"to=" + to.Hash}
	if q.Get("to") != "" {
		t = &to
	}
	if from := q.Get("from"); from != "" {
		rf, err := s.r.Resolve(from)
		if err != nil {
			return nil, nil, nil, err
		}
		f = &rf
		key = append(key, "from="+rf.Hash)
	}
	return f, t, key, nil
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// download names the attachment for ?download=1.
func download(w http.ResponseWriter, req *http.Request, name string) {
	if req.URL.Query().Get("download") != "" {
		w.Header().Set("Content-Disposition", "attachment; filename="+name)
	}
}

func (s *Server) reportFile(w http.ResponseWriter, req *http.Request) {
	f, t, key, err := s.reportRange(req)
	if err != nil {
		s.fail(w, req, err)
		return
	}
	o := render.Options{Lang: langOption(req)}
	name := "report" + req.URL.Path[strings.LastIndex(req.URL.Path, "."):]
	download(w, req, name)
	s.cached(w, req, key, func(buf *bytes.Buffer) (string, error) {
		rp, err := review.ReportOf(req.Context(), s.r, f, t)
		if err != nil {
			return "", err
		}
		switch {
		case strings.HasSuffix(req.URL.Path, ".html"):
			return htmlType, render.ReportHTML(buf, rp, o)
		case strings.HasSuffix(req.URL.Path, ".docx"):
			return docxType, render.ReportDocx(buf, rp, o)
		case strings.HasSuffix(req.URL.Path, ".md"):
			return "text/markdown; charset=utf-8", render.ReportMarkdown(buf, rp, o)
		}
		return "text/csv; charset=utf-8", render.ReportCSV(buf, rp, o)
	})
}

func (s *Server) tableFile(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	rg, err := s.r.Range(repo.DiffOptions{From: q.Get("from"), To: or(q.Get("to"), "HEAD")})
	if err != nil {
		s.fail(w, req, err)
		return
	}
	o := render.Options{Lang: langOption(req)}
	download(w, req, "table"+req.URL.Path[strings.LastIndex(req.URL.Path, "."):])
	s.cached(w, req, rangeKey(rg), func(buf *bytes.Buffer) (string, error) {
		d, err := review.DiffRange(req.Context(), s.r, review.DiffOptions{From: rg.From, To: rg.To, Paths: rg.Paths})
		if err != nil {
			return "", err
		}
		switch {
		case strings.HasSuffix(req.URL.Path, ".html"):
			return htmlType, render.TableHTML(buf, d, o)
		case strings.HasSuffix(req.URL.Path, ".docx"):
			return docxType, render.TableDocx(buf, d, o)
		}
		return "text/markdown; charset=utf-8", render.TableMarkdown(buf, d, o)
	})
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkWrite refuses a write on a read-only server or without the
// session's token.
func (s *Server) checkWrite(req *http.Request) error {
	if !s.write {
		return ErrReadOnly
	}
	if subtle.ConstantTimeCompare([]byte(req.PostFormValue("token")), []byte(s.token)) != 1 {
		return errors.New("the form's session token is missing or stale; reload the page")
	}
	return nil
}

func (s *Server) set(w http.ResponseWriter, req *http.Request) {
	if err := s.checkWrite(req); err != nil {
		s.fail(w, req, err)
		return
	}
	st, err := comment.ParseStatus(req.PostFormValue("status"))
	if err != nil {
		s.fail(w, req, err)
		return
	}
	c, err := s.r.SetComment(req.Context(), req.PostFormValue("id"), st, req.PostFormValue("response"))
	if err != nil {
		s.fail(w, req, err)
		return
	}
	http.Redirect(w, req, "/comments?id="+url.QueryEscape(c.ID)+"&msg="+url.QueryEscape("saved "+c.ID), http.StatusSeeOther)
}

func (s *Server) add(w http.ResponseWriter, req *http.Request) {
	if err := s.checkWrite(req); err != nil {
		s.fail(w, req, err)
		return
	}
	c, err := s.r.AddComment(req.Context(), comment.Comment{
		By: req.PostFormValue("by"), Text: req.PostFormValue("text"), Status: comment.Pending,
	}, repo.CommentOptions{Clause: req.PostFormValue("clause"), Path: req.PostFormValue("path")})
	if err != nil {
		s.fail(w, req, err)
		return
	}
	http.Redirect(w, req, "/comments?id="+url.QueryEscape(c.ID)+"&msg="+url.QueryEscape("saved "+c.ID), http.StatusSeeOther)
}
