//go:build tools

// Package tools names the programs of knative.dev/serving that the local cluster runs, so that go.mod records
// everything they need.
package tools

import (
	_ "knative.dev/serving/cmd/controller"
	_ "knative.dev/serving/cmd/webhook"
)
