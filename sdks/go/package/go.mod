module github.com/unideploy/unideploy-go

go 1.23

require (
	github.com/standard-webhooks/standard-webhooks/libraries v0.0.1
	github.com/tmaxmax/go-sse v0.11.0
)
