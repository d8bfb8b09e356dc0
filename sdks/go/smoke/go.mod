module github.com/unideploy/unideploy-go/smoke

go 1.23

require github.com/unideploy/unideploy-go v0.1.0

require (
	github.com/standard-webhooks/standard-webhooks/libraries v0.0.1 // indirect
	github.com/tmaxmax/go-sse v0.11.0 // indirect
)

// The SDK is generated, never committed: `./mvnw -pl sdks -am generate-sources` writes it here.
replace github.com/unideploy/unideploy-go => ../../target/generated/go
