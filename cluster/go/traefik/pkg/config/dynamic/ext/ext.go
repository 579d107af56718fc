// Package ext recreates Traefik's nested module github.com/traefik/traefik/dynamic/ext, which its module zip leaves
// out (cluster/build copies it into the zip's copy). Upstream it is these two empty structs, inlined into the
// dynamic configuration's HTTP and Router types.
package ext

// HTTP extends the dynamic HTTP configuration (empty upstream).
type HTTP struct{}

// Router extends a router's configuration (empty upstream).
type Router struct{}
