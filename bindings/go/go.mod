module github.com/mailwarden/mailwarden-go

go 1.21
