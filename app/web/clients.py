"""The two platform APIs the web app is a client of, called with the signed-in person's own access token.

Every failure becomes a ``ServiceError`` whose ``kind`` the page turns into a message a person can act on; the
``detail`` (the service's own words) goes to the log and under the message.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

import httpx

LOG = logging.getLogger(__name__)

ErrorKind = Literal[
    "storage_down", "model_down", "busy", "not_an_image", "too_large", "rejected", "signed_out", "not_found"
]


class ServiceError(Exception):
    """A call to the file service or the module API that did not give an answer the app can use."""

    def __init__(self, kind: ErrorKind, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status


def _segment(value: str) -> str:
    """``value`` as one path segment: an id from the browser's URL may hold '/', '?', CR or LF, which must reach the
    service as data (and be refused there), not change the request or break it."""
    return quote(value, safe="")


def _error_text(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or f"HTTP {response.status_code}"
    error = body.get("error") if isinstance(body, dict) else None
    return str(error) if error else f"HTTP {response.status_code}"


def _refusal(response: httpx.Response, down: ErrorKind) -> ServiceError:
    """The kind of a non-2xx answer: 401 means the login ended, 413/415 are the file's fault, 5xx the service's (a
    module API's 503 says when to come back: busy)."""
    status, detail = response.status_code, _error_text(response)
    kind: ErrorKind
    if status == 401:
        kind = "signed_out"
    elif status == 404:
        kind = "not_found"
    elif status == 413:
        kind = "too_large"
    elif status == 415:
        kind = "not_an_image"
    elif status == 503 and down == "model_down":  # the module API's "not now": full, loading, or too busy to decode
        kind = "busy"
    elif status >= 500:
        kind = down
    else:
        kind = "rejected"
    return ServiceError(kind, detail, status)


@dataclass(frozen=True)
class StoredFile:
    id: str
    name: str
    size: int
    content_type: str
    created: str

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> StoredFile:
        return cls(body["id"], body["name"], body["size"], body["content_type"], body["created"])


MISSING_FILE = "among your uploads in the file service"
"""How the runtime words a file id it cannot find for the caller (app/runtime/filerefs.py): not the photo's fault."""


class _ApiClient:
    """A platform API called with the person's bearer token; faults become ``ServiceError`` of the right kind."""

    service = "the API"
    down: ErrorKind = "model_down"
    """The kind of a transport failure or a 5xx: which service is not answering."""

    def __init__(self, base_url: str, *, timeout_s: float) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=timeout_s)

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, url: str, token: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, url, headers={"Authorization": f"Bearer {token}"}, **kwargs)
        except httpx.TransportError as error:
            LOG.warning("%s unreachable: %s", self.service, error)
            raise ServiceError(self.down, f"{self.service} is unreachable: {error}") from error
        if response.is_error:
            refusal = self._refusal(response)
            LOG.warning("%s refused %s %s: %s %s", self.service, method, url, response.status_code, refusal.detail)
            raise refusal
        return response

    def _refusal(self, response: httpx.Response) -> ServiceError:
        return _refusal(response, self.down)


