module github.com/mailwarden/mailwarden-go/examples

go 1.21

require github.com/mailwarden/mailwarden-go v0.0.0

replace github.com/mailwarden/mailwarden-go => ../../bindings/go
