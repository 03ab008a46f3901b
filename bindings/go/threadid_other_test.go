//go:build !linux

package mailwarden

// threadID is 0 where the tests cannot tell threads apart.
func threadID() uintptr { return 0 }
