package unideploy

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// ProblemError is an error answer of the gateway as its RFC 9457 problem document: switch on Code.
// Its Error() reads "Not found (HTTP 404 not_found): Deployment coolify:x does not exist. [request 0af7…]".
type ProblemError struct {
	Status    int
	Code      string
	Title     string
	Detail    string
	RequestID string
	Provider  string
	// Problem is the whole document, with type, instance, upstreamStatus and field errors.
	Problem Problem
}

func (p *ProblemError) Error() string {
	where := ""
	if p.Provider != "" {
		where = ", provider " + p.Provider
	}
	msg := fmt.Sprintf("%s (HTTP %d %s%s)", p.Title, p.Status, p.Code, where)
	if p.Detail != "" {
		msg += ": " + p.Detail
	}
	if p.RequestID != "" {
		msg += " [request " + p.RequestID + "]"
	}
	return msg
}

// AsProblem finds the problem in an error returned by this SDK, the generated calls' GenericOpenAPIError included.
func AsProblem(err error) (*ProblemError, bool) {
	var problem *ProblemError
	if errors.As(err, &problem) {
		return problem, true
	}
	var generic *GenericOpenAPIError
	if errors.As(err, &generic) {
		return problemOf(0, "", generic.Body()), true
	}
	return nil, false
}

// problemOf reads a problem document; a body that is not one becomes code http_<status>.
func problemOf(status int, reason string, body []byte) *ProblemError {
	var doc Problem
	if err := json.Unmarshal(body, &doc); err == nil && doc.Code != "" {
		problem := &ProblemError{Status: int(doc.Status), Code: doc.Code, Title: doc.Title, Detail: doc.Detail, Problem: doc}
		if problem.Status == 0 {
			problem.Status = status
		}
		problem.RequestID = doc.GetRequestId()
		problem.Provider = doc.GetProvider()
		return problem
	}
	if reason == "" {
		reason = http.StatusText(status)
	}
	return &ProblemError{
		Status: status,
		Code:   fmt.Sprintf("http_%d", status),
		Title:  reason,
		Detail: fmt.Sprintf("The gateway answered HTTP %d without a problem document.", status),
	}
}

// typed turns a generated call's error into a *ProblemError where the gateway answered one.
func typed(response *http.Response, err error) error {
	var generic *GenericOpenAPIError
	if errors.As(err, &generic) && response != nil {
		return problemOf(response.StatusCode, http.StatusText(response.StatusCode), generic.Body())
	}
	return err
}
