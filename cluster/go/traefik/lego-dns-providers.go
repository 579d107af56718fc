// Replaces lego's generated providers/dns/zz_gen_dns_providers.go in the copy Traefik is built against.
//
// The local cluster's ingress never asks for a certificate (plain HTTP on the pod bridge, no ACME resolver), so
// none of lego's DNS-01 providers is wired in: together they bring in every cloud's SDK, half of Traefik's build
// time on two cores, and six of them depend on modules the Go module proxy here refuses.
package dns

import (
	"fmt"

	"github.com/go-acme/lego/v5/challenge"
)

// NewDNSChallengeProviderByName has lego's signature; no name is known to this build.
func NewDNSChallengeProviderByName(name string) (challenge.Provider, error) {
	return nil, fmt.Errorf("unrecognized DNS provider: %s (this Traefik is built without DNS-01 providers)", name)
}
