package smoke

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	unideploy "github.com/unideploy/unideploy-go"
)

// A scripted gateway: the first event stream drops after one line, a trigger first times out.
func deployment(status string, terminal bool) string {
	return fmt.Sprintf(`{"id":"stub:d1","provider":"stub","providerType":"coolify","appId":"stub:app","status":%q,`+
		`"terminal":%t,"providerStatus":%q,"kind":"deploy","emulated":false,`+
		`"links":{"self":"/x","logs":"/x/logs","events":"/x/events"}}`, status, terminal, status)
}

func scripted(t *testing.T, handler http.HandlerFunc) *unideploy.APIClient {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	cfg := unideploy.NewConfiguration()
	cfg.Servers = unideploy.ServerConfigurations{{URL: server.URL}}
	return unideploy.NewAPIClient(cfg)
}

func TestFollowResumesADroppedStreamWithoutRepeatingALine(t *testing.T) {
	var mu sync.Mutex
	var lastEventIDs []string
	api := scripted(t, func(w http.ResponseWriter, r *http.Request) {
		last := r.Header.Get("Last-Event-ID")
		mu.Lock()
		lastEventIDs = append(lastEventIDs, last)
		mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		if last == "" {
			fmt.Fprintf(w, "id: 0\nevent: status\ndata: %s\n\n: heartbeat\n\nid: 1\nevent: log\ndata: {\"message\":\"one\"}\n\n", deployment("in_progress", false))
		} else {
			fmt.Fprintf(w, "id: 2\nevent: log\ndata: {\"message\":\"two\"}\n\nid: 2\nevent: end\ndata: %s\n\n", deployment("succeeded", true))
		}
	})

	var kinds, lines []string
	for event, err := range api.FollowDeployment(context.Background(), "stub:d1", "") {
		if err != nil {
			t.Fatalf("FollowDeployment: %v", err)
		}
		kinds = append(kinds, fmt.Sprintf("%T", event))
		if line, ok := event.(*unideploy.LogEvent); ok {
			lines = append(lines, line.Line.GetMessage())
		}
	}

	if want := []string{"*unideploy.StatusEvent", "*unideploy.LogEvent", "*unideploy.LogEvent", "*unideploy.EndEvent"}; !slices.Equal(kinds, want) {
		t.Errorf("events %v, want %v", kinds, want)
	}
	if !slices.Equal(lines, []string{"one", "two"}) {
		t.Errorf("lines %v, want [one two]", lines)
	}
	if !slices.Equal(lastEventIDs, []string{"", "1"}) {
		t.Errorf("Last-Event-IDs %q, want [\"\" \"1\"]", lastEventIDs)
	}
}

func TestTriggerRetriesA504WithTheSameIdempotencyKey(t *testing.T) {
	var mu sync.Mutex
	var keys []string
	api := scripted(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		first := len(keys) == 1
		mu.Unlock()
		if first {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusGatewayTimeout)
			fmt.Fprint(w, `{"type":"about:blank","title":"Gateway Timeout","status":504,"code":"provider_timeout","detail":"late"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprint(w, deployment("queued", false))
	})

	started, err := api.TriggerDeployment(context.Background(), *unideploy.NewTriggerDeploymentRequest("stub:app"), "")

	if err != nil || started.GetId() != "stub:d1" {
		t.Fatalf("TriggerDeployment: %v, %v", started, err)
	}
	if len(keys) != 2 || keys[0] == "" || keys[1] != keys[0] {
		t.Errorf("Idempotency-Keys %q, want one key sent twice", keys)
	}
}
