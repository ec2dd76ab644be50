package ocr

import (
	"os/exec"
	"syscall"
)

// hideWindow keeps tesseract's console window from flashing up over the
// desktop program.
func hideWindow(cmd *exec.Cmd) {
	const createNoWindow = 0x08000000
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
}
