"""Following a deployment live, waiting for it, and writes that are safe to retry.

    from unideploy_client import ApiClient, Configuration, TriggerDeploymentRequest
    from unideploy_client.follow import Deployments, LogEvent

    with ApiClient(Configuration(host="http://localhost:8080", access_token="sandbox")) as client:
        deployments = Deployments(client)
        started = deployments.trigger(TriggerDeploymentRequest(app_id="coolify:cool-web"))
        for event in deployments.follow(started.id):       # or: async for event in deployments.follow_async(...)
            if isinstance(event, LogEvent):
                print(event.line.message)
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from typing import AsyncIterator, Callable, Iterator, Optional, TypeVar, Union

import httpx
import urllib3
from httpx_sse import ServerSentEvent, aconnect_sse, connect_sse

from unideploy_client.api.deployments_api import DeploymentsApi
from unideploy_client.api_client import ApiClient
from unideploy_client.exceptions import ApiException
from unideploy_client.models.deployment import Deployment
from unideploy_client.models.log_line import LogLine
from unideploy_client.models.trigger_deployment_request import TriggerDeploymentRequest
from unideploy_client.problems import ProblemError

__all__ = ["Deployments", "StatusEvent", "LogEvent", "EndEvent", "ErrorEvent", "DeploymentStreamEvent", "ProblemError"]

#: Failed reconnections in a row (without a log line or the end between them) before ``follow`` raises.
RECONNECTIONS = 5


@dataclass(frozen=True)
class StatusEvent:
    """``status``: the deployment's state, first on every connection and then on every change."""

    id: str
    deployment: Deployment


@dataclass(frozen=True)
class LogEvent:
    """``log``: one new log line; each line comes once, across reconnections too."""

    id: str
    line: LogLine


@dataclass(frozen=True)
class EndEvent:
    """``end``: the final, terminal deployment; the last event."""

    id: str
    deployment: Deployment


@dataclass(frozen=True)
class ErrorEvent:
    """``error``: the provider is in trouble (the problem a GET would answer); the stream goes on."""

    id: str
    problem: ProblemError


DeploymentStreamEvent = Union[StatusEvent, LogEvent, EndEvent, ErrorEvent]
T = TypeVar("T")


def new_idempotency_key() -> str:
    """A new key: one per logical write, reused by its retries."""
    return str(uuid.uuid4())


