package sharedmain

// Added to knative.dev/pkg by cluster/build: upstream serves the health probes on a constant :8080, the port of
// the hub's functions on the same host; KNATIVE_PROBES_PORT moves them.

import (
	"os"
	"strconv"

	"knative.dev/pkg/injection"
)

// probesPort is the health probe port: KNATIVE_PROBES_PORT, else injection.HealthCheckDefaultPort (8080).
func probesPort() int {
	if p, err := strconv.Atoi(os.Getenv("KNATIVE_PROBES_PORT")); err == nil && p > 0 {
		return p
	}
	return injection.HealthCheckDefaultPort
}
