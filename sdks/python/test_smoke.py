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
