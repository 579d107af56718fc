// Command pause is a pod's sandbox process, the node's stand-in for registry.k8s.io/pause: it holds the pod's
// namespaces, reaps the zombies it inherits and exits on TERM or INT. Built static, into soma.local/pause:1.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	signals := make(chan os.Signal, 16)
	signal.Notify(signals, syscall.SIGCHLD, syscall.SIGTERM, syscall.SIGINT)
	for s := range signals {
		if s != syscall.SIGCHLD {
			os.Exit(0)
		}
		// Several children may end behind one SIGCHLD: reap until none is left.
		for {
			pid, err := syscall.Wait4(-1, nil, syscall.WNOHANG, nil)
			if pid <= 0 || err != nil {
				break
			}
		}
	}
}
