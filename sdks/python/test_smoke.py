"""Smoke test of the Python SDK as a user installs it (pip install sdks/target/dist/python/*.whl), run with pytest
against the gateway at UNIDEPLOY_URL with the key UNIDEPLOY_TOKEN (a sandbox gateway: five providers):

    UNIDEPLOY_URL=http://localhost:8080 UNIDEPLOY_TOKEN=sandbox pytest test_smoke.py
"""

import asyncio
import base64
import hashlib
import hmac
import os
import time

import pytest
import unideploy_client
from unideploy_client import DeploymentStatus, TriggerDeploymentRequest
from unideploy_client.follow import Deployments, EndEvent, LogEvent, ProblemError, StatusEvent
from unideploy_client.webhooks import WebhookVerificationError, verify_webhook


@pytest.fixture(scope="module")
def client():
    url = os.environ.get("UNIDEPLOY_URL")
    token = os.environ.get("UNIDEPLOY_TOKEN")
    assert url, "UNIDEPLOY_URL must name the gateway, e.g. http://localhost:8080"
    assert token, "UNIDEPLOY_TOKEN must hold a gateway API key, e.g. sandbox"
    configuration = unideploy_client.Configuration(host=url, access_token=token)
    with unideploy_client.ApiClient(configuration) as api_client:
        yield api_client


def test_lists_the_five_sandbox_providers(client):
    providers = unideploy_client.ProvidersApi(client).list_providers()

    assert sorted(p.type for p in providers.items) == ["coolify", "dokploy", "dooor", "mist", "zectre"]


def test_follows_a_deployment_live(client):
    deployments = Deployments(client)
    started = deployments.trigger(TriggerDeploymentRequest(app_id="coolify:cool-web"))

    events = list(deployments.follow(started.id))

    # status first while it runs; a deployment already finished sends its lines, then status and end
    assert any(isinstance(e, StatusEvent) for e in events)
    assert isinstance(events[-1], EndEvent)
    assert events[-1].deployment.status == DeploymentStatus.SUCCEEDED
    lines = [e for e in events if isinstance(e, LogEvent)]
    assert lines, "at least one log line"
    assert len({e.id for e in lines}) == len(lines), "no line twice"


def test_follows_a_deployment_with_asyncio(client):
    deployments = Deployments(client)
    started = deployments.trigger(TriggerDeploymentRequest(app_id="mist:1"))

    async def collect():
        return [event async for event in deployments.follow_async(started.id)]

    events = asyncio.run(collect())

    assert isinstance(events[-1], EndEvent)
    assert events[-1].deployment.status == DeploymentStatus.SUCCEEDED


def test_wait_for_terminal_answers_a_failed_build(client):
    deployments = Deployments(client)
    started = deployments.trigger(TriggerDeploymentRequest(app_id="coolify:cool-broken"))

    done = deployments.wait_for_terminal(started.id, timeout=60)

    assert done.status == DeploymentStatus.FAILED
    assert done.terminal is True


def test_an_unknown_app_is_a_typed_problem(client):
    with pytest.raises(ProblemError) as raised:
        Deployments(client).trigger(TriggerDeploymentRequest(app_id="coolify:no-such-app"))

    problem = raised.value
    assert problem.status == 404
    assert problem.code == "not_found"
    assert problem.request_id
    assert "HTTP 404 not_found" in str(problem)


def test_verify_webhook_accepts_a_v1_signature_and_refuses_a_changed_body():
    key = b"unideploy-test-secret-32-bytes!!"
    secret = "whsec_" + base64.b64encode(key).decode()
    body = '{"type":"deployment.succeeded","data":{"id":"coolify:abc"}}'
    timestamp = str(int(time.time()))
    signature = base64.b64encode(hmac.new(key, f"msg_1.{timestamp}.{body}".encode(), hashlib.sha256).digest())
    headers = {"Webhook-Id": "msg_1", "Webhook-Timestamp": timestamp, "Webhook-Signature": "v1," + signature.decode()}

    assert verify_webhook(secret, body, headers)["type"] == "deployment.succeeded"
    with pytest.raises(WebhookVerificationError):
        verify_webhook(secret, body.replace("succeeded", "failed"), headers)


# A scripted gateway on a free port: the first event stream drops after one line, a trigger first times out.
DEPLOYMENT = (
    '{"id":"stub:d1","provider":"stub","providerType":"coolify","appId":"stub:app","status":"%s","terminal":%s,'
    '"providerStatus":"%s","kind":"deploy","emulated":false,"links":{"self":"/x","logs":"/x/logs","events":"/x/events"}}'
)


def scripted(handle):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            handle(self)

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            handle(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    configuration = unideploy_client.Configuration(host=f"http://127.0.0.1:{server.server_address[1]}")
    return server, unideploy_client.ApiClient(configuration)


def answer(handler, status, content_type, body):
    data = body.encode()
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def test_follow_resumes_a_dropped_stream_without_repeating_a_line():
    last_event_ids = []

    def handle(handler):
        last = handler.headers.get("Last-Event-ID")
        last_event_ids.append(last or "")
        if last:
            body = 'id: 2\nevent: log\ndata: {"message":"two"}\n\nid: 2\nevent: end\ndata: %s\n\n' % (
                DEPLOYMENT % ("succeeded", "true", "finished"))
        else:
            body = 'id: 0\nevent: status\ndata: %s\n\n: heartbeat\n\nid: 1\nevent: log\ndata: {"message":"one"}\n\n' % (
                DEPLOYMENT % ("in_progress", "false", "in_progress"))
        answer(handler, 200, "text/event-stream", body)

    server, client = scripted(handle)
    try:
        events = list(Deployments(client, backoff=0.01).follow("stub:d1"))
    finally:
        server.shutdown()

    assert [type(e).__name__ for e in events] == ["StatusEvent", "LogEvent", "LogEvent", "EndEvent"]
    assert [e.line.message for e in events if isinstance(e, LogEvent)] == ["one", "two"]
    assert last_event_ids == ["", "1"]


def test_trigger_retries_a_504_with_the_same_idempotency_key():
    keys = []

    def handle(handler):
        keys.append(handler.headers.get("Idempotency-Key"))
        if len(keys) == 1:
            answer(handler, 504, "application/problem+json",
                   '{"title":"Gateway Timeout","status":504,"code":"provider_timeout","detail":"late"}')
        else:
            answer(handler, 202, "application/json", DEPLOYMENT % ("queued", "false", "queued"))

    server, client = scripted(handle)
    try:
        started = Deployments(client, backoff=0.01).trigger(TriggerDeploymentRequest(app_id="stub:app"))
    finally:
        server.shutdown()

    assert started.id == "stub:d1"
    assert len(keys) == 2 and keys[0] and keys[1] == keys[0]
