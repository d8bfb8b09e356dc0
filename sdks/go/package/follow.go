package unideploy

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"

	sse "github.com/tmaxmax/go-sse"
)

// DeploymentStreamEvent is one event of a deployment's live stream: a *StatusEvent, *LogEvent, *EndEvent or
// *ErrorEvent. (DeploymentEvent is the webhook and /v1/events payload.)
// EventID is where a reconnection resumes (Last-Event-ID).
type DeploymentStreamEvent interface {
	EventID() string
}

// StatusEvent is the deployment's state, first on every connection and then on every change.
type StatusEvent struct {
	ID         string
	Deployment Deployment
}

// LogEvent is one new log line; each line comes once, across reconnections too.
type LogEvent struct {
	ID   string
	Line LogLine
}

// EndEvent is the final, terminal deployment; the last event.
type EndEvent struct {
	ID         string
	Deployment Deployment
}

// ErrorEvent reports provider trouble (the problem a GET would answer); the stream goes on.
type ErrorEvent struct {
	ID      string
	Problem *ProblemError
}

func (e *StatusEvent) EventID() string { return e.ID }
func (e *LogEvent) EventID() string    { return e.ID }
func (e *EndEvent) EventID() string    { return e.ID }
func (e *ErrorEvent) EventID() string  { return e.ID }

// Reconnections is how many failed reconnections in a row (without a log line or the end between them)
// FollowDeployment tries before it yields the error.
const Reconnections = 5

// NewIdempotencyKey answers a new key: one per logical write, reused by its retries.
func NewIdempotencyKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40 // a version 4 UUID
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// FollowDeployment yields a deployment's events from its current state (or after lastEventID, if not empty) to its
// end, reconnecting with Last-Event-ID after a drop so that no log line comes twice. It stops when ctx is done; a
// refusal (4xx) or repeated failures end it with the error as the last pair.
//
//	for event, err := range client.FollowDeployment(ctx, id, "") {
//		if err != nil { return err }
//		switch e := event.(type) {
//		case *unideploy.LogEvent: fmt.Println(e.Line.Message)
//		case *unideploy.EndEvent: fmt.Println(e.Deployment.Status)
//		}
//	}
func (c *APIClient) FollowDeployment(ctx context.Context, id string, lastEventID string) iter.Seq2[DeploymentStreamEvent, error] {
	return func(yield func(DeploymentStreamEvent, error) bool) {
		failures := 0
		for {
			ended, progressed, err := c.streamOnce(ctx, id, &lastEventID, yield)
			if ended || ctx.Err() != nil {
				return
			}
			if progressed {
				failures = 0
			}
			var problem *ProblemError
			if errors.As(err, &problem) && problem.Status < 500 && problem.Status != 429 {
				yield(nil, err)
				return
			}
			if failures++; failures > Reconnections {
				if err == nil {
					err = fmt.Errorf("the event stream of %s kept closing before its end", id)
				}
				yield(nil, err)
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(min(time.Duration(1<<(failures-1))*time.Second, 30*time.Second)):
			}
		}
	}
}

// streamOnce reads one connection; ended is true when the consumer stopped or the end event came.
func (c *APIClient) streamOnce(ctx context.Context, id string, lastEventID *string, yield func(DeploymentStreamEvent, error) bool) (ended, progressed bool, err error) {
	base, err := c.cfg.ServerURLWithContext(ctx, "EventsAPIService.StreamDeploymentEvents")
	if err != nil {
		return false, false, err
	}
	request, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/v1/deployments/"+url.PathEscape(id)+"/events", nil)
	if err != nil {
		return false, false, err
	}
	request.Header.Set("Accept", "text/event-stream")
	if token, ok := ctx.Value(ContextAccessToken).(string); ok {
		request.Header.Set("Authorization", "Bearer "+token)
	}
	if *lastEventID != "" {
		request.Header.Set("Last-Event-ID", *lastEventID)
	}
	client := http.Client{Transport: http.DefaultTransport} // no overall timeout: a stream lasts as long as the deployment
	if c.cfg.HTTPClient != nil && c.cfg.HTTPClient.Transport != nil {
		client.Transport = c.cfg.HTTPClient.Transport
	}
	response, err := client.Do(request)
	if err != nil {
		return false, false, fmt.Errorf("cannot reach the gateway at %s: %w", base, err)
	}
	defer response.Body.Close()
	if response.StatusCode >= 400 {
		body, _ := io.ReadAll(io.LimitReader(response.Body, 1<<20))
		return false, false, problemOf(response.StatusCode, http.StatusText(response.StatusCode), body)
	}
	for raw, readErr := range sse.Read(response.Body, nil) {
		if readErr != nil {
			return false, progressed, readErr
		}
		event, decodeErr := typedEvent(raw)
		if decodeErr != nil {
			return false, progressed, decodeErr
		}
		if event == nil {
			continue
		}
		if event.EventID() != "" {
			*lastEventID = event.EventID()
		}
		_, isEnd := event.(*EndEvent)
		_, isLog := event.(*LogEvent)
		progressed = progressed || isEnd || isLog
		if !yield(event, nil) || isEnd {
			return true, progressed, nil
		}
	}
	return false, progressed, nil // closed before its end
}

