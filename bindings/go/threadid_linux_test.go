package mailwarden

import "syscall"

// threadID identifies the calling OS thread.
func threadID() uintptr { return uintptr(syscall.Gettid()) }
