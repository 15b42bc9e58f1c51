"""What the person takes away from a receipt's details as they stand in the form (edits included): the payment QR
(checked again, as a fragment or a PNG download) and the details as JSON or CSV."""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.web.i18n import request_language
from app.web.receipt.checks import field_checks
from app.web.receipt.payment import (
    clean_details,
    details_csv,
    details_json,
    export_file_name,
    gost_payload,
    payment_qr_png,
    qr_file_name,
)
from app.web.receipt.result import details_context, qr_context, stored_record
from app.web.state import CsrfChecked, Member, render

router = APIRouter(tags=["receipts"])


@router.post("/receipts/{original_id}/qr", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def payment_qr(request: Request, original_id: str, login: Member) -> HTMLResponse:
    """The details as they stand in the form (edits included) checked again: the QR, and each field's badge and the
    summary out of band."""
    form = await request.form()
    record = await stored_record(request, login, form.get("processed_id"))
    context = {"original_id": original_id, "live": True, **details_context(clean_details(form), record)}
    return render(request, "receipt.html", context, block="qr")


@router.post("/receipts/{original_id}/qr.png", dependencies=[CsrfChecked])
async def payment_qr_download(request: Request, original_id: str, login: Member) -> Response:
    """The payment QR of the form's details as a PNG download; 422 with the reason while it cannot be made."""
    form = await request.form()
    details = clean_details(form)
    record = await stored_record(request, login, form.get("processed_id"))
    found = qr_context(details, field_checks(details, record, details.get("document_type")))
    if "qr_svg" not in found:
        reason = found.get("qr_invalid") or found.get("qr_missing") or ["cash receipt"]
        return Response(f"no payment QR: check {', '.join(reason)}", status_code=422, media_type="text/plain")
    name = qr_file_name(details)
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(payment_qr_png(gost_payload(details)), media_type="image/png", headers=disposition)


@router.post("/receipts/{original_id}/details.{fmt}", dependencies=[CsrfChecked])
async def download_details(request: Request, original_id: str, fmt: Literal["json", "csv"], login: Member) -> Response:
    """The details as confirmed in the form, as a JSON or CSV download."""
    form = await request.form()
    details = clean_details(form)
    disposition = {"Content-Disposition": f'attachment; filename="{export_file_name(details, fmt)}"'}
    if fmt == "csv":
        text = details_csv(details, request_language(request))
        return Response(text, media_type="text/csv; charset=utf-8", headers=disposition)
    record = await stored_record(request, login, form.get("processed_id"))
    checks = field_checks(details, record, details.get("document_type"))
    return Response(details_json(details, checks), media_type="application/json", headers=disposition)
