//go:build unix

package emulator

import (
	"os/exec"
	"syscall"
)

// ownGroup puts the emulator in a process group of its own, so that kill
// reaches the function process it starts, which would otherwise outlive it
// and hold its output pipes open.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func kill(cmd *exec.Cmd) error {
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
