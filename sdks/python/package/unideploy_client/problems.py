"""Typed problems: every error answer of the gateway as a ProblemError carrying its RFC 9457 document."""

from __future__ import annotations

import json
from typing import Any, Optional

from unideploy_client.exceptions import ApiException


class ProblemError(Exception):
    """An error answer of the gateway: switch on ``code``; ``str()`` reads ``Not found (HTTP 404 not_found): …``."""

    def __init__(self, problem: dict[str, Any]) -> None:
        self.problem = problem
        self.status: int = int(problem.get("status") or 0)
        self.code: str = str(problem.get("code"))
        self.title: str = str(problem.get("title") or f"HTTP {self.status}")
        self.detail: Optional[str] = problem.get("detail")
        self.request_id: Optional[str] = problem.get("requestId")
        self.provider: Optional[str] = problem.get("provider")
        self.upstream_status: Optional[int] = problem.get("upstreamStatus")
        self.errors: list[dict[str, str]] = list(problem.get("errors") or [])
        where = f", provider {self.provider}" if self.provider else ""
        detail = f": {self.detail}" if self.detail else ""
        request = f" [request {self.request_id}]" if self.request_id else ""
        super().__init__(f"{self.title} (HTTP {self.status} {self.code}{where}){detail}{request}")

    @classmethod
    def from_body(cls, status: int, reason: str, body: Any) -> "ProblemError":
        """The problem an error body carries; a body that is not one becomes ``http_<status>``."""
        try:
            document = json.loads(body) if isinstance(body, (str, bytes, bytearray)) else None
        except ValueError:
            document = None
        if isinstance(document, dict) and isinstance(document.get("code"), str):
            return cls({"status": status, **document})
        return cls(
            {
                "status": status,
                "title": reason or f"HTTP {status}",
                "code": f"http_{status}",
                "detail": f"The gateway answered HTTP {status} without a problem document.",
            }
        )

    @classmethod
    def from_api_exception(cls, error: ApiException) -> "ProblemError":
        """The generated client's ``ApiException`` as a typed problem."""
        return cls.from_body(error.status or 0, error.reason or "", error.body)
