// Package smoke tests the Go SDK (github.com/unideploy/unideploy-go) with go test, as a user installs it
// (SdkSmokeIT: GOPROXY=file://…/sdks/target/dist/go; by hand, this folder's go.mod points at the generated source):
//
//	UNIDEPLOY_URL=http://localhost:8080 UNIDEPLOY_TOKEN=sandbox go test ./...
//
// against the gateway at UNIDEPLOY_URL with the key UNIDEPLOY_TOKEN (a sandbox gateway: five providers).
package smoke

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
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

func TestFollowsADeploymentLive(t *testing.T) {
	api, ctx := client(t)
	started, err := api.TriggerDeployment(ctx, *unideploy.NewTriggerDeploymentRequest("coolify:cool-web"), "")
	if err != nil {
		t.Fatalf("TriggerDeployment: %v", err)
	}

	var events []unideploy.DeploymentStreamEvent
	for event, err := range api.FollowDeployment(ctx, started.GetId(), "") {
		if err != nil {
			t.Fatalf("FollowDeployment: %v", err)
		}
		events = append(events, event)
	}

	// status first while it runs; a deployment already finished sends its lines, then status and end
	if !slices.ContainsFunc(events, func(e unideploy.DeploymentStreamEvent) bool { _, ok := e.(*unideploy.StatusEvent); return ok }) {
		t.Error("no status event")
	}
	end, ok := events[len(events)-1].(*unideploy.EndEvent)
	if !ok || end.Deployment.GetStatus() != unideploy.DEPLOYMENTSTATUS_SUCCEEDED {
		t.Fatalf("last event %#v, want an end event of a succeeded deployment", events[len(events)-1])
	}
	seen := map[string]bool{}
	for _, event := range events {
		if line, ok := event.(*unideploy.LogEvent); ok {
			if seen[line.ID] {
				t.Errorf("log line %s twice", line.ID)
			}
			seen[line.ID] = true
		}
	}
	if len(seen) == 0 {
		t.Error("no log line")
	}
}

func TestWaitForTerminalAnswersAFailedBuild(t *testing.T) {
	api, ctx := client(t)
	started, err := api.TriggerDeployment(ctx, *unideploy.NewTriggerDeploymentRequest("coolify:cool-broken"), "")
	if err != nil {
		t.Fatalf("TriggerDeployment: %v", err)
	}

	done, err := api.WaitForTerminal(ctx, started.GetId(), 60*time.Second)

	if err != nil || done.GetStatus() != unideploy.DEPLOYMENTSTATUS_FAILED || !done.GetTerminal() {
		t.Fatalf("WaitForTerminal: %v, %v; want failed", done, err)
	}
}

func TestAnUnknownAppIsATypedProblem(t *testing.T) {
	api, ctx := client(t)

	_, err := api.TriggerDeployment(ctx, *unideploy.NewTriggerDeploymentRequest("coolify:no-such-app"), "")

	problem, ok := unideploy.AsProblem(err)
	if !ok || problem.Status != 404 || problem.Code != "not_found" || problem.RequestID == "" {
		t.Fatalf("error %v (%#v), want a not_found problem with a request id", err, problem)
	}
	if !strings.Contains(err.Error(), "HTTP 404 not_found") || strings.Contains(err.Error(), "%!") {
		t.Errorf("message %q", err.Error())
	}
	_, _, generated := api.DeploymentsAPI.GetDeployment(ctx, "coolify:doesnotexist").Execute()
	if strings.Contains(generated.Error(), "0x") {
		t.Errorf("the generated error prints a pointer: %q", generated.Error())
	}
}

func TestVerifyWebhook(t *testing.T) {
	key := []byte("unideploy-test-secret-32-bytes!!")
	secret := "whsec_" + base64.StdEncoding.EncodeToString(key)
	body := []byte(`{"type":"deployment.succeeded","data":{"id":"coolify:abc"}}`)
	timestamp := fmt.Sprint(time.Now().Unix())
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("msg_1." + timestamp + "." + string(body)))
	headers := http.Header{}
	headers.Set("Webhook-Id", "msg_1")
	headers.Set("Webhook-Timestamp", timestamp)
	headers.Set("Webhook-Signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))

	if err := unideploy.VerifyWebhook(secret, body, headers); err != nil {
		t.Fatalf("VerifyWebhook: %v", err)
	}
	if err := unideploy.VerifyWebhook(secret, []byte(strings.Replace(string(body), "succeeded", "failed", 1)), headers); err == nil {
		t.Fatal("a changed body verified")
	}
}
