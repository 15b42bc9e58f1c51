"""The receipt flow: upload → preprocessing preview → original stored → reading by the module API → processed image
and result stored → details to confirm, export and pay by QR; and the history that reopens them.

Each step that can fail (the file, the file service, the module API) answers a fragment with a message and a retry
button; the photo is never lost: before it is stored it stays in the page's file input (retry re-sends the form),
after that it is in the file service (retry reads it from there).
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from app.web.clients import ServiceError, StoredFile
from app.web.i18n import request_language
from app.web.limits import FORM_OVERHEAD_BYTES, BodyTooLarge
from app.web.receipt.checks import field_checks, invalid_fields
from app.web.receipt.history import PROCESSED_SUFFIX, SummaryMemory, history_entries, pair_files
from app.web.receipt.payment import (
    FIELDS,
    GOST_OPTIONAL,
    GOST_REQUIRED,
    IncompleteForQr,
    clean_details,
    details_csv,
    details_json,
    export_file_name,
    fiscal_fields,
    gost_payload,
    payment_qr_png,
    payment_qr_svg,
    qr_file_name,
)
from app.web.receipt.preview import (
    PREVIEW_PX,
    THUMBNAIL_PX,
    DocumentError,
    Preview,
    displayable_jpeg,
    make_preview,
    processed_png,
    read_record,
    with_record,
)
from app.web.session import Login
from app.web.state import CsrfChecked, MaybeSignedIn, Member, NoAccess, SignInRequired, is_htmx, render, web_state

LOG = logging.getLogger(__name__)
SUMMARIES = SummaryMemory()
"""Summaries of stored results for the history, by file id (a stored file never changes)."""
RECORD_VERSION = 1

router = APIRouter(tags=["receipts"])


@dataclass(frozen=True)
class Problem:
    """What went wrong, for the page: ``kind`` picks the translated message, ``detail`` is the service's words."""

    kind: str
    detail: str = ""
    retry: Literal["upload", "extract", None] = None


@dataclass(frozen=True)
class ImagesView:
    """Before and after images (data URIs from a fresh preview, or links to the stored files) and the steps."""

    before: str | None
    after: str | None
    steps: list[dict[str, Any]]
    size: str = ""

    @property
    def total_ms(self) -> float:
        return round(sum(float(step["ms"]) for step in self.steps), 1)

    @classmethod
    def from_preview(cls, preview: Preview) -> "ImagesView":
        steps = [asdict(step) for step in preview.steps]
        return cls(preview.before, preview.after, steps, f"{preview.width}×{preview.height}")


BROWSER_IMAGES = frozenset({"image/jpeg", "image/png", "image/webp"})
"""What every browser shows as it is; other stored types are drawn as JPEG first."""


def processed_name(original_id: str) -> str:
    return original_id + PROCESSED_SUFFIX


def _status(problem_kind: str) -> int:
    return {
        "not_an_image": 422,
        "no_photo": 422,
        "too_large": 413,
        "not_found": 404,
        "rejected": 400,
        "model_down": 503,
        "storage_down": 503,
    }.get(problem_kind, 500)


def _problem(error: ServiceError, retry: Literal["upload", "extract", None]) -> Problem:
    if error.kind == "signed_out":
        raise SignInRequired from error
    return Problem(error.kind, error.detail, retry)


def _model_for(request: Request, login: Login, wanted: object) -> str:
    choices = web_state(request).models_for(login.principal)
    if not choices:
        raise NoAccess(login)
    names = [choice.name for choice in choices]
    return wanted if isinstance(wanted, str) and wanted in names else names[0]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, login: MaybeSignedIn) -> HTMLResponse:
    """The upload page for members; a sign-in page for visitors."""
    if login is None:
        return render(request, "landing.html")
    models = web_state(request).models_for(login.principal)
    if not models:
        raise NoAccess(login)
    return render(request, "index.html", {"models": models, "max_bytes": web_state(request).settings.files_max_bytes})


