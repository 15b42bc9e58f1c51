"""The generic view's history: the person's stored files, newest first, each with the model that last ran on it and
how that went (``runs``), a thumbnail when it is an image, the link to its result page, and delete.

Everything goes through the file service under the person's own token: it lists only their files and answers 404 for
anyone else's id, so this module never decides who owns what.
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import io
from dataclasses import dataclass
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from PIL import Image, UnidentifiedImageError

from app.web.clients import ServiceError, StoredFile
from app.web.runs import Run
from app.web.state import CsrfChecked, Member, SignInRequired, is_htmx, render, web_state

router = APIRouter(tags=["results"])
HISTORY_ROWS = 100
"""Rows the history lists, newest first."""
THUMBNAIL_PX = 160
"""Longest side of a row's picture: sharp at 4 rem on a phone, a few KB."""
THUMBNAIL_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
"""Stored types a thumbnail is drawn from; other files (PDF, HEIC, anything a module takes) show their type."""
MAX_SOURCE_PIXELS = 50_000_000
"""Pixels decoded at most for a thumbnail (a 25 MB PNG of one colour may declare billions); a phone photo: 12-50 M."""


@dataclass(frozen=True)
class ResultRow:
    """One stored file and the latest run on it (None when the log does not know one)."""

    file: StoredFile
    run: Run | None

    @property
    def status(self) -> str:
        """``done``, ``failed``, or ``stored`` (no run known)."""
        return self.run.status if self.run else "stored"

    @property
    def href(self) -> str:
        """The result page, for the model that ran (the person's first model when none is known)."""
        link = f"/results/{quote(self.file.id, safe='')}"
        return f"{link}?model={quote(self.run.model, safe='')}" if self.run else link

    @property
    def thumbnail(self) -> bool:
        return self.file.content_type in THUMBNAIL_TYPES


def result_rows(files: list[StoredFile], runs: dict[str, Run], limit: int = HISTORY_ROWS) -> list[ResultRow]:
    """The newest ``limit`` files, each with its run."""
    newest = sorted(files, key=lambda file: file.created, reverse=True)[:limit]
    return [ResultRow(file, runs.get(file.id)) for file in newest]


def _service_failure(error: ServiceError) -> int:
    if error.kind == "signed_out":
        raise SignInRequired from error
    return 404 if error.kind == "not_found" else 503


@router.get("/results", response_class=HTMLResponse)
def results_history(request: Request, login: Member) -> HTMLResponse:
    """The person's results, newest first: time, file, model, status, and delete."""
    state = web_state(request)
    try:
        files = state.files.list_all(login.access_token)
    except ServiceError as error:
        status = _service_failure(error)
        return render(request, "results.html", {"problem": error}, status_code=status)
    rows = result_rows(files, state.runs.runs(login.principal.subject))
    return render(request, "results.html", {"rows": rows, "total": len(files)})


@router.get("/results/{file_id}/thumbnail")
async def thumbnail(request: Request, file_id: str, login: Member) -> Response:
    """A small JPEG of one of the person's stored images (404 for anything not theirs, 415 for what is no image)."""
    state = web_state(request)
    try:
        data, content_type = await anyio.to_thread.run_sync(state.files.download, login.access_token, file_id)
    except ServiceError as error:
        return Response(status_code=_service_failure(error))
    if content_type not in THUMBNAIL_TYPES:
        return Response(status_code=415)
    try:
        small = await anyio.to_thread.run_sync(jpeg_thumbnail, data)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return Response(status_code=415)
    headers = {"Cache-Control": "private, max-age=3600"}
    return Response(small, media_type="image/jpeg", headers=headers)


def jpeg_thumbnail(data: bytes) -> bytes:
    """A JPEG of at most ``THUMBNAIL_PX`` a side; ValueError for an image too large to decode for one."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))  # a JPEG decodes at a fraction of its size
        if image.width * image.height > MAX_SOURCE_PIXELS:
            raise ValueError(f"{image.width}×{image.height} pixels is more than a thumbnail is drawn from")
        image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=80)
    return out.getvalue()


@router.post("/results/{file_id}/delete", dependencies=[CsrfChecked])
def delete_result(request: Request, file_id: str, login: Member) -> Response:
    """Delete one of the person's stored files and forget its run; another person's id is not found (404)."""
    state = web_state(request)
    try:
        state.files.delete(login.access_token, file_id)
    except ServiceError as error:
        return Response(error.detail, status_code=_service_failure(error), media_type="text/plain")
    state.runs.forget(login.principal.subject, file_id)
    if is_htmx(request):
        return Response(status_code=200)  # the row swaps itself out
    return RedirectResponse("/results", status_code=303)
