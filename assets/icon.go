package assets

import _ "embed"

// Icon is the application icon as a 512x512 PNG (drawn by internal/genicon).
// The desktop app wraps it with fyne.NewStaticResource("icon.png", Icon).
//
//go:embed icon.png
var Icon []byte
