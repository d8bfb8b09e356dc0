// Package smoke tests the generated Go SDK (github.com/unideploy/unideploy-go) with go test:
//
//	UNIDEPLOY_URL=http://localhost:8080 UNIDEPLOY_TOKEN=sandbox go test ./...
//
// against the gateway at UNIDEPLOY_URL with the key UNIDEPLOY_TOKEN (a sandbox gateway: five providers).
package smoke

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	unideploy "github.com/unideploy/unideploy-go"
)

func client(t *testing.T) (*unideploy.APIClient, context.Context) {
	t.Helper()
	url, token := os.Getenv("UNIDEPLOY_URL"), os.Getenv("UNIDEPLOY_TOKEN")
	if url == "" || token == "" {
		t.Fatal("UNIDEPLOY_URL and UNIDEPLOY_TOKEN must name the gateway and an API key, e.g. http://localhost:8080 and sandbox")
	}
	cfg := unideploy.NewConfiguration()
	cfg.Servers = unideploy.ServerConfigurations{{URL: url}}
	// above the longest server-side wait below (timeoutSeconds 60)
	cfg.HTTPClient = &http.Client{Timeout: 90 * time.Second}
	ctx := context.WithValue(context.Background(), unideploy.ContextAccessToken, token)
	return unideploy.NewAPIClient(cfg), ctx
}

func TestListsTheFiveSandboxProviders(t *testing.T) {
	api, ctx := client(t)

	list, _, err := api.ProvidersAPI.ListProviders(ctx).Execute()
	if err != nil {
		t.Fatalf("listProviders: %v", err)
	}
	var types []string
	for _, p := range list.GetItems() {
		types = append(types, p.GetType())
		if trigger := p.Capabilities.GetTrigger(); trigger != unideploy.CAPABILITYSUPPORT_NATIVE {
			t.Errorf("%s triggers %s, want native", p.GetId(), trigger)
		}
	}
	slices.Sort(types)
	if want := []string{"coolify", "dokploy", "dooor", "mist", "zectre"}; !slices.Equal(types, want) {
		t.Fatalf("provider types %v, want %v", types, want)
	}
}

func TestTriggersWaitsUntilSucceededAndReadsLogs(t *testing.T) {
	api, ctx := client(t)

	started, _, err := api.DeploymentsAPI.TriggerDeployment(ctx).
		TriggerDeploymentRequest(*unideploy.NewTriggerDeploymentRequest("coolify:cool-web")).
		Execute()
	if err != nil {
		t.Fatalf("triggerDeployment: %v", err)
	}
	if !strings.HasPrefix(started.GetId(), "coolify:") || started.GetAppId() != "coolify:cool-web" {
		t.Fatalf("started %s of %s, want a coolify deployment of coolify:cool-web", started.GetId(), started.GetAppId())
	}

	finished, _, err := api.DeploymentsAPI.GetDeployment(ctx, started.GetId()).
		WaitFor("terminal").TimeoutSeconds(60).Execute()
	if err != nil {
		t.Fatalf("getDeployment waitFor=terminal: %v", err)
	}
	if finished.GetId() != started.GetId() {
		t.Errorf("waited for %s, got %s", started.GetId(), finished.GetId())
	}
	if finished.GetStatus() != unideploy.DEPLOYMENTSTATUS_SUCCEEDED || !finished.GetTerminal() {
		t.Fatalf("status %s (terminal %v), want succeeded (terminal)", finished.GetStatus(), finished.GetTerminal())
	}

	logs, _, err := api.DeploymentsAPI.GetDeploymentLogs(ctx, started.GetId()).Execute()
	if err != nil {
		t.Fatalf("getDeploymentLogs: %v", err)
	}
	if len(logs.GetItems()) == 0 {
		t.Fatal("a finished deployment has at least one log line, got none")
	}
	if !slices.ContainsFunc(logs.GetItems(), func(l unideploy.LogLine) bool { return strings.TrimSpace(l.GetMessage()) != "" }) {
		t.Error("no log line has a message")
	}
	if !logs.GetComplete() {
		t.Error("the logs of a finished deployment are complete")
	}
}