class Deployments:
    """The deployments API as an application uses it: writes carry an ``Idempotency-Key`` (a new one per call unless
    given) and are retried with it when their outcome is unknown, so they never deploy twice; ``follow`` (a generator)
    and ``follow_async`` (an async generator) yield typed events and reconnect with ``Last-Event-ID`` without repeating
    a line; ``wait_for_terminal`` uses the stream and falls back to long-polling ``waitFor=terminal``. Every error
    answer is a ``ProblemError``."""

    def __init__(self, client: ApiClient, backoff: float = 1.0, write_retries: int = 3) -> None:
        self._api = DeploymentsApi(client)
        configuration = client.configuration
        self._base = configuration.host.rstrip("/")
        self._headers = {"Accept": "text/event-stream"}
        if configuration.access_token:
            self._headers["Authorization"] = f"Bearer {configuration.access_token}"
        self._backoff = backoff
        self._write_retries = write_retries

    def trigger(self, request: TriggerDeploymentRequest, idempotency_key: Optional[str] = None) -> Deployment:
        key = idempotency_key or new_idempotency_key()
        return self._write(lambda: self._api.trigger_deployment(request, idempotency_key=key))

    def rollback(self, deployment_id: str, idempotency_key: Optional[str] = None) -> Deployment:
        key = idempotency_key or new_idempotency_key()
        return self._write(lambda: self._api.rollback_deployment(deployment_id, idempotency_key=key))

    def cancel(self, deployment_id: str) -> Deployment:
        """Cancels; a deployment that is already cancelled is answered as it is, not as an error."""
        key = new_idempotency_key()
        try:
            return self._write(
                lambda: self._api.cancel_deployment(deployment_id, idempotency_key=key),
                retryable=lambda e: _ambiguous(e) and not (isinstance(e, ProblemError) and e.status == 409),
            )
        except ProblemError as conflict:
            if conflict.status == 409:
                now = self.get(deployment_id)
                if now.status == "cancelled":
                    return now
            raise

    def get(self, deployment_id: str) -> Deployment:
        return _typed(lambda: self._api.get_deployment(deployment_id))

    def follow(self, deployment_id: str, last_event_id: Optional[str] = None) -> Iterator[DeploymentStreamEvent]:
        """The deployment's events, from its current state (or after ``last_event_id``) to ``end``."""
        failures = 0
        with httpx.Client(timeout=httpx.Timeout(30.0, read=None)) as http:
            while True:
                failure: Optional[Exception] = None
                try:
                    with connect_sse(http, "GET", self._url(deployment_id), headers=self._resume(last_event_id)) as source:
                        _check(source.response, source.response.read)
                        for sse in source.iter_sse():
                            event = _typed_event(sse)
                            if event is None:
                                continue
                            last_event_id = event.id or last_event_id
                            if isinstance(event, (LogEvent, EndEvent)):
                                failures = 0
                            yield event
                            if isinstance(event, EndEvent):
                                return
                except (httpx.HTTPError, ProblemError) as error:
                    if isinstance(error, ProblemError) and not _reconnectable(error):
                        raise
                    failure = error
                failures += 1
                if failures > RECONNECTIONS:
                    raise failure or ConnectionError(f"the event stream of {deployment_id} kept closing before its end")
                time.sleep(min(self._backoff * 2 ** (failures - 1), 30.0))

    async def follow_async(
        self, deployment_id: str, last_event_id: Optional[str] = None
    ) -> AsyncIterator[DeploymentStreamEvent]:
        """``follow`` as an async generator (``async for event in deployments.follow_async(id)``)."""
        failures = 0
        async with httpx.AsyncClient(timeout=httpx.Timeout(30.0, read=None)) as http:
            while True:
                failure: Optional[Exception] = None
                try:
                    async with aconnect_sse(
                        http, "GET", self._url(deployment_id), headers=self._resume(last_event_id)
                    ) as source:
                        if source.response.status_code >= 400:
                            await source.response.aread()
                            _check(source.response, lambda: source.response.content)
                        async for sse in source.aiter_sse():
                            event = _typed_event(sse)
                            if event is None:
                                continue
                            last_event_id = event.id or last_event_id
                            if isinstance(event, (LogEvent, EndEvent)):
                                failures = 0
                            yield event
                            if isinstance(event, EndEvent):
                                return
                except (httpx.HTTPError, ProblemError) as error:
                    if isinstance(error, ProblemError) and not _reconnectable(error):
                        raise
                    failure = error
                failures += 1
                if failures > RECONNECTIONS:
                    raise failure or ConnectionError(f"the event stream of {deployment_id} kept closing before its end")
                await asyncio.sleep(min(self._backoff * 2 ** (failures - 1), 30.0))

    def wait_for_terminal(self, deployment_id: str, timeout: float = 600.0) -> Deployment:
        """The deployment once terminal, or as it is when ``timeout`` seconds pass (check ``terminal``). Waits on the
        stream; when the stream cannot be used it long-polls ``GET /v1/deployments/{id}?waitFor=terminal``."""
        deadline = time.monotonic() + timeout
        try:
            for event in self.follow(deployment_id):
                if isinstance(event, EndEvent):
                    return event.deployment
                if time.monotonic() >= deadline:
                    return self.get(deployment_id)
        except ProblemError as refused:
            if refused.status < 500 and refused.status not in (406, 429):
                raise
        except (httpx.HTTPError, ConnectionError):
            pass  # the stream cannot be used: poll
        while True:
            left = int(deadline - time.monotonic())
            if left < 1:
                return self.get(deployment_id)
            now = _typed(
                lambda: self._api.get_deployment(
                    deployment_id, wait_for="terminal", timeout_seconds=min(left, 60), _request_timeout=min(left, 60) + 30
                )
            )
            if now.terminal:
                return now

    def _url(self, deployment_id: str) -> str:
        return f"{self._base}/v1/deployments/{deployment_id}/events"

    def _resume(self, last_event_id: Optional[str]) -> dict[str, str]:
        return {**self._headers, **({"Last-Event-ID": last_event_id} if last_event_id else {})}

    def _write(self, call: Callable[[], T], retryable: Optional[Callable[[Exception], bool]] = None) -> T:
        retryable = retryable or _ambiguous
        attempt = 0
        while True:
            try:
                return _typed(call)
            except (ProblemError, OSError, urllib3.exceptions.HTTPError) as failure:
                if attempt >= self._write_retries or not retryable(failure):
                    raise
                time.sleep(min(self._backoff * 2**attempt, 30.0))
                attempt += 1


def _typed(call: Callable[[], T]) -> T:
    try:
        return call()
    except ApiException as error:
        raise ProblemError.from_api_exception(error) from error


def _check(response: httpx.Response, read: Callable[[], bytes]) -> None:
    if response.status_code >= 400:
        raise ProblemError.from_body(response.status_code, response.reason_phrase, read())


def _typed_event(sse: ServerSentEvent) -> Optional[DeploymentStreamEvent]:
    if sse.event == "status":
        return StatusEvent(sse.id, Deployment.from_json(sse.data))
    if sse.event == "log":
        return LogEvent(sse.id, LogLine.from_json(sse.data))
    if sse.event == "end":
        return EndEvent(sse.id, Deployment.from_json(sse.data))
    if sse.event == "error":
        return ErrorEvent(sse.id, ProblemError.from_body(502, "Provider error", sse.data))
    return None  # a heartbeat, or an event this SDK does not know yet


def _ambiguous(failure: Exception) -> bool:
    """Whether a write's outcome is unknown, so that a retry with the same key is needed (and safe)."""
    if isinstance(failure, ProblemError):
        return failure.status in (409, 429, 502, 503, 504)
    return isinstance(failure, (OSError, urllib3.exceptions.HTTPError))  # no answer: a network failure


def _reconnectable(failure: ProblemError) -> bool:
    return failure.status >= 500 or failure.status == 429
