package main

// Added to knative.dev/serving by cluster/build (with a sed on main.go, which drops the constant): the autoscaler
// runs as a host process, beside the hub's functions on :8080.

import "os"

// statsServerAddr is where the autoscaler's WebSocket stat server listens: AUTOSCALER_STATS_ADDR, else ":8080".
var statsServerAddr = func() string {
	if v := os.Getenv("AUTOSCALER_STATS_ADDR"); v != "" {
		return v
	}
	return ":8080"
}()
