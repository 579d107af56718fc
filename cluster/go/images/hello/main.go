// Command hello is the smallest HTTP server a Knative Service can run: it listens on $PORT (8080 without it)
// and answers every request with "hello\n". Built static, into dev.local/hello:1, for tests and benchmarks.
package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("hello\n"))
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
