"""What a receipt's page shows, assembled from the reading, the stored result and the form: the problem to report,
the before/after images, the details card with each field's check, and the payment QR (or why there is none).

Plain functions over the page's data; the routes (``routes/``) fetch and store, this module decides what to show.
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import anyio.to_thread
from fastapi import Request

from app.web.clients import Reading, ServiceError, StoredFile
from app.web.receipt.checks import field_checks, invalid_fields
from app.web.receipt.history import PROCESSED_SUFFIX
from app.web.receipt.payment import (
    FIELDS,
    GOST_OPTIONAL,
    GOST_REQUIRED,
    IncompleteForQr,
    clean_details,
    fiscal_fields,
    gost_payload,
    payment_qr_svg,
    qr_file_name,
)
from app.web.receipt.preview import Preview, read_record, with_record
from app.web.session import Login
from app.web.state import SignInRequired, web_state
from model.quality import UnreadReason

LOG = logging.getLogger(__name__)
RECORD_VERSION = 1
"""The version of the result stored in a processed PNG (``preview.processed_png``)."""
BROWSER_IMAGES = frozenset({"image/jpeg", "image/png", "image/webp"})
"""What every browser shows as it is; other stored types are drawn as JPEG first."""


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


def processed_name(original_id: str) -> str:
    return original_id + PROCESSED_SUFFIX


def status_for(problem_kind: str) -> int:
    """The HTTP status of a page or fragment that reports ``problem_kind``."""
    return {
        "not_an_image": 422,
        "no_photo": 422,
        "too_large": 413,
        "not_found": 404,
        "no_such_field": 404,
        "rejected": 400,
        "not_to_check": 409,
        "model_down": 503,
        "storage_down": 503,
        "busy": 503,
    }.get(problem_kind, 500)


def problem_of(error: ServiceError, retry: Literal["upload", "extract", None]) -> Problem:
    """A service's refusal as the page's problem; an ended login goes to the sign-in instead."""
    if error.kind == "signed_out":
        raise SignInRequired from error
    return Problem(error.kind, error.detail, retry)


def new_record(original: StoredFile, model: str, reading: Reading, preview: Preview) -> dict[str, Any]:
    """The result stored beside the processed image: what was read, by which model, from which photo, and when."""
    return {
        "version": RECORD_VERSION,
        "original_id": original.id,
        "original_name": original.name,
        "model": model,
        "read_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "details": reading.details,
        "checks": reading.checks,
        "quality": reading.quality,
        "steps": [asdict(step) for step in preview.steps],
        "size": f"{preview.width}×{preview.height}",
    }


def find_pair(files: list[StoredFile], original_id: str) -> tuple[StoredFile | None, StoredFile | None]:
    """The original ``original_id`` among the person's files, and its newest processed image."""
    original = next((file for file in files if file.id == original_id), None)
    processed = [file for file in files if file.name == processed_name(original_id)]
    return original, max(processed, key=lambda file: file.created, default=None)


def record_context(record: dict[str, Any]) -> dict[str, Any]:
    """The details card of a stored result: what the person confirmed, else what was read."""
    return details_context(clean_details(record.get("confirmed") or record.get("details") or {}), record)


def details_context(details: dict[str, str | None], record: dict[str, Any] | None) -> dict[str, Any]:
    """What the details card, the badges and the QR card show for ``details``: the values, each field's check
    (the module's, or the rules' again for an edit), where on the photo each was read, whether to ask for another
    photo, why nothing was read (``unread_reason``), and the QR (or why there is none)."""
    checks = field_checks(details, record, details.get("document_type"))
    where = {
        "boxes": evidence_boxes(record),
        "retake": asks_for_retake(record),
        "nothing_read": unread_reason(details, record),
    }
    return {"values": details, "checks": checks, **where, **qr_context(details, checks)}


def evidence_boxes(record: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Each field's box as the module reported it: the page it was read on (1 for the first) and x, y, w, h in
    fractions of that page as displayed, for the overlay that shows where a focused field was read; an edit keeps
    the place it was read."""
    boxes: dict[str, dict[str, Any]] = {}
    for field, check in ((record or {}).get("checks") or {}).items():
        box = check.get("box") if isinstance(check, dict) else None
        if not isinstance(box, dict):
            continue
        try:
            page = int(box.get("page", 1))
            place = {key: min(1.0, max(0.0, float(box[key]))) for key in ("x", "y", "w", "h")}
        except (KeyError, TypeError, ValueError):
            continue
        if page >= 1:
            boxes[field] = {"page": page, **place}
    return boxes


def asks_for_retake(record: dict[str, Any] | None) -> bool:
    """The module judged the reading too poor to rely on (``quality.retake``): the page asks for another photo."""
    quality = (record or {}).get("quality")
    return isinstance(quality, dict) and quality.get("retake") is True


def unread_reason(details: dict[str, str | None], record: dict[str, Any] | None) -> str | None:
    """Why the module read nothing (``quality.unread_reason``: a statement, the time budget, no payment details
    on the page), while the form is still empty: once the person types a value, the page is theirs to fill in. None
    for ``retake``, which the request for another photo already says."""
    quality = (record or {}).get("quality")
    reason = quality.get("unread_reason") if isinstance(quality, dict) else None
    if not isinstance(reason, str) or reason == UnreadReason.RETAKE:
        return None
    return None if any(value for name, value in details.items() if name != "document_type") else reason


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


async def stored_record(request: Request, login: Login, processed_id: object) -> dict[str, Any] | None:
    """The reading as stored (never from the form: the browser could rewrite it), to tell edits from the reading."""
    if not isinstance(processed_id, str) or not processed_id:
        return None
    state = web_state(request)
    try:
        png, _ = await anyio.to_thread.run_sync(state.files.download, login.access_token, processed_id)
    except ServiceError:
        return None
    return read_record(png)


async def replace_record(
    request: Request,
    login: Login,
    original_id: str,
    old_id: str,
    update: Callable[[dict[str, Any]], dict[str, Any]],
) -> tuple[StoredFile, dict[str, Any]]:
    """Store ``update`` of the result in processed file ``old_id`` (the person's own: the file service reads it
    under their token) as a new file, then remove the old one; ServiceError when it cannot (``not_found`` for a
    file that is not a result of ``original_id``)."""
    state = web_state(request)
    token = login.access_token
    png, _ = await anyio.to_thread.run_sync(state.files.download, token, old_id)
    record = read_record(png)
    if record is None or record.get("original_id", original_id) != original_id:
        raise ServiceError("not_found", f"file {old_id} carries no result of receipt {original_id}")
    record = update(record)
    updated = await anyio.to_thread.run_sync(with_record, png, record)
    stored = await anyio.to_thread.run_sync(
        state.files.upload, token, processed_name(original_id), updated, "image/png"
    )
    try:
        await anyio.to_thread.run_sync(state.files.delete, token, old_id)
    except ServiceError as error:  # the newer file wins in the history anyway
        LOG.warning("could not remove the superseded result %s: %s", old_id, error.detail)
    return stored, record


def confirmed_at() -> str:
    """When the person saved: the stored result's ``confirmed_at`` and a person's check's ``at``."""
    return datetime.now(UTC).isoformat(timespec="seconds")
