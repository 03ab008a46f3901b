package mailwarden

import (
	"bytes"
	"log"
	"os"
	"sync"
	"testing"
)

// captureLog sends the standard logger's output to a buffer until the test
// ends, and returns what has been logged so far when called.
func captureLog(t *testing.T) func() string {
	var logged bytes.Buffer
	var mu sync.Mutex
	log.SetOutput(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logged.Write(p)
	}))
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		return logged.String()
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
