"""The file service's HTTP routes: upload, list, metadata, download with Range, delete, expiring links.

Who may call them: a bearer token from the realm (``app.auth``'s verifier, clients from the API manifest) whose
holder is in one of the groups that may call one of the module's models: files exist to be read by a model, so the
people who may run a model are the people who may store files. Each caller sees only their own files.
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse

from app.auth import ANONYMOUS, Principal, TokenVerifier, authorize_request, principal_dependency
from app.common.docs import BEARER_SCHEME
from app.common.limits import FORM_OVERHEAD_BYTES
from app.files.models import ErrorBody, FileInfo, FilePage, FileServiceError, FileUrl
from app.files.multipart import FILE_FIELD, MultipartFile, RequestBody
from app.files.ranges import content_range
from app.files.readahead import read_ahead
from app.files.service import ALLOWED_TYPES, Download, FileService
from app.limiter import SaturatedError, SlotLimiter
from app.storage import LocalStorage


@dataclass(frozen=True)
class FilesState:
    service: FileService
    verifier: TokenVerifier | None
    groups: tuple[str, ...]
    uploads: SlotLimiter
    """An upload holds a worker thread for as long as its client takes to send it: slow clients must not take them
    all from the other routes."""
    uploads_per_user: int = 4
    """Nor may one user take all of them: uploads one owner may have streaming or waiting at once."""
    body_idle_s: float = 20.0
    """An upload that sends nothing for this long ends with 408, giving its slot back."""
    uploading: Counter[str] = field(default_factory=Counter)
    """Uploads in progress per owner (token subject; the client address when anonymous)."""


# The dependencies that only read the app's state are async: FastAPI runs a sync one in its thread pool, a hop that
# cost a metadata request about 0.8 ms of its 2.7 (the token check stays sync: it may fetch the realm's keys).


def files_state(request: Request) -> FilesState:
    state: FilesState = request.app.state.files
    return state


async def get_verifier(request: Request) -> TokenVerifier | None:
    return files_state(request).verifier


async def get_service(request: Request) -> FileService:
    return files_state(request).service


async def current_owner(
    request: Request, principal: Annotated[Principal, Depends(principal_dependency(get_verifier))]
) -> Principal:
    """The caller, when a member of one of the model groups (403 otherwise)."""
    authorize_request(request, principal, files_state(request).groups)
    return principal


Owner = Annotated[Principal, Depends(current_owner)]
Service = Annotated[FileService, Depends(get_service)]
FileId = Annotated[str, PathParam(description="The id POST /files returned")]


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in statuses}


_STORAGE_ERRORS = (502, 503)
_AUTH_ERRORS = (401, 403)
_BINARY = {"content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in ALLOWED_TYPES}}
"""A download is one of the types an upload may have, with its own Content-Type."""
_SECURED: dict[str, Any] = {"security": [{BEARER_SCHEME: []}]}
"""Every route but the signed link's takes a bearer token; the scheme is declared in ``app.files.main``."""
_UPLOAD_BODY = {
    **_SECURED,
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FILE_FIELD],
                    "properties": {FILE_FIELD: {"type": "string", "format": "binary"}},
                }
            }
        },
    },
}
_DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The whole file", **_BINARY},
    206: {"description": "The byte range asked for, with Content-Range", **_BINARY},
    **_errors(404, 416, *_STORAGE_ERRORS),
}

router = APIRouter(prefix="/files", tags=["files"], responses=_errors(422))


@router.post(
    "",
    status_code=201,
    response_model=FileInfo,
    openapi_extra=_UPLOAD_BODY,
    responses=_errors(400, *_AUTH_ERRORS, 408, 413, 415, 429, *_STORAGE_ERRORS),
)
async def upload_file(request: Request, owner: Owner, service: Service) -> FileInfo:
    """Upload one photo or PDF as the form field `file`; it streams to storage as it arrives.

    The type is sniffed from the bytes and must be one of storage.yaml's ``accept`` (JPEG, PNG, WebP, HEIC, PDF,
    TIFF unless it says; else 415), empty files are 400, files over the size limit 413. Nothing is stored unless the
    whole file arrived. When too many uploads are streaming and waiting already, 503 with Retry-After.
    """
    limit = service.max_bytes + FORM_OVERHEAD_BYTES
    too_large = f"the file is over the limit of {service.max_bytes} bytes"
    length = request.headers.get("content-length", "")
    if length.isdecimal() and int(length) > limit:
        raise FileServiceError(413, too_large)
    state = files_state(request)
    body = RequestBody(request, limit, too_large, state.body_idle_s)
    upload = MultipartFile(request.headers.get("content-type", ""), body.pull)
    with _user_upload(state, _uploader(owner, request)):
        try:
            async with state.uploads.slot():
                stored = await anyio.to_thread.run_sync(_store, service, owner, upload)
        except SaturatedError as exc:
            raise FileServiceError(503, "too many uploads at once; try again shortly", {"Retry-After": "1"}) from exc
        await body.drain()
    return stored


