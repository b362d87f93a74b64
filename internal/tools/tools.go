//go:build tools

// Package tools pins the modules redline's packages depend on, so that
// parallel work on separate packages shares one go.mod. It is never built.
package tools

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/go-git/go-git/v5"
	_ "github.com/mattn/go-isatty"
	_ "github.com/mattn/go-runewidth"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	_ "github.com/spf13/cobra"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/encoding/simplifiedchinese"
)
