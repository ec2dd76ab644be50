package app

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/assets"
)

// Icon is the application icon.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", assets.Icon)