@router.post("/receipts", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def upload_receipt(request: Request, login: Member) -> HTMLResponse:
    """A photo (form field ``photo``): preprocess it for the preview and store it; the reading follows (extract)."""
    state = web_state(request)
    limit = state.settings.files_max_bytes
    length = request.headers.get("content-length", "")
    if length.isdecimal() and int(length) > limit + FORM_OVERHEAD_BYTES:
        return _receipt_problem(request, Problem("too_large", retry="upload"))
    try:
        form = await request.form(max_files=1, max_fields=10)
    except BodyTooLarge:  # no Content-Length (chunked): counted as it came
        return _receipt_problem(request, Problem("too_large", retry="upload"))
    photo, model = form.get("photo"), _model_for(request, login, form.get("model"))
    if not isinstance(photo, UploadFile) or not photo.filename:
        return _receipt_problem(request, Problem("no_photo", retry="upload"))
    data = await photo.read()
    if len(data) > limit:
        return _receipt_problem(request, Problem("too_large", retry="upload"))
    try:
        preview = await anyio.to_thread.run_sync(make_preview, data, limit)
    except DocumentError as error:
        return _receipt_problem(request, Problem("not_an_image", str(error), retry="upload"))
    images = ImagesView.from_preview(preview)
    try:
        stored = await anyio.to_thread.run_sync(
            state.files.upload, login.access_token, photo.filename, data, photo.content_type or "image/jpeg"
        )
    except ServiceError as error:
        problem = _problem(error, "upload")
        return _receipt_problem(request, problem, images=images)
    context = {"images": images, "original": stored, "original_id": stored.id, "model": model}
    # the result has its address from now on: refresh, Back and a shared link reopen it (reading it if need be)
    headers = {"HX-Push-Url": f"/receipts/{stored.id}"}
    return render(request, "receipt.html", context, block="receipt", headers=headers)


def _receipt_problem(request: Request, problem: Problem, images: ImagesView | None = None) -> HTMLResponse:
    context = {"images": images, "problem": problem}
    return render(request, "receipt.html", context, block="receipt", status_code=_status(problem.kind))


@router.post("/receipts/{original_id}/extract", response_class=HTMLResponse, dependencies=[CsrfChecked])
def extract_receipt(
    request: Request, original_id: str, login: Member, model: Annotated[str, Form()] = ""
) -> HTMLResponse:
    """Read a stored photo with the module API, store the processed image with the result, show the details."""
    state = web_state(request)
    token, model = login.access_token, _model_for(request, login, model)
    context: dict[str, Any] = {"original_id": original_id, "model": model}

    def problem(found: Problem) -> HTMLResponse:
        context["problem"] = found
        return render(request, "receipt.html", context, block="outcome", status_code=_status(found.kind))

    try:
        original = state.files.info(token, original_id)
    except ServiceError as error:
        return problem(_problem(error, "extract"))
    try:
        reading = state.runtime.infer(token, model, original.id)
    except ServiceError as error:
        return problem(_problem(error, "extract"))
    try:  # the app's own copy, for the processed image it stores beside the result
        data, _ = state.files.download(token, original_id)
    except ServiceError as error:
        return problem(_problem(error, "extract"))
    try:
        preview = make_preview(data, state.settings.files_max_bytes)
    except DocumentError as error:
        return problem(Problem("not_an_image", str(error)))
    record = {
        "version": RECORD_VERSION,
        "original_id": original.id,
        "original_name": original.name,
        "model": model,
        "read_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "details": reading.details,
        "checks": reading.checks,
        "steps": [asdict(step) for step in preview.steps],
        "size": f"{preview.width}×{preview.height}",
    }
    context |= {"record": record, **details_context(clean_details(reading.details), record)}
    try:
        png = processed_png(preview.processed, record)
        context["processed"] = state.files.upload(token, processed_name(original_id), png, "image/png")
    except ServiceError as error:
        if error.kind == "signed_out":
            raise SignInRequired from error
        context["not_saved"] = Problem(error.kind, error.detail)
    return render(request, "receipt.html", context, block="outcome")


def _find(files: list[StoredFile], original_id: str) -> tuple[StoredFile | None, StoredFile | None]:
    original = next((file for file in files if file.id == original_id), None)
    processed = [file for file in files if file.name == processed_name(original_id)]
    return original, max(processed, key=lambda file: file.created, default=None)


@router.get("/receipts/{original_id}", response_class=HTMLResponse)
def receipt_page(request: Request, original_id: str, login: Member) -> HTMLResponse:
    """A receipt from the history: its images, the steps, and the details as they were read."""
    state = web_state(request)
    token = login.access_token
    try:
        original, processed = _find(state.files.list_all(token), original_id)
        record = read_record(state.files.download(token, processed.id)[0]) if processed else None
    except ServiceError as error:
        return render(request, "receipt.html", {"problem": _problem(error, None)}, status_code=503)
    if original is None:
        return render(request, "receipt.html", {"problem": Problem("not_found")}, status_code=404)
    images = ImagesView(
        before=f"/images/{original.id}",
        after=f"/images/{processed.id}" if processed else None,
        steps=(record or {}).get("steps", []),
        size=(record or {}).get("size", ""),
    )
    context = {
        "images": images,
        "original": original,
        "original_id": original.id,
        "processed": processed,
        "record": record,
        "pending": record is None,
        "model": _model_for(request, login, (record or {}).get("model")),
        **(_record_context(record) if record else {}),
    }
    return render(request, "receipt.html", context)


@router.get("/images/{file_id}")
def stored_image(request: Request, file_id: str, login: Member, thumb: bool = False) -> Response:
    """One of the person's stored images, through the app (same origin, their token). What browsers cannot show —
    HEIC from iPhones, TIFF, a PDF's first page — comes as a JPEG drawn from it; ``thumb`` asks for a small JPEG
    (the history's rows)."""
    state = web_state(request)
    try:
        data, content_type = state.files.download(login.access_token, file_id)
    except ServiceError as error:
        if error.kind == "signed_out":
            raise SignInRequired from error
        return Response(status_code=404 if error.kind == "not_found" else 503)
    if thumb or content_type not in BROWSER_IMAGES:
        px = THUMBNAIL_PX if thumb else PREVIEW_PX
        try:
            data, content_type = displayable_jpeg(data, state.settings.files_max_bytes, px), "image/jpeg"
        except DocumentError:
            return Response(status_code=415)
    headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
    return Response(data, media_type=content_type, headers=headers)


def _record_context(record: dict[str, Any]) -> dict[str, Any]:
    """The details card of a stored result: what the person confirmed, else what was read."""
    return details_context(clean_details(record.get("confirmed") or record.get("details") or {}), record)


def details_context(details: dict[str, str | None], record: dict[str, Any] | None) -> dict[str, Any]:
    """What the details card, the badges and the QR card show for ``details``: the values, each field's check
    (the module's, or the rules' again for an edit), and the QR (or why there is none)."""
    checks = field_checks(details, record, details.get("document_type"))
    return {"values": details, "checks": checks, **qr_context(details, checks)}


def qr_context(details: dict[str, str | None], checks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``qr_svg`` when the details make a GOST payment QR; else why not: ``qr_missing`` (labels to fill in),
    ``qr_invalid`` (labels of fields it would carry that fail their check), or ``fiscal`` for a paid cash receipt."""
    labels = {field.name: field.ru for field in FIELDS}
    if details.get("document_type") == "cash_receipt":
        return {"cash_receipt": True, "fiscal": fiscal_fields(details)}
    carried = {field for _, field in (*GOST_REQUIRED, *GOST_OPTIONAL)} | {"amount"}
    wrong = [labels[field] for field in invalid_fields(checks) if field in carried]
    if wrong:
        return {"qr_invalid": wrong}
    try:
        return {"qr_svg": payment_qr_svg(gost_payload(details), title="ST00012"), "qr_name": qr_file_name(details)}
    except IncompleteForQr as incomplete:
        return {"qr_missing": [labels[name] for name in incomplete.missing]}
    except ValueError:  # an amount that is not one
        return {"qr_missing": [labels["amount"]]}


@router.post("/receipts/{original_id}/qr", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def payment_qr(request: Request, original_id: str, login: Member) -> HTMLResponse:
    """The details as they stand in the form (edits included) checked again: the QR, and each field's badge and the
    summary out of band."""
    form = await request.form()
    record = await _stored_record(request, login, form.get("processed_id"))
    context = {"original_id": original_id, "live": True, **details_context(clean_details(form), record)}
    return render(request, "receipt.html", context, block="qr")


@router.post("/receipts/{original_id}/qr.png", dependencies=[CsrfChecked])
async def payment_qr_download(request: Request, original_id: str, login: Member) -> Response:
    """The payment QR of the form's details as a PNG download; 422 with the reason while it cannot be made."""
    form = await request.form()
    details = clean_details(form)
    record = await _stored_record(request, login, form.get("processed_id"))
    found = qr_context(details, field_checks(details, record, details.get("document_type")))
    if "qr_svg" not in found:
        reason = found.get("qr_invalid") or found.get("qr_missing") or ["cash receipt"]
        return Response(f"no payment QR: check {', '.join(reason)}", status_code=422, media_type="text/plain")
    name = qr_file_name(details)
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(payment_qr_png(gost_payload(details)), media_type="image/png", headers=disposition)


@router.post("/receipts/{original_id}/confirm", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def confirm_details(request: Request, original_id: str, login: Member) -> HTMLResponse:
    """Keep the details as the person confirmed them: the stored result gets them beside the reading, so the history
    reopens what they confirmed. The processed PNG is replaced (new file first, then the old one removed)."""
    state = web_state(request)
    form = await request.form()
    old_id = form.get("processed_id")
    context: dict[str, Any] = {"original_id": original_id}
    if not isinstance(old_id, str) or not old_id:
        context["save_problem"] = "storage_down"
        return render(request, "receipt.html", context, block="saved", status_code=409)
    token = login.access_token
    try:
        png, _ = await anyio.to_thread.run_sync(state.files.download, token, old_id)
        record = read_record(png)
        if record is None:
            raise ServiceError("not_found", f"file {old_id} carries no result")
        record |= {"confirmed": clean_details(form), "confirmed_at": datetime.now(UTC).isoformat(timespec="seconds")}
        updated = await anyio.to_thread.run_sync(with_record, png, record)
        stored = await anyio.to_thread.run_sync(
            state.files.upload, token, processed_name(original_id), updated, "image/png"
        )
    except ServiceError as error:
        problem = _problem(error, None)
        context["save_problem"] = problem.kind
        return render(request, "receipt.html", context, block="saved", status_code=_status(problem.kind))
    try:
        await anyio.to_thread.run_sync(state.files.delete, token, old_id)
    except ServiceError as error:  # the newer file wins in the history anyway
        LOG.warning("could not remove the superseded result %s: %s", old_id, error.detail)
    context |= {"processed": stored, "saved_at": record["confirmed_at"]}
    return render(request, "receipt.html", context, block="saved")


@router.post("/receipts/{original_id}/details.{fmt}", dependencies=[CsrfChecked])
async def download_details(request: Request, original_id: str, fmt: Literal["json", "csv"], login: Member) -> Response:
    """The details as confirmed in the form, as a JSON or CSV download."""
    form = await request.form()
    details = clean_details(form)
    disposition = {"Content-Disposition": f'attachment; filename="{export_file_name(details, fmt)}"'}
    if fmt == "csv":
        text = details_csv(details, request_language(request))
        return Response(text, media_type="text/csv; charset=utf-8", headers=disposition)
    record = await _stored_record(request, login, form.get("processed_id"))
    checks = field_checks(details, record, details.get("document_type"))
    return Response(details_json(details, checks), media_type="application/json", headers=disposition)


async def _stored_record(request: Request, login: Login, processed_id: object) -> dict[str, Any] | None:
    """The reading as stored (never from the form: the browser could rewrite it), to tell edits from the reading."""
    if not isinstance(processed_id, str) or not processed_id:
        return None
    state = web_state(request)
    try:
        png, _ = await anyio.to_thread.run_sync(state.files.download, login.access_token, processed_id)
    except ServiceError:
        return None
    return read_record(png)


HISTORY_ROWS = 50
"""Rows a history page shows at first: each row's summary is one file read the first time it is shown."""
SEARCH_DEPTH = 500
"""How many of the newest receipts a search reads through."""


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request, login: Member, q: str = "", limit: Annotated[int, Query(ge=1, le=SEARCH_DEPTH)] = HISTORY_ROWS
) -> HTMLResponse:
    """The person's receipts, newest first: recipient, amount, date and status of each, ``limit`` of them; ``q``
    keeps those whose name, date or details hold every word of it (the search box asks for the rows only)."""
    state = web_state(request)
    token = login.access_token
    try:
        pairs = pair_files(state.files.list_all(token))
    except ServiceError as error:
        return render(request, "history.html", {"problem": _problem(error, None)}, status_code=503)
    query = q.strip()[:200]
    searched = pairs[:SEARCH_DEPTH] if query else pairs[:limit]
    entries = history_entries(searched, lambda file_id: state.files.download(token, file_id)[0], SUMMARIES)
    shown = [entry for entry in entries if entry.matches(query)][:limit] if query else entries
    more = limit * 2 if not query and len(pairs) > limit else None
    context = {"entries": shown, "query": query, "total": len(pairs), "more": more}
    return render(request, "history.html", context, block="rows")


@router.post("/receipts/{original_id}/delete", dependencies=[CsrfChecked])
def delete_receipt(request: Request, original_id: str, login: Member) -> Response:
    """Remove a receipt: its processed images, then the photo. Only the person's own: the file service lists and
    deletes under their token, so another person's id is simply not found (404)."""
    state = web_state(request)
    token = login.access_token
    try:
        files = state.files.list_all(token)
        if not any(file.id == original_id and not file.name.endswith(PROCESSED_SUFFIX) for file in files):
            return Response("no such receipt among yours", status_code=404, media_type="text/plain")
        for file in files:
            if file.name == processed_name(original_id):
                state.files.delete(token, file.id)
        state.files.delete(token, original_id)
    except ServiceError as error:
        problem = _problem(error, None)
        return Response(problem.detail or problem.kind, status_code=_status(problem.kind), media_type="text/plain")
    if is_htmx(request):
        return Response(status_code=200)  # the row swaps itself out
    return RedirectResponse("/history", status_code=303)
