package diff

// Text and Apply live in text.go and apply.go; Compare in compare.go.
