// Command coredns is CoreDNS with only the plugins the local node's Corefile uses (the stock build links every
// plugin, cloud SDKs included, and takes minutes longer to build). It is wired like the stock build: the stock
// core/plugin/zplugin.go imports every plugin, core/dnsserver/zdirectives.go orders them.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/ready"
)

// The imported plugins in the stock directive order (the order a request passes them; see zdirectives.go).
func init() {
	dnsserver.Directives = []string{
		"bind",
		"ready",
		"errors",
		"loadbalance",
		"cache",
		"kubernetes",
		"forward",
	}
}

func main() {
	coremain.Run()
}
