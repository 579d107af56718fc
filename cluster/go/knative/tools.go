//go:build tools

// Package tools names the programs of knative.dev/serving that the local cluster runs, so that go.mod records
// everything they need: the control plane's webhook and controller, the node's activator, autoscaler and queue-proxy.
package tools

import (
	_ "knative.dev/serving/cmd/activator"
	_ "knative.dev/serving/cmd/autoscaler"
	_ "knative.dev/serving/cmd/controller"
	_ "knative.dev/serving/cmd/queue"
	_ "knative.dev/serving/cmd/webhook"
)