class FilesClient(_ApiClient):
    """The file service (``RECEIPT_FILES_URL``): each person's photos, under their own token."""

    service = "the file service"
    down = "storage_down"

    def __init__(self, base_url: str, *, timeout_s: float = 30) -> None:
        super().__init__(base_url, timeout_s=timeout_s)

    def upload(self, token: str, name: str, data: bytes, content_type: str) -> StoredFile:
        response = self._call("POST", "/files", token, files={"file": (name, data, content_type)})
        return StoredFile.from_json(response.json())

    def list_all(self, token: str, max_pages: int = 20) -> list[StoredFile]:
        """Every file of the caller (up to ``max_pages`` pages of 100)."""
        files: list[StoredFile] = []
        cursor: str | None = None
        for _ in range(max_pages):
            params = {"limit": 100} | ({"cursor": cursor} if cursor else {})
            page = self._call("GET", "/files", token, params=params).json()
            files.extend(StoredFile.from_json(item) for item in page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                break
        return files

    def info(self, token: str, file_id: str) -> StoredFile:
        return StoredFile.from_json(self._call("GET", f"/files/{_segment(file_id)}", token).json())

    def download(self, token: str, file_id: str) -> tuple[bytes, str]:
        """The bytes of a file and their content type (photos are at most a few MB: read whole)."""
        response = self._call("GET", f"/files/{_segment(file_id)}/content", token)
        return response.content, response.headers.get("content-type", "application/octet-stream")

    def delete(self, token: str, file_id: str) -> None:
        self._call("DELETE", f"/files/{_segment(file_id)}", token)


@dataclass(frozen=True)
class Reading:
    """What the module answered: the details, a check per field (with where each value was read) and how well the
    document could be read (all plain JSON)."""

    details: dict[str, Any]
    checks: dict[str, Any]
    quality: dict[str, Any] | None = None


class RuntimeClient(_ApiClient):
    """The module runtime's Open Inference Protocol API (``RECEIPT_RUNTIME_URL``)."""

    service = "the module API"
    down = "model_down"

    def __init__(self, base_url: str, *, timeout_s: float = 90) -> None:
        super().__init__(base_url, timeout_s=timeout_s)
        self._served: tuple[float, frozenset[str]] | None = None

    def _refusal(self, response: httpx.Response) -> ServiceError:
        refusal = super()._refusal(response)
        if response.status_code == 400 and MISSING_FILE in refusal.detail:  # deleted since it was stored
            return ServiceError("not_found", refusal.detail, 400)
        if response.status_code == 400:  # the module's own words about the file: not an image, empty, …
            return ServiceError("not_an_image", refusal.detail, 400)
        return refusal

    def infer(self, token: str, model: str, file_id: str) -> Reading:
        """One stored photo through ``POST /v2/models/{model}/infer``, preprocessing on. The FILE input is the
        photo's id in the file service (``content_type: file_id``): the runtime reads it from the module's storage
        under the same token, so the photo is not sent a second time."""
        request = {
            "inputs": [
                {
                    "name": "image",
                    "datatype": "BYTES",
                    "shape": [1],
                    "parameters": {"content_type": "file_id"},
                    "data": [file_id],
                }
            ],
            "parameters": {"preprocess": True},
            "outputs": [{"name": "payment_details"}, {"name": "checks"}, {"name": "quality"}],
        }
        body = self._call("POST", f"/v2/models/{_segment(model)}/infer", token, json=request).json()
        outputs = {output["name"]: output for output in body.get("outputs", [])}
        try:
            details = json.loads(outputs["payment_details"]["data"][0])
            checks = json.loads(outputs["checks"]["data"][0])
            quality = json.loads(outputs["quality"]["data"][0]) if "quality" in outputs else None
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise ServiceError("model_down", f"the module API answered without usable outputs: {error}") from error
        return Reading(details, checks, quality if isinstance(quality, dict) else None)

    def metadata(self, token: str, model: str) -> dict[str, Any]:
        """``GET /v2/models/{model}``: the declared inputs and outputs, each with its ``content_type``."""
        metadata: dict[str, Any] = self._call("GET", f"/v2/models/{_segment(model)}", token).json()
        return metadata

    def infer_stored(
        self,
        token: str,
        model: str,
        input_name: str,
        file_id: str,
        *,
        inputs: Sequence[dict[str, Any]] = (),
        parameters: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """One stored file as the model's FILE input ``input_name`` (by id, as ``infer`` sends it) beside the other
        ``inputs`` tensors: ``infer``'s outputs."""
        tensor = {
            "name": input_name,
            "datatype": "BYTES",
            "shape": [1],
            "parameters": {"content_type": "file_id"},
            "data": [file_id],
        }
        return self.infer_tensors(token, model, [tensor, *inputs], parameters)

    def infer_tensors(
        self, token: str, model: str, inputs: Sequence[dict[str, Any]], parameters: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """``POST /v2/models/{model}/infer`` with ``inputs``, every output asked for, ``parameters`` (the rest left
        to their defaults): the outputs as the module API answers them."""
        request: dict[str, Any] = {"inputs": list(inputs)}
        if parameters:
            request["parameters"] = dict(parameters)
        body = self._call("POST", f"/v2/models/{_segment(model)}/infer", token, json=request).json()
        outputs = body.get("outputs") if isinstance(body, dict) else None
        if not isinstance(outputs, list):
            raise ServiceError("model_down", "the module API answered without outputs")
        return [output for output in outputs if isinstance(output, dict)]

    def served_models(self, max_age_s: float = 10) -> frozenset[str] | None:
        """The models this runtime serves (its open readiness answer lists them), remembered ``max_age_s``; None when
        it cannot be asked, so the pages still offer the manifest's models and a reading reports the outage."""
        now = time.monotonic()
        if self._served is not None and now - self._served[0] < max_age_s:
            return self._served[1]
        try:
            answer = self._http.get("/v2/health/ready", timeout=2).json()
            served = frozenset(answer["models"])
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return None
        self._served = (now, served)
        return served

    def stats(self, token: str, model: str) -> dict[str, Any]:
        stats: dict[str, Any] = self._call("GET", f"/v2/models/{_segment(model)}/stats", token).json()
        return stats

    def monitoring(self, token: str, listing: str, params: dict[str, str]) -> dict[str, Any]:
        """``GET /v2/monitoring/{listing}`` (requests, publications, logs) with the admin's own token."""
        answer: dict[str, Any] = self._call("GET", f"/v2/monitoring/{_segment(listing)}", token, params=params).json()
        return answer