func typedEvent(raw sse.Event) (DeploymentStreamEvent, error) {
	switch raw.Type {
	case "status", "end":
		var deployment Deployment
		if err := json.Unmarshal([]byte(raw.Data), &deployment); err != nil {
			return nil, err
		}
		if raw.Type == "end" {
			return &EndEvent{ID: raw.LastEventID, Deployment: deployment}, nil
		}
		return &StatusEvent{ID: raw.LastEventID, Deployment: deployment}, nil
	case "log":
		var line LogLine
		if err := json.Unmarshal([]byte(raw.Data), &line); err != nil {
			return nil, err
		}
		return &LogEvent{ID: raw.LastEventID, Line: line}, nil
	case "error":
		return &ErrorEvent{ID: raw.LastEventID, Problem: problemOf(http.StatusBadGateway, "", []byte(raw.Data))}, nil
	default:
		return nil, nil // a heartbeat, or an event this SDK does not know yet
	}
}

// WaitForTerminal answers the deployment once terminal, or as it is when timeout passes (check GetTerminal()).
// It waits on the event stream and, when the stream cannot be used, long-polls GET …?waitFor=terminal.
func (c *APIClient) WaitForTerminal(ctx context.Context, id string, timeout time.Duration) (*Deployment, error) {
	deadline := time.Now().Add(timeout)
	streamCtx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	for event, err := range c.FollowDeployment(streamCtx, id, "") {
		if err != nil {
			var problem *ProblemError
			if errors.As(err, &problem) && problem.Status < 500 && problem.Status != 406 && problem.Status != 429 {
				return nil, err // a refusal: polling would be refused alike
			}
			break
		}
		if end, ok := event.(*EndEvent); ok {
			return &end.Deployment, nil
		}
	}
	for {
		left := int32(time.Until(deadline).Seconds())
		request := c.DeploymentsAPI.GetDeployment(ctx, id)
		if left >= 1 {
			request = request.WaitFor("terminal").TimeoutSeconds(min(left, 60))
		}
		deployment, response, err := request.Execute()
		if err != nil {
			return nil, typed(response, err)
		}
		if deployment.GetTerminal() || left < 1 {
			return deployment, nil
		}
	}
}

// TriggerDeployment triggers a deployment with an Idempotency-Key (a new one when key is empty) and retries it with
// the same key while the outcome is unknown (504, 409 in flight, 502, 503, 429, a network error): it never deploys
// twice. Errors the gateway answers are *ProblemError.
func (c *APIClient) TriggerDeployment(ctx context.Context, request TriggerDeploymentRequest, key string) (*Deployment, error) {
	if key == "" {
		key = NewIdempotencyKey()
	}
	return retryWrite(ctx, func() (*Deployment, *http.Response, error) {
		return c.DeploymentsAPI.TriggerDeployment(ctx).TriggerDeploymentRequest(request).IdempotencyKey(key).Execute()
	}, ambiguous)
}

// CancelDeployment cancels; a deployment that is already cancelled is answered as it is, not as an error.
func (c *APIClient) CancelDeployment(ctx context.Context, id string) (*Deployment, error) {
	key := NewIdempotencyKey()
	deployment, err := retryWrite(ctx, func() (*Deployment, *http.Response, error) {
		return c.DeploymentsAPI.CancelDeployment(ctx, id).IdempotencyKey(key).Execute()
	}, func(err error) bool { return ambiguous(err) && !conflict(err) })
	if conflict(err) {
		if now, _, getErr := c.DeploymentsAPI.GetDeployment(ctx, id).Execute(); getErr == nil && now.GetStatus() == DEPLOYMENTSTATUS_CANCELLED {
			return now, nil
		}
	}
	return deployment, err
}

func retryWrite(ctx context.Context, call func() (*Deployment, *http.Response, error), retryable func(error) bool) (*Deployment, error) {
	for attempt := 0; ; attempt++ {
		deployment, response, err := call()
		if err == nil {
			return deployment, nil
		}
		err = typed(response, err)
		if attempt >= 3 || !retryable(err) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(1<<attempt) * time.Second):
		}
	}
}

func ambiguous(err error) bool {
	var problem *ProblemError
	if errors.As(err, &problem) {
		switch problem.Status {
		case 409, 429, 502, 503, 504:
			return true
		}
		return false
	}
	return true // no answer: a network error
}

func conflict(err error) bool {
	var problem *ProblemError
	return errors.As(err, &problem) && problem.Status == http.StatusConflict
}
