// Command redline-serve serves a redline repository as a local web app (see
// package web). `redline serve` runs it, as git runs git-instaweb: linking
// net/http into redline itself would slow every command's start-up.
//
//	redline-serve [--addr 127.0.0.1:7070] [--write] [--open] [--host NAME]… [--repo DIR]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/web"
)

// Exit codes, as redline's: 2 usage, 3 no repository, 11 any other failure.
const (
	exitUsage   = 2
	exitNoRepo  = 3
	exitFailure = 11
)

type hostList []string

func (h *hostList) String() string     { return strings.Join(*h, ",") }
func (h *hostList) Set(s string) error { *h = append(*h, s); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("redline serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:7070", "listen on `HOST:PORT` (default loopback only)")
	write := fs.Bool("write", false, "let reviewers record dispositions and add comments from the page")
	open := fs.Bool("open", false, "open the app in the default browser")
	dir := fs.String("repo", "", "the repository `DIR` (default: the one containing the working directory)")
	var hosts hostList
	fs.Var(&hosts, "host", "also accept Host `NAME` (the name a proxy in front uses); repeatable")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "redline serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			fmt.Fprintln(stderr, "redline serve:", err)
			return exitFailure
		}
		*dir = wd
	}
	r, err := repo.Open(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "redline serve: %s: %v\n", *dir, err)
		if errors.Is(err, repo.ErrNotRepository) {
			return exitNoRepo
		}
		return exitFailure
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "redline serve:", err)
		return exitFailure
	}
	s, err := web.New(web.Options{Repo: r, Write: *write, Addr: ln.Addr().String(), Hosts: hosts})
	if err != nil {
		ln.Close()
		fmt.Fprintln(stderr, "redline serve:", err)
		return exitFailure
	}
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "WARNING: redline serve listens on %s, reachable from other machines; it has no login of its own — put it behind your own proxy and login\n", ln.Addr())
	}
	mode := "read-only"
	if *write {
		mode = "writable"
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stderr, "redline serve: %s (%s), Ctrl-C to stop\n", url, mode)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 5 * time.Minute}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if *open {
		openBrowser(url, stderr)
	}
	select {
	case err := <-done:
		fmt.Fprintln(stderr, "redline serve:", err)
		return exitFailure
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "redline serve: shutdown:", err)
		return exitFailure
	}
	return 0
}

func openBrowser(url string, stderr io.Writer) {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name = "explorer"
	}
	if err := exec.Command(name, url).Start(); err != nil {
		fmt.Fprintf(stderr, "redline serve: cannot open a browser (%v); open %s yourself\n", err, url)
	}
}