def _uploader(owner: Principal, request: Request) -> str:
    if owner != ANONYMOUS:
        return f"user:{owner.subject}"
    return f"address:{request.client.host if request.client else 'unknown'}"


@contextmanager
def _user_upload(state: FilesState, uploader: str) -> Iterator[None]:
    """Count the upload against its owner's share of the slots and the queue; 429 when that share is used up."""
    if state.uploading[uploader] >= state.uploads_per_user:
        raise FileServiceError(
            429, f"you have {state.uploads_per_user} uploads in progress already; wait for one to finish",
            {"Retry-After": "1"},
        )  # fmt: skip
    state.uploading[uploader] += 1
    try:
        yield
    finally:
        state.uploading[uploader] -= 1
        if not state.uploading[uploader]:
            del state.uploading[uploader]


def _store(service: FileService, owner: Principal, upload: MultipartFile) -> FileInfo:
    upload.open()
    return service.upload(owner, upload, upload.name)


@router.get(
    "",
    response_model=FilePage,
    responses=_errors(400, *_AUTH_ERRORS, *_STORAGE_ERRORS),
    openapi_extra=_SECURED,
)
def list_files(
    owner: Owner,
    service: Service,
    limit: Annotated[int, Query(ge=1, le=100, description="Files per page")] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> FilePage:
    """The caller's own files, a page at a time, in id order."""
    return service.list(owner, limit=limit, cursor=cursor)


@router.get("/signed", response_class=StreamingResponse, responses={**_DOWNLOAD_RESPONSES, **_errors(403)})
def download_signed(
    service: Service,
    key: str,
    expires: int,
    signature: str,
    range_header: Annotated[str | None, Header(alias="range")] = None,
) -> StreamingResponse:
    """Download through an expiring link of the local storage backend (what GET /files/{id}/url gives there).

    No token: the signature is the permission. With S3 storage, links point at the S3 server instead.
    """
    storage = service.storage
    if not isinstance(storage, LocalStorage) or not storage.signature_valid(key, expires, signature):
        raise FileServiceError(403, "the link is invalid or has expired")
    return _streamed(service.download_key(key, range_header))


@router.get(
    "/{file_id}",
    response_model=FileInfo,
    responses=_errors(*_AUTH_ERRORS, 404, *_STORAGE_ERRORS),
    openapi_extra=_SECURED,
)
def get_file(file_id: FileId, owner: Owner, service: Service) -> FileInfo:
    """Metadata of one of the caller's files."""
    return service.info(owner, file_id)


@router.get(
    "/{file_id}/content",
    response_class=StreamingResponse,
    responses={**_DOWNLOAD_RESPONSES, **_errors(*_AUTH_ERRORS)},
    openapi_extra=_SECURED,
)
def download_file(
    file_id: FileId,
    owner: Owner,
    service: Service,
    range_header: Annotated[str | None, Header(alias="range", description="e.g. bytes=0-1023")] = None,
) -> StreamingResponse:
    """The file's bytes; a `Range: bytes=…` header gets 206 with that part (416 when it is outside the file)."""
    return _streamed(service.download(owner, file_id, range_header))


@router.delete(
    "/{file_id}",
    status_code=204,
    response_class=Response,
    responses=_errors(*_AUTH_ERRORS, 404, *_STORAGE_ERRORS),
    openapi_extra=_SECURED,
)
def delete_file(file_id: FileId, owner: Owner, service: Service) -> Response:
    """Delete one of the caller's files."""
    service.delete(owner, file_id)
    return Response(status_code=204)


@router.get(
    "/{file_id}/url",
    response_model=FileUrl,
    responses=_errors(*_AUTH_ERRORS, 404, *_STORAGE_ERRORS),
    openapi_extra=_SECURED,
)
def file_url(file_id: FileId, owner: Owner, service: Service, request: Request) -> FileUrl:
    """A link that downloads the file without a token for a few minutes (RECEIPT_FILES_URL_EXPIRY_S)."""
    link = service.url(owner, file_id)
    if link.url.startswith("/"):  # the local backend's links are paths on this service
        link = link.model_copy(update={"url": str(request.base_url).rstrip("/") + link.url})
    return link


def content_disposition(name: str) -> str:
    """attachment with the name twice: ASCII for old clients, RFC 5987 UTF-8 for the rest."""
    fallback = "".join(ch if " " <= ch < "\x7f" and ch not in '"\\' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _streamed(download: Download) -> StreamingResponse:
    info, byte_range = download.info, download.byte_range
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(byte_range.length if byte_range else info.size),
        "Content-Disposition": content_disposition(info.name),
        "ETag": f'"{info.sha256}"',
        "X-Content-Type-Options": "nosniff",
    }
    if byte_range is not None:
        headers["Content-Range"] = content_range(byte_range, info.size)
    return StreamingResponse(
        read_ahead(download.body), status_code=206 if byte_range else 200, media_type=info.content_type, headers=headers
    )
