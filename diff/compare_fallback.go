package diff

import (
	"strings"
	"unicode"

	"github.com/redline-docs/redline/clause"
	"golang.org/x/text/width"
)

// TEMPORARY: private stand-ins for the text-level functions (Fold,
// FormattingOnly, CompareQuantities, CompareUnits) being written in
// parallel; each is switched to the real one as it lands, then this file
// goes away.

func foldText(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

func formattingOnly(a, b string) bool { return foldText(a) == foldText(b) }

func compareQuantities(a, b string) []QuantityChange { return nil }

func compareUnits(a, b []clause.Unit) UnitChange {
	in := func(us []clause.Unit, name string) bool {
		for _, u := range us {
			if u.Name == name {
				return true
			}
		}
		return false
	}
	var c UnitChange
	for _, u := range b {
		if !in(a, u.Name) {
			c.Added = append(c.Added, u.Name)
		}
	}
	for _, u := range a {
		if !in(b, u.Name) {
			c.Removed = append(c.Removed, u.Name)
		}
	}
	return c
}
