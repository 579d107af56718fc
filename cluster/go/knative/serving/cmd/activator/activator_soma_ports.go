package main

// Added to knative.dev/serving by cluster/build (with a sed on main.go): the activator runs as a host process,
// without cluster DNS, and the autoscaler's stat server is not on :8080 there.

import "os"

// autoscalerURL is the autoscaler's WebSocket URL: AUTOSCALER_ENDPOINT (e.g. ws://127.0.0.1:18090), else def.
func autoscalerURL(def string) string {
	if v := os.Getenv("AUTOSCALER_ENDPOINT"); v != "" {
		return v
	}
	return def
}
