package repo

// clauseMemo remembers the clauses a comment table cites, so that an
// import of many rows resolves each distinct citation once: resolving
// reads the revision's tree and walks the document, which, done for
// every row, made a 100k-row import take half a minute.
type clauseMemo struct {
	r    *Repo
	at   string
	seen map[[2]string]memoTarget
}

type memoTarget struct {
	t   target
	err error
}

func newClauseMemo(r *Repo, at string) *clauseMemo {
	return &clauseMemo{r: r, at: at, seen: map[[2]string]memoTarget{}}
}

// resolve is r.resolveClause(arg, path, at), once per (arg, path). The
// target is shared: callers only read it.
func (m *clauseMemo) resolve(arg, path string) (target, error) {
	k := [2]string{arg, path}
	if v, ok := m.seen[k]; ok {
		return v.t, v.err
	}
	t, err := m.r.resolveClause(arg, path, m.at)
	m.seen[k] = memoTarget{t, err}
	return t, err
}
