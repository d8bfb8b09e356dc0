"""Smoke test of the generated Python SDK (package unideploy_client), run with pytest:

    pip install sdks/target/generated/python pytest
    UNIDEPLOY_URL=http://localhost:8080 UNIDEPLOY_TOKEN=sandbox pytest sdks/python

against the gateway at UNIDEPLOY_URL with the key UNIDEPLOY_TOKEN (a sandbox gateway: five providers).
"""

import os

import pytest
import unideploy_client
from unideploy_client import DeploymentStatus, TriggerDeploymentRequest


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
    for provider in providers.items:
        assert provider.capabilities.trigger == "native", provider.id


def test_triggers_waits_until_succeeded_and_reads_logs(client):
    deployments = unideploy_client.DeploymentsApi(client)

    started = deployments.trigger_deployment(TriggerDeploymentRequest(app_id="coolify:cool-web"))
    assert started.id.startswith("coolify:")
    assert started.app_id == "coolify:cool-web"

    finished = deployments.get_deployment(started.id, wait_for="terminal", timeout_seconds=60, _request_timeout=90.0)
    assert finished.id == started.id
    assert finished.status == DeploymentStatus.SUCCEEDED
    assert finished.terminal is True

    logs = deployments.get_deployment_logs(started.id)
    assert len(logs.items) >= 1, "a finished deployment has at least one log line"
    assert any(line.message.strip() for line in logs.items), "some log line has a message"
    assert logs.complete is True
